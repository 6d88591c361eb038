#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on 127.0.0.1 for the PostgreSQL leg of the tests and benchmarks.
#   scripts/pg-test-server.sh start   initdb (first time) and start; prints the admin URL
#   scripts/pg-test-server.sh stop    stop it (the folder stays for the next start)
#   scripts/pg-test-server.sh url     print the URL tests use (OPSDESK_TEST_PG_URL)
# Debian's server binaries live in /usr/lib/postgresql/<version>/bin; as root the cluster runs as
# the postgres user (initdb refuses root). Settings favour test speed: this data is thrown away.
set -euo pipefail
PORT="${OPSDESK_TEST_PG_PORT:-54329}"
DIR="${OPSDESK_TEST_PG_DIR:-/tmp/opsdesk-test-pg}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$BIN" ] && [ -x "$BIN/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install -y postgresql)" >&2; exit 1; }
URL="postgres://postgres@127.0.0.1:${PORT}/postgres"

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    if [ ! -f "$DIR/PG_VERSION" ]; then
      mkdir -p "$DIR"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
      as_owner "$BIN/initdb" -D "$DIR" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_owner "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
      as_owner "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
    fi
    echo "$URL"
    ;;
  stop)
    as_owner "$BIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null 2>&1 || true
    ;;
  url)
    echo "$URL"
    ;;
  *)
    echo "usage: $0 start|stop|url" >&2
    exit 2
    ;;
esac
