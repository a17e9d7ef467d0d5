#!/usr/bin/env bash
# `make test-faults` (and CI, after `make test`): the fault suites (Tests/EndToEndTests/Faults) against a stack of
# their own, because they restart its PostgreSQL, lock its tables and signal its supervisor.
#
#   PostgreSQL cluster on a free port, migrated; a role `license_readonly` that may only SELECT
#   supervisor "main": 2 workers × 4 threads, STATEMENT_TIMEOUT_MS=2000, behind nginx with TLS   → E2E_BASE_URL
#   supervisor "readonly": 1 worker × 2 threads, connected as license_readonly, behind its nginx → E2E_READ_ONLY_BASE_URL
#
# The suites run one `swift test` each, in this order, so that each finds the stack as the previous one left it and
# the one that stops the main supervisor for good (SIGTERM) comes last. A failing suite does not stop the others;
# the script exits non-zero if any failed. Everything is stopped and the folder removed on exit.
#
# Environment: KEEP_TMP=1 (keep the folder and its logs), SWIFT_BUILD_FLAGS (as scripts/test.sh),
# FAULT_SUITES (space-separated suite type names, to run a subset in the order given), TEST_FILTER (as for
# `make test`, which runs this script after scripts/test.sh: only the suites it matches run, and none starts the
# stack when it matches no suite).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/pg.sh
. "$SCRIPTS/pg.sh"
# shellcheck source=scripts/test-stack.sh
. "$SCRIPTS/test-stack.sh"

BIN=$ROOT/.build/debug/license-fcgi
T=""
supervisor_main="" supervisor_readonly="" nginx_main="" nginx_readonly=""
SUITES=(
    WorkerKillFaultTests
    ReloadFaultTests
    DatabaseRestartFaultTests
    SlowDatabaseFaultTests
    ReadOnlyDatabaseFaultTests
    SupervisorStopFaultTests
)
READ_ONLY_ROLE=license_readonly
STATEMENT_TIMEOUT=2000
# The main supervisor waits out a lost database for 1 s per request (REQUEST_DEADLINE_MS), so an outage of a few
# seconds shows its 503s; the read-only one keeps the default 5 s and shows a short restart being waited out.
REQUEST_DEADLINE=1000

# shellcheck disable=SC2317  # a trap handler
cleanup() {
    local rc=$?
    trap '' INT TERM
    trap - EXIT
    if [ -n "$T" ]; then
        [ -n "$nginx_main" ] && stop_nginx "$nginx_main"
        [ -n "$nginx_readonly" ] && stop_nginx "$nginx_readonly"
        [ -n "$supervisor_main" ] && stop_supervisor "$supervisor_main"
        [ -n "$supervisor_readonly" ] && stop_supervisor "$supervisor_readonly"
        pg_stop "$T/pg" || warn "could not stop the test cluster in $T/pg"
        if [ "$rc" -ne 0 ]; then
            show_log "$T/server-main.log" 60
            show_log "$T/server-readonly.log" 20
            show_log "$T/nginx-main/nginx-error.log" 20
            show_log "$T/postgresql.log" 20
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
    local suites suite selected=()
    read -r -a suites <<<"${FAULT_SUITES:-${SUITES[*]}}"
    for suite in "${suites[@]}"; do
        if [ -z "${TEST_FILTER:-}" ] || [[ $suite =~ $TEST_FILTER ]]; then selected+=("$suite"); fi
    done
    if [ "${#selected[@]}" -eq 0 ]; then
        log "no fault suite matches TEST_FILTER"
        return 0
    fi
    build_for_tests

    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    T=$(mktemp -d "${TMPDIR:-/tmp}/license-fcgi-faults.XXXXXX")
    # mktemp makes it 0700; PostgreSQL (as `postgres` under root) and nginx's workers must get in.
    chmod 0755 "$T"
    mkdir -p "$T/downloads"

    local pg_port port_main port_readonly db
    pg_port=$(free_port)
    log "starting a throwaway fault stack in $T (PostgreSQL on 127.0.0.1:$pg_port)"
    pg_start "$T/pg" "$pg_port"
    db=$(pg_url "$T/pg" "$pg_port")
    "$BIN" migrate --database-url "$db" >/dev/null
    # A role that may read everything and write nothing, as a database that refuses writes looks to the server.
    pg_psql "$pg_port" "$(id -un)" "$PG_DATABASE" -v role="$READ_ONLY_ROLE" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('GRANT USAGE ON SCHEMA public TO %I', :'role') \gexec
SELECT format('GRANT SELECT ON ALL TABLES IN SCHEMA public TO %I', :'role') \gexec
SQL

    # Nothing from the caller's shell may change what the suites expect.
    unset FAXSTORE_V1_ENABLED PUBLIC_BASE_URL WEBHOOK_URLS GRACE_DAYS CHECK_LOG_RETENTION_DAYS SWEEP_INTERVAL_SECONDS
    unset CHECK_LOG_ROLLUP_INTERVAL_SECONDS
    unset METRICS_ALLOW EVENTS_SECRET
    # An empty configuration file of our own: a machine's /etc/license-fcgi/config.json never reaches the stack.
    printf '{}\n' >"$T/config.json"
    export LICENSE_FCGI_CONFIG=$T/config.json
    export DATABASE_URL=$db DOWNLOADS_DIR=$T/downloads STATEMENT_TIMEOUT_MS=$STATEMENT_TIMEOUT
    export DOWNLOAD_SECRET=${DOWNLOAD_SECRET:-$(openssl rand -hex 32)}
    REQUEST_DEADLINE_MS=$REQUEST_DEADLINE start_supervisor main --workers 2 --threads 4
    supervisor_main=$started_pid
    REQUEST_DEADLINE_MS=5000 DATABASE_URL="postgresql://$READ_ONLY_ROLE@127.0.0.1:$pg_port/$PG_DATABASE" \
        start_supervisor readonly --workers 1 --threads 2
    supervisor_readonly=$started_pid

    make_cert "$T/tls"
    local loopback_exempt=(RATE_LIMIT_EXEMPT="127.0.0.1 ::1")
    port_main=$(free_port)
    start_nginx main "$port_main" main "${loopback_exempt[@]}"
    nginx_main=$started_pid
    port_readonly=$(free_port)
    start_nginx readonly "$port_readonly" readonly "${loopback_exempt[@]}"
    nginx_readonly=$started_pid
    if ! wait_healthz "https://127.0.0.1:$port_main/healthz" "$T/tls/cert.pem" 30 "$supervisor_main" "$nginx_main" \
        || ! wait_healthz "https://127.0.0.1:$port_readonly/healthz" "$T/tls/cert.pem" 30 \
            "$supervisor_readonly" "$nginx_readonly"; then
        die "the fault stack did not become ready"
    fi

    export E2E_FAULTS=1
    export E2E_BASE_URL=https://127.0.0.1:$port_main
    export E2E_READ_ONLY_BASE_URL=https://127.0.0.1:$port_readonly
    export E2E_CA_CERT=$T/tls/cert.pem
    export E2E_DATABASE_URL=$db
    export E2E_CLI=$BIN
    export E2E_SUPERVISOR_PID=$supervisor_main
    export E2E_READ_ONLY_SUPERVISOR_PID=$supervisor_readonly
    export E2E_READ_ONLY_ROLE=$READ_ONLY_ROLE
    export E2E_WORKERS=2 E2E_THREADS=4
    export E2E_STATEMENT_TIMEOUT_MS=$STATEMENT_TIMEOUT E2E_REQUEST_DEADLINE_MS=$REQUEST_DEADLINE
    export E2E_PG_DIR=$T/pg E2E_PG_PORT=$pg_port E2E_SCRIPTS=$SCRIPTS
    export E2E_RUN_DIR=$T

    local failed=()
    for suite in "${selected[@]}"; do
        log "running $suite"
        (cd "$ROOT" && swift test --skip-build --filter "EndToEndTests\\.$suite/") || failed+=("$suite")
    done
    if [ "${#failed[@]}" -eq 0 ]; then
        log "all fault suites passed"
    else
        warn "fault suites failed: ${failed[*]}"
        exit 1
    fi
}

main "$@"
