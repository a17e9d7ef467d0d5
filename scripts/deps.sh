#!/usr/bin/env bash
# Installs the Debian packages the stack, its tests and its benchmark need, and nothing when they are present.
# Idempotent and quiet: `apt-get update` runs at most once, and only when something is missing.
# Root runs apt-get directly; a normal user needs password-less sudo (sudo -n never prompts).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

PG_MAJOR=15
missing=()
need() { missing+=("$@"); }

# Each check looks for the thing itself (a command, a header via pkg-config, a PHP module), not for a package
# name, so a machine that has it from elsewhere is left alone.
command -v nginx >/dev/null 2>&1 || need nginx
command -v openssl >/dev/null 2>&1 || need openssl
command -v curl >/dev/null 2>&1 || need curl ca-certificates
command -v wrk >/dev/null 2>&1 || need wrk
# The benchmark's C reference responders (bench/reference.c): a compiler and spawn-fcgi.
command -v cc >/dev/null 2>&1 || need gcc libc6-dev
command -v spawn-fcgi >/dev/null 2>&1 || need spawn-fcgi
command -v python3 >/dev/null 2>&1 || need python3
# PgBouncer in front of the test stack B and in the benchmark (scripts/pgbouncer.sh starts private ones). On a
# machine with systemd the package also enables its own service on port 6432, which nothing here uses.
command -v pgbouncer >/dev/null 2>&1 || need pgbouncer
command -v perl >/dev/null 2>&1 || need perl
# libcurl's development files: the release build links the Swift runtime statically (as production does), and
# Foundation's HTTP client (webhooks) then links libcurl itself.
if command -v pkg-config >/dev/null 2>&1; then
    pkg-config --exists fcgi || need libfcgi-dev
    pkg-config --exists libpq || need libpq-dev
    pkg-config --exists libcurl || need libcurl4-openssl-dev
else
    need pkg-config libfcgi-dev libpq-dev libcurl4-openssl-dev
fi
if [ ! -x "/usr/lib/postgresql/$PG_MAJOR/bin/initdb" ] || [ ! -x "/usr/lib/postgresql/$PG_MAJOR/bin/pg_ctl" ]; then
    need "postgresql-$PG_MAJOR" postgresql-client
fi
# PHP is for the SDK compatibility tests (FluentCart's updater SDK is PHP).
if command -v php >/dev/null 2>&1; then
    php -r 'exit(function_exists("curl_init") ? 0 : 1);' 2>/dev/null || need php-curl
else
    need php-cli php-curl
fi

if [ "${#missing[@]}" -gt 0 ]; then
    log "installing missing packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

# Swift is not a Debian package: say so plainly instead of failing later inside make.
if ! command -v swift >/dev/null 2>&1; then
    die "the Swift toolchain (6.0 or newer) is not on PATH; install it from https://www.swift.org/install/linux/"
fi
