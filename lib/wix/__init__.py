"""The Wix Marketing Plan API layer: typed client, models and errors (no Streamlit); import from the submodules."""
