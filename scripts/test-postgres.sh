#!/usr/bin/env bash
# Finds (or starts) a PostgreSQL server for Vigil's tests and yields its URL.
#
#   scripts/test-postgres.sh          print the URL on stdout (logs go to stderr);
#                                     a throwaway server it starts keeps running
#   scripts/test-postgres.sh stop     stop the throwaway server started above
#   source scripts/test-postgres.sh   export VIGIL_TEST_POSTGRES (and
#                                     VIGIL_TEST_POSTGRES_DIR when it started a
#                                     server); call vigil_test_postgres_stop
#                                     when done, e.g. trap vigil_test_postgres_stop EXIT
#
# Order:
#   1. VIGIL_TEST_POSTGRES, if set, is used as it is.
#   2. A server on 127.0.0.1:5432 (VIGIL_PG_PROBE_PORT overrides the port) that
#      lets user postgres in without a password:
#      postgres://postgres@127.0.0.1:5432/test?sslmode=disable, creating
#      database "test" if missing.
#   3. Else a throwaway server on 127.0.0.1:55432 (VIGIL_PG_PORT) with its
#      data in a temp dir; as root it runs as user postgres (PostgreSQL refuses
#      to run as root). One already running there from an earlier run is reused.
#
# Other knobs: VIGIL_PG_BIN (PostgreSQL bin dir; default
# /usr/lib/postgresql/15/bin, else the newest installed, else from PATH).

_vtp_log() { printf 'test-postgres: %s\n' "$*" >&2; }

_vtp_pg_bin() {
	local d
	if [[ -n "${VIGIL_PG_BIN:-}" ]]; then
		printf '%s\n' "$VIGIL_PG_BIN"
		return 0
	fi
	if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
		printf '%s\n' /usr/lib/postgresql/15/bin
		return 0
	fi
	d=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
	if [[ -n "$d" && -x "$d/initdb" ]]; then
		printf '%s\n' "$d"
		return 0
	fi
	d=$(command -v initdb 2>/dev/null) || true
	if [[ -n "$d" ]]; then
		dirname "$d"
		return 0
	fi
	return 1
}

# _vtp_psql PORT DB SQL: run SQL as user postgres over TCP, never prompting.
_vtp_psql() {
	local bin psql
	bin=$(_vtp_pg_bin) || bin=""
	if [[ -n "$bin" && -x "$bin/psql" ]]; then psql="$bin/psql"; else psql=psql; fi
	"$psql" -X -w -q -At \
		"postgres://postgres@127.0.0.1:$1/$2?sslmode=disable&connect_timeout=5" \
		-c "$3" </dev/null
}

# _vtp_usable PORT: a server answers there and user postgres can log in.
_vtp_usable() {
	local bin
	bin=$(_vtp_pg_bin) || bin=""
	if [[ -n "$bin" && -x "$bin/pg_isready" ]]; then
		"$bin/pg_isready" -q -h 127.0.0.1 -p "$1" -t 3 >/dev/null 2>&1 || return 1
	elif command -v pg_isready >/dev/null 2>&1; then
		pg_isready -q -h 127.0.0.1 -p "$1" -t 3 >/dev/null 2>&1 || return 1
	fi
	[[ "$(_vtp_psql "$1" postgres 'select 1' 2>/dev/null)" == 1 ]]
}

# _vtp_ensure_db PORT: create database "test" unless it exists.
_vtp_ensure_db() {
	local have
	have=$(_vtp_psql "$1" postgres "select 1 from pg_database where datname = 'test'") || return 1
	[[ "$have" == 1 ]] && return 0
	_vtp_log "creating database test on port $1"
	_vtp_psql "$1" postgres 'create database test' >/dev/null 2>&1 && return 0
	# Lost a race with a concurrent run?
	[[ "$(_vtp_psql "$1" postgres "select 1 from pg_database where datname = 'test'")" == 1 ]]
}

_vtp_state_file() { printf '%s/vigil-test-postgres-%s.dir\n' "${TMPDIR:-/tmp}" "${VIGIL_PG_PORT:-55432}"; }

# _vtp_as_owner CMD...: run CMD as user postgres when root, else as ourselves.
_vtp_as_owner() {
	local runuser
	if [[ "$(id -u)" == 0 ]]; then
		runuser=$(command -v runuser 2>/dev/null) || runuser=/usr/sbin/runuser
		(cd / && "$runuser" -u postgres -- "$@")
	else
		(cd / && "$@")
	fi
}

_vtp_start_throwaway() {
	local port="${VIGIL_PG_PORT:-55432}" bin d
	bin=$(_vtp_pg_bin) || {
		_vtp_log "no PostgreSQL binaries found (set VIGIL_PG_BIN)"
		return 1
	}
	if [[ "$(id -u)" == 0 ]] && ! id postgres >/dev/null 2>&1; then
		_vtp_log "running as root but there is no user postgres to run the server as"
		return 1
	fi
	d=$(mktemp -d "${TMPDIR:-/tmp}/vigil-pg.XXXXXX") || return 1
	if [[ "$(id -u)" == 0 ]]; then
		chown postgres "$d" || return 1
	fi
	_vtp_log "starting a throwaway PostgreSQL in $d on 127.0.0.1:$port"
	if ! _vtp_as_owner "$bin/initdb" -D "$d/data" -A trust -U postgres >"$d/initdb.log" 2>&1; then
		_vtp_log "initdb failed:"
		cat "$d/initdb.log" >&2
		rm -rf "$d"
		return 1
	fi
	if ! _vtp_as_owner "$bin/pg_ctl" -D "$d/data" \
		-o "-p $port -k $d -c listen_addresses=127.0.0.1" -l "$d/log" -w start >/dev/null; then
		_vtp_log "pg_ctl start failed; server log:"
		tail -n 30 "$d/log" >&2 || true
		rm -rf "$d"
		return 1
	fi
	printf '%s\n' "$d" >"$(_vtp_state_file)" || true
	VIGIL_TEST_POSTGRES_DIR="$d"
	export VIGIL_TEST_POSTGRES_DIR
	_vtp_ensure_db "$port" || {
		_vtp_log "could not create database test"
		return 1
	}
}

# vigil_test_postgres_stop: stop the throwaway server (if this started one).
vigil_test_postgres_stop() {
	local d="${VIGIL_TEST_POSTGRES_DIR:-}" bin state
	state=$(_vtp_state_file)
	if [[ -z "$d" && -f "$state" ]]; then
		d=$(cat "$state")
	fi
	[[ -n "$d" && -d "$d/data" ]] || return 0
	bin=$(_vtp_pg_bin) || return 1
	_vtp_log "stopping the throwaway PostgreSQL in $d"
	_vtp_as_owner "$bin/pg_ctl" -D "$d/data" -m fast -w stop >/dev/null 2>&1 ||
		_vtp_log "pg_ctl stop failed (already stopped?)"
	rm -rf "$d"
	if [[ -f "$state" && "$(cat "$state" 2>/dev/null)" == "$d" ]]; then
		rm -f "$state"
	fi
	unset VIGIL_TEST_POSTGRES_DIR
	return 0
}

# vigil_test_postgres_start: set and export VIGIL_TEST_POSTGRES.
vigil_test_postgres_start() {
	local probe="${VIGIL_PG_PROBE_PORT:-5432}" port="${VIGIL_PG_PORT:-55432}"
	if [[ -n "${VIGIL_TEST_POSTGRES:-}" ]]; then
		_vtp_log "using VIGIL_TEST_POSTGRES from the environment"
		export VIGIL_TEST_POSTGRES
		return 0
	fi
	if _vtp_usable "$probe"; then
		_vtp_log "using the server on 127.0.0.1:$probe"
		_vtp_ensure_db "$probe" || return 1
		port="$probe"
	elif _vtp_usable "$port"; then
		_vtp_log "reusing the server already running on 127.0.0.1:$port"
		_vtp_ensure_db "$port" || return 1
	else
		_vtp_log "no usable server on 127.0.0.1:$probe"
		_vtp_start_throwaway || return 1
	fi
	VIGIL_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/test?sslmode=disable"
	export VIGIL_TEST_POSTGRES
}

if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
	# Sourced: leave the caller's shell options alone.
	vigil_test_postgres_start
else
	set -euo pipefail
	case "${1:-start}" in
	start)
		vigil_test_postgres_start
		printf '%s\n' "$VIGIL_TEST_POSTGRES"
		;;
	stop)
		vigil_test_postgres_stop
		;;
	*)
		echo "usage: $0 [start|stop]" >&2
		exit 2
		;;
	esac
fi
