#!/usr/bin/env bash
# Runs the machine's pg_ctl for pytest-postgresql.
# PostgreSQL refuses to run as root. CI and the developer machines run as root,
# so when we are root we hand the throwaway data directory to the "postgres"
# system user and run pg_ctl as that user. As any other user this is a no-op.
set -euo pipefail
real="${RET_DESK_PG_CTL_REAL:?RET_DESK_PG_CTL_REAL is not set}"
if [ "$(id -u)" != "0" ]; then
    exec "$real" "$@"
fi
datadir=""
prev=""
for arg in "$@"; do
    case "$prev" in -D|--pgdata) datadir="$arg" ;; esac
    case "$arg" in --pgdata=*) datadir="${arg#--pgdata=}" ;; esac
    prev="$arg"
done
if [ -n "$datadir" ]; then
    parent="$(dirname "$datadir")"
    mkdir -p "$datadir"
    chown -R postgres: "$parent"
    # Let the postgres user traverse the (root-only) pytest temp folders.
    d="$parent"
    while [ "$d" != "/" ]; do chmod o+x "$d" 2>/dev/null || true; d="$(dirname "$d")"; done
fi
cd /
exec runuser -u postgres -- "$real" "$@"
