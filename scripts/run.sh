#!/usr/bin/env bash
# Install and start Marketing Plan Studio (the sandbox unless WIX_API_KEY and WIX_SITE_ID are set).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements.txt
exec .venv/bin/streamlit run app.py "$@"
