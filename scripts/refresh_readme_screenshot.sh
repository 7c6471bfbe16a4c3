#!/usr/bin/env bash
# Refresh the README's picture (docs/screenshot-plan.png): run the Plan view's screenshot test, which writes
# artifacts/screenshots/plan.png, and copy that shot into docs/. Needs the dev requirements (bash scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -f artifacts/screenshots/plan.png
.venv/bin/python -m pytest -q tests/e2e/test_screenshots.py::test_plan_view
cp artifacts/screenshots/plan.png docs/screenshot-plan.png
echo "docs/screenshot-plan.png refreshed; review it and commit it if it shows what it should."
