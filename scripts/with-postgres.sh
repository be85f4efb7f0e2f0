#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL 15 server: data under a temporary folder,
# listening on a Unix socket only, removed afterwards. Sets DATABASE_URL for the command.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$PGBIN/initdb" ]; then
  echo "PostgreSQL 15 is not installed (apt-get install postgresql-15)." >&2
  exit 1
fi
tmp=$(mktemp -d /tmp/library-pg.XXXXXX)
run_as=()
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root: run the server as the postgres user.
  chown postgres: "$tmp"
  run_as=(runuser -u postgres --)
fi
cleanup() {
  "${run_as[@]}" "$PGBIN/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT
"${run_as[@]}" "$PGBIN/initdb" -D "$tmp/data" -U library --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
"${run_as[@]}" "$PGBIN/pg_ctl" -D "$tmp/data" -w -l "$tmp/server.log" \
  -o "-c listen_addresses='' -k $tmp -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
export DATABASE_URL="postgres://library@/library_test?host=$tmp"
export PGHOST=$tmp PGUSER=library
"$PGBIN/createdb" -h "$tmp" -U library library_test
set +e
"$@"
status=$?
set -e
exit $status
