"""`python -m lib.sandbox --port 8765 --scenario demo --db var/sandbox.db ...`: run the sandbox standalone."""

from __future__ import annotations

import argparse
import socket

import uvicorn

from lib.sandbox.options import FAULT_KINDS, PROGRESSIONS, SCENARIOS, SandboxOptions
from lib.sandbox.server import create_app, uvicorn_config


def parse_args(argv: list[str] | None = None) -> tuple[SandboxOptions, str, int]:
    """Options, host and port from the command line."""
    defaults = SandboxOptions()
    parser = argparse.ArgumentParser(prog="python -m lib.sandbox", description="Wix Marketing Plan API sandbox")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--db", default=defaults.db_path, help="SQLite file (default %(default)s)")
    parser.add_argument("--scenario", choices=SCENARIOS, default=defaults.scenario)
    parser.add_argument("--generation-seconds", type=float, default=defaults.generation_seconds)
    parser.add_argument("--post-seconds", type=float, default=defaults.post_seconds)
    parser.add_argument(
        "--progression",
        default=defaults.progression,
        help=f"{' | '.join(PROGRESSIONS)}: jobs finish after the seconds above, on the read that shows their result, "
        "or on POST /_sandbox/sites/<site>/complete-jobs (default %(default)s)",
    )
    parser.add_argument(
        "--near-term", default=defaults.near_term, help="end-of-next-week | end-of-this-week | <N>d | all | none"
    )
    parser.add_argument("--large-activities", type=int, default=defaults.large_activities)
    parser.add_argument("--large-items", type=int, default=defaults.large_items)
    parser.add_argument("--large-events", type=int, default=defaults.large_events)
    parser.add_argument("--fault-rate", type=float, default=defaults.fault_rate)
    parser.add_argument(
        "--fault-kinds",
        default=",".join(defaults.fault_kinds),
        help=f"comma-separated subset of {','.join(FAULT_KINDS)}",
    )
    parser.add_argument("--slow-seconds", type=float, default=defaults.slow_seconds)
    parser.add_argument("--retry-after-seconds", type=float, default=defaults.retry_after_seconds)
    parser.add_argument("--fault-seed", type=int, default=defaults.fault_seed)
    parser.add_argument(
        "--forbidden-key", action="append", default=[], help="Authorization value answered 403 (repeatable)"
    )
    args = parser.parse_args(argv)
    try:
        options = SandboxOptions(
            db_path=args.db,
            scenario=args.scenario,
            generation_seconds=args.generation_seconds,
            post_seconds=args.post_seconds,
            progression=args.progression,
            near_term=args.near_term,
            large_activities=args.large_activities,
            large_items=args.large_items,
            large_events=args.large_events,
            fault_rate=args.fault_rate,
            fault_kinds=tuple(kind for kind in args.fault_kinds.split(",") if kind),
            slow_seconds=args.slow_seconds,
            retry_after_seconds=args.retry_after_seconds,
            fault_seed=args.fault_seed,
            forbidden_keys=frozenset(args.forbidden_key),
        )
    except ValueError as error:
        parser.error(str(error))
    return options, args.host, args.port


def main(argv: list[str] | None = None) -> None:
    """Serve until interrupted."""
    options, host, port = parse_args(argv)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    bound_port = sock.getsockname()[1]
    app = create_app(options)
    print(
        f"Wix Marketing Plan sandbox ({options.scenario}) on http://{host}:{bound_port}  db={options.db_path}",
        flush=True,
    )
    try:
        uvicorn.Server(uvicorn_config(app, host, bound_port)).run(sockets=[sock])
    finally:
        app.state.sandbox.close()


if __name__ == "__main__":
    main()
