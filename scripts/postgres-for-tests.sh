#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests and benchmarks.
#
#   url=$(scripts/postgres-for-tests.sh start "$dir")   # prints postgres://…@127.0.0.1:PORT/entitywatch
#   scripts/postgres-for-tests.sh stop "$dir"
#
# start: installs the Debian package when the server binaries are missing (needs root and apt),
# makes "$dir" (a fresh temp directory) owned by an unprivileged user (initdb refuses to run as
# root), creates a cluster there listening only on 127.0.0.1 on a free port, starts it and
# prints the URL. Nothing outside "$dir" is touched besides the package install.
# stop: stops the cluster and removes "$dir". PG_DURABLE=1 at start keeps fsync on (benchmarks).
set -euo pipefail

cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

bindir() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$found" ] && [ -x "$found/initdb" ] && echo "$found"
}

# Run as the cluster's owner: root hands over to the unprivileged user, anyone else runs as is.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$owner" -- "$@"; else "$@"; fi
}

owner=$(id -un)
if [ "$(id -u)" = 0 ]; then
  owner=postgres
  id -u "$owner" >/dev/null 2>&1 || owner=nobody
fi

case "$cmd" in
  start)
    bin=$(bindir || true)
    if [ -z "$bin" ]; then
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "installing postgresql (Debian package)…" >&2
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        bin=$(bindir)
        id -u postgres >/dev/null 2>&1 && owner=postgres
      else
        echo "PostgreSQL server binaries not found and cannot install them (not root or no apt-get)" >&2
        exit 1
      fi
    fi
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown "$owner" "$dir"
    # A free port: ask the kernel for one (bound and released at once; the race is harmless here).
    port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
    as_owner "$bin/initdb" -D "$dir/data" -U entitywatch --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # A test cluster needs no durability (fsync off); PG_DURABLE=1 keeps the defaults (benchmarks).
    durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${PG_DURABLE:-}" = 1 ] && durability=""
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir $durability -c max_connections=200" \
      start >&2 || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U entitywatch entitywatch
    echo "postgres://entitywatch@127.0.0.1:$port/entitywatch"
    ;;
  stop)
    bin=$(bindir || true)
    if [ -n "$bin" ] && [ -d "$dir/data" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
