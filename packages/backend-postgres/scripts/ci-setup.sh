#!/usr/bin/env bash
# Makes sure the PostgreSQL server packages/backend-postgres's tests use is up: the machine's
# local cluster (postgres://postgres@127.0.0.1:5432/test, trust auth), started if it is not
# running, installed from Debian's packages only if missing. Skipped when
# WORKMANAGER_TEST_POSTGRES points the tests at another server. Idempotent and quiet.
set -euo pipefail

[ -n "${WORKMANAGER_TEST_POSTGRES:-}" ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  echo "backend-postgres ci-setup: installed postgresql"
fi

ready() { pg_isready -q -h 127.0.0.1 -p 5432; }

if ! ready; then
  version="$(ls /etc/postgresql | sort -V | tail -n 1)"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start
  echo "backend-postgres ci-setup: started PostgreSQL $version"
fi
for _ in $(seq 1 60); do
  ready && break
  sleep 0.5
done
ready || { echo "backend-postgres ci-setup: PostgreSQL did not come up on 127.0.0.1:5432" >&2; exit 1; }

# The tests connect as postgres to database test; create it where a fresh install lacks it.
if ! psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1; then
  psql -h 127.0.0.1 -U postgres -d postgres -qc 'CREATE DATABASE test'
  echo "backend-postgres ci-setup: created database test"
fi
