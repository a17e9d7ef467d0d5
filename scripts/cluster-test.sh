#!/usr/bin/env bash
# `make cluster-test` (and CI, after `make test`): the cluster suites (Tests/EndToEndTests/Cluster) against
# `make cluster` (operations.md §7): three PostgreSQL members under Patroni with etcd, HAProxy, two app nodes and the
# front on https://127.0.0.1:9443. The suites kill members and app nodes under load and bring them back with
# `scripts/cluster.sh up`; the cluster is stopped and `.cluster/` removed on exit.
#
# The app nodes run the debug build the tests are built with (CLUSTER_BIN), not `make cluster`'s release build:
# the same code, without a second 15-minute build on two cores.
#
# Environment: KEEP_CLUSTER=1 (leave the cluster running afterwards), SWIFT_BUILD_FLAGS (as scripts/test.sh),
# TEST_FILTER (a regex of test names within ClusterTests).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/test-stack.sh
. "$SCRIPTS/test-stack.sh"

BIN=$ROOT/.build/debug/license-fcgi
CLUSTER=$ROOT/.cluster

# shellcheck disable=SC2317  # a trap handler
cleanup() {
    local rc=$?
    trap '' INT TERM
    trap - EXIT
    if [ "$rc" -ne 0 ]; then
        for log_file in "$CLUSTER"/app1/*.log "$CLUSTER"/pg*/patroni.log; do
            [ -f "$log_file" ] && show_log "$log_file" 30
        done
    fi
    if [ "${KEEP_CLUSTER:-0}" = 1 ]; then
        log "the cluster keeps running (KEEP_CLUSTER=1); stop it with make cluster-stop"
    else
        "$SCRIPTS/cluster.sh" stop || warn "make cluster-stop failed"
    fi
    exit "$rc"
}

main() {
    build_for_tests
    trap cleanup EXIT
    trap 'exit 130' INT TERM
    log "starting the cluster (make cluster)"
    CLUSTER_BIN=$BIN "$SCRIPTS/cluster.sh" up

    # The variables `make cluster` gives tools: DATABASE_URL, DATABASE_READ_URL, BASE_URL, PGPASSFILE.
    set -a
    # shellcheck source=/dev/null
    . "$CLUSTER/env"
    set +a
    export CLUSTER_BIN=$BIN
    export E2E_CLUSTER=1 E2E_CLUSTER_DIR=$CLUSTER E2E_CLUSTER_SCRIPT=$SCRIPTS/cluster.sh
    export E2E_BASE_URL=$BASE_URL E2E_DATABASE_URL=$DATABASE_URL E2E_CLI=$BIN
    export E2E_CA_CERT=$CLUSTER/tls/cert.pem
    local filter=ClusterTests
    [ -n "${TEST_FILTER:-}" ] && filter="ClusterTests.*(${TEST_FILTER})"
    log "running the cluster suites"
    (cd "$ROOT" && swift test --skip-build --filter "$filter")
}

main "$@"
