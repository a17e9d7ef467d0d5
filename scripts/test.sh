#!/usr/bin/env bash
# `make test` (and CI): builds, then runs every test target (unit and end-to-end) with `swift test`.
#
# The end-to-end tests need a real stack, so this script starts a throwaway one in a temporary folder and on free
# ports: a PostgreSQL cluster, two supervisors and three nginx with TLS, all rendered from the same files as
# `make run` and production. It stops all of it and removes the folder on exit, whatever happens.
#
#   stack A: nginx → supervisor (2 workers × 4 threads), FaxStore V1 off, no PUBLIC_BASE_URL   → E2E_BASE_URL
#   stack B: nginx → supervisor (1 worker × 2 threads), --faxstore-v1, PUBLIC_BASE_URL=https://licenses.example.test
#                                                                                               → E2E_V1_BASE_URL
#   both on the same database (E2E_DATABASE_URL), B's workers through PgBouncer's transaction pool with unnamed
#   statements and its background child (session state: advisory locks) through the session pool, A's reads (DATABASE_READ_URL) through its session pool with named
#   ones (scripts/pgbouncer.sh; its admin console → E2E_PGBOUNCER_ADMIN_URL). The CLI connects directly: migrations
#   must never run through a transaction pool. Their nginx exempt 127.0.0.1 and ::1 from the rate limit, as
#   `make run` does (operations.md §1), so no test is ever throttled.
#   stack C: nginx without the exemption, 5r/s and burst 5, in front of stack A's supervisor
#                                                                                    → E2E_RATE_LIMITED_BASE_URL
#
# After that first `swift test`, two more run one suite each, alone: HostileInputFuzzTests (E2E_QUIET_PHASE=1), whose
# database checksum needs nobody else writing, then RunLogSecrecyTests (E2E_FINAL_PHASE=1), which searches every log
# of the run for every key and password the run used.
#
# Environment: TEST_FILTER (passed to swift test --filter), KEEP_TMP=1 (keep the folder for a post-mortem),
# SWIFT_BUILD_FLAGS (extra flags for swift build, e.g. "-Xswiftc -warnings-as-errors").
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/pg.sh
. "$SCRIPTS/pg.sh"
# shellcheck source=scripts/test-stack.sh
. "$SCRIPTS/test-stack.sh"
# shellcheck source=scripts/pgbouncer.sh
. "$SCRIPTS/pgbouncer.sh"

BIN=$ROOT/.build/debug/license-fcgi
T=""
supervisor_a="" supervisor_b="" nginx_a="" nginx_b="" nginx_c="" receiver=""

# shellcheck disable=SC2317  # a trap handler
cleanup() {
    local rc=$?
    trap '' INT TERM
    trap - EXIT
    if [ -n "$T" ]; then
        [ -n "$nginx_a" ] && stop_nginx "$nginx_a"
        [ -n "$nginx_b" ] && stop_nginx "$nginx_b"
        [ -n "$nginx_c" ] && stop_nginx "$nginx_c"
        [ -n "$supervisor_a" ] && stop_supervisor "$supervisor_a"
        [ -n "$supervisor_b" ] && stop_supervisor "$supervisor_b"
        [ -n "$receiver" ] && { kill "$receiver" 2>/dev/null; wait "$receiver" 2>/dev/null || true; }
        pgbouncer_stop "$T/pgbouncer" || warn "could not stop the test PgBouncer in $T/pgbouncer"
        pg_stop "$T/pg" || warn "could not stop the test cluster in $T/pg"
        if [ "$rc" -ne 0 ]; then
            show_log "$T/server-a.log" 60
            show_log "$T/server-b.log" 30
            show_log "$T/nginx-a/nginx-error.log" 20
            show_log "$T/nginx-b/nginx-error.log" 20
            show_log "$T/nginx-c/nginx-error.log" 20
            show_log "$T/postgresql.log" 20
            show_log "$T/pgbouncer/pgbouncer.log" 20
        fi
        if [ "${KEEP_TMP:-0}" = 1 ]; then
            log "kept $T"
        else
            rm -rf "$T"
        fi
    fi
    exit "$rc"
}

main() {
    export CI=${CI:-true}
    build_for_tests

    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    T=$(mktemp -d "${TMPDIR:-/tmp}/license-fcgi-test.XXXXXX")
    # mktemp makes it 0700; PostgreSQL (as `postgres` under root) and nginx's workers must get in.
    chmod 0755 "$T"
    mkdir -p "$T/downloads"

    local pg_port port_a port_b port_c db
    pg_port=$(free_port)
    log "starting a throwaway stack in $T (PostgreSQL on 127.0.0.1:$pg_port)"
    pg_start "$T/pg" "$pg_port"
    db=$(pg_url "$T/pg" "$pg_port")
    "$BIN" migrate --database-url "$db" >/dev/null
    pgbouncer_start "$T/pgbouncer" 127.0.0.1 "$pg_port" "$PG_DATABASE"

    # Neither supervisor may inherit settings from the caller's shell that would change what the tests expect.
    unset FAXSTORE_V1_ENABLED PUBLIC_BASE_URL WEBHOOK_URLS GRACE_DAYS CHECK_LOG_RETENTION_DAYS SWEEP_INTERVAL_SECONDS
    unset CHECK_LOG_ROLLUP_INTERVAL_SECONDS
    unset METRICS_ALLOW STATEMENT_TIMEOUT_MS
    # The fault suites live in this test target too; they only run under scripts/test-faults.sh.
    unset E2E_FAULTS
    # An empty configuration file of our own, so that a machine's /etc/license-fcgi/config.json (a deployment on the
    # same host) never reaches the stacks or the CLI.
    printf '{}\n' >"$T/config.json"
    export LICENSE_FCGI_CONFIG=$T/config.json
    export DATABASE_URL=$db DOWNLOADS_DIR=$T/downloads
    export DOWNLOAD_SECRET=${DOWNLOAD_SECRET:-$(openssl rand -hex 32)}
    # Both stacks accept signed store events (POST /api/events) with one secret, which the tests sign with.
    export EVENTS_SECRET=${EVENTS_SECRET:-$(openssl rand -hex 32)}
    export E2E_EVENTS_SECRET=$EVENTS_SECRET
    # Webhooks of stack A go to a local receiver whose log the tests read; both stacks' dispatchers sign with the
    # same secret and retry after 1 s instead of 1 min. The stacks sweep at start-up and then hourly: the sweeper
    # tests run their own `serve --background` so that no other test's lapsed license is expired under it.
    local receiver_port
    receiver_port=$(free_port)
    python3 "$SCRIPTS/webhook-receiver.py" "$receiver_port" "$T/webhooks.jsonl" </dev/null >>"$T/receiver.log" 2>&1 &
    receiver=$!
    export WEBHOOK_SECRET=${WEBHOOK_SECRET:-$(openssl rand -hex 32)} WEBHOOK_RETRY_BASE_SECONDS=1
    export E2E_WEBHOOK_RECEIVER_URL=http://127.0.0.1:$receiver_port E2E_WEBHOOK_LOG=$T/webhooks.jsonl
    # A reads its GET REST routes through DATABASE_READ_URL: the same database through PgBouncer's session pool,
    # under another application_name, so a test can see that connection. B's "replicas" refuse every connection
    # (nothing listens on that port), so it always falls back to the primary, which it reaches through PgBouncer's
    # transaction pool, sending every statement unnamed as it must there.
    WEBHOOK_URLS=$E2E_WEBHOOK_RECEIVER_URL/stack-a \
        DATABASE_READ_URL="$(pgbouncer_url "$T/pgbouncer" session)?application_name=license-fcgi-read" \
        start_supervisor a --workers 2 --threads 4
    supervisor_a=$started_pid
    PUBLIC_BASE_URL=https://licenses.example.test DATABASE_READ_URL="postgresql://127.0.0.1:$(free_port)/none" \
        DATABASE_URL="$(pgbouncer_url "$T/pgbouncer" transaction)" DATABASE_PREPARED_STATEMENTS=false \
        BACKGROUND_DATABASE_URL="$(pgbouncer_url "$T/pgbouncer" session)" \
        start_supervisor b --workers 1 --threads 2 --faxstore-v1
    supervisor_b=$started_pid

    make_cert "$T/tls"
    # A and B exempt loopback as `make run` does, with the same low limit as C: the exemption, not a generous
    # limit, is what keeps every test from 429 (RateLimitTests bursts against A to show it). A caller's RATE_LIMIT
    # or RATE_LIMIT_BURST must not change what the tests expect, so each nginx gets its own.
    local loopback_exempt=(RATE_LIMIT_EXEMPT="127.0.0.1 ::1" RATE_LIMIT=5r/s RATE_LIMIT_BURST=5)
    port_a=$(free_port)
    start_nginx a "$port_a" a "${loopback_exempt[@]}"
    nginx_a=$started_pid
    port_b=$(free_port)
    start_nginx b "$port_b" b "${loopback_exempt[@]}"
    nginx_b=$started_pid
    # Stack C: the same template without any exemption and with a limit a test can exceed, on stack A's workers.
    port_c=$(free_port)
    # ...and a METRICS_ALLOW without loopback, so that /metrics is refused there (MetricsEndpointTests).
    start_nginx c "$port_c" a RATE_LIMIT_EXEMPT= RATE_LIMIT=5r/s RATE_LIMIT_BURST=5 METRICS_ALLOW=192.0.2.1
    nginx_c=$started_pid

    if ! wait_healthz "https://127.0.0.1:$port_a/healthz" "$T/tls/cert.pem" 30 "$supervisor_a" "$nginx_a" \
        || ! wait_healthz "https://127.0.0.1:$port_b/healthz" "$T/tls/cert.pem" 30 "$supervisor_b" "$nginx_b" \
        || ! wait_healthz "https://127.0.0.1:$port_c/healthz" "$T/tls/cert.pem" 30 "$supervisor_a" "$nginx_c"; then
        die "the test stack did not become ready"
    fi

    export E2E_BASE_URL=https://127.0.0.1:$port_a
    export E2E_V1_BASE_URL=https://127.0.0.1:$port_b
    export E2E_RATE_LIMITED_BASE_URL=https://127.0.0.1:$port_c
    export E2E_CA_CERT=$T/tls/cert.pem
    export E2E_DATABASE_URL=$db
    export E2E_PGBOUNCER_ADMIN_URL=postgresql://127.0.0.1:$pgbouncer_started_port/pgbouncer
    export E2E_CLI=$BIN
    export E2E_SUPERVISOR_PID=$supervisor_a
    export E2E_V1_SUPERVISOR_PID=$supervisor_b
    export E2E_WORKERS=2
    export E2E_RUN_DIR=$T

    log "running the tests (swift test)"
    local args=(--skip-build)
    [ -n "${TEST_FILTER:-}" ] && args+=(--filter "$TEST_FILTER")
    local status=0
    (cd "$ROOT" && swift test "${args[@]}") || status=$?
    # The quiet phase: the fuzz suite alone, once nothing else touches the database (its checksum must not move).
    # Then the final phase: the run-wide log search, after every request of the run. Each runs when TEST_FILTER is
    # unset or matches its suite.
    run_phase E2E_QUIET_PHASE HostileInputFuzzTests || status=$?
    run_phase E2E_FINAL_PHASE RunLogSecrecyTests || status=$?
    if [ "$status" -eq 0 ]; then log "all tests passed"; else warn "tests failed (status $status)"; fi
    exit "$status"
}

# run_phase VARIABLE SUITE: `swift test` of SUITE alone with VARIABLE=1, unless TEST_FILTER excludes SUITE.
run_phase() {
    local variable=$1 suite=$2
    if [ -n "${TEST_FILTER:-}" ] && ! [[ $suite =~ $TEST_FILTER ]]; then
        return 0
    fi
    log "running $suite alone ($variable=1)"
    (cd "$ROOT" && env "$variable=1" swift test --skip-build --filter "$suite")
}

main "$@"
