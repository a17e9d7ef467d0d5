# Starting the parts of a throwaway test stack, shared by scripts/test.sh and scripts/test-faults.sh. Source it
# after lib.sh; the caller sets T (the stack's folder) and BIN (the license-fcgi binary) and reads started_pid.
# shellcheck shell=bash

# shellcheck disable=SC2034  # read by the scripts that source this file
started_pid=""

# start_supervisor NAME ARGS...: a supervisor on $T/NAME.sock, logging to $T/server-NAME.log; its pid goes to
# started_pid (not printed: in a $(...) subshell it would not be our child, and we could not wait for it).
start_supervisor() {
    local name=$1
    shift
    "$BIN" serve --socket "$T/$name.sock" --socket-mode 0666 "$@" >>"$T/server-$name.log" 2>&1 &
    # shellcheck disable=SC2034  # read by the scripts that source this file
    started_pid=$!
}

# start_nginx NAME PORT SUPERVISOR [VAR=VALUE...]: nginx for $T/SUPERVISOR.sock on 127.0.0.1:PORT, files in
# $T/nginx-NAME, rendered with the given render-nginx.sh variables on top; pid in started_pid.
start_nginx() {
    local name=$1 port=$2 supervisor=$3 dir=$T/nginx-$1
    shift 3
    mkdir -p "$dir"
    env RUN_DIR="$dir" SOCKET="$T/$supervisor.sock" CERT="$T/tls/cert.pem" CERT_KEY="$T/tls/key.pem" \
        LISTEN="127.0.0.1:$port" DOWNLOADS_DIR="$T/downloads" "$@" "$SCRIPTS/render-nginx.sh" "$dir/nginx.conf"
    nginx -c "$dir/nginx.conf" -e "$dir/nginx-error.log" -g 'daemon off;' </dev/null &
    started_pid=$!
}

# build_for_tests: the Debian packages, then the debug build with the test targets (SWIFT_BUILD_FLAGS on top).
build_for_tests() {
    "$SCRIPTS/deps.sh"
    log "building (swift build --build-tests)"
    # shellcheck disable=SC2086  # SWIFT_BUILD_FLAGS is a list of flags
    (cd "$ROOT" && swift build --build-tests ${SWIFT_BUILD_FLAGS:-})
    [ -x "$BIN" ] || die "the build did not produce $BIN"
}
