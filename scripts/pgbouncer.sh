#!/usr/bin/env bash
# A private PgBouncer in front of one PostgreSQL database, for the tests and the benchmark (issue 10).
#
#   scripts/pgbouncer.sh start DIR PG_HOST PG_PORT [DATABASE]   start it (once) and print its port
#   scripts/pgbouncer.sh stop  DIR                              stop it, if it runs
#   scripts/pgbouncer.sh url   DIR session|transaction          print the URL of one of its two pools
# Other scripts source this file and call pgbouncer_start / pgbouncer_stop / pgbouncer_url.
#
# It offers DATABASE (default `licenses`) twice: `<DATABASE>_session` (pool_mode = session: a client keeps its
# server connection, so the server's named prepared statements work) and `<DATABASE>_transaction` (pool_mode =
# transaction: server connections change hands after every transaction, so the server must run with
# DATABASE_PREPARED_STATEMENTS=false; PgBouncer 1.18 drops or mixes named statements there, scale-out.md §3).
# The admin console is the database `pgbouncer` (SHOW CLIENTS, SHOW POOLS...), for the OS user who started it.
#
# Our PostgreSQL clusters trust loopback TCP (scripts/pg.sh), so PgBouncer trusts its clients too (auth_type =
# trust: no password; the user must be listed in its auth_file, which lists the OS user and `postgres`) and logs
# in to the server as the client's user. It listens on 127.0.0.1 on a free port (PGBOUNCER_PORT to choose one),
# and on a Unix socket in PGBOUNCER_SOCKET_DIR when that is set (the benchmark's transport). PG_HOST may be a
# folder: the server's Unix socket. PGBOUNCER_POOL_SIZE (20) is the number of server connections per pool; the
# test and bench supervisors hold at most one per worker thread plus one for their background child.
#
# PgBouncer refuses to run as root: when root runs this, DIR belongs to `postgres` and PgBouncer runs as that
# user (as PostgreSQL does, scripts/pg.sh). It runs as a daemon (-d) whose pid is DIR/pgbouncer.pid; its log is
# DIR/pgbouncer.log, without connections, statements or parameters in it.
# shellcheck shell=bash

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# pgbouncer_user: the OS user PgBouncer runs as.
pgbouncer_user() {
    if is_root; then echo postgres; else id -un; fi
}

# pgbouncer_as_user CMD...: run CMD as that user.
pgbouncer_as_user() {
    if is_root; then runuser -u "$(pgbouncer_user)" -- "$@"; else "$@"; fi
}

# pgbouncer_port DIR: the port its configuration names.
pgbouncer_port() {
    sed -n 's/^listen_port = //p' "$1/pgbouncer.ini"
}

# pgbouncer_pid DIR: the pid of the PgBouncer running from DIR; false if none runs.
pgbouncer_pid() {
    pidfile_process "$1/pgbouncer.pid" pgbouncer
}

# pgbouncer_url DIR session|transaction: the URL of one of the two pools, for DATABASE_URL.
pgbouncer_url() {
    local database
    [[ "$2" == session || "$2" == transaction ]] || die "no pool named '$2' (session or transaction)"
    database=$(sed -n 's/^\(.*\)_session = .*/\1/p' "$1/pgbouncer.ini")
    echo "postgresql://127.0.0.1:$(pgbouncer_port "$1")/${database}_$2"
}

# pgbouncer_admin DIR SQL: a command on the admin console (simple protocol only, which psql -c uses).
pgbouncer_admin() {
    "${PGBIN:-/usr/lib/postgresql/15/bin}/psql" -X -q -At -h 127.0.0.1 -p "$(pgbouncer_port "$1")" -U "$(id -un)" \
        -d pgbouncer -c "$2"
}

# pgbouncer_write_config DIR PG_HOST PG_PORT DATABASE PORT
pgbouncer_write_config() {
    local dir=$1 host=$2 port=$3 database=$4 listen=$5 me
    me=$(id -un)
    local users="\"$me\" \"\""$'\n'
    [ "$me" = postgres ] || users+="\"postgres\" \"\""$'\n'
    printf '%s' "$users" >"$dir/userlist.txt"
    cat >"$dir/pgbouncer.ini" <<EOF
; Written by scripts/pgbouncer.sh at every start; edit that script, not this file.
[databases]
${database}_session = host=$host port=$port dbname=$database pool_mode=session
${database}_transaction = host=$host port=$port dbname=$database pool_mode=transaction

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $listen
unix_socket_dir = ${PGBOUNCER_SOCKET_DIR:-}
unix_socket_mode = 0777
auth_type = trust
auth_file = $dir/userlist.txt
admin_users = $me
pool_mode = session
default_pool_size = ${PGBOUNCER_POOL_SIZE:-20}
max_client_conn = 1000
; A session's prepared statements and settings must not reach the next client of its server connection.
server_reset_query = DISCARD ALL
; JDBC and some drivers send it; PgBouncer refuses unknown startup parameters otherwise.
ignore_startup_parameters = extra_float_digits
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
log_connections = 0
log_disconnections = 0
log_pooler_errors = 1
EOF
}

# pgbouncer_start DIR PG_HOST PG_PORT [DATABASE]: start PgBouncer from DIR (or keep the one already running there)
# and wait until its admin console answers. The port goes to pgbouncer_started_port (not printed, so that callers
# need no subshell).
pgbouncer_start() {
    local dir host=$2 port=$3 database=${4:-licenses} listen owner
    dir=$(realpath -m "$1")
    command -v pgbouncer >/dev/null 2>&1 || die "pgbouncer is not installed; run scripts/deps.sh"
    mkdir -p "$dir"
    if pgbouncer_pid "$dir" >/dev/null; then
        # shellcheck disable=SC2034  # read by the scripts that source this file
        pgbouncer_started_port=$(pgbouncer_port "$dir")
        return 0
    fi
    listen=${PGBOUNCER_PORT:-$(free_port)}
    pgbouncer_write_config "$dir" "$host" "$port" "$database" "$listen"
    owner=$(pgbouncer_user)
    if is_root; then
        pgbouncer_check_traversable "$owner" "$dir"
        chown -R "$owner:$(id -gn "$owner")" "$dir"
    fi
    rm -f "$dir/pgbouncer.pid"
    pgbouncer_as_user pgbouncer -d -q "$dir/pgbouncer.ini" </dev/null \
        || { show_log "$dir/pgbouncer.log" 20; die "PgBouncer did not start (configuration $dir/pgbouncer.ini)"; }
    local deadline=$((SECONDS + 15))
    until pgbouncer_admin "$dir" "SHOW VERSION" >/dev/null 2>&1; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            show_log "$dir/pgbouncer.log" 20
            die "PgBouncer did not answer on 127.0.0.1:$listen within 15 s"
        fi
        sleep 0.1
    done
    pgbouncer_started_port=$listen
}

# pgbouncer_check_traversable USER DIR: USER must reach DIR through every parent folder (root's mktemp -d is 0700).
pgbouncer_check_traversable() {
    runuser -u "$1" -- test -x "$(dirname "$2")" 2>/dev/null \
        || die "the OS user '$1' cannot enter $(dirname "$2") (PgBouncer cannot run as root, so it runs as '$1')"
}

# pgbouncer_stop DIR: immediate shutdown (SIGTERM closes every connection); nothing to do if it is not running.
pgbouncer_stop() {
    local dir pid
    dir=$(realpath -m "$1")
    pid=$(pgbouncer_pid "$dir") || return 0
    stop_process "$pid" pgbouncer TERM 10
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    case "${1:-}" in
        start)
            if [ $# -lt 4 ] || [ $# -gt 5 ]; then die "usage: $0 start DIR PG_HOST PG_PORT [DATABASE]"; fi
            pgbouncer_start "$2" "$3" "$4" "${5:-licenses}"
            echo "$pgbouncer_started_port"
            ;;
        stop) [ $# -eq 2 ] || die "usage: $0 stop DIR"; pgbouncer_stop "$2" ;;
        url) [ $# -eq 3 ] || die "usage: $0 url DIR session|transaction"; pgbouncer_url "$2" "$3" ;;
        *) die "usage: $0 start|stop|url DIR ..." ;;
    esac
fi
