# Shared helpers for the scripts in this folder. Source it; it defines functions and a few variables only.
# shellcheck shell=bash

# Repository root, whatever the caller's working directory.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck disable=SC2034  # used by the scripts that source this file
SCRIPTS=$ROOT/scripts

# nginx, runuser and friends live in /usr/sbin, which is not on a normal user's PATH on Debian.
case ":$PATH:" in *:/usr/sbin:*) ;; *) PATH=$PATH:/usr/sbin:/sbin ;; esac
export PATH

log() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# as_root CMD...: run CMD with root rights; non-root users need password-less sudo (sudo -n never prompts,
# so a script never hangs waiting for a password in CI).
as_root() {
    if is_root; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        die "needs root rights for: $*  (run it as root, or give this user password-less sudo)"
    fi
}

# free_port: a TCP port on 127.0.0.1 that nobody listens on right now (the kernel picks it).
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# port_free PORT: nothing listens on 127.0.0.1:PORT (SO_REUSEADDR, as nginx binds, so TIME_WAIT does not count).
port_free() {
    python3 -c 'import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null
}

# ipv6_loopback_ok: true when ::1 can be bound (containers sometimes have no IPv6 at all).
ipv6_loopback_ok() {
    python3 -c 'import socket; s = socket.socket(socket.AF_INET6); s.bind(("::1", 0))' 2>/dev/null
}

# alive PID: the process exists and is not a zombie (kill -0 succeeds on unreaped children, so read /proc).
alive() {
    local state
    [ -n "${1:-}" ] && [ -r "/proc/$1/stat" ] || return 1
    state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
    [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

# cmdline_of PID: the command line with spaces between arguments ("" if gone).
cmdline_of() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true; }

# children_of PID: direct children's pids (from /proc, so procps is not needed).
children_of() {
    local stat pid
    for stat in /proc/[0-9]*/stat; do
        pid=${stat#/proc/}; pid=${pid%/stat}
        [ "$(sed 's/.*) //' "$stat" 2>/dev/null | cut -d' ' -f2)" = "$1" ] && echo "$pid"
    done 2>/dev/null || true
}

# wait_gone TIMEOUT_S PID...: wait until every PID has exited; false if one is still there after TIMEOUT_S.
wait_gone() {
    local timeout=$1 deadline p left
    shift
    deadline=$((SECONDS + timeout))
    while :; do
        left=0
        for p in "$@"; do alive "$p" && left=1; done
        [ "$left" -eq 0 ] && return 0
        [ "$SECONDS" -ge "$deadline" ] && return 1
        sleep 0.1
    done
}

# stop_process PID NAME [SIGNAL] [TIMEOUT_S]: send SIGNAL (TERM), wait up to TIMEOUT_S (10 s), then SIGKILL.
# Reaps the process when it is our child, so no zombie stays behind.
stop_process() {
    local pid=$1 name=$2 sig=${3:-TERM} timeout=${4:-10}
    alive "$pid" || { wait "$pid" 2>/dev/null || true; return 0; }
    kill "-$sig" "$pid" 2>/dev/null || true
    if ! wait_gone "$timeout" "$pid"; then
        warn "$name (pid $pid) did not stop within ${timeout}s after SIG$sig; killing it"
        kill -KILL "$pid" 2>/dev/null || true
        wait_gone 5 "$pid" || true
    fi
    wait "$pid" 2>/dev/null || true
}

# stop_supervisor PID: TERM the license-fcgi supervisor (it drains and stops its workers), wait, and make
# sure no worker outlives it even if the supervisor had to be killed.
stop_supervisor() {
    local pid=$1 workers w
    alive "$pid" || { wait "$pid" 2>/dev/null || true; return 0; }
    workers=$(children_of "$pid")
    stop_process "$pid" "license-fcgi supervisor" TERM 15
    for w in $workers; do
        if alive "$w" && [[ "$(cmdline_of "$w")" == *license-fcgi* ]]; then
            warn "worker $w outlived its supervisor; killing it"
            kill -KILL "$w" 2>/dev/null || true
        fi
    done
}

# stop_nginx PID: graceful stop (QUIT finishes in-flight requests), then TERM/KILL if it hangs.
stop_nginx() {
    local pid=$1
    alive "$pid" || { wait "$pid" 2>/dev/null || true; return 0; }
    kill -QUIT "$pid" 2>/dev/null || true
    if ! wait_gone 10 "$pid"; then
        stop_process "$pid" nginx TERM 5
    fi
    wait "$pid" 2>/dev/null || true
}

# pidfile_process FILE PATTERN: the pid in FILE if that process is alive and its command line matches PATTERN
# (a stale pid file may name an unrelated process after a reboot or a container restart).
pidfile_process() {
    local pid
    [ -s "$1" ] || return 1
    pid=$(head -n1 "$1" | tr -dc '0-9')
    [ -n "$pid" ] && alive "$pid" && [[ "$(cmdline_of "$pid")" == *$2* ]] && echo "$pid"
}

# make_cert DIR: self-signed ECDSA P-256 certificate for 127.0.0.1, ::1 and localhost, created once.
make_cert() {
    local dir=$1
    [ -s "$dir/cert.pem" ] && [ -s "$dir/key.pem" ] && return 0
    mkdir -p "$dir"
    (
        umask 077
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 825 \
            -subj /CN=127.0.0.1 -addext 'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost' \
            -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
    ) || die "openssl could not create a certificate in $dir"
    chmod 0644 "$dir/cert.pem"
}

# wait_healthz URL CAFILE TIMEOUT_S PID...: wait for URL to answer 200; false on timeout or when one of
# the PIDs (the processes that must serve it) dies meanwhile.
wait_healthz() {
    local url=$1 ca=$2 timeout=$3 deadline p
    shift 3
    deadline=$((SECONDS + timeout))
    while :; do
        curl -fsS -o /dev/null --max-time 2 --cacert "$ca" "$url" 2>/dev/null && return 0
        for p in "$@"; do alive "$p" || { warn "pid $p exited while waiting for $url"; return 1; }; done
        [ "$SECONDS" -ge "$deadline" ] && { warn "$url did not answer 200 within ${timeout}s"; return 1; }
        sleep 0.2
    done
}

# show_log FILE [LINES]: the tail of a log, framed, on stderr (for failures).
show_log() {
    [ -s "$1" ] || return 0
    printf -- '----- last %s lines of %s -----\n' "${2:-40}" "$1" >&2
    tail -n "${2:-40}" "$1" >&2
}

# json_field NAME: one top-level field of the JSON object on stdin (the admin CLI prints exactly one).
json_field() { python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

# issue_admin_password FILE EXISTS: the administrator `admin` of a stack, created when EXISTS is false, else given
# a new application password when FILE (its password, mode 0600) was lost; needs $BIN and the database's
# environment. Prints the new password, nothing when FILE was already there.
issue_admin_password() {
    local file=$1 exists=$2 json password
    if [ "$exists" = true ]; then
        [ -s "$file" ] && return 0
        log "issuing a new application password for admin ($file was missing)"
        json=$("$BIN" user password --login admin)
    else
        log "creating the administrator admin (password in $file)"
        json=$("$BIN" user create --login admin --email admin@localhost --role administrator)
    fi
    password=$(printf '%s' "$json" | json_field application_password)
    (umask 077 && printf '%s\n' "$password" >"$file.tmp" && mv -f "$file.tmp" "$file")
    chmod 0600 "$file"
    printf '%s\n' "$password"
}
