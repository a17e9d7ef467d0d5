#!/usr/bin/env bash
# `make bench`: one run that measures our server beside the ceilings this machine allows (issue 8), through nginx
# + TLS, with wrk on the same machine, and prints one table.
#
# References, measured in the same run (shared/ceilings/README.md explains them):
#   static          nginx answers itself (`return 200`)                                  ceiling "A"
#   C hello         nginx → bench/reference.c, a minimal C libfcgi responder, 4 processes  ceiling "B"
#   C lookup        the same responder running our check's lookup through libpq, 8 p.    ceiling "D"
#   C lookup+log    lookup plus a license_checks row in one round trip and one commit, 8 p. ceiling "D2"
# Ours (the release build, BENCH_WORKERS × BENCH_THREADS):
#   no database     an unknown path, answered by the router's 404 JSON                  vs C hello
#   check (no-log)  POST /api/check/<product> {"log":false}                              vs C lookup
#   check           the same, logged: lookup, group-committed check-log row, counters   vs C lookup+log
#   multiple / multiple (no-log)   POST /api/check/multiple with three proIds           vs C lookup+log / C lookup
#   check_license   /?fluent-cart=check_license by key and site, logged                 vs C lookup+log
#   check_license by hash          the same by activation_hash                          vs C lookup+log
#   act/deact       activate_license then deactivate_license of a random site, each a transaction under the
#                   license's row lock plus its log row                                 vs our logged check
#   admin list      GET /wp-json/fluent-cart/v2/licensing/licenses?per_page=20 as an administrator  vs C lookup
# each at every BENCH_CONNS (16 64 256). Then, at BENCH_SCALE_CONNS (64):
#   new conns      the logged check with `Connection: close` on every request, beside nginx's static answer
#                   the same way (wrk does not resume TLS sessions; the run checks with openssl s_client that nginx
#                   resumes them for clients that do)
#   scale           the checks again once the licenses table holds BENCH_SCALE (10,000,000) rows, seeded with
#                   COPY, against the same checks at BENCH_LICENSES (10,000)
#   log rows        the logged check once the check log holds BENCH_LOG_ROWS (100,000,000) rows over 90 day
#                   partitions, seeded with COPY, against the logged check on an empty log; and the time of a
#                   count over the whole log (what reports.checks_daily did before sql/008), the rollup's
#                   catch-up after the seed, and SELECT * FROM reports.checks_daily after it
# and the resident memory of every worker. Before the scale step, at BENCH_SCALE_CONNS too (scripts/pgbouncer.sh,
# issue 10; alone: BENCH_ONLY='^(check|check no-log|check_license)(, (direct|pgbouncer) .*)?$' BENCH_CONNS=64):
#   check, direct unnamed         the logged check with DATABASE_PREPARED_STATEMENTS=false, direct   vs check
#   check, pgbouncer session      through PgBouncer's session pool, named statements                 vs check
#   check, pgbouncer transaction  through its transaction pool, DATABASE_PREPARED_STATEMENTS=false   vs check
#   check, direct again           the direct supervisor again, to show the drift within the run      vs check
#   and the same four of check no-log and of check_license               vs check no-log, check_license
#   PgBouncer reaches PostgreSQL and our workers reach PgBouncer over Unix sockets, as the direct cases do; its CPU
#   counts in pg%.
#
# Environment: BENCH_WORKERS (cores) and BENCH_THREADS (8), the server's defaults; BENCH_CONNS ("16 64 256"),
# BENCH_SCALE_CONNS (64), BENCH_DURATION (10), BENCH_WARMUP (3), BENCH_WRK_THREADS (2), BENCH_LICENSES (10000),
# BENCH_SCALE (10000000; 0 skips the scale step), BENCH_LOG_ROWS (100000000; 0 skips the log-rows step), BENCH_ONLY
# (regex on case names: BENCH_ONLY='^check(, .* log rows)?$' BENCH_SCALE=0 BENCH_CONNS=64 runs only the logged
# check and the log-rows step), BENCH_PORT, KEEP_TMP=1.
# Results also go to bench/out/results.tsv; docs/performance.md discusses them.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/pg.sh
. "$SCRIPTS/pg.sh"
# shellcheck source=scripts/pgbouncer.sh
. "$SCRIPTS/pgbouncer.sh"

WORKERS=${BENCH_WORKERS:-$(nproc)}
THREADS=${BENCH_THREADS:-8}
CONNS=${BENCH_CONNS:-"16 64 256"}
SCALE_CONNS=${BENCH_SCALE_CONNS:-64}
DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-3}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
LICENSES=${BENCH_LICENSES:-10000}
SCALE=${BENCH_SCALE:-10000000}
LOG_ROWS=${BENCH_LOG_ROWS:-100000000}
ONLY=${BENCH_ONLY:-.}
BIN=$ROOT/.build/release/license-fcgi
OUT=$ROOT/bench/out
HZ=$(getconf CLK_TCK)

T="" supervisor="" nginx_pid="" db="" url="" product_id="" admin_auth="" pooler_pid=""
reference_pids=()

# shellcheck disable=SC2317  # a trap handler
cleanup() {
    local rc=$?
    trap '' INT TERM
    trap - EXIT
    if [ -n "$T" ]; then
        [ -n "$nginx_pid" ] && stop_nginx "$nginx_pid"
        [ -n "$supervisor" ] && stop_supervisor "$supervisor"
        stop_references
        pgbouncer_stop "$T/pgbouncer" || warn "could not stop the bench PgBouncer in $T/pgbouncer"
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

# seed: one product; LICENSES active licenses with keys md5('k'||n), each activated on site-<n>.example.com with
# activation hash md5('h'||id); 10,000 unlimited licenses for the activation cycle; two more products for the
# multiple check; an administrator for the admin list. Everything with COPY from generated rows.
seed() {
    local product variation
    product=$("$BIN" product create --title "Bench product" --database-url "$db")
    variation=$(printf '%s' "$product" | json_field variation_id)
    product_id=$(printf '%s' "$product" | json_field id)
    other_products="$("$BIN" product create --title "Bench other A" --database-url "$db" | json_field id)"
    other_products+=",$("$BIN" product create --title "Bench other B" --database-url "$db" | json_field id)"
    log "seeding $LICENSES licenses of product $product_id, one activation each, and 10,000 for the activation cycle"
    copy_licenses 1 "$LICENSES" "$variation"
    psql_db -v product="$product_id" -v n="$LICENSES" -v variation="$variation" <<'EOF'
INSERT INTO license_sites (site_url)
SELECT 'site-' || n || '.example.com' FROM generate_series(1, :n) AS n;
INSERT INTO license_activations (site_id, license_id, product_id, variation_id, activation_hash)
SELECT s.id, l.id, l.product_id, l.variation_id, md5('h' || l.id)
FROM licenses l JOIN license_sites s ON s.site_url = 'site-' || l.id || '.example.com'
WHERE l.product_id = :product;
UPDATE licenses SET activation_count = 1 WHERE product_id = :product;
INSERT INTO licenses (license_key, product_id, variation_id, status, activation_limit)
SELECT md5('c' || n), :product, :variation, 'active', 0 FROM generate_series(1, 10000) AS n;
VACUUM ANALYZE;
CHECKPOINT;
EOF
    psql_db -tA -c "SELECT license_key FROM licenses WHERE product_id = $product_id AND activation_count = 1" \
        >"$T/keys.txt"
    psql_db -tA -F' ' -c "SELECT l.license_key, s.site_url FROM license_activations a
        JOIN licenses l ON l.id = a.license_id JOIN license_sites s ON s.id = a.site_id" >"$T/check-pairs.txt"
    psql_db -tA -F' ' -c "SELECT a.activation_hash, s.site_url FROM license_activations a
        JOIN license_sites s ON s.id = a.site_id" >"$T/hash-pairs.txt"
    psql_db -tA -F' ' -c "SELECT license_key, 'cycle-' || id || '.example.com' FROM licenses
        WHERE product_id = $product_id AND activation_count = 0" >"$T/cycle-pairs.txt"
    local admin
    admin=$("$BIN" user create --login bench-admin --email bench@example.com --role administrator \
        --database-url "$db")
    admin_auth="Basic $(printf 'bench-admin:%s' "$(printf '%s' "$admin" | json_field application_password)" \
        | base64 -w0)"
}

# copy_licenses FIRST LAST VARIATION: active licenses with keys md5('k'||n), n in FIRST..LAST, of the bench product,
# streamed into one COPY (no statement per row).
copy_licenses() {
    python3 - "$1" "$2" "$product_id" "$3" <<'EOF' | psql_db -c "COPY licenses (license_key, product_id, variation_id, status) FROM STDIN"
import hashlib, sys
first, last, product, variation = (int(value) for value in sys.argv[1:])
out = sys.stdout
for n in range(first, last + 1):
    out.write(f"{hashlib.md5(b'k%d' % n).hexdigest()}\t{product}\t{variation}\tactive\n")
EOF
}

# The C reference responders: bench/reference.c built here, started by spawn-fcgi on their own sockets.
start_references() {
    cc -O2 -I"$(pg_config --includedir 2>/dev/null || echo /usr/include/postgresql)" -o "$T/reference" \
        "$ROOT/bench/reference.c" -lfcgi -lpq
    local mode processes
    for mode in hello:4 lookup:8 log:8; do
        processes=${mode#*:} mode=${mode%:*}
        PGHOST=$T/pgsock PGPORT=$pg_port PGDATABASE=$PG_DATABASE PGUSER=$(id -un) \
            spawn-fcgi -s "$T/reference-$mode.sock" -M 0666 -F "$processes" -P "$T/reference-$mode.pids" \
            -- "$T/reference" "$mode" "$product_id" >/dev/null
        mapfile -t -O "${#reference_pids[@]}" reference_pids <"$T/reference-$mode.pids"
    done
}

stop_references() {
    [ "${#reference_pids[@]}" -gt 0 ] && kill "${reference_pids[@]}" 2>/dev/null
    reference_pids=()
    return 0
}

# CPU accounting, as in the ceilings: clock ticks of a set of processes, read from /proc.
ticks() {
    local t=0 p
    for p in "$@"; do
        [ -r "/proc/$p/stat" ] && t=$((t + $(sed 's/.*) //' "/proc/$p/stat" | awk '{print $12 + $13}')))
    done
    echo "$t"
}
# pg_pids: the postmaster and its children (backends, WAL writer, ...), one per line; and PgBouncer while the
# pooler cases run.
pg_pids() {
    local m
    m=$(head -n1 "$T/pg/postmaster.pid")
    echo "$m"
    children_of "$m"
    [ -z "$pooler_pid" ] || echo "$pooler_pid"
}
idle_ticks() { awk '/^cpu /{print $5 + $6}' /proc/stat; }

# run_case NAME CONNS REFERENCE SCRIPT: warm-up, then a measured wrk run with SCRIPT (bench/check.lua or
# bench/fluentcart.lua, configured by the BENCH_* variables the caller sets); appends one row to results.tsv.
# The "app" CPU column counts our supervisor and workers, or the reference processes for the C cases. Answers of
# 4xx/5xx count as errors unless BENCH_IGNORE_STATUS is set (the 404 of the no-database case is its answer).
run_case() {
    local name=$1 conns=$2 reference=$3 script=$4 out=$T/wrk.out
    [[ "$name" =~ $ONLY ]] || return 0
    log "$name, $conns connections"
    wrk -t"$WRK_THREADS" -c"$conns" -d"${WARMUP}s" -s "$script" "$url" >/dev/null 2>&1 || true
    local nginx_pids app_pids pg_procs
    mapfile -t nginx_pids < <(echo "$nginx_pid"; children_of "$nginx_pid")
    if [[ "$name" == C* ]]; then
        app_pids=("${reference_pids[@]}")
    else
        mapfile -t app_pids < <(echo "$supervisor"; children_of "$supervisor")
    fi
    mapfile -t pg_procs < <(pg_pids)
    local ng0 ap0 pg0 id0 t0 ng1 ap1 pg1 id1 t1
    ng0=$(ticks "${nginx_pids[@]}") ap0=$(ticks "${app_pids[@]}") pg0=$(ticks "${pg_procs[@]}")
    id0=$(idle_ticks) t0=$(date +%s.%N)
    local TIMEFORMAT='%U %S'
    { time wrk -t"$WRK_THREADS" -c"$conns" -d"${DURATION}s" --latency -s "$script" "$url" \
        >"$out" 2>&1; } 2>"$T/wrk.time"
    ng1=$(ticks "${nginx_pids[@]}") ap1=$(ticks "${app_pids[@]}") pg1=$(ticks "${pg_procs[@]}")
    id1=$(idle_ticks) t1=$(date +%s.%N)
    grep -q '^RESULT' "$out" || { cat "$out" >&2; die "wrk failed for $name"; }
    awk -v name="$name" -v conns="$conns" -v ref="$reference" -v r="$(sed -n 's/^RESULT //p' "$out")" \
        -v ignore_status="${BENCH_IGNORE_STATUS:-}" \
        -v w="$(cat "$T/wrk.time")" -v hz="$HZ" -v el="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" \
        -v ng=$((ng1 - ng0)) -v ap=$((ap1 - ap0)) -v pg=$((pg1 - pg0)) -v id=$((id1 - id0)) 'BEGIN {
        split(r, kv, " "); for (i in kv) { split(kv[i], x, "="); v[x[1]] = x[2] }
        split(w, wt, " "); err = v["err_conn"] + v["err_read"] + v["err_write"] + v["err_timeout"]
        if (!ignore_status) err += v["err_status"]
        f = 100 / (hz * el)
        printf "%s\t%d\t%s\t%d\t%.2f\t%.2f\t%d\t%.0f\t%.0f\t%.0f\t%.0f\t%.0f\n", name, conns, ref, v["rps"],
            v["p50_ms"], v["p99_ms"], err, 100 * (wt[1] + wt[2]) / el, ng * f, ap * f, pg * f, id * f }' \
        >>"$OUT/results.tsv"
}

# check_case NAME CONNS REFERENCE PATH BODY [METHOD [AUTHORIZATION]]: a case driven by bench/check.lua.
check_case() {
    BENCH_KEYS=$T/keys.txt BENCH_PATH=$4 BENCH_BODY=$5 BENCH_METHOD=${6:-POST} BENCH_AUTHORIZATION=${7:-} \
        run_case "$1" "$2" "$3" "$ROOT/bench/check.lua"
}

# fluentcart_case NAME CONNS REFERENCE MODE PAIRS: a case driven by bench/fluentcart.lua.
fluentcart_case() {
    BENCH_FC_ITEM=$product_id BENCH_FC_MODE=$4 BENCH_FC_PAIRS=$5 run_case "$1" "$2" "$3" "$ROOT/bench/fluentcart.lua"
}

# The cases run at every connection count; REFERENCE names the row whose req/s is the ratio's denominator.
run_cases() {
    local conns=$1 check=/api/check/$product_id multiple='{"proIds":['"$other_products,$product_id"']'
    check_case "static" "$conns" - /static '{}'
    check_case "C hello" "$conns" - /reference/hello '{}'
    check_case "C lookup" "$conns" - /reference/lookup '{}'
    check_case "C lookup+log" "$conns" - /reference/log '{}'
    BENCH_IGNORE_STATUS=1 check_case "no database" "$conns" "C hello" /bench/nothing '{}' GET
    check_case "check no-log" "$conns" "C lookup" "$check" '{"log":false}'
    check_case "check" "$conns" "C lookup+log" "$check" '{"info":"bench"}'
    check_case "multiple no-log" "$conns" "C lookup" /api/check/multiple "$multiple"',"log":false}'
    check_case "multiple" "$conns" "C lookup+log" /api/check/multiple "$multiple"'}'
    fluentcart_case "check_license" "$conns" "C lookup+log" check "$T/check-pairs.txt"
    fluentcart_case "check_license by hash" "$conns" "C lookup+log" hash "$T/hash-pairs.txt"
    fluentcart_case "act/deact" "$conns" "check" cycle "$T/cycle-pairs.txt"
    check_case "admin list" "$conns" "C lookup" "/wp-json/fluent-cart/v2/licensing/licenses?per_page=20" '' GET \
        "$admin_auth"
}

# One request of each kind through the whole stack, so that a misconfigured run is not reported as a figure.
sanity_check() {
    local key answer
    key=$(head -n1 "$T/keys.txt")
    answer=$(curl -fsS --cacert "$T/tls/cert.pem" -X POST "$url/api/check/$product_id" -H "Authorization: $key" \
        -H 'Content-Type: application/json' -d '{"log":false}') || die "the check request failed"
    [[ "$answer" == *'"AUTHORISED"'* ]] || die "expected AUTHORISED from our check, got: $answer"
    for mode in hello lookup log; do
        answer=$(curl -fsS --cacert "$T/tls/cert.pem" -X POST "$url/reference/$mode" -H "Authorization: $key" \
            -d '{}') || die "the C reference ($mode) failed"
        [[ "$answer" == *'"AUTHORISED"'* ]] || die "expected AUTHORISED from the C reference ($mode), got: $answer"
    done
    answer=$(curl -fsS --cacert "$T/tls/cert.pem" -H "Authorization: $admin_auth" \
        "$url/wp-json/fluent-cart/v2/licensing/licenses?per_page=20") || die "the admin list failed"
    [[ "$answer" == *'"licenses"'* ]] || die "expected a license list, got: ${answer:0:200}"
}

# tls_resumption: whether nginx resumes a TLS session for a client that reconnects (openssl s_client -reconnect
# makes five more connections with the first one's session).
tls_resumption() {
    local reused
    reused=$(openssl s_client -connect "127.0.0.1:$port" -reconnect -tls1_2 </dev/null 2>/dev/null | grep -c '^Reused')
    echo "TLS 1.2 session resumption: $reused of 5 reconnections resumed"
    reused=$(printf 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' | openssl s_client -connect "127.0.0.1:$port" \
        -sess_out "$T/tls13.session" -quiet 2>/dev/null >/dev/null; openssl s_client -connect "127.0.0.1:$port" \
        -sess_in "$T/tls13.session" </dev/null 2>/dev/null | grep -c '^Reused')
    echo "TLS 1.3 session resumption (ticket): $reused of 1"
}

# worker_memory: each worker's memory, in MB: resident (RSS, which counts the pages of shared libraries such as
# Foundation's ICU data that every worker maps), its peak, and private (the pages only this worker holds: what one
# more worker costs).
worker_memory() {
    local pid
    for pid in $(children_of "$supervisor"); do
        [[ "$(cmdline_of "$pid")" == *worker* ]] || continue
        awk -v pid="$pid" '/^VmRSS/ { rss = $2 } /^VmHWM/ { peak = $2 }
            END { printf "worker %s: RSS %.1f MB, peak %.1f MB, ", pid, rss / 1024, peak / 1024 }' "/proc/$pid/status"
        awk '/^Private_(Clean|Dirty)/ { private += $2 } /^Pss:/ { pss = $2 }
            END { printf "private %.1f MB, proportional %.1f MB\n", private / 1024, pss / 1024 }' \
            "/proc/$pid/smaps_rollup"
    done
}

# seed_check_log ROWS: ROWS check-log rows spread evenly over the 90 days up to now (91 UTC day partitions), in
# time order as a live log grows, of the bench licenses, with the mix of results and APIs of a busy server. The
# rows are generated by PostgreSQL and streamed through COPY ... TO STDOUT into COPY ... FROM STDIN.
seed_check_log() {
    local rows=$1
    psql_db -c "SELECT count(license_checks_create_partition((now() AT TIME ZONE 'UTC')::date - n))
        FROM generate_series(0, 90) AS n" >/dev/null
    psql_db -c "COPY (
        SELECT now() - interval '90 days' + (n * 90 * 86400.0 / $rows)::float8 * interval '1 second',
               1 + n % $LICENSES, $product_id, '10.' || (n % 250) || '.' || (n / 250 % 250) || '.1',
               'WordPress/6.4; https://site-' || (1 + n % $LICENSES) || '.example.com', 'bench',
               CASE WHEN n % 20 = 0 THEN 'NOT FOUND' WHEN n % 50 = 1 THEN 'KEY EXPIRED' WHEN n % 7 = 0 THEN 'valid'
                    ELSE 'AUTHORISED' END,
               CASE WHEN n % 7 = 0 THEN 'check_license' ELSE 'check' END
        FROM generate_series(0::bigint, $rows - 1) AS n
    ) TO STDOUT" | psql_db -c "COPY license_checks (created_at, license_id, product_id, ip, user_agent, info,
        result, api) FROM STDIN"
}

# seconds SQL: wall-clock seconds of one psql run of SQL, output discarded.
seconds() {
    local started=$EPOCHREALTIME
    psql_db -c "$1" >/dev/null
    awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }'
}

# log_rows_step: the log-rows step (see the header). Appends its timings to $OUT/log-rows.txt.
log_rows_step() {
    local started=$SECONDS total report_cold report_warm caught_up size position logged steps=0 rollup_started
    log "seeding $LOG_ROWS check-log rows over 90 days (COPY)"
    # As for any bulk load of rows known to be valid: no foreign-key trigger per row.
    PGOPTIONS="-c session_replication_role=replica" seed_check_log "$LOG_ROWS"
    {
        echo "check log: $LOG_ROWS rows copied in $((SECONDS - started)) s"
        # The catch-up counts from the COPY's commit: the background process's rollup (every 10 s) and these calls
        # share the work, one step at a time.
        rollup_started=$EPOCHREALTIME
        logged=$(psql_db -tA -c "SELECT max(id) FROM license_checks")
        position=0
        while [ "$position" -lt "$logged" ]; do
            psql_db -tA -c "SELECT check_log_roll_up(1000000)" >/dev/null
            position=$(psql_db -tA -c "SELECT rolled_up_id FROM check_log_rollup")
            steps=$((steps + 1))
            [ "$position" -lt "$logged" ] && sleep 0.2
        done
        caught_up=$(awk -v a="$rollup_started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
        echo "rollup caught up with $logged ids in $caught_up s after the COPY ($steps calls of" \
            "check_log_roll_up(1000000) here, beside the background process's)"
        started=$SECONDS
        psql_db -c "VACUUM ANALYZE license_checks" -c CHECKPOINT
        echo "VACUUM ANALYZE and CHECKPOINT: $((SECONDS - started)) s"
        size=$(psql_db -tA -c "SELECT pg_size_pretty(sum(pg_total_relation_size(relid)))
            FROM pg_partition_tree('license_checks')")
        echo "check log on disk, indexes included: $size in $(psql_db -tA -c "SELECT count(*) - 1
            FROM pg_partition_tree('license_checks')") partitions"
        report_cold=$(seconds "SELECT (created_at AT TIME ZONE 'UTC')::date, result, count(*) FROM license_checks
            GROUP BY 1, 2")
        echo "a count over the whole log by day and result (what reports.checks_daily did before 008): $report_cold s"
        for _ in 1 2 3; do report_warm+="$(seconds "SELECT * FROM reports.checks_daily") "; done
        echo "SELECT * FROM reports.checks_daily (3 runs): ${report_warm% } s"
        echo "reports.checks_daily rows: $(psql_db -tA -c "SELECT count(*) FROM reports.checks_daily"), checks:" \
            "$(psql_db -tA -c "SELECT sum(checks) FROM reports.checks_daily")"
    } | tee -a "$OUT/log-rows.txt"
    total=$(psql_db -tA -c "SELECT count(*) FROM license_checks")
    check_case "check, $total log rows" "$SCALE_CONNS" "check" "/api/check/$product_id" '{"info":"bench"}'
    fluentcart_case "check_license, $total log rows" "$SCALE_CONNS" "check_license" check "$T/check-pairs.txt"
    local reports_during
    reports_during=$(seconds "SELECT * FROM reports.checks_daily")
    echo "SELECT * FROM reports.checks_daily after the wrk runs (their rows not all rolled up yet): $reports_during s" \
        | tee -a "$OUT/log-rows.txt"
}

print_table() {
    echo
    printf 'wrk -t%s -d%ss; ours: %s workers x %s threads; C references: hello 4, lookup 8, lookup+log 8 processes\n' \
        "$WRK_THREADS" "$DURATION" "$WORKERS" "$THREADS"
    printf 'CPU in %% of one core (200%% = the whole machine); "ratio" = req/s over the reference'"'"'s at the same connections\n\n'
    awk -F'\t' 'NR > 1 { rps[$1 "@" $2] = $4 } { rows[NR] = $0 }
        END {
            printf "%-36s %5s %9s %8s %8s %6s %-17s %6s %5s %6s %5s %5s %5s\n", "case", "conns", "req/s", "p50 ms",
                "p99 ms", "errors", "reference", "ratio", "wrk%", "nginx%", "app%", "pg%", "idle%"
            for (i = 2; i <= NR; i++) {
                split(rows[i], c, "\t"); ref = c[3]; key = ref "@" c[2]
                ratio = (ref != "-" && (key in rps) && rps[key] > 0) ? sprintf("%.2f", c[4] / rps[key]) : "-"
                printf "%-36s %5d %9d %8.2f %8.2f %6d %-17s %6s %5d %6d %5d %5d %5d\n", c[1], c[2], c[4], c[5], c[6],
                    c[7], ref, ratio, c[8], c[9], c[10], c[11], c[12]
            }
        }' "$OUT/results.tsv"
    echo
}

# ---- PgBouncer (issue 10) -------------------------------------------------------------------------------------
# The logged check and check_license through PgBouncer's session and transaction pools, and direct with unnamed
# statements, so that the cost of PQexecParams is told apart from the cost of the extra hop. Each variant restarts
# our supervisor with its settings on top of the direct ones; the direct supervisor comes back afterwards.

# restart_server [VAR=VALUE...]: our supervisor again, on the same socket, with these variables on top.
restart_server() {
    stop_supervisor "$supervisor"
    env "$@" "$BIN" serve --socket "$T/fcgi.sock" --socket-mode 0666 --workers "$WORKERS" --threads "$THREADS" \
        >>"$T/server.log" 2>&1 &
    supervisor=$!
    wait_healthz "$url/healthz" "$T/tls/cert.pem" 30 "$supervisor" "$nginx_pid" || die "the supervisor did not restart"
    sanity_check
}

# pooler_selected LABEL: BENCH_ONLY selects one of the cases of pooler_pair LABEL.
pooler_selected() { [[ "check, $1" =~ $ONLY || "check no-log, $1" =~ $ONLY || "check_license, $1" =~ $ONLY ]]; }

# pooler_pair LABEL: the cases "check, LABEL", "check no-log, LABEL" (no commit to wait for: the statements' and the
# hop's CPU alone) and "check_license, LABEL" on the running supervisor.
pooler_pair() {
    check_case "check, $1" "$SCALE_CONNS" check "/api/check/$product_id" '{"info":"bench"}'
    check_case "check no-log, $1" "$SCALE_CONNS" "check no-log" "/api/check/$product_id" '{"log":false}'
    fluentcart_case "check_license, $1" "$SCALE_CONNS" check_license check "$T/check-pairs.txt"
}

# pooler_variant LABEL [VAR=VALUE...]: pooler_pair LABEL on a supervisor started with those settings.
pooler_variant() {
    pooler_selected "$1" || return 0
    restart_server "${@:2}"
    pooler_pair "$1"
}

pooler_cases() {
    pooler_selected "direct unnamed" || pooler_selected "pgbouncer session" \
        || pooler_selected "pgbouncer transaction" || return 0
    # One server connection per worker thread, the background child's and a few spare, in each pool: no client
    # ever waits for one, so the figures show the hop, not a queue.
    PGBOUNCER_SOCKET_DIR=$T/pgbouncer PGBOUNCER_POOL_SIZE=$((WORKERS * THREADS + 4)) \
        pgbouncer_start "$T/pgbouncer" "$T/pgsock" "$pg_port" "$PG_DATABASE"
    pooler_pid=$(pgbouncer_pid "$T/pgbouncer")
    local socket="host=$T/pgbouncer&port=$pgbouncer_started_port"
    pooler_variant "direct unnamed" DATABASE_PREPARED_STATEMENTS=false
    pooler_variant "pgbouncer session" DATABASE_URL="postgresql:///${PG_DATABASE}_session?$socket"
    pooler_variant "pgbouncer transaction" DATABASE_URL="postgresql:///${PG_DATABASE}_transaction?$socket" \
        DATABASE_PREPARED_STATEMENTS=false BACKGROUND_DATABASE_URL="postgresql:///${PG_DATABASE}_session?$socket"
    # The direct supervisor again, for what follows, and its two cases once more: how far the direct figures drift
    # within one run (±25 % between runs on this machine) is the yardstick for the ratios above.
    restart_server
    pgbouncer_stop "$T/pgbouncer"
    pooler_pid=""
    pooler_pair "direct again"
}
# ---- end of PgBouncer -----------------------------------------------------------------------------------------

main() {
    "$SCRIPTS/deps.sh"
    log "building (swift build -c release --static-swift-stdlib, as production)"
    (cd "$ROOT" && swift build -c release --static-swift-stdlib)
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    T=$(mktemp -d "${TMPDIR:-/tmp}/license-fcgi-bench.XXXXXX")
    chmod 0755 "$T"
    mkdir -p "$OUT" "$T/downloads"

    pg_port=$(free_port)
    # The references reach PostgreSQL over a Unix socket; our server does too, so that the transports compare
    # (make run and production use TCP).
    install -d -m 0777 "$T/pgsock"
    PG_EXTRA_SETTINGS+=$'\n'"unix_socket_directories = '$T/pgsock'"
    pg_start "$T/pg" "$pg_port"
    printf 'local all all trust\n' | pg_as_owner "$T/pg" tee -a "$T/pg/pg_hba.conf" >/dev/null
    pg_as_owner "$T/pg" "$PGBIN/pg_ctl" -D "$T/pg" reload >/dev/null
    db=$(pg_url "$T/pg" "$pg_port")
    # Our own (empty) configuration file: a deployment's /etc/license-fcgi/config.json must not reach the bench.
    printf '{}\n' >"$T/config.json"
    export LICENSE_FCGI_CONFIG=$T/config.json
    "$BIN" migrate --database-url "$db" >/dev/null
    seed
    start_references

    export DATABASE_URL="postgresql:///$PG_DATABASE?host=$T/pgsock&port=$pg_port"
    "$BIN" serve --socket "$T/fcgi.sock" --socket-mode 0666 --workers "$WORKERS" --threads "$THREADS" \
        >>"$T/server.log" 2>&1 &
    supervisor=$!

    make_cert "$T/tls"
    port=${BENCH_PORT:-$(free_port)}
    url=https://127.0.0.1:$port
    local references="" mode
    for mode in hello lookup log; do
        references+="        location = /reference/$mode { fastcgi_pass unix:$T/reference-$mode.sock; }"$'\n'
    done
    # wrk runs on this machine: loopback is exempt from the rate limit, as in make run, so nothing is throttled.
    RUN_DIR=$T SOCKET=$T/fcgi.sock CERT=$T/tls/cert.pem CERT_KEY=$T/tls/key.pem LISTEN="127.0.0.1:$port" \
        LISTEN_OPTIONS="reuseport backlog=4096" DOWNLOADS_DIR=$T/downloads RATE_LIMIT_EXEMPT="127.0.0.1 ::1" \
        EXTRA_LOCATIONS="        location = /static { return 200 '{\"status\":\"ok\"}'; }"$'\n'"$references" \
        "$SCRIPTS/render-nginx.sh" "$T/nginx.conf"
    nginx -c "$T/nginx.conf" -e "$T/nginx-error.log" -g 'daemon off;' </dev/null &
    nginx_pid=$!
    wait_healthz "$url/healthz" "$T/tls/cert.pem" 30 "$supervisor" "$nginx_pid" || die "the bench stack did not start"
    sanity_check

    printf 'case\tconns\treference\treq/s\tp50_ms\tp99_ms\terrors\twrk%%\tnginx%%\tapp%%\tpg%%\tidle%%\n' \
        >"$OUT/results.tsv"
    local conns
    for conns in $CONNS; do run_cases "$conns"; done
    # wrk makes a full TLS handshake for every new connection (it does not resume sessions), so nginx's static
    # answer over new connections is this case's reference; tls_resumption shows that real clients can resume.
    BENCH_CONNECTION_CLOSE=1 check_case "static, new conns" "$SCALE_CONNS" - /static '{}'
    BENCH_CONNECTION_CLOSE=1 check_case "check, new conns" "$SCALE_CONNS" "static, new conns" \
        "/api/check/$product_id" '{"info":"bench"}'
    local memory
    memory=$(worker_memory)
    pooler_cases
    if [ "$SCALE" -gt "$LICENSES" ]; then
        log "adding licenses up to $SCALE (COPY)"
        local started=$SECONDS variation
        variation=$(psql_db -tA -c "SELECT variation_id FROM licenses LIMIT 1")
        # As for any bulk load: the admin search's trigram indexes (sql/003) are dropped first and built again in
        # one pass afterwards; kept, they make each of the millions of inserted keys update ~30 GIN entries.
        psql_db -c "DROP INDEX IF EXISTS licenses_license_key_trgm_idx, licenses_order_id_trgm_idx"
        copy_licenses $((LICENSES + 1)) "$SCALE" "$variation"
        log "copied in $((SECONDS - started)) s; building the trigram indexes again"
        psql_db -c "CREATE INDEX licenses_license_key_trgm_idx ON licenses USING gin (license_key gin_trgm_ops)" \
            -c "CREATE INDEX licenses_order_id_trgm_idx ON licenses USING gin ((order_id::text) gin_trgm_ops)" \
            -c "VACUUM ANALYZE licenses" -c CHECKPOINT
        log "seeded in $((SECONDS - started)) s"
        local total
        total=$(psql_db -tA -c "SELECT count(*) FROM licenses")
        check_case "check no-log, $total" "$SCALE_CONNS" "check no-log" "/api/check/$product_id" '{"log":false}'
        check_case "check, $total" "$SCALE_CONNS" "check" "/api/check/$product_id" '{"info":"bench"}'
        fluentcart_case "check_license, $total" "$SCALE_CONNS" "check_license" check "$T/check-pairs.txt"
    fi
    : >"$OUT/log-rows.txt"
    if [ "$LOG_ROWS" -gt 0 ] && [[ "check, $LOG_ROWS log rows" =~ $ONLY ]]; then log_rows_step; fi
    print_table
    tls_resumption
    echo "$memory"
    cat "$OUT/log-rows.txt"
    echo
    psql_db -tA -F' ' -c "SELECT 'check-log rows by api:', api, count(*) FROM license_checks GROUP BY api ORDER BY api"
}

main "$@"
