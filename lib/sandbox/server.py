"""Run the sandbox: `create_app(options)` and `start_sandbox(options)` (uvicorn in a daemon thread, loopback)."""

from __future__ import annotations

import http.client
import socket
import threading
import time
from dataclasses import dataclass, field

import uvicorn
from starlette.applications import Starlette

from lib.sandbox import gaps
from lib.sandbox.app import create_app
from lib.sandbox.options import FAULT_KINDS, SCENARIOS, SandboxOptions

__all__ = ["FAULT_KINDS", "SCENARIOS", "RunningSandbox", "SandboxOptions", "create_app", "start_sandbox"]

STARTUP_TIMEOUT_SECONDS = 15.0


def uvicorn_config(app: Starlette, host: str, port: int) -> uvicorn.Config:
    """Quiet uvicorn settings (warnings only, no access log)."""
    return uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False, lifespan="off")


@dataclass
class RunningSandbox:
    """A sandbox serving on loopback in a background thread."""

    base_url: str
    port: int
    options: SandboxOptions
    app: Starlette = field(repr=False)
    _server: uvicorn.Server = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    def stop(self) -> None:
        """Stop serving, wait for the thread, close the database."""
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self.app.state.sandbox.close()

    def __enter__(self) -> RunningSandbox:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def start_sandbox(options: SandboxOptions | None = None, host: str = "127.0.0.1", port: int = 0) -> RunningSandbox:
    """Serve the sandbox in a daemon thread (port 0 = a free port) and return once it answers."""
    options = options or SandboxOptions()
    app = create_app(options)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    bound_port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn_config(app, host, bound_port))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="wix-sandbox", daemon=True)
    thread.start()
    base_url = f"http://{host}:{bound_port}"
    running = RunningSandbox(base_url, bound_port, options, app, server, thread)
    _wait_until_up(running, "127.0.0.1" if host in ("0.0.0.0", "") else host)
    return running


def _wait_until_up(running: RunningSandbox, host: str) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while True:
        if not running._thread.is_alive():
            raise RuntimeError("sandbox server thread stopped during startup")
        if _answers(host, running.port):
            return
        if time.monotonic() > deadline:
            running.stop()
            raise RuntimeError(f"sandbox did not answer at {running.base_url}")
        time.sleep(0.02)


def _answers(host: str, port: int) -> bool:
    """Whether the health route answers 200 (plain http.client: no TLS set-up cost)."""
    connection = http.client.HTTPConnection(host, port, timeout=2.0)
    try:
        connection.request("GET", f"{gaps.ADMIN_BASE}/health")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()
