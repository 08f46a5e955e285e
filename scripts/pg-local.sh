#!/usr/bin/env bash
# Throwaway PostgreSQL server on loopback for tests.
#
#   scripts/pg-local.sh [start]   start (or reuse) the server; prints DATABASE_URL=… on stdout
#   scripts/pg-local.sh stop      stop it and delete its data directory
#   scripts/pg-local.sh status    exit 0 when running
#
#   export "$(scripts/pg-local.sh)"   # then: npx jest __tests__/db
#
# Uses Debian's `postgresql` binaries (highest version under /usr/lib/postgresql/*/bin).
# Postgres refuses to run as root, so as root the cluster lives in /tmp and runs as the
# `postgres` user; otherwise it lives under .data/pg-test in the repository.
# Settings favour speed over durability (fsync off) and fast deadlock detection (100 ms):
# never point anything real at it.
set -euo pipefail

PORT="${PG_TEST_PORT:-54329}"
DB_NAME="${PG_TEST_DB:-xiangyue_test}"
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
URL="postgres://postgres@127.0.0.1:${PORT}/${DB_NAME}"

log() { echo "pg-local: $*" >&2; }

BIN_DIR="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [[ -z "${BIN_DIR}" || ! -x "${BIN_DIR}/pg_ctl" ]]; then
  log "no PostgreSQL binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)"
  exit 1
fi

if [[ "$(id -u)" == "0" ]]; then
  DATA_DIR="${PG_TEST_DIR:-/tmp/xiangyue-pg-test-${PORT}}"
  if ! id postgres >/dev/null 2>&1; then
    log "running as root and there is no 'postgres' user to run the server as"
    exit 1
  fi
  # runuser keeps our environment minimal and needs no password; su is the fallback.
  as_pg() {
    if command -v runuser >/dev/null 2>&1; then
      runuser -u postgres -- "$@"
    else
      su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
  }
else
  DATA_DIR="${PG_TEST_DIR:-${REPO_DIR}/.data/pg-test}"
  as_pg() { "$@"; }
fi
PGDATA_DIR="${DATA_DIR}/data"
SOCKET_DIR="${DATA_DIR}/socket"
LOG_FILE="${DATA_DIR}/server.log"

is_running() {
  [[ -f "${PGDATA_DIR}/PG_VERSION" ]] && as_pg "${BIN_DIR}/pg_ctl" -D "${PGDATA_DIR}" status >/dev/null 2>&1
}

start() {
  if ! [[ -f "${PGDATA_DIR}/PG_VERSION" ]]; then
    log "initdb in ${PGDATA_DIR} ($("${BIN_DIR}/postgres" --version))"
    mkdir -p "${DATA_DIR}"
    if [[ "$(id -u)" == "0" ]]; then chown postgres: "${DATA_DIR}"; fi
    as_pg mkdir -p "${SOCKET_DIR}"
    # C collation: string order then matches CloudBase's (byte order), as PGlite's does.
    as_pg "${BIN_DIR}/initdb" -D "${PGDATA_DIR}" -U postgres -A trust \
      --encoding=UTF8 --locale=C >/dev/null
  fi
  if ! is_running; then
    log "starting on 127.0.0.1:${PORT}"
    as_pg "${BIN_DIR}/pg_ctl" -D "${PGDATA_DIR}" -l "${LOG_FILE}" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p ${PORT} -c unix_socket_directories=${SOCKET_DIR} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c deadlock_timeout=100ms" \
      start >/dev/null
  fi
  for _ in $(seq 1 60); do
    if "${BIN_DIR}/pg_isready" -h 127.0.0.1 -p "${PORT}" -q; then break; fi
    sleep 0.5
  done
  "${BIN_DIR}/pg_isready" -h 127.0.0.1 -p "${PORT}" -q || { log "server not ready; see ${LOG_FILE}"; exit 1; }

  local psql=("${BIN_DIR}/psql" -h 127.0.0.1 -p "${PORT}" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
  if [[ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '${DB_NAME}'")" != "1" ]]; then
    "${psql[@]}" -c "CREATE DATABASE ${DB_NAME} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'" >/dev/null
    log "created database ${DB_NAME}"
  fi
  echo "DATABASE_URL=${URL}"
}

stop() {
  if is_running; then
    as_pg "${BIN_DIR}/pg_ctl" -D "${PGDATA_DIR}" -m fast -w stop >/dev/null
    log "stopped"
  fi
  if [[ -d "${DATA_DIR}" ]]; then
    rm -rf "${DATA_DIR}"
    log "removed ${DATA_DIR}"
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) if is_running; then echo "running: ${URL}"; else echo "stopped"; exit 1; fi ;;
  *) log "usage: $0 [start|stop|status]"; exit 2 ;;
esac
