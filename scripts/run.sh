#!/usr/bin/env bash
# `make run`: the whole stack on this machine, in the foreground, until Ctrl-C or SIGTERM.
#
#   installs what is missing → swift build -c release --static-swift-stdlib → PostgreSQL in .run/pg (127.0.0.1:$PGPORT, default 54329)
#   → migrations → administrator `admin` (first run) → license-fcgi serve → nginx on https://127.0.0.1:$HTTPS_PORT
#   (default 8443) with a self-signed certificate from .run/tls.
#
# The environment is passed to the server and the CLI unchanged (operations.md §1): DATABASE_URL,
# PUBLIC_BASE_URL, EVENTS_SECRET, WEBHOOK_URLS, WEBHOOK_SECRET, FAXSTORE_V1_ENABLED, LOG_LEVEL... take effect when
# set. Only DOWNLOAD_SECRET (generated once into .run/download-secret) and DOWNLOADS_DIR (.run/downloads) get
# defaults, and only when unset. Every log goes to a *.log file under .run/. nginx exempts 127.0.0.1 and ::1 from
# its rate limit (operations.md §1), so local tools and test suites never get 429.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/pg.sh
. "$SCRIPTS/pg.sh"

RUN=$ROOT/.run
HTTPS_PORT=${HTTPS_PORT:-8443}
PGPORT=${PGPORT:-54329}
BIN=$ROOT/.build/release/license-fcgi
SOCKET=$RUN/fcgi.sock
CA=$RUN/tls/cert.pem

supervisor_pid=""
nginx_pid=""

# A second `make run` on the same checkout would fight the first over the socket and the pid files. A run.pid
# whose process is gone (a SIGKILLed make run) only means its children may still be around: stop them.
refuse_if_running() {
    local pid
    if pid=$(pidfile_process "$RUN/run.pid" run.sh); then
        die "make run is already running in this checkout (pid $pid); stop it first (Ctrl-C in its terminal or kill $pid)"
    fi
}

clean_stale() {
    local pid
    if pid=$(pidfile_process "$RUN/supervisor.pid" license-fcgi); then
        warn "stopping a license-fcgi supervisor left over from an earlier run (pid $pid)"
        stop_supervisor "$pid"
    fi
    if pid=$(pidfile_process "$RUN/nginx.pid" nginx); then
        warn "stopping an nginx left over from an earlier run (pid $pid)"
        stop_nginx "$pid"
    fi
    rm -f "$RUN/supervisor.pid" "$RUN/nginx.pid" "$SOCKET"
}

prepare_run_dir() {
    mkdir -p "$RUN"
    # 0755: PostgreSQL (as `postgres` when we are root) and nginx's workers (nobody) must get through it.
    chmod 0755 "$RUN"
    echo $$ >"$RUN/run.pid"
}

build() {
    log "building (swift build -c release --static-swift-stdlib, as production)"
    (cd "$ROOT" && swift build -c release --static-swift-stdlib)
    [ -x "$BIN" ] || die "the build did not produce $BIN"
}

# Defaults for the two settings make run provides itself; a value already in the environment always wins.
set_defaults() {
    export DATABASE_URL=${DATABASE_URL:-$(pg_url "$RUN/pg" "$PGPORT")}
    if [ -z "${DOWNLOAD_SECRET:-}" ]; then
        if [ ! -s "$RUN/download-secret" ]; then
            (umask 077 && openssl rand -hex 32 >"$RUN/download-secret")
        fi
        DOWNLOAD_SECRET=$(cat "$RUN/download-secret")
        export DOWNLOAD_SECRET
    fi
    export DOWNLOADS_DIR=${DOWNLOADS_DIR:-$RUN/downloads}
    mkdir -p "$DOWNLOADS_DIR"
    # Unless you name one, an empty configuration file of the local stack's own: a deployment's
    # /etc/license-fcgi/config.json on the same machine must not configure the development stack.
    if [ -z "${LICENSE_FCGI_CONFIG:-}" ]; then
        [ -s "$RUN/config.json" ] || printf '{}\n' >"$RUN/config.json"
        export LICENSE_FCGI_CONFIG=$RUN/config.json
    fi
}

admin_exists() {
    [ -n "$("$PGBIN/psql" -X -q "$DATABASE_URL" -tA -c "SELECT 1 FROM users WHERE lower(login) = 'admin'")" ]
}

# The administrator `admin`: created on the first run, its application password printed once and kept in
# .run/admin-password (0600). If that file is lost while the user exists, a new password is issued.
ensure_admin() {
    local exists=false
    admin_exists && exists=true
    new_admin_password=$(issue_admin_password "$RUN/admin-password" "$exists")
}

start_supervisor() {
    log "starting license-fcgi serve (log: .run/server.log)"
    rm -f "$SOCKET"
    # 0666: nginx's workers run as another user (nobody) when nginx is started by root.
    "$BIN" serve --socket "$SOCKET" --socket-mode 0666 >>"$RUN/server.log" 2>&1 &
    supervisor_pid=$!
    echo "$supervisor_pid" >"$RUN/supervisor.pid"
}

start_nginx() {
    local listen="127.0.0.1:$HTTPS_PORT"
    ipv6_loopback_ok && listen+=" [::1]:$HTTPS_PORT"
    make_cert "$RUN/tls"
    # Tools and test suites on this machine are never rate-limited (operations.md §1); RATE_LIMIT_EXEMPT from the
    # environment adds to the loopback addresses, RATE_LIMIT and RATE_LIMIT_BURST pass through.
    RUN_DIR=$RUN SOCKET=$SOCKET CERT=$CA CERT_KEY=$RUN/tls/key.pem LISTEN=$listen \
        DOWNLOADS_DIR=$(realpath -m "$DOWNLOADS_DIR") RATE_LIMIT_EXEMPT="127.0.0.1 ::1 ${RATE_LIMIT_EXEMPT:-}" \
        "$SCRIPTS/render-nginx.sh" "$RUN/nginx.conf"
    log "starting nginx on https://127.0.0.1:$HTTPS_PORT (logs: .run/nginx-*.log)"
    # daemon off: nginx stays our child, so we hold its pid and notice if it dies.
    nginx -c "$RUN/nginx.conf" -e "$RUN/nginx-error.log" -g 'daemon off;' </dev/null &
    nginx_pid=$!
}

wait_ready() {
    if ! wait_healthz "https://127.0.0.1:$HTTPS_PORT/healthz" "$CA" 60 "$supervisor_pid" "$nginx_pid"; then
        show_log "$RUN/server.log"
        show_log "$RUN/nginx-error.log" 20
        show_log "$RUN/postgresql.log" 20
        die "the stack did not become ready"
    fi
}

banner() {
    local url=https://127.0.0.1:$HTTPS_PORT
    cat <<EOF

  license-fcgi is serving on $url   (self-signed certificate: .run/tls/cert.pem)

EOF
    if [ -n "${new_admin_password:-}" ]; then
        cat <<EOF
  Administrator:  admin
  Password:       $new_admin_password
                  (shown once; also in .run/admin-password, mode 0600)

EOF
    else
        cat <<EOF
  Administrator:  admin   (application password in .run/admin-password)

EOF
    fi
    cat <<EOF
  Admin CLI:  .build/release/license-fcgi --help      database: $DATABASE_URL
  Try:        curl --cacert .run/tls/cert.pem $url/healthz
  Logs:       .run/server.log  .run/nginx-access.log  .run/nginx-error.log  .run/postgresql.log

  Ctrl-C stops everything.
EOF
}

# Stop in reverse order: nginx first (no new requests), then the supervisor (drains its workers), then
# PostgreSQL. Signals are ignored meanwhile, so a second Ctrl-C cannot leave half of it running.
# shellcheck disable=SC2317  # a trap handler
cleanup() {
    local rc=$?
    trap '' INT TERM
    trap - EXIT
    if [ -n "$nginx_pid$supervisor_pid" ]; then echo >&2; log "stopping"; fi
    [ -n "$nginx_pid" ] && stop_nginx "$nginx_pid"
    [ -n "$supervisor_pid" ] && stop_supervisor "$supervisor_pid"
    rm -f "$SOCKET" "$RUN/supervisor.pid" "$RUN/nginx.pid"
    pg_stop "$RUN/pg" || warn "could not stop PostgreSQL in .run/pg"
    rm -f "$RUN/run.pid"
    [ -n "$nginx_pid$supervisor_pid" ] && log "stopped"
    exit "$rc"
}

main() {
    refuse_if_running
    "$SCRIPTS/deps.sh"
    build
    prepare_run_dir
    trap cleanup EXIT
    # Ctrl-C and SIGTERM are the normal way to stop: exit 0 after stopping everything, as the supervisor does.
    trap 'exit 0' INT TERM
    clean_stale
    port_free "$HTTPS_PORT" || die "port $HTTPS_PORT is in use; stop what listens there or choose another with HTTPS_PORT=..."
    log "starting PostgreSQL in .run/pg on 127.0.0.1:$PGPORT (log: .run/postgresql.log)"
    pg_start "$RUN/pg" "$PGPORT"
    set_defaults
    "$BIN" migrate >/dev/null
    ensure_admin
    start_supervisor
    start_nginx
    wait_ready
    banner
    # Stay in the foreground. PostgreSQL is not our child: its owner may stop and restart it meanwhile, and
    # the server answers 503 until it is back. If nginx or the supervisor dies, stop the rest and fail.
    local rc=0
    wait -n "$supervisor_pid" "$nginx_pid" || rc=$?
    if ! alive "$supervisor_pid"; then
        warn "the license-fcgi supervisor exited (status $rc)"; show_log "$RUN/server.log" 20
    else
        warn "nginx exited (status $rc)"; show_log "$RUN/nginx-error.log" 20
    fi
    exit 1
}

main "$@"
