#!/usr/bin/env bash
# A private PostgreSQL server for the tests, from Debian's packages (installed if missing), in a folder of its own.
#   scripts/postgres.sh start DIR   initialise DIR (once), start the server on a free loopback port, print its URL
#   scripts/postgres.sh stop DIR    stop it
# As root the server runs as Debian's "postgres" user (PostgreSQL refuses to run as root). The URL's user is a
# superuser of this throwaway cluster (password in DIR/password, checked as over a network), so the tests can make a
# database per test.
set -euo pipefail
action="$1"
dir="$(mkdir -p "$2" && cd "$2" && pwd)"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$bin" ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q postgresql >&2
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$action" in
  start)
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      [ "$(id -u)" = 0 ] && chown postgres "$dir"
      python3 -c 'import secrets; print(secrets.token_hex(16))' >"$dir/password"
      chmod 644 "$dir/password"
      as_owner "$bin/initdb" -D "$dir/data" -U studio --pwfile="$dir/password" --auth-local=trust \
        --auth-host=scram-sha-256 -E UTF8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >&2 || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql://studio:$(cat "$dir/password")@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >&2 || true
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
