#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 for the storage tests, with a
# database `test` that the `postgres` user reaches without a password (trust auth).
# Starts the local cluster when none answers; installs PostgreSQL first on a bare machine.
set -euo pipefail

answers() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "安装 PostgreSQL…"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

if ! answers; then
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    conf=/etc/postgresql/$version/main
    # Trust local TCP connections (a throwaway test server) and listen on loopback.
    if ! grep -q "jixiao-test" "$conf/pg_hba.conf"; then
        sed -i '1i host all all 127.0.0.1/32 trust # jixiao-test\nhost all all ::1/128 trust # jixiao-test\nlocal all all trust # jixiao-test' "$conf/pg_hba.conf"
    fi
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 30); do answers && break; sleep 1; done
fi
answers || { echo "错误：PostgreSQL 未能在 127.0.0.1:5432 启动" >&2; exit 1; }

if ! psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1; then
    psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE test" >/dev/null
fi
