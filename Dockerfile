# Marketing Plan Studio as a container image: the README's install (a venv, requirements.txt) on a slim Python.
# Build: docker build -t marketing-plan-studio .    Hosting guide: docs/hosting.md
FROM python:3.11-slim

# No .pyc files written next to the root-owned code at run time; log lines reach `docker logs` at once; pip
# neither checks for its own updates nor keeps a download cache in the image.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

# Relative paths in the settings (var/audit.db, var/sandbox.db) and .streamlit/ are resolved from here.
WORKDIR /app

# The user the app runs as: not root, with a home folder (Streamlit looks for ~/.streamlit).
RUN useradd --uid 10001 --user-group --create-home --shell /usr/sbin/nologin studio

# requirements.txt alone first, so a change to the code does not reinstall every package.
COPY requirements.txt ./

# The same install as scripts/setup.sh: a venv at /app/.venv, then requirements.txt into it.
RUN python -m venv /app/.venv \
    && /app/.venv/bin/python -m pip install -r requirements.txt

# The code (.dockerignore keeps out .venv, var/, tests, caches and .streamlit/secrets.toml).
COPY . .

# var/ is the only folder the app writes to (the SQLite records when no database URL is set, the sandbox's state).
# The code stays owned by root, read-only for the app.
RUN mkdir -p /app/var && chown studio:studio /app/var

USER studio

# Streamlit's port (HTTP and the WebSocket on the same port).
EXPOSE 8501

# The server answers "ok" here once it runs; slim images have no curl, so Python's urllib asks.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["/app/.venv/bin/python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]

# Listen on every interface of the container (the default would be unreachable from outside it). headless,
# fileWatcherType and gatherUsageStats repeat .streamlit/config.toml (the same values), so the image behaves the same
# if that file changes; XSRF protection and CORS are left at Streamlit's default (on).
CMD ["/app/.venv/bin/python", "-m", "streamlit", "run", "app.py", \
     "--server.address", "0.0.0.0", \
     "--server.port", "8501", \
     "--server.headless", "true", \
     "--browser.gatherUsageStats", "false", \
     "--server.fileWatcherType", "none"]
