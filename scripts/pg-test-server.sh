#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 for the storage tests, with a
# database `test` that the `postgres` user reaches without a password (trust auth).
# Starts the local cluster when none answers; installs PostgreSQL first on a bare machine;
# on a fresh install (password auth by default) adds trust for loopback connections.
set -euo pipefail

answers() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
trusted() { psql -h 127.0.0.1 -U postgres -d postgres -w -tAc "SELECT 1" >/dev/null 2>&1; }
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "安装 PostgreSQL…"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

version=$(ls /etc/postgresql | sort -V | tail -n 1)
conf=/etc/postgresql/$version/main

# A throwaway test server: trust local and loopback connections (only when not yet so).
allow_trust() {
    if ! grep -q "jixiao-test" "$conf/pg_hba.conf"; then
        $SUDO sed -i '1i host all all 127.0.0.1/32 trust # jixiao-test\nhost all all ::1/128 trust # jixiao-test\nlocal all all trust # jixiao-test' "$conf/pg_hba.conf"
    fi
}

if ! answers; then
    allow_trust
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 30); do answers && break; sleep 1; done
fi
answers || { echo "错误：PostgreSQL 未能在 127.0.0.1:5432 启动" >&2; exit 1; }

if ! trusted; then
    allow_trust
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main reload
    for _ in $(seq 1 10); do trusted && break; sleep 1; done
fi
trusted || { echo "错误：用户 postgres 无法免密码连接 127.0.0.1:5432（请检查 $conf/pg_hba.conf）" >&2; exit 1; }

if ! psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1; then
    psql -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE test" >/dev/null
fi
echo "PostgreSQL 已就绪：postgres://postgres@127.0.0.1:5432/test"

# The storage tests name their databases after their process (`jixiao_import_rev_12345`) and
# leave them for a failed test to be looked at; those of processes that have ended are
# dropped here, so that runs do not pile them up (a running test's own are kept).
psql -h 127.0.0.1 -U postgres -d postgres -w -tAc \
    "SELECT datname FROM pg_database WHERE datname ~ '^jixiao_[a-z0-9_]*_[0-9]+$'" |
while read -r db; do
    pid=${db##*_}
    if [ ! -d "/proc/$pid" ]; then
        psql -h 127.0.0.1 -U postgres -d postgres -w -qc "DROP DATABASE IF EXISTS \"$db\"" >/dev/null 2>&1 || true
    fi
done
