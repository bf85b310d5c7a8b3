#!/usr/bin/env bash
# A throwaway PostgreSQL for the integration tests, on 127.0.0.1 only.
#
#   .ci/postgres.sh        installs PostgreSQL if missing (Debian), creates and starts a cluster in a temp
#                          folder (or reuses the one already running there), and prints the Npgsql connection
#                          string on stdout (everything else goes to stderr):
#                              export CURTAILMENT_TEST_POSTGRES="$(.ci/postgres.sh)"
#   .ci/postgres.sh stop   stops that cluster.
#
# Idempotent: running it again reuses the running cluster. As root, the server runs as the 'postgres' user
# (PostgreSQL refuses to run as root). The cluster trades durability for speed (fsync off): it holds test
# databases only, and is thrown away with the machine.
set -euo pipefail

PORT="${CURTAILMENT_PG_PORT:-55432}"
DIR="${CURTAILMENT_PG_DIR:-${TMPDIR:-/tmp}/curtailment-pg-${PORT}}"
DB_USER="${CURTAILMENT_PG_USER:-curtailment}"
DB_PASSWORD="${CURTAILMENT_PG_PASSWORD:-curtailment-ci-secret}"
DB_NAME="${CURTAILMENT_PG_DATABASE:-curtailment}"

log() { echo "postgres.sh: $*" >&2; }

find_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  echo ""
}

BIN=$(find_bin)
if [ -z "$BIN" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    log "PostgreSQL server binaries not found and not root: install the 'postgresql' package first."
    exit 1
  fi
  log "installing PostgreSQL from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y --no-install-recommends postgresql >&2
  BIN=$(find_bin)
  [ -n "$BIN" ] || { log "PostgreSQL installed but initdb was not found"; exit 1; }
fi

# PostgreSQL will not run as root: run the server (and initdb) as 'postgres' then.
if [ "$(id -u)" -eq 0 ]; then
  getent passwd postgres >/dev/null || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  as_server() { runuser -u postgres -- "$@"; }
else
  as_server() { "$@"; }
fi

DATA="$DIR/data"
SOCKET="$DIR"
PG_CTL="$BIN/pg_ctl"

if [ "${1:-}" = "stop" ]; then
  if [ -f "$DATA/postmaster.pid" ]; then as_server "$PG_CTL" -D "$DATA" -m fast -w stop >&2; fi
  exit 0
fi

admin_psql() { as_server "$BIN/psql" -h "$SOCKET" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

if ! as_server "$BIN/pg_isready" -q -h "$SOCKET" -p "$PORT"; then
  if [ ! -f "$DATA/PG_VERSION" ]; then
    log "creating a cluster in $DATA"
    mkdir -p "$DIR"
    rm -rf "$DATA"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$DIR"; fi
    chmod 700 "$DIR"
    # Local (socket) connections are trusted for administration; TCP needs the password.
    as_server "$BIN/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
    # In postgresql.conf, not on the command line, so that a benchmark can turn durability back on with
    # ALTER SYSTEM SET fsync = on; SELECT pg_reload_conf(); (command-line settings would win).
    printf '%s\n' "fsync = off" "synchronous_commit = off" "full_page_writes = off" "max_connections = 200" >>"$DATA/postgresql.conf"
  fi
  log "starting PostgreSQL on 127.0.0.1:$PORT"
  as_server "$PG_CTL" -D "$DATA" -l "$DIR/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$SOCKET" >&2 \
    || { cat "$DIR/server.log" >&2; exit 1; }
fi

# The test user may create databases: each test class works in its own and drops it.
escaped_password=${DB_PASSWORD//\'/\'\'}
if [ "$(admin_psql -c "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" != "1" ]; then
  admin_psql -c "CREATE ROLE \"$DB_USER\" LOGIN CREATEDB PASSWORD '$escaped_password'"
else
  admin_psql -c "ALTER ROLE \"$DB_USER\" LOGIN CREATEDB PASSWORD '$escaped_password'"
fi
if [ "$(admin_psql -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != "1" ]; then
  admin_psql -c "CREATE DATABASE \"$DB_NAME\" OWNER \"$DB_USER\""
fi

log "ready: PostgreSQL $(admin_psql -c 'SHOW server_version') at 127.0.0.1:$PORT, database $DB_NAME, user $DB_USER"
echo "Host=127.0.0.1;Port=$PORT;Username=$DB_USER;Password=$DB_PASSWORD;Database=$DB_NAME"
