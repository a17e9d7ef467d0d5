#!/usr/bin/env bash
# `make bench-cluster`: what durability across machines costs a logged check, on `make cluster` (started here if it
# is not running, and left running). One app node (app1, directly) takes logged FaxStore checks from wrk while the
# database role runs with each `synchronous_commit` setting in turn:
#   on            (the cluster's default) a commit waits until the synchronous standby has flushed it
#   remote_apply  ...until the standby has also applied it, so reads there would see it (read-your-writes on a
#                 replica; we read our own writes on the primary instead, docs/scaling.md)
#   local         no wait for any standby: what a single machine costs, and what a lost primary may lose
# Every figure comes from the same run on the same cluster. The role's setting is restored to the default at the end.
#
# Environment: BENCH_DURATION (seconds per setting, default 20), BENCH_CONNS (default 32), CLUSTER_BIN (as make
# cluster).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

CLUSTER=$ROOT/.cluster
DURATION=${BENCH_DURATION:-20}
CONNS=${BENCH_CONNS:-32}
SETTINGS=(on remote_apply local)

restore() {
    psql "$DATABASE_URL" -qc "ALTER ROLE app RESET synchronous_commit" >/dev/null 2>&1 || true
}

main() {
    "$SCRIPTS/cluster.sh" up >/dev/null
    set -a
    # shellcheck source=/dev/null
    . "$CLUSTER/env"
    set +a
    trap restore EXIT
    local bin product key keys
    bin=$(cat "$CLUSTER/bin")
    product=$("$bin" product create --title "bench cluster $RANDOM" | sed -n 's/.*"id":\([0-9]*\).*/\1/p')
    keys=$(mktemp)
    for _ in 1 2 3 4; do
        key=$("$bin" license create --product "$product" | sed -n 's/.*"license_key":"\([^"]*\)".*/\1/p')
        echo "$key" >>"$keys"
    done
    printf '%-14s %8s %8s %8s %7s\n' synchronous_commit req/s p50_ms p99_ms errors
    for setting in "${SETTINGS[@]}"; do
        psql "$DATABASE_URL" -qc "ALTER ROLE app SET synchronous_commit = '$setting'" >/dev/null
        # Worker connections take the role's setting when they connect: restart the node (drained at the front).
        "$SCRIPTS/cluster.sh" restart-app 1 >/dev/null 2>&1
        local out
        out=$(BENCH_KEYS=$keys BENCH_PATH=/api/check/$product BENCH_BODY='{"info":"bench-cluster"}' \
            wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -s "$ROOT/bench/check.lua" https://127.0.0.1:9444 2>&1)
        awk -v setting="$setting" '/^RESULT/ {
            for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
            printf "%-14s %8d %8.2f %8.2f %7d\n", setting, v["rps"], v["p50_ms"], v["p99_ms"],
                v["err_conn"] + v["err_read"] + v["err_write"] + v["err_timeout"] + v["err_status"] }' <<<"$out"
    done
    restore
    "$SCRIPTS/cluster.sh" restart-app 1 >/dev/null 2>&1
    rm -f "$keys"
}

main "$@"
