#!/usr/bin/env bash
# `make clean`: removes the build products (.build, bench/out).
# `make clean-run` (scripts/clean.sh --run): also removes the local stack's state in .run/ (the database, the
# certificate, the admin password, logs). Refuses while `make run` is running; stops what a killed run left.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/pg.sh
. "$SCRIPTS/pg.sh"

RUN=$ROOT/.run
if [ "${1:-}" = --run ]; then
    if pid=$(pidfile_process "$RUN/run.pid" run.sh); then
        die "make run is running (pid $pid); stop it first"
    fi
    if pid=$(pidfile_process "$RUN/supervisor.pid" license-fcgi); then stop_supervisor "$pid"; fi
    if pid=$(pidfile_process "$RUN/nginx.pid" nginx); then stop_nginx "$pid"; fi
    pg_stop "$RUN/pg" || true
    rm -rf "$RUN"
    log "removed .run"
else
    rm -rf "$ROOT/.build" "$ROOT/bench/out"
    log "removed .build and bench/out"
fi
