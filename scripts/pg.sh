#!/usr/bin/env bash
# A private PostgreSQL 15 cluster for one checkout or one test run.
#
#   scripts/pg.sh init  DIR PORT   create the cluster in DIR (once) and write its settings
#   scripts/pg.sh start DIR PORT   init if needed, start, create the roles and the database `licenses`
#   scripts/pg.sh stop  DIR        stop it (pg_ctl -m fast), if it runs
#   scripts/pg.sh url   DIR PORT   print the database URL
# Other scripts source this file and call pg_init / pg_start / pg_stop.
#
# The cluster listens on 127.0.0.1:PORT only, has no Unix socket, and trusts TCP connections from 127.0.0.1 and
# ::1, so a role named after the operating-system user connects without a password (operations.md §1). Its log
# is DIR/../postgresql.log, with statement and parameter logging off and terse error messages: a unique
# violation's DETAIL would otherwise print a license key.
#
# PostgreSQL refuses to run as root. When root runs this, the data directory belongs to the `postgres` OS user
# (or to whoever already owns it) and initdb/pg_ctl run as that user through runuser.
# shellcheck shell=bash

# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PG_DATABASE=${PG_DATABASE:-licenses}

# pg_owner DIR: the OS user who owns (or will own) the cluster in DIR.
pg_owner() {
    if [ -e "$1/PG_VERSION" ]; then
        stat -c %U "$1"
    elif is_root; then
        echo postgres
    else
        id -un
    fi
}

# pg_as_owner DIR CMD...: run CMD as the cluster's owner (runuser when we are root and the owner is not).
pg_as_owner() {
    local dir=$1 owner
    shift
    owner=$(pg_owner "$dir")
    if [ "$owner" = "$(id -un)" ]; then
        "$@"
    elif is_root; then
        runuser -u "$owner" -- "$@"
    else
        die "the cluster in $dir belongs to $owner; run this as $owner or as root"
    fi
}

pg_log_file() { echo "$(dirname "$1")/postgresql.log"; }

# pg_psql PORT ROLE DB ARGS...: psql over TCP (the only way in: there is no Unix socket).
pg_psql() {
    local port=$1 role=$2 db=$3
    shift 3
    "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$role" -d "$db" "$@"
}

pg_url() { echo "postgresql://127.0.0.1:$2/$PG_DATABASE"; }

# pg_check_traversable DIR: the owner must reach DIR through every parent folder (root's mktemp -d is 0700,
# and some home folders are 0700 too).
pg_check_traversable() {
    local dir=$1 owner parent
    owner=$(pg_owner "$dir")
    parent=$(dirname "$dir")
    is_root && [ "$owner" != root ] || return 0
    if ! runuser -u "$owner" -- test -x "$parent" 2>/dev/null; then
        die "the OS user '$owner' cannot enter $parent (PostgreSQL cannot run as root, so it runs as '$owner'). \
Make every folder above it traversable (e.g. chmod o+x on each), or move the checkout (e.g. under /srv or /opt)."
    fi
}

# pg_write_settings DIR PORT: our settings, in a file of their own that postgresql.conf includes; rewritten at
# every start so that a new PORT takes effect. PG_EXTRA_SETTINGS (lines) is appended (the benchmark uses it).
pg_write_settings() {
    local dir=$1 port=$2 file=$1/license-fcgi.conf logdir
    logdir=$(dirname "$dir")
    pg_as_owner "$dir" tee "$file" >/dev/null <<EOF
# Written by scripts/pg.sh at every start; edit that script, not this file.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
max_connections = 200
shared_buffers = 256MB
work_mem = 8MB
maintenance_work_mem = 128MB
effective_cache_size = 1GB
random_page_cost = 1.1
jit = off
fsync = on
synchronous_commit = on
full_page_writes = on
max_wal_size = 2GB
timezone = 'UTC'
# Logging: one file beside the data directory, whoever starts the cluster (logging_collector), and nothing in it
# that could hold a key or a password: no statements, no parameters, no DETAIL lines.
logging_collector = on
log_directory = '$logdir'
log_filename = 'postgresql.log'
log_file_mode = 0640
log_rotation_age = 0
log_rotation_size = 0
log_truncate_on_rotation = off
log_statement = 'none'
log_min_duration_statement = -1
log_min_error_statement = panic
log_error_verbosity = terse
log_parameter_max_length = 0
log_parameter_max_length_on_error = 0
log_connections = off
log_disconnections = off
${PG_EXTRA_SETTINGS:-}
EOF
}

# pg_init DIR PORT: create the cluster once.
pg_init() {
    local dir port=$2 owner log
    dir=$(realpath -m "$1")
    [ -x "$PGBIN/initdb" ] || die "PostgreSQL 15 is not installed ($PGBIN/initdb missing); run scripts/deps.sh"
    mkdir -p "$(dirname "$dir")"
    if [ ! -e "$dir/PG_VERSION" ]; then
        if [ -d "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
            die "$dir exists and is not a PostgreSQL data directory; remove it or choose another"
        fi
        owner=$(pg_owner "$dir")
        pg_check_traversable "$dir"
        if is_root && [ "$owner" != root ]; then
            install -d -o "$owner" -g "$(id -gn "$owner")" -m 0700 "$dir"
        else
            install -d -m 0700 "$dir"
        fi
        log "creating PostgreSQL cluster in $dir (owner $owner)"
        # The bootstrap superuser is named after the owner: `postgres` when we are root, else the user.
        pg_as_owner "$dir" "$PGBIN/initdb" -D "$dir" -U "$owner" -E UTF8 --locale=C.UTF-8 \
            --auth-host=trust --auth-local=peer --no-instructions >/dev/null
        pg_as_owner "$dir" tee "$dir/pg_hba.conf" >/dev/null <<'EOF'
# Written by scripts/pg.sh: a private cluster on the loopback interface; local TCP clients are trusted.
# TYPE  DATABASE  USER  ADDRESS       METHOD
host    all       all   127.0.0.1/32  trust
host    all       all   ::1/128       trust
EOF
        printf "\ninclude_if_exists = 'license-fcgi.conf'\n" | pg_as_owner "$dir" tee -a "$dir/postgresql.conf" >/dev/null
    fi
    pg_check_traversable "$dir"
    # The log lives outside the data directory, in a folder the owner may not be able to write (root's .run):
    # create the file for it.
    log=$(pg_log_file "$dir")
    if [ ! -e "$log" ]; then
        touch "$log"
        chmod 0640 "$log"
    fi
    owner=$(pg_owner "$dir")
    is_root && [ "$owner" != root ] && chown "$owner" "$log"
    pg_write_settings "$dir" "$port"
}

pg_running() { pg_as_owner "$1" "$PGBIN/pg_ctl" -D "$1" status >/dev/null 2>&1; }

# pg_clear_stale_pid DIR: a postmaster.pid left by a crash or a container restart may name a pid that some other
# process now has, which makes PostgreSQL refuse to start. Remove it when that pid is not a postgres process.
pg_clear_stale_pid() {
    local file=$1/postmaster.pid pid
    [ -s "$file" ] || return 0
    pid=$(head -n1 "$file" | tr -dc '0-9')
    if [ -n "$pid" ] && alive "$pid" && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = postgres ]; then
        return 0
    fi
    warn "removing stale $file (pid ${pid:-?} is not a running postgres)"
    rm -f "$file"
}

# pg_start DIR PORT: start the cluster (create it first if needed), then make sure the roles and the database
# exist. Starting a cluster that already runs is fine (idempotent).
pg_start() {
    local dir port=$2 me owner role
    dir=$(realpath -m "$1")
    pg_init "$dir" "$port"
    if ! pg_running "$dir"; then
        pg_clear_stale_pid "$dir"
        pg_as_owner "$dir" "$PGBIN/pg_ctl" -D "$dir" -l "$(pg_log_file "$dir")" -w -t 60 start >/dev/null \
            || { show_log "$(pg_log_file "$dir")" 20; die "PostgreSQL did not start (data directory $dir)"; }
    fi
    me=$(id -un)
    owner=$(pg_owner "$dir")
    # A superuser role for the OS user who runs the stack (so the CLI and psql work for them), and `postgres`.
    for role in "$me" postgres; do
        [ "$role" = "$owner" ] && continue
        pg_psql "$port" "$owner" postgres -v role="$role" <<'EOF'
SELECT format('CREATE ROLE %I SUPERUSER LOGIN', :'role')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
EOF
    done
    if [ -z "$(pg_psql "$port" "$me" postgres -tA -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'")" ]; then
        "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U "$me" "$PG_DATABASE"
    fi
}

# pg_stop DIR: fast shutdown (rolls back open transactions, disconnects clients); nothing to do if stopped.
pg_stop() {
    local dir
    dir=$(realpath -m "$1")
    [ -e "$dir/PG_VERSION" ] || return 0
    pg_running "$dir" || return 0
    pg_as_owner "$dir" "$PGBIN/pg_ctl" -D "$dir" -m fast -w -t 60 stop >/dev/null
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    cmd=${1:-}
    case "$cmd" in
        init) [ $# -eq 3 ] || die "usage: $0 init DIR PORT"; pg_init "$2" "$3" ;;
        start) [ $# -eq 3 ] || die "usage: $0 start DIR PORT"; pg_start "$2" "$3" ;;
        stop) [ $# -ge 2 ] || die "usage: $0 stop DIR"; pg_stop "$2" ;;
        url) [ $# -eq 3 ] || die "usage: $0 url DIR PORT"; pg_url "$2" "$3" ;;
        *) die "usage: $0 init|start|stop|url DIR [PORT]" ;;
    esac
fi
