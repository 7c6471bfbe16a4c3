#!/usr/bin/env bash
# The Dockerfile's recipe without a container daemon: a fresh venv from requirements.txt only, the app started with
# the image's settings (and the given database URL, if any), then its health check and its first page.
#   scripts/check_image_recipe.sh [DATABASE_URL]
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d /tmp/studio-image-recipe.XXXXXX)"
trap 'kill "${app_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.txt
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
env -i PATH="$PATH" HOME="$work" STUDIO_AUDIT_DB="$work/audit.db" STUDIO_SANDBOX_DB="$work/sandbox.db" \
  ${1:+STUDIO_DATABASE_URL="$1"} \
  "$work/venv/bin/python" -m streamlit run app.py --server.address 127.0.0.1 --server.port "$port" \
  --server.headless true --browser.gatherUsageStats false --server.fileWatcherType none >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 120); do
  if [ "$(python3 -c "import urllib.request as u; print(u.urlopen('http://127.0.0.1:$port/_stcore/health', timeout=2).read().decode())" 2>/dev/null)" = ok ]; then
    python3 -c "import urllib.request as u; assert b'<title>' in u.urlopen('http://127.0.0.1:$port/', timeout=5).read()"
    echo "image recipe: a fresh venv from requirements.txt starts the app and answers its health check"
    exit 0
  fi
  if ! kill -0 "$app_pid" 2>/dev/null; then break; fi
  sleep 0.5
done
echo "image recipe: the app did not become healthy; its log:" >&2
cat "$work/app.log" >&2
exit 1
