#!/usr/bin/env bash
# `make bench`: wrk through nginx + TLS against the release build and a database of 100,000 licenses.
#
# Cases, each after a warm-up; the first three with bench/check.lua (a POST carrying a random existing key):
#   static        nginx answers itself (`return 200`, a bench-only route): the same run's ceiling for anything
#                 behind this nginx, and the denominator of the ratio column
#   check logged  POST /api/check/<product> {"info":"bench"}: lookup + check-log row + counters
#   check no-log  POST /api/check/<product> {"log":false}: lookup only
# and two with bench/fluentcart.lua (form POSTs as FluentCart's SDK sends them):
#   check_license POST /?fluent-cart=check_license, key + item_id + site_url of a random activation: lookup +
#                 check-log row (FluentCart actions move no FaxStore counter)
#   act/deact     activate_license of a random (unlimited license, new site), then deactivate_license of it:
#                 each a transaction under the license's row lock, plus its check-log row
# Compare with shared/ceilings (run `ONLY='^D' ../shared/ceilings/run.sh` right before or after): logged vs D2,
# no-log vs D. Absolute figures move ±10 % between runs; ratios within one run are the meaningful numbers.
#
# Environment: BENCH_WORKERS (number of cores) and BENCH_THREADS (8), the server's own defaults; BENCH_CONNS
# ("64"), BENCH_DURATION (10), BENCH_WARMUP (3), BENCH_WRK_THREADS (2), BENCH_LICENSES (100000), BENCH_PORT (free port), KEEP_TMP=1.
# Results also go to bench/out/results.tsv.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/pg.sh
. "$SCRIPTS/pg.sh"

WORKERS=${BENCH_WORKERS:-$(nproc)}
THREADS=${BENCH_THREADS:-8}
CONNS=${BENCH_CONNS:-64}
DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-3}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
LICENSES=${BENCH_LICENSES:-100000}
BIN=$ROOT/.build/release/license-fcgi
OUT=$ROOT/bench/out
HZ=$(getconf CLK_TCK)

T="" supervisor="" nginx_pid="" db="" url=""

# shellcheck disable=SC2317  # a trap handler
cleanup() {
    local rc=$?
    trap '' INT TERM
    trap - EXIT
    if [ -n "$T" ]; then
        [ -n "$nginx_pid" ] && stop_nginx "$nginx_pid"
        [ -n "$supervisor" ] && stop_supervisor "$supervisor"
        pg_stop "$T/pg" || warn "could not stop the bench cluster in $T/pg"
        if [ "$rc" -ne 0 ]; then
            show_log "$T/server.log" 40
            show_log "$T/nginx-error.log" 20
            show_log "$T/postgresql.log" 20
        fi
        if [ "${KEEP_TMP:-0}" = 1 ]; then log "kept $T"; else rm -rf "$T"; fi
    fi
    exit "$rc"
}

psql_db() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 "$db" "$@"; }
json_field() { python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

# The same tuning as the ceilings' cluster (shared/ceilings/postgresql.conf.add), so that the figures compare;
# synchronous_commit and fsync stay on.
PG_EXTRA_SETTINGS="shared_buffers = 1GB
effective_cache_size = 16GB
work_mem = 16MB
maintenance_work_mem = 1GB
wal_buffers = 16MB
max_wal_size = 8GB
min_wal_size = 1GB
checkpoint_timeout = 30min
checkpoint_completion_target = 0.9
huge_pages = try"
export PG_EXTRA_SETTINGS

# seed: one product, LICENSES active licenses with keys md5('k'||n), written in one INSERT ... SELECT; the keys
# go to $T/keys.txt for wrk.
seed() {
    local product variation
    product=$("$BIN" product create --title "Bench product" --database-url "$db")
    variation=$(printf '%s' "$product" | json_field variation_id)
    product_id=$(printf '%s' "$product" | json_field id)
    log "seeding $LICENSES licenses of product $product_id"
    psql_db -v product="$product_id" -v variation="$variation" -v n="$LICENSES" <<'EOF'
INSERT INTO licenses (license_key, product_id, variation_id, status)
SELECT md5('k' || n), :product, :variation, 'active'
FROM generate_series(1, :n) AS n;
VACUUM ANALYZE licenses;
CHECKPOINT;
EOF
    psql_db -tA -c "SELECT license_key FROM licenses WHERE product_id = $product_id" >"$T/keys.txt"
    seed_fluentcart
}

# seed_fluentcart: every license gets one activation on site-<n>.example.com (for check_license by key and site);
# 10,000 more unlimited licenses of the same product, never activated, serve the activate/deactivate cycle.
seed_fluentcart() {
    local cycle=$((LICENSES < 10000 ? LICENSES : 10000))
    log "seeding $LICENSES activations and $cycle licenses for the activation cycle"
    psql_db -v product="$product_id" -v n="$LICENSES" -v cycle="$cycle" <<'EOF2'
INSERT INTO license_sites (site_url)
SELECT 'site-' || n || '.example.com' FROM generate_series(1, :n) AS n;
INSERT INTO license_activations (site_id, license_id, product_id, variation_id, activation_hash)
SELECT s.id, l.id, l.product_id, l.variation_id, md5('h' || l.id)
FROM licenses l JOIN license_sites s ON s.site_url = 'site-' || l.id || '.example.com'
WHERE l.product_id = :product;
UPDATE licenses SET activation_count = 1 WHERE product_id = :product;
INSERT INTO licenses (license_key, product_id, variation_id, status, activation_limit)
SELECT md5('c' || n), :product, variation_id, 'active', 0
FROM generate_series(1, :cycle) AS n, (SELECT variation_id FROM licenses WHERE product_id = :product LIMIT 1) v;
VACUUM ANALYZE;
CHECKPOINT;
EOF2
    psql_db -tA -F' ' -c "SELECT l.license_key, s.site_url FROM license_activations a
        JOIN licenses l ON l.id = a.license_id JOIN license_sites s ON s.id = a.site_id" >"$T/check-pairs.txt"
    psql_db -tA -F' ' -c "SELECT license_key, 'cycle-' || id || '.example.com' FROM licenses
        WHERE product_id = $product_id AND activation_count = 0" >"$T/cycle-pairs.txt"
}

# CPU accounting, as in the ceilings: clock ticks of a set of processes, read from /proc.
ticks() {
    local t=0 p
    for p in "$@"; do
        [ -r "/proc/$p/stat" ] && t=$((t + $(sed 's/.*) //' "/proc/$p/stat" | awk '{print $12 + $13}')))
    done
    echo "$t"
}
# pg_pids: the postmaster and its children (backends, WAL writer, ...), one per line.
pg_pids() { local m; m=$(head -n1 "$T/pg/postmaster.pid"); echo "$m"; children_of "$m"; }
idle_ticks() { awk '/^cpu /{print $5 + $6}' /proc/stat; }

# run_case NAME PATH BODY [SCRIPT]: warm-up, then a measured wrk run (bench/check.lua unless SCRIPT is given);
# appends one row to $OUT/results.tsv.
run_case() {
    local name=$1 path=$2 body=$3 script=${4:-$ROOT/bench/check.lua} out=$T/wrk.out
    export BENCH_KEYS=$T/keys.txt BENCH_PATH=$path BENCH_BODY=$body
    wrk -t"$WRK_THREADS" -c"$CONNS" -d"${WARMUP}s" -s "$script" "$url" >/dev/null 2>&1 || true
    local nginx_pids app_pids pg_procs
    mapfile -t nginx_pids < <(echo "$nginx_pid"; children_of "$nginx_pid")
    mapfile -t app_pids < <(echo "$supervisor"; children_of "$supervisor")
    mapfile -t pg_procs < <(pg_pids)
    local ng0 ap0 pg0 id0 t0 ng1 ap1 pg1 id1 t1
    ng0=$(ticks "${nginx_pids[@]}") ap0=$(ticks "${app_pids[@]}") pg0=$(ticks "${pg_procs[@]}")
    id0=$(idle_ticks) t0=$(date +%s.%N)
    local TIMEFORMAT='%U %S'
    { time wrk -t"$WRK_THREADS" -c"$CONNS" -d"${DURATION}s" --latency -s "$script" "$url" \
        >"$out" 2>&1; } 2>"$T/wrk.time"
    ng1=$(ticks "${nginx_pids[@]}") ap1=$(ticks "${app_pids[@]}") pg1=$(ticks "${pg_procs[@]}")
    id1=$(idle_ticks) t1=$(date +%s.%N)
    grep -q '^RESULT' "$out" || { cat "$out" >&2; die "wrk failed for $name"; }
    awk -v name="$name" -v r="$(sed -n 's/^RESULT //p' "$out")" -v w="$(cat "$T/wrk.time")" -v hz="$HZ" \
        -v el="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" \
        -v ng=$((ng1 - ng0)) -v ap=$((ap1 - ap0)) -v pg=$((pg1 - pg0)) -v id=$((id1 - id0)) 'BEGIN {
        split(r, kv, " "); for (i in kv) { split(kv[i], x, "="); v[x[1]] = x[2] }
        split(w, wt, " "); err = v["err_conn"] + v["err_read"] + v["err_write"] + v["err_status"] + v["err_timeout"]
        f = 100 / (hz * el)
        printf "%s\t%d\t%.2f\t%.2f\t%d\t%.0f\t%.0f\t%.0f\t%.0f\t%.0f\n", name, v["rps"], v["p50_ms"], v["p99_ms"], err,
            100 * (wt[1] + wt[2]) / el, ng * f, ap * f, pg * f, id * f }' >>"$OUT/results.tsv"
}

# One request of each kind through the whole stack, so that a misconfigured run is not reported as a figure.
sanity_check() {
    local key answer
    key=$(head -n1 "$T/keys.txt")
    answer=$(curl -fsS --cacert "$T/tls/cert.pem" -X POST "$url/api/check/$product_id" -H "Authorization: $key" \
        -H 'Content-Type: application/json' -d '{"log":false}') || die "the check request failed"
    [[ "$answer" == *'"AUTHORISED"'* ]] || die "expected AUTHORISED, got: $answer"
}

print_table() {
    local static_rps
    static_rps=$(awk -F'\t' '$1 == "static" { print $2 }' "$OUT/results.tsv")
    echo
    printf 'wrk -t%s -c%s -d%ss, %s workers x %s threads, %s licenses (CPU in %% of one core; 200%% = whole machine)\n\n' \
        "$WRK_THREADS" "$CONNS" "$DURATION" "$WORKERS" "$THREADS" "$LICENSES"
    awk -F'\t' -v s="${static_rps:-0}" 'BEGIN {
            printf "%-14s %9s %8s %8s %7s %8s %6s %6s %6s %6s %6s\n", "case", "req/s", "p50 ms", "p99 ms", "errors",
                "/static", "wrk%", "nginx%", "app%", "pg%", "idle%" }
        NR > 1 { printf "%-14s %9d %8.2f %8.2f %7d %8.3f %6d %6d %6d %6d %6d\n", $1, $2, $3, $4, $5, (s > 0 ? $2 / s : 0),
            $6, $7, $8, $9, $10 }' "$OUT/results.tsv"
    echo
    psql_db -tA -F' ' -c "SELECT 'check-log rows by result:', result, count(*) FROM license_checks GROUP BY result"
    echo
    echo "Ceilings on this machine: ONLY='^D' CONNS=$CONNS ../shared/ceilings/run.sh (check logged vs D2, no-log vs D)."
}

main() {
    "$SCRIPTS/deps.sh"
    log "building (swift build -c release)"
    (cd "$ROOT" && swift build -c release)
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    T=$(mktemp -d "${TMPDIR:-/tmp}/license-fcgi-bench.XXXXXX")
    chmod 0755 "$T"
    mkdir -p "$OUT" "$T/downloads"

    local pg_port port
    pg_port=$(free_port)
    # The ceilings' responders reach PostgreSQL over a Unix socket; the bench's server does too, so that the
    # transports compare (make run and production use TCP).
    install -d -m 0777 "$T/pgsock"
    PG_EXTRA_SETTINGS+=$'\n'"unix_socket_directories = '$T/pgsock'"
    pg_start "$T/pg" "$pg_port"
    printf 'local all all trust\n' | pg_as_owner "$T/pg" tee -a "$T/pg/pg_hba.conf" >/dev/null
    pg_as_owner "$T/pg" "$PGBIN/pg_ctl" -D "$T/pg" reload >/dev/null
    db=$(pg_url "$T/pg" "$pg_port")
    "$BIN" migrate --database-url "$db" >/dev/null
    seed

    export DATABASE_URL="postgresql:///$PG_DATABASE?host=$T/pgsock&port=$pg_port"
    "$BIN" serve --socket "$T/fcgi.sock" --socket-mode 0666 --workers "$WORKERS" --threads "$THREADS" \
        >>"$T/server.log" 2>&1 &
    supervisor=$!

    make_cert "$T/tls"
    port=${BENCH_PORT:-$(free_port)}
    url=https://127.0.0.1:$port
    # wrk runs on this machine: loopback is exempt from the rate limit, as in make run, so nothing is throttled.
    RUN_DIR=$T SOCKET=$T/fcgi.sock CERT=$T/tls/cert.pem CERT_KEY=$T/tls/key.pem LISTEN="127.0.0.1:$port" \
        LISTEN_OPTIONS="reuseport backlog=4096" DOWNLOADS_DIR=$T/downloads RATE_LIMIT_EXEMPT="127.0.0.1 ::1" \
        EXTRA_LOCATIONS="        location = /static { return 200 '{\"status\":\"ok\"}'; }" \
        "$SCRIPTS/render-nginx.sh" "$T/nginx.conf"
    nginx -c "$T/nginx.conf" -e "$T/nginx-error.log" -g 'daemon off;' </dev/null &
    nginx_pid=$!
    wait_healthz "$url/healthz" "$T/tls/cert.pem" 30 "$supervisor" "$nginx_pid" || die "the bench stack did not start"
    sanity_check

    printf 'case\treq/s\tp50_ms\tp99_ms\terrors\twrk%%\tnginx%%\tapp%%\tpg%%\tidle%%\n' >"$OUT/results.tsv"
    log "static";       run_case static "/static" '{"info":"bench"}'
    log "check logged"; run_case "check logged" "/api/check/$product_id" '{"info":"bench"}'
    log "check no-log"; run_case "check no-log" "/api/check/$product_id" '{"log":false}'
    export BENCH_FC_ITEM=$product_id
    log "check_license"
    BENCH_FC_MODE=check BENCH_FC_PAIRS=$T/check-pairs.txt run_case "check_license" / "" "$ROOT/bench/fluentcart.lua"
    log "activation cycle"
    BENCH_FC_MODE=cycle BENCH_FC_PAIRS=$T/cycle-pairs.txt run_case "act/deact" / "" "$ROOT/bench/fluentcart.lua"
    print_table
}

main "$@"
