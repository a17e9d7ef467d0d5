#!/usr/bin/env bash
# `make cluster` / `make cluster-stop`: several machines' worth of the stack on this one (operations.md §7), all on
# 127.0.0.1, all state under .cluster/ in the checkout.
#
#   scripts/cluster.sh up               start whatever is not running and return once everything serves
#   scripts/cluster.sh stop             stop every process it started (by recorded pid) and delete .cluster/
#   scripts/cluster.sh status           members and their roles, app nodes up or down
#   scripts/cluster.sh patronictl ARGS  patronictl -c .cluster/pg1/patroni.yml ARGS, as the data directories' owner
#   scripts/cluster.sh restart-app N    rolling restart of app node N without failed requests: drain it at the
#                                       front, stop it, migrate, start it (current CLUSTER_BIN), put it back
#
# What `up` starts (scale-out.md has what was measured when this stack was first stood up here):
#   etcd members e1..e3           client 127.0.0.1:12379/12381/12383, peer +1          .cluster/etcd/eN
#   Patroni + PostgreSQL 15 pgN   PostgreSQL 15430+N, Patroni REST 18007+N             .cluster/pgN
#   HAProxy for PostgreSQL        15000 primary, 15001 replicas, stats http://127.0.0.1:17000/   .cluster/haproxy
#   app nodes app1, app2          nginx https://127.0.0.1:944{4,5} + supervisor + workers          .cluster/appN
#   front (HAProxy, TLS)          https://127.0.0.1:9443 over app1/app2, stats http://127.0.0.1:17001/ .cluster/front
# and, once: the roles and the database `licenses`, the migrations, the administrator `admin`
# (.cluster/admin-password), the shared secrets (.cluster/secrets.env), .cluster/env for tools.
#
# Files tools and tests may rely on (all under .cluster/): env (DATABASE_URL, DATABASE_READ_URL, PGPASSFILE,
# PGCONNECT_TIMEOUT, BASE_URL), admin-password, pgpass, secrets.env (DOWNLOAD_SECRET, EVENTS_SECRET, WEBHOOK_SECRET),
# tls/cert.pem (every TLS endpoint's certificate), bin (the binary the app nodes run); pid files etcd/eN.pid,
# pgN/patroni.pid (PostgreSQL's own: pgN/data/postmaster.pid), haproxy/haproxy.pid, appN/nginx.pid,
# appN/supervisor.pid, front/haproxy.pid; logs etcd/eN.log, pgN/patroni.log, pgN/postgresql.log, haproxy/haproxy.log,
# appN/server.log, appN/nginx-{access,error}.log, front/haproxy.log, migrate.log. The front's runtime API is
# front/admin.sock (backend `nodes`, servers `app1` and `app2`).
#
# Every daemon is started detached (setsid) with its pid in a pid file it writes itself before exec'ing, so the
# recorded pid is the daemon. As root, etcd, Patroni and PostgreSQL run as the `postgres` OS user (setpriv, with a
# clean environment); the rest runs as the caller.
#
# Environment: CLUSTER_BIN (a license-fcgi binary to use instead of building a release one), CLUSTER_MIGRATIONS
# (a folder of migrations for `migrate --migrations`), CLUSTER_WORKERS / CLUSTER_THREADS (per app node, default
# 2 and 4). The app nodes get the caller's environment, as `make run` passes its own, with the cluster's database
# URLs, secrets and configuration file on top.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=scripts/pg.sh
. "$SCRIPTS/pg.sh"

CLUSTER=$ROOT/.cluster
TEMPLATES=$ROOT/deploy/cluster
MEMBERS=(pg1 pg2 pg3)
NODES=(app1 app2)
ETCD_MEMBERS=(e1 e2 e3)
DATABASE=licenses
APP_ROLE=app
PRIMARY_PORT=15000
REPLICA_PORT=15001
DB_STATS_PORT=17000
FRONT_STATS_PORT=17001
FRONT_PORT=9443
UP_TIMEOUT=${CLUSTER_UP_TIMEOUT:-180}
# A clean environment for the daemons of the database tier (the machine's PATH may start with another Python).
DAEMON_PATH=$PGBIN:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

member_index() { echo "${1#pg}"; }
pg_port() { echo $((15430 + $(member_index "$1"))); }
rest_port() { echo $((18007 + $(member_index "$1"))); }
etcd_client_port() { echo $((12377 + 2 * ${1#e})); }
etcd_peer_port() { echo $(($(etcd_client_port "$1") + 1)); }
node_port() { echo $((9443 + ${1#app})); }
etcd_endpoints() {
    local e list=""
    for e in "${ETCD_MEMBERS[@]}"; do list+="${list:+,}http://127.0.0.1:$(etcd_client_port "$e")"; done
    echo "$list"
}

# as_db_user CMD...: CMD as the database tier's user (setpriv, which execs and so keeps the pid).
as_db_user() {
    if is_root; then
        setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"
    else
        "$@"
    fi
}

# db_dir DIR [MODE]: a folder the database tier's user owns (mode 0700 unless given).
db_dir() {
    local dir=$1 mode=${2:-0700}
    if is_root; then
        install -d -o postgres -g postgres -m "$mode" "$dir"
    else
        install -d -m "$mode" "$dir"
    fi
}

# spawn PIDFILE LOG COMMAND...: COMMAND detached in a session of its own, stdin from /dev/null, output appended to
# LOG; the shell that runs it writes its own pid to PIDFILE, then execs COMMAND, so PIDFILE names the daemon.
spawn() {
    local pidfile=$1 logfile=$2
    shift 2
    # shellcheck disable=SC2016  # $$ and $0 belong to the inner shell
    setsid sh -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" </dev/null >>"$logfile" 2>&1 &
    # Wait for the pid file, so a caller's running-check right after sees the daemon.
    local deadline=$((SECONDS + 5))
    while [ ! -s "$pidfile" ] && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.05; done
}

# spawn_db PIDFILE LOG COMMAND...: spawn, as the database tier's user, with a clean environment.
spawn_db() {
    local pidfile=$1 logfile=$2
    shift 2
    if is_root && [ ! -e "$logfile" ]; then
        install -o postgres -g postgres -m 0640 /dev/null "$logfile"
    fi
    # shellcheck disable=SC2016  # $$ and $0 belong to the inner shell
    as_db_user env -i PATH="$DAEMON_PATH" HOME="$CLUSTER" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
        setsid sh -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" </dev/null >>"$logfile" 2>&1 &
    local deadline=$((SECONDS + 5))
    while [ ! -s "$pidfile" ] && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.05; done
}

# running PIDFILE: the pid in PIDFILE if it is alive and belongs to this cluster (its command line names the
# .cluster folder: a stale pid file may name an unrelated process now).
running() { pidfile_process "$1" "$CLUSTER/"; }

# render TEMPLATE OUTPUT NAME=VALUE...: fills in the template's @NAME@ placeholders (perl, so values need no
# escaping); an unknown placeholder is an error.
render() {
    local template=$1 out=$2 pair
    shift 2
    local -a vars=()
    for pair in "$@"; do vars+=("CLUSTER_TPL_$pair"); done
    # shellcheck disable=SC2016  # perl code, not shell
    env "${vars[@]}" perl -pe \
        's/\@([A-Z][A-Z_]*)\@/exists $ENV{"CLUSTER_TPL_$1"} ? $ENV{"CLUSTER_TPL_$1"} : die "unknown placeholder \@$1\@ in template\n"/ge' \
        "$template" >"$out.tmp.$$" || { rm -f "$out.tmp.$$"; die "could not render $template"; }
    mv -f "$out.tmp.$$" "$out"
}

# secret FILE: a random hex secret kept in FILE (0600), created once.
secret() {
    if [ ! -s "$1" ]; then
        (umask 077 && openssl rand -hex 24 >"$1.tmp" && mv -f "$1.tmp" "$1")
    fi
    cat "$1"
}

# ---------------------------------------------------------------------------------------------------------------
# Packages and the binary

install_packages() {
    local missing=() policy_created=0
    command -v patroni >/dev/null 2>&1 || missing+=(patroni)
    command -v etcd >/dev/null 2>&1 || missing+=(etcd-server)
    command -v etcdctl >/dev/null 2>&1 || missing+=(etcd-client)
    command -v haproxy >/dev/null 2>&1 || missing+=(haproxy)
    /usr/bin/python3 -c 'import psycopg2' 2>/dev/null || missing+=(python3-psycopg2)
    [ -x "$PGBIN/initdb" ] && [ -x "$PGBIN/pg_rewind" ] || missing+=(postgresql-15 postgresql-client)
    command -v nginx >/dev/null 2>&1 || missing+=(nginx)
    command -v openssl >/dev/null 2>&1 || missing+=(openssl)
    command -v curl >/dev/null 2>&1 || missing+=(curl ca-certificates)
    command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
    command -v perl >/dev/null 2>&1 || missing+=(perl)
    [ "${#missing[@]}" -eq 0 ] && return 0
    log "installing missing packages: ${missing[*]}"
    # Without systemd, package scripts would try to start etcd, PostgreSQL, HAProxy and nginx as services (and
    # fail, or start them on their default ports): deny that while installing, unless a policy is in place already.
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\n# written by scripts/cluster.sh while it installs packages\nexit 101\n' \
            | as_root tee /usr/sbin/policy-rc.d >/dev/null
        as_root chmod 0755 /usr/sbin/policy-rc.d
        policy_created=1
    fi
    local status=0
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null || status=$?
    if [ "$status" -eq 0 ]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" \
            >/dev/null || status=$?
    fi
    [ "$policy_created" -eq 1 ] && as_root rm -f /usr/sbin/policy-rc.d
    [ "$status" -eq 0 ] || die "could not install ${missing[*]}"
}

# The license-fcgi binary: CLUSTER_BIN when set (tests pass the debug build), else a release build as `make build`.
# The one in use is recorded in .cluster/bin, for restart-app.
resolve_binary() {
    if [ -n "${CLUSTER_BIN:-}" ]; then
        BIN=$(realpath -m "$CLUSTER_BIN")
        [ -x "$BIN" ] || die "CLUSTER_BIN=$CLUSTER_BIN is not an executable"
    else
        "$SCRIPTS/deps.sh"
        log "building (swift build -c release --static-swift-stdlib; CLUSTER_BIN=path skips this)"
        (cd "$ROOT" && swift build -c release --static-swift-stdlib)
        BIN=$ROOT/.build/release/license-fcgi
        [ -x "$BIN" ] || die "the build did not produce $BIN"
    fi
}

# ---------------------------------------------------------------------------------------------------------------
# Folder, passwords, secrets

prepare_folder() {
    mkdir -p "$CLUSTER"
    # 0755: the database tier's user (as root) and nginx's workers (nobody) must get through it.
    chmod 0755 "$CLUSTER"
    if is_root; then
        id postgres >/dev/null 2>&1 || die "the OS user postgres does not exist (it comes with postgresql-15)"
        # postgres must get through every folder above the members' (root's home is often 0700).
        pg_check_traversable "$CLUSTER/pg1"
    fi
    install -d -m 0700 "$CLUSTER/secrets"
    SUPERUSER_PASSWORD=$(secret "$CLUSTER/secrets/postgres")
    REPLICATION_PASSWORD=$(secret "$CLUSTER/secrets/replicator")
    REWIND_PASSWORD=$(secret "$CLUSTER/secrets/rewind_user")
    APP_PASSWORD=$(secret "$CLUSTER/secrets/app")
    # The client password file of .cluster/env (PGPASSFILE): the application role and the superuser, every port.
    if [ ! -s "$CLUSTER/pgpass" ]; then
        (umask 077 && printf '127.0.0.1:*:*:%s:%s\n127.0.0.1:*:*:postgres:%s\n' \
            "$APP_ROLE" "$APP_PASSWORD" "$SUPERUSER_PASSWORD" >"$CLUSTER/pgpass.tmp" \
            && mv -f "$CLUSTER/pgpass.tmp" "$CLUSTER/pgpass")
    fi
    chmod 0600 "$CLUSTER/pgpass"
    # The secrets every app node shares (signed download links, store events, webhook signatures): the caller's
    # values the first time, else random; from then on always these, so both nodes and every restart agree.
    if [ ! -s "$CLUSTER/secrets.env" ]; then
        (
            umask 077
            printf 'DOWNLOAD_SECRET=%s\nEVENTS_SECRET=%s\nWEBHOOK_SECRET=%s\n' \
                "${DOWNLOAD_SECRET:-$(openssl rand -hex 32)}" "${EVENTS_SECRET:-$(openssl rand -hex 32)}" \
                "${WEBHOOK_SECRET:-$(openssl rand -hex 32)}" >"$CLUSTER/secrets.env.tmp"
            mv -f "$CLUSTER/secrets.env.tmp" "$CLUSTER/secrets.env"
        )
    fi
    [ -s "$CLUSTER/config.json" ] || printf '{}\n' >"$CLUSTER/config.json"
    mkdir -p "$CLUSTER/downloads"
    make_cert "$CLUSTER/tls"
}

# ---------------------------------------------------------------------------------------------------------------
# etcd

start_etcd() {
    local e dir initial="" started=0
    db_dir "$CLUSTER/etcd" 0755
    for e in "${ETCD_MEMBERS[@]}"; do
        initial+="${initial:+,}$e=http://127.0.0.1:$(etcd_peer_port "$e")"
    done
    for e in "${ETCD_MEMBERS[@]}"; do
        dir=$CLUSTER/etcd/$e
        running "$CLUSTER/etcd/$e.pid" >/dev/null && continue
        # Mode 0700 before the daemon sees it: etcd warns about anything wider, and refuses a folder it cannot
        # write (one root made after handing the parent over).
        db_dir "$dir" 0700
        log "starting etcd member $e (client 127.0.0.1:$(etcd_client_port "$e"))"
        spawn_db "$CLUSTER/etcd/$e.pid" "$CLUSTER/etcd/$e.log" \
            etcd --name "$e" --data-dir "$dir" \
            --listen-client-urls "http://127.0.0.1:$(etcd_client_port "$e")" \
            --advertise-client-urls "http://127.0.0.1:$(etcd_client_port "$e")" \
            --listen-peer-urls "http://127.0.0.1:$(etcd_peer_port "$e")" \
            --initial-advertise-peer-urls "http://127.0.0.1:$(etcd_peer_port "$e")" \
            --initial-cluster "$initial" --initial-cluster-token license-cluster --initial-cluster-state new \
            --heartbeat-interval 100 --election-timeout 1000 --logger zap --log-level warn
        started=1
    done
    [ "$started" -eq 1 ] || return 0
    local deadline=$((SECONDS + 60))
    # --command-timeout=1s: etcdctl's own 5 s default times 60 tries would hang a failed start for minutes.
    until ETCDCTL_API=3 etcdctl --endpoints "$(etcd_endpoints)" --command-timeout=1s endpoint health >/dev/null 2>&1; do
        [ "$SECONDS" -lt "$deadline" ] || { show_log "$CLUSTER/etcd/e1.log" 20; die "etcd did not become healthy within 60 s"; }
        sleep 0.3
    done
}

# ---------------------------------------------------------------------------------------------------------------
# Patroni and PostgreSQL

render_patroni() {
    local m=$1 dir=$CLUSTER/$1 hosts="" e
    for e in "${ETCD_MEMBERS[@]}"; do hosts+="${hosts:+,}127.0.0.1:$(etcd_client_port "$e")"; done
    db_dir "$dir" 0700
    # The configuration holds passwords: 0600, owned by the database tier's user (patronictl runs as that user).
    (umask 077 && render "$TEMPLATES/patroni.yml" "$dir/patroni.yml" NAME="$m" PG_PORT="$(pg_port "$m")" \
        REST_PORT="$(rest_port "$m")" DIR="$dir" ETCD_HOSTS="$hosts" BIN_DIR="$PGBIN" \
        SUPERUSER_PASSWORD="$SUPERUSER_PASSWORD" REPLICATION_PASSWORD="$REPLICATION_PASSWORD" \
        REWIND_PASSWORD="$REWIND_PASSWORD")
    is_root && chown postgres:postgres "$dir/patroni.yml"
    chmod 0600 "$dir/patroni.yml"
}

# stop_orphan_postmaster MEMBER: a Patroni killed with its PostgreSQL still running leaves a postmaster that the new
# Patroni would find holding the port; stop it (fast) so that Patroni starts it cleanly and can rewind it.
stop_orphan_postmaster() {
    local data=$CLUSTER/$1/data pid
    [ -s "$data/postmaster.pid" ] || return 0
    pid=$(head -n1 "$data/postmaster.pid" | tr -dc '0-9')
    if [ -n "$pid" ] && alive "$pid" && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = postgres ]; then
        warn "stopping PostgreSQL of $1 (pid $pid) left running without its Patroni"
        kill -INT "$pid" 2>/dev/null || true
        wait_gone 30 "$pid" || { kill -QUIT "$pid" 2>/dev/null || true; wait_gone 5 "$pid" || true; }
    fi
}

start_members() {
    local m
    for m in "${MEMBERS[@]}"; do
        render_patroni "$m"
        running "$CLUSTER/$m/patroni.pid" >/dev/null && continue
        stop_orphan_postmaster "$m"
        log "starting Patroni member $m (PostgreSQL 127.0.0.1:$(pg_port "$m"), REST 127.0.0.1:$(rest_port "$m"))"
        spawn_db "$CLUSTER/$m/patroni.pid" "$CLUSTER/$m/patroni.log" /usr/bin/patroni "$CLUSTER/$m/patroni.yml"
    done
}

# cluster_json: Patroni's view of the cluster (GET /cluster on any member that answers).
cluster_json() {
    local m
    for m in "${MEMBERS[@]}"; do
        curl -fsS --max-time 1 "http://127.0.0.1:$(rest_port "$m")/cluster" 2>/dev/null && return 0
    done
    return 1
}

# cluster_ready: every member's own Patroni says its PostgreSQL runs, exactly one of them is the primary, and the
# cluster view names that one leader and a synchronous standby among the others. Asking each member (not only
# GET /cluster, which lists a killed member as it was until its key expires) keeps a stale view from passing.
cluster_ready() {
    python3 - "${MEMBERS[@]}" <<'PY'
import json, sys, urllib.request
members = sys.argv[1:]
def get(port, path):
    try:
        with urllib.request.urlopen("http://127.0.0.1:%d%s" % (port, path), timeout=1) as answer:
            return json.load(answer)
    except Exception as error:
        if hasattr(error, "read"):
            try:
                return json.loads(error.read())
            except Exception:
                return None
        return None
ports = {name: 18007 + int(name[2:]) for name in members}
own = {name: get(port, "/patroni") for name, port in ports.items()}
if any(view is None or view.get("state") != "running" for view in own.values()):
    sys.exit(1)
primaries = [name for name, view in own.items() if view.get("role") in ("master", "primary")]
if len(primaries) != 1:
    sys.exit(1)
cluster = get(ports[primaries[0]], "/cluster") or {}
listed = {m["name"]: m for m in cluster.get("members", [])}
if set(listed) != set(members) or listed[primaries[0]].get("role") != "leader":
    sys.exit(1)
if not any(m.get("role") == "sync_standby" and m["name"] != primaries[0] for m in listed.values()):
    sys.exit(1)
PY
}

wait_members() {
    local deadline=$((SECONDS + UP_TIMEOUT)) m
    until cluster_ready; do
        for m in "${MEMBERS[@]}"; do
            running "$CLUSTER/$m/patroni.pid" >/dev/null \
                || { show_log "$CLUSTER/$m/patroni.log" 30; die "Patroni of $m exited"; }
        done
        if [ "$SECONDS" -ge "$deadline" ]; then
            cluster_json >&2 || warn "no Patroni REST API answers"
            die "the PostgreSQL members did not all run with a synchronous standby within ${UP_TIMEOUT}s"
        fi
        sleep 0.5
    done
}

# The application role and database, once, through the primary (Patroni 3.0 no longer creates users). The role
# may create roles (the reports migration creates license_reporter) and reads the replication statistics.
ensure_database() {
    local deadline=$((SECONDS + 60))
    until create_role_and_database 2>"$CLUSTER/setup.err"; do
        [ "$SECONDS" -lt "$deadline" ] || { cat "$CLUSTER/setup.err" >&2; die "could not create the role and database"; }
        sleep 0.5
    done
    rm -f "$CLUSTER/setup.err"
    # A standby still replaying the CREATE DATABASE answers "database does not exist", and libpq tries no further
    # host of a multi-host URL once one has answered: wait until every member serves the database, so that the
    # CLI's and the nodes' first connections cannot meet that.
    local m port
    for m in "${MEMBERS[@]}"; do
        port=$(pg_port "$m")
        until PGPASSFILE=$CLUSTER/pgpass "$PGBIN/psql" -X -q -tA \
            "host=127.0.0.1 port=$port user=postgres dbname=$DATABASE connect_timeout=2" -c 'SELECT 1' \
            >/dev/null 2>&1; do
            [ "$SECONDS" -lt "$deadline" ] || die "member $m does not serve the database $DATABASE"
            sleep 0.5
        done
    done
}

# create_role_and_database: through whichever member accepts writes (a member may have just died, or be starting).
create_role_and_database() {
    local m hosts="" ports=""
    for m in "${MEMBERS[@]}"; do hosts+="${hosts:+,}127.0.0.1"; ports+="${ports:+,}$(pg_port "$m")"; done
    PGPASSFILE=$CLUSTER/pgpass "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 \
        "host=$hosts port=$ports user=postgres dbname=postgres target_session_attrs=read-write connect_timeout=2" \
        >/dev/null <<EOF
SET client_min_messages = warning;
SELECT format('CREATE ROLE %I LOGIN CREATEROLE PASSWORD %L', '$APP_ROLE', '$APP_PASSWORD')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$APP_ROLE') \gexec
GRANT pg_monitor TO $APP_ROLE;
SELECT format('CREATE DATABASE %I OWNER %I', '$DATABASE', '$APP_ROLE')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$DATABASE') \gexec
EOF
}

# ---------------------------------------------------------------------------------------------------------------
# HAProxy for PostgreSQL

start_db_haproxy() {
    local dir=$CLUSTER/haproxy primary="" replicas="" m port
    mkdir -p "$dir"
    for m in "${MEMBERS[@]}"; do
        primary+="    server $m 127.0.0.1:$(pg_port "$m") check port $(rest_port "$m")"$'\n'
    done
    replicas=$primary
    render "$TEMPLATES/haproxy.cfg" "$dir/haproxy.cfg" DIR="$dir" STATS_PORT="$DB_STATS_PORT" \
        PRIMARY_PORT="$PRIMARY_PORT" REPLICA_PORT="$REPLICA_PORT" \
        PRIMARY_SERVERS="${primary%$'\n'}" REPLICA_SERVERS="${replicas%$'\n'}"
    running "$dir/haproxy.pid" >/dev/null && return 0
    haproxy -c -q -f "$dir/haproxy.cfg" || die "HAProxy refuses $dir/haproxy.cfg"
    # HAProxy binds with SO_REUSEPORT: a second one (say, of a lost pid file) would share the ports silently.
    for port in "$PRIMARY_PORT" "$REPLICA_PORT" "$DB_STATS_PORT"; do
        port_free "$port" || die "port $port is in use (an HAProxy whose pid file was lost? another program?)"
    done
    log "starting HAProxy for PostgreSQL (127.0.0.1:$PRIMARY_PORT primary, :$REPLICA_PORT replicas)"
    spawn "$dir/haproxy.pid" "$dir/haproxy.log" haproxy -db -f "$dir/haproxy.cfg"
}

# ---------------------------------------------------------------------------------------------------------------
# The application: URLs, migrations, administrator, nodes

write_env() {
    local hosts="" m
    for m in "${MEMBERS[@]}"; do hosts+="${hosts:+,}127.0.0.1:$(pg_port "$m")"; done
    # Writes: libpq tries the members in turn until one accepts writes; no health check in the way, so a
    # switchover costs 1.4 s instead of HAProxy's 4.2 s (scale-out.md §1). Reads: HAProxy's replica port,
    # round robin over the standbys. The URLs carry one parameter at most: an `&` would end the assignment when a
    # shell sources the file, so the connect timeout (2 s, per address tried) is libpq's PGCONNECT_TIMEOUT.
    DATABASE_URL="postgresql://$APP_ROLE@$hosts/$DATABASE?target_session_attrs=read-write"
    DATABASE_READ_URL="postgresql://$APP_ROLE@127.0.0.1:$REPLICA_PORT/$DATABASE"
    PGPASSFILE=$CLUSTER/pgpass
    PGCONNECT_TIMEOUT=2
    export DATABASE_URL DATABASE_READ_URL PGPASSFILE PGCONNECT_TIMEOUT
    cat >"$CLUSTER/env.tmp" <<EOF
DATABASE_URL=$DATABASE_URL
DATABASE_READ_URL=$DATABASE_READ_URL
PGPASSFILE=$PGPASSFILE
PGCONNECT_TIMEOUT=$PGCONNECT_TIMEOUT
BASE_URL=https://127.0.0.1:$FRONT_PORT
EOF
    mv -f "$CLUSTER/env.tmp" "$CLUSTER/env"
}

# app_environment: the environment of the CLI and the app nodes: the caller's, with the cluster's on top.
app_environment() {
    set -a
    # shellcheck source=/dev/null
    . "$CLUSTER/secrets.env"
    set +a
    export LICENSE_FCGI_CONFIG=$CLUSTER/config.json DOWNLOADS_DIR=$CLUSTER/downloads
}

migrate() {
    local args=()
    [ -n "${CLUSTER_MIGRATIONS:-}" ] && args+=(--migrations "$CLUSTER_MIGRATIONS")
    "$BIN" migrate "${args[@]}" >>"$CLUSTER/migrate.log" 2>&1 \
        || { show_log "$CLUSTER/migrate.log" 20; die "license-fcgi migrate failed"; }
}

# The administrator `admin`, once; its application password in .cluster/admin-password (0600), as make run's.
ensure_admin() {
    local exists=false
    [ -n "$("$PGBIN/psql" -X -q "$DATABASE_URL" -tA -c "SELECT 1 FROM users WHERE lower(login) = 'admin'")" ] \
        && exists=true
    issue_admin_password "$CLUSTER/admin-password" "$exists" >/dev/null
}

start_supervisor_of() {
    local node=$1 dir=$CLUSTER/$1
    rm -f "$dir/fcgi.sock"
    log "starting the supervisor of $node (log: .cluster/$node/server.log)"
    # 0666: nginx's workers run as nobody when root starts nginx.
    spawn "$dir/supervisor.pid" "$dir/server.log" "$BIN" serve --socket "$dir/fcgi.sock" --socket-mode 0666 \
        --workers "${CLUSTER_WORKERS:-2}" --threads "${CLUSTER_THREADS:-4}"
}

# No REAL_IP_FROM: the front and every client share 127.0.0.1, so trusting the front's X-Forwarded-For would let any
# local client name its own address. Every request reaches the workers from 127.0.0.1, exempt from rate limits.
start_nginx_of() {
    local node=$1 dir=$CLUSTER/$1
    RUN_DIR=$dir SOCKET=$dir/fcgi.sock CERT=$CLUSTER/tls/cert.pem CERT_KEY=$CLUSTER/tls/key.pem \
        LISTEN="127.0.0.1:$(node_port "$node")" DOWNLOADS_DIR=$CLUSTER/downloads \
        RATE_LIMIT_EXEMPT="127.0.0.1 ::1 ${RATE_LIMIT_EXEMPT:-}" "$SCRIPTS/render-nginx.sh" "$dir/nginx.conf"
    port_free "$(node_port "$node")" || die "port $(node_port "$node") of $node is in use by another program"
    log "starting nginx of $node on https://127.0.0.1:$(node_port "$node")"
    spawn "$dir/nginx.pid" "$dir/nginx-error.log" nginx -c "$dir/nginx.conf" -e "$dir/nginx-error.log" -g 'daemon off;'
}

# end_session PIDFILE PATTERN: SIGKILL what is left of the session of the daemon PIDFILE named (every daemon here
# leads a session of its own), matching PATTERN: nginx workers outlive a killed master and keep its port, and a
# supervisor's background child outlives a killed supervisor. Leftovers keep the session id, which Linux does not
# hand to a new process while they live, so this finds only ours.
end_session() {
    local pidfile=$1 pattern=$2 session pid
    [ -s "$pidfile" ] || return 0
    session=$(head -n1 "$pidfile" | tr -dc '0-9')
    [ -n "$session" ] || return 0
    # One awk over every /proc/PID/stat: after the command name's closing parenthesis come state, ppid, pgrp, session.
    while read -r pid; do
        [[ "$(cmdline_of "$pid")" == *$pattern* ]] || continue
        warn "stopping pid $pid, left over from $(basename "$(dirname "$pidfile")")'s $(basename "$pidfile" .pid)"
        kill -KILL "$pid" 2>/dev/null || true
    done < <(awk -v session="$session" '{ line = $0; sub(/.*\) /, "", line); split(line, field, " ")
        if (field[4] == session) { name = FILENAME; gsub(/[^0-9]/, "", name); print name } }' \
        /proc/[0-9]*/stat 2>/dev/null)
}

node_running() {
    running "$CLUSTER/$1/supervisor.pid" >/dev/null && running "$CLUSTER/$1/nginx.pid" >/dev/null
}

# start_node NODE: whatever of the node is not running (a lone survivor of a half-killed node is stopped first, so
# that the node comes back whole).
start_node() {
    local node=$1 dir=$CLUSTER/$1 pid
    mkdir -p "$dir"
    node_running "$node" && return 0
    if pid=$(running "$dir/nginx.pid"); then stop_nginx "$pid"; fi
    if pid=$(running "$dir/supervisor.pid"); then stop_supervisor "$pid"; fi
    end_session "$dir/nginx.pid" nginx
    end_session "$dir/supervisor.pid" license-fcgi
    start_supervisor_of "$node"
    start_nginx_of "$node"
}

wait_node() {
    local node=$1 dir=$CLUSTER/$1
    if ! wait_healthz "https://127.0.0.1:$(node_port "$node")/healthz" "$CLUSTER/tls/cert.pem" 60 \
        "$(running "$dir/supervisor.pid" || echo 0)" "$(running "$dir/nginx.pid" || echo 0)"; then
        show_log "$dir/server.log" 30
        show_log "$dir/nginx-error.log" 10
        die "app node $node did not answer /healthz"
    fi
}

# ---------------------------------------------------------------------------------------------------------------
# The front load balancer

start_front() {
    local dir=$CLUSTER/front servers="" node
    mkdir -p "$dir"
    running "$dir/haproxy.pid" >/dev/null && return 0
    for node in "${NODES[@]}"; do
        servers+="    server $node 127.0.0.1:$(node_port "$node")"$'\n'
    done
    (umask 077 && cat "$CLUSTER/tls/cert.pem" "$CLUSTER/tls/key.pem" >"$dir/front.pem")
    render "$TEMPLATES/front.cfg" "$dir/haproxy.cfg" DIR="$dir" FRONT_PORT="$FRONT_PORT" \
        STATS_PORT="$FRONT_STATS_PORT" ERRORS="$TEMPLATES/errors" CHECK_PATH=/livez \
        NODE_SERVERS="${servers%$'\n'}"
    haproxy -c -q -f "$dir/haproxy.cfg" || die "HAProxy refuses $dir/haproxy.cfg"
    port_free "$FRONT_PORT" || die "port $FRONT_PORT of the front is in use (an HAProxy whose pid file was lost? another program?)"
    port_free "$FRONT_STATS_PORT" || die "port $FRONT_STATS_PORT of the front's statistics is in use"
    log "starting the front load balancer on https://127.0.0.1:$FRONT_PORT"
    spawn "$dir/haproxy.pid" "$dir/haproxy.log" haproxy -db -f "$dir/haproxy.cfg"
}

# front_command COMMAND: one command on the front's runtime API; prints the answer.
front_command() {
    python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall((sys.argv[2] + "\n").encode())
out = b""
while True:
    chunk = s.recv(65536)
    if not chunk:
        break
    out += chunk
sys.stdout.write(out.decode())
' "$CLUSTER/front/admin.sock" "$1"
}

# front_server_field NODE FIELD: one column of `show stat` for the node's server line (scur, status...).
front_server_field() {
    front_command "show stat" | python3 -c '
import csv, sys
rows = csv.reader(line for line in sys.stdin if line.strip())
header = [h.lstrip("# ") for h in next(rows)]
for row in rows:
    record = dict(zip(header, row))
    if record.get("pxname") == "nodes" and record.get("svname") == sys.argv[1]:
        print(record.get(sys.argv[2], "")); break
' "$1" "$2"
}

# front_nodes_up: every app node is UP in the front's view (one `show stat`, one python).
front_nodes_up() {
    front_command "show stat" 2>/dev/null | python3 -c '
import csv, sys
rows = csv.reader(line for line in sys.stdin if line.strip())
header = [h.lstrip("# ") for h in next(rows, [])]
up = {r["svname"] for r in (dict(zip(header, row)) for row in rows) if r.get("pxname") == "nodes" and r.get("status") == "UP"}
sys.exit(0 if set(sys.argv[1:]) <= up else 1)
' "${NODES[@]}"
}

wait_front() {
    local deadline=$((SECONDS + 30))
    until front_nodes_up; do
        [ "$SECONDS" -lt "$deadline" ] || { show_log "$CLUSTER/front/haproxy.log" 20; die "the front does not see every app node up"; }
        sleep 0.2
    done
    curl -fsS -o /dev/null --max-time 5 --cacert "$CLUSTER/tls/cert.pem" "https://127.0.0.1:$FRONT_PORT/healthz" \
        || die "the front on https://127.0.0.1:$FRONT_PORT did not answer /healthz"
}

# ---------------------------------------------------------------------------------------------------------------
# Commands

cmd_up() {
    local started_at=$SECONDS node need_nodes=0
    # What started keeps running after a failure, for its logs: say how to stop it.
    trap 'status=$?; [ "$status" -eq 0 ] || warn "make cluster failed; logs are under .cluster/, make cluster-stop stops what runs"' EXIT
    install_packages
    resolve_binary
    prepare_folder
    echo "$BIN" >"$CLUSTER/bin"
    start_etcd
    start_members
    start_db_haproxy
    log "waiting for the members and a synchronous standby"
    wait_members
    ensure_database
    write_env
    app_environment
    for node in "${NODES[@]}"; do node_running "$node" || need_nodes=1; done
    if [ "$need_nodes" -eq 1 ] || [ ! -s "$CLUSTER/admin-password" ]; then
        migrate
        ensure_admin
    fi
    for node in "${NODES[@]}"; do start_node "$node"; done
    for node in "${NODES[@]}"; do wait_node "$node"; done
    start_front
    wait_front
    log "cluster ready in $((SECONDS - started_at)) s: $(summary)"
    cat <<EOF

  Front:        https://127.0.0.1:$FRONT_PORT   (app1 https://127.0.0.1:9444, app2 https://127.0.0.1:9445;
                certificate .cluster/tls/cert.pem)
  PostgreSQL:   pg1..pg3 on 15431-15433 (Patroni REST 18008-18010), HAProxy 15000 primary / 15001 replicas
  Tools:        set -a; . .cluster/env; set +a    then psql "\$DATABASE_URL", license-fcgi ...
  Administrator: admin  (application password in .cluster/admin-password)
  Stop:         make cluster-stop

EOF
}

# summary: one line, e.g. "pg1 leader, pg2 sync_standby, pg3 replica; app1 up, app2 up".
summary() {
    local json line="" node
    if json=$(cluster_json); then
        line=$(python3 -c '
import json, sys
print(", ".join("%s %s (%s)" % (m["name"], m.get("role"), m.get("state")) for m in sorted(json.loads(sys.argv[1])["members"], key=lambda m: m["name"])))
' "$json")
    else
        line="no Patroni member answers"
    fi
    for node in "${NODES[@]}"; do
        if node_running "$node"; then line+="; $node up"; else line+="; $node down"; fi
    done
    echo "$line"
}

cmd_status() {
    [ -d "$CLUSTER" ] || { echo "no cluster (.cluster/ does not exist)"; return 0; }
    summary
}

# Everything the cluster runs, by pid file, in stopping order: the front, the app nodes, HAProxy, the members, etcd.
cmd_stop() {
    local pid node m e pids=()
    [ -d "$CLUSTER" ] || { log "no cluster to stop"; return 0; }
    log "stopping the cluster"
    if pid=$(running "$CLUSTER/front/haproxy.pid"); then stop_process "$pid" "front HAProxy" TERM 10; fi
    for node in "${NODES[@]}"; do
        if pid=$(running "$CLUSTER/$node/nginx.pid"); then stop_nginx "$pid"; fi
        if pid=$(running "$CLUSTER/$node/supervisor.pid"); then stop_supervisor "$pid"; fi
        end_session "$CLUSTER/$node/nginx.pid" nginx
        end_session "$CLUSTER/$node/supervisor.pid" license-fcgi
    done
    if pid=$(running "$CLUSTER/haproxy/haproxy.pid"); then stop_process "$pid" "HAProxy" TERM 10; fi
    # All members at once: Patroni stops its PostgreSQL on TERM; one by one would fail over at every step.
    for m in "${MEMBERS[@]}"; do
        if pid=$(running "$CLUSTER/$m/patroni.pid"); then kill -TERM "$pid" 2>/dev/null || true; pids+=("$pid"); fi
    done
    if [ "${#pids[@]}" -gt 0 ] && ! wait_gone 60 "${pids[@]}"; then
        warn "Patroni did not stop within 60 s; killing it"
        for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
        wait_gone 5 "${pids[@]}" || true
    fi
    for m in "${MEMBERS[@]}"; do stop_orphan_postmaster "$m"; done
    for e in "${ETCD_MEMBERS[@]}"; do
        if pid=$(running "$CLUSTER/etcd/$e.pid"); then stop_process "$pid" "etcd $e" TERM 10; fi
    done
    rm -rf "$CLUSTER"
    log "cluster stopped; .cluster/ removed"
}

cmd_patronictl() {
    [ -s "$CLUSTER/pg1/patroni.yml" ] || die "no cluster: run make cluster first"
    as_db_user env -i PATH="$DAEMON_PATH" HOME="$CLUSTER" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
        patronictl -c "$CLUSTER/pg1/patroni.yml" "$@"
}

# restart-app N: the front stops sending new requests to the node (drain), in-flight ones finish, the node stops
# (nginx finishes what it has, the supervisor drains its workers), migrations run, the node starts again with the
# current binary, and the front sends to it again once it answers.
cmd_restart_app() {
    local node=app${1:-} dir pid deadline
    [[ "$node" =~ ^app[12]$ ]] || die "usage: $0 restart-app 1|2"
    dir=$CLUSTER/$node
    [ -S "$CLUSTER/front/admin.sock" ] || die "no front running: run make cluster first"
    if [ -n "${CLUSTER_BIN:-}" ]; then BIN=$(realpath -m "$CLUSTER_BIN"); else BIN=$(cat "$CLUSTER/bin"); fi
    [ -x "$BIN" ] || die "$BIN is not an executable"
    echo "$BIN" >"$CLUSTER/bin"
    write_env
    app_environment
    log "draining $node at the front"
    front_command "set server nodes/$node state drain" >/dev/null
    deadline=$((SECONDS + 30))
    until [ "$(front_server_field "$node" scur)" = 0 ]; do
        [ "$SECONDS" -lt "$deadline" ] || { warn "$node still has sessions after 30 s; stopping it anyway"; break; }
        sleep 0.1
    done
    # Maintenance: no health checks meanwhile, and idle connections to the node are not reused.
    front_command "set server nodes/$node state maint" >/dev/null
    if pid=$(running "$dir/nginx.pid"); then stop_nginx "$pid"; fi
    if pid=$(running "$dir/supervisor.pid"); then stop_supervisor "$pid"; fi
    end_session "$dir/nginx.pid" nginx
    end_session "$dir/supervisor.pid" license-fcgi
    migrate
    start_supervisor_of "$node"
    start_nginx_of "$node"
    wait_node "$node"
    front_command "set server nodes/$node state ready" >/dev/null
    deadline=$((SECONDS + 10))
    until [ "$(front_server_field "$node" status)" = UP ]; do
        [ "$SECONDS" -lt "$deadline" ] || die "the front does not see $node up again"
        sleep 0.1
    done
    log "$node restarted with $BIN"
}

main() {
    local command=${1:-}
    [ $# -gt 0 ] && shift
    case "$command" in
        up) cmd_up ;;
        stop) cmd_stop ;;
        status) cmd_status ;;
        patronictl) cmd_patronictl "$@" ;;
        restart-app) cmd_restart_app "$@" ;;
        *) die "usage: $0 up|stop|status|patronictl ARGS...|restart-app N" ;;
    esac
}

main "$@"
