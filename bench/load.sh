#!/usr/bin/env bash
# Load benchmark (not a CI test): fills a database with ≥ 1 M indicator rows from the seed
# documents, starts `jixiao serve` (release build), drives list and detail endpoints from a
# second process with wrk, and prints p50/p99 latency, requests/s and the server's peak RSS.
#
#   bench/load.sh sqlite                 # SQLite file bench/data/bench.db
#   bench/load.sh postgres [URL]         # default postgres://postgres@127.0.0.1:5432/jixiao_bench
#
# Env: INDICATORS (default 1000000), DURATION (default 30s), CONNECTIONS (default 64),
#      THREADS (wrk threads, default 1), ADDR (default 127.0.0.1:18080).
set -euo pipefail
cd "$(dirname "$0")/.."

backend=${1:-sqlite}
indicators=${INDICATORS:-1000000}
duration=${DURATION:-30s}
connections=${CONNECTIONS:-64}
threads=${THREADS:-1}
addr=${ADDR:-127.0.0.1:18080}
mkdir -p bench/data

case "$backend" in
    sqlite) db="sqlite://$PWD/bench/data/bench.db" ;;
    postgres)
        db=${2:-postgres://postgres@127.0.0.1:5432/jixiao_bench}
        base=${db%/*}
        name=${db##*/}
        if ! psql "$base/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
            psql "$base/postgres" -c "CREATE DATABASE $name" >/dev/null
        fi
        ;;
    *) echo "用法：bench/load.sh sqlite|postgres [URL]" >&2; exit 2 ;;
esac

if ! command -v wrk >/dev/null; then
    echo "安装 wrk……" >&2
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi

cargo build --release -p jixiao --bin jixiao
cargo build --release -p jixiao-server --example bench_data

echo "== 准备数据（≥ $indicators 条指标，已有则跳过）"
target/release/examples/bench_data --db "$db" --indicators "$indicators"

echo "== 启动服务 $addr"
target/release/jixiao serve --db "$db" --addr "$addr" > bench/data/serve.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -fsS "http://$addr/api/v1/years" >/dev/null 2>&1 && break
    sleep 0.2
done

# Ids to request: projects and indicators spread over the whole table.
max_project=$(curl -fsS "http://$addr/api/v1/projects?per_page=1" | sed -E 's/.*"total":([0-9]+).*/\1/')
export MAX_PROJECT=$max_project
echo "公开项目 $max_project 个"

peak_rss() { awk '/VmHWM/ {print int($2/1024) " MiB"}' "/proc/$server/status"; }

run() {
    local label=$1 script=$2
    echo
    echo "== $label"
    wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "bench/$script" "http://$addr" \
        | grep -E "Requests/sec|  50%|  99%|Non-2xx|Socket errors|requests in"
}

run "列表：某项目的指标（/api/v1/indicators?project=…）" list.lua
run "详情：项目及其全部指标（/api/v1/projects/{id}）" detail.lua
run "混合：列表与详情各半" mixed.lua
echo
echo "服务进程峰值内存（VmHWM）：$(peak_rss)"
