"""The documented sample flows as plain functions over models and a client, one module per concern (no Streamlit)."""
