#!/usr/bin/env bash
# Renders deploy/nginx.conf (or NGINX_TEMPLATE) into OUTPUT ("-" for stdout), filling in its @...@ placeholders
# from the environment:
#
#   SOCKET          FastCGI Unix socket of the supervisor                      (required)
#   CERT, CERT_KEY  TLS certificate chain and key, PEM                         (required)
#   RUN_DIR         default folder for PID_FILE, TEMP_DIR and LOG_DIR         (required unless all three are set)
#   PID_FILE        nginx master pid file                     default $RUN_DIR/nginx.pid
#   TEMP_DIR        nginx temporary files (created)           default $RUN_DIR/nginx-tmp
#   LOG_DIR         nginx-access.log and nginx-error.log      default $RUN_DIR
#   LISTEN          addresses to listen on, space-separated   default "${HTTPS_PORT:-443} [::]:${HTTPS_PORT:-443}"
#                   (e.g. "127.0.0.1:8443 [::1]:8443"); each gets `ssl http2` and LISTEN_OPTIONS
#   LISTEN_OPTIONS  more listen parameters                    default backlog=4096 (the benchmark adds
#                   reuseport, as the ceilings did; not the default, because with reuseport a forgotten old
#                   nginx of the same user silently shares the port instead of failing to bind)
#   SERVER_NAME     server_name                               default _
#   DOWNLOADS_DIR   folder behind /protected-downloads/       default $RUN_DIR/downloads
#   NGINX_USER      user (and group) of the worker processes  default none (no `user` line: a non-root nginx
#                   must not have one; a root nginx then runs its workers as nobody)
#   REAL_IP_FROM    trusted proxy CIDRs, space- or comma-separated, for set_real_ip_from   default none
#   EXTRA_LOCATIONS raw nginx text placed in the server block (the benchmark's /static route)  default none
#   METRICS_ALLOW   addresses or CIDRs that may GET /metrics, space- or comma-separated   default "127.0.0.1 ::1"
#                   (the workers check REMOTE_ADDR against their own METRICS_ALLOW too: keep both lists equal)
#
# Rate limits, per client address, on every request forwarded to the workers (429 JSON with Retry-After: 1):
#   RATE_LIMIT         sustained rate, Nr/s or Nr/m                                  default 50r/s
#   RATE_LIMIT_BURST   requests over the rate served at once (nodelay) before 429   default 200
#   RATE_LIMIT_EXEMPT  addresses or CIDRs never limited, space- or comma-separated   default none
#                      (`make run`, `make test` and `make bench` pass "127.0.0.1 ::1"; "0.0.0.0/0 ::/0" turns
#                      the limit off)
# Why so generous: one WordPress site or game server checks a license a few times a day, but one address can
# stand for many clients (a shop's whole customer base or a host's WordPress sites behind one NAT, all checking
# for updates when their cron fires), and the burst absorbs such a wave. What the limit is for is a client
# retrying in a loop: at 50 requests a second it takes a few per cent of what the workers serve (make bench: about
# 1,700 logged checks a second on a 2-core machine), so it cannot starve the others.
#
# Values are inserted verbatim (perl, so that "&", "|" or newlines in them need no escaping); an unknown
# placeholder in the template is an error.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

out=${1:?usage: $0 OUTPUT|-}
template=${NGINX_TEMPLATE:-$ROOT/deploy/nginx.conf}

: "${SOCKET:?SOCKET is required}" "${CERT:?CERT is required}" "${CERT_KEY:?CERT_KEY is required}"
if [ -z "${RUN_DIR:-}" ] && { [ -z "${PID_FILE:-}" ] || [ -z "${TEMP_DIR:-}" ] || [ -z "${LOG_DIR:-}" ]; }; then
    die "RUN_DIR is required (or all of PID_FILE, TEMP_DIR and LOG_DIR)"
fi
port=${HTTPS_PORT:-443}

listen_lines=""
for addr in ${LISTEN:-$port [::]:$port}; do
    listen_lines+="        listen $addr ssl http2 ${LISTEN_OPTIONS:-backlog=4096};"$'\n'
done

real_ip_lines=""
real_ip_from=${REAL_IP_FROM:-}
for cidr in ${real_ip_from//,/ }; do
    real_ip_lines+="    set_real_ip_from $cidr;"$'\n'
done

rate_limit=${RATE_LIMIT:-50r/s}
[[ "$rate_limit" =~ ^[1-9][0-9]*r/[sm]$ ]] || die "RATE_LIMIT must look like 50r/s or 600r/m, not '$rate_limit'"
rate_limit_burst=${RATE_LIMIT_BURST:-200}
[[ "$rate_limit_burst" =~ ^(0|[1-9][0-9]*)$ ]] || die "RATE_LIMIT_BURST must be a number, not '$rate_limit_burst'"
exempt_lines=""
rate_limit_exempt=${RATE_LIMIT_EXEMPT:-}
declare -A exempt_seen=()
for cidr in ${rate_limit_exempt//,/ }; do
    [[ "$cidr" =~ ^[0-9A-Fa-f.:]+(/[0-9]+)?$ ]] || die "RATE_LIMIT_EXEMPT: '$cidr' is not an address or CIDR"
    [ -n "${exempt_seen[$cidr]:-}" ] && continue  # nginx warns about a network listed twice
    exempt_seen[$cidr]=1
    exempt_lines+="        $cidr 1;"$'\n'
done
[ -n "$exempt_lines" ] || exempt_lines="        # none (RATE_LIMIT_EXEMPT)"

metrics_lines=""
metrics_allow=${METRICS_ALLOW:-127.0.0.1 ::1}
for cidr in ${metrics_allow//,/ }; do
    [[ "$cidr" =~ ^[0-9A-Fa-f.:]+(/[0-9]+)?$ ]] || die "METRICS_ALLOW: '$cidr' is not an address or CIDR"
    metrics_lines+="            allow $cidr;"$'\n'
done

user_line=""
[ -n "${NGINX_USER:-}" ] && user_line="user $NGINX_USER;"

temp_dir=${TEMP_DIR:-$RUN_DIR/nginx-tmp}
mkdir -p "$temp_dir"

export NGX_USER_DIRECTIVE=$user_line
export NGX_PID_FILE=${PID_FILE:-$RUN_DIR/nginx.pid}
export NGX_LOG_DIR=${LOG_DIR:-$RUN_DIR}
export NGX_TEMP_DIR=$temp_dir
export NGX_LISTEN=${listen_lines%$'\n'}
export NGX_SERVER_NAME=${SERVER_NAME:-_}
export NGX_CERT=$CERT
export NGX_CERT_KEY=$CERT_KEY
export NGX_SOCKET=$SOCKET
export NGX_DOWNLOADS_DIR=${DOWNLOADS_DIR:-$RUN_DIR/downloads}
export NGX_REAL_IP=${real_ip_lines%$'\n'}
export NGX_EXTRA_LOCATIONS=${EXTRA_LOCATIONS:-}
export NGX_RATE_LIMIT=$rate_limit
export NGX_RATE_LIMIT_BURST=$rate_limit_burst
export NGX_RATE_LIMIT_EXEMPT=${exempt_lines%$'\n'}
export NGX_METRICS_ALLOW=${metrics_lines%$'\n'}

render() {
    perl -pe 's/\@([A-Z][A-Z_]*)\@/exists $ENV{"NGX_$1"} ? $ENV{"NGX_$1"} : die "unknown placeholder \@$1\@ in template\n"/ge' \
        "$template"
}

if [ "$out" = - ]; then
    render
else
    tmp="$out.tmp.$$"
    render >"$tmp" || { rm -f "$tmp"; die "could not render $template"; }
    mv -f "$tmp" "$out"
fi
