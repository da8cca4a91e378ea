#!/usr/bin/env bash
# Validates docker-compose.yml (or the files given) with Docker Compose's own
# loader, `docker compose config -q`, using the compose CLI built from source
# by the wrapper module in tools/compose: no Docker engine or plugin needed.
#
#   scripts/check-compose.sh                  checks ./docker-compose.yml
#   scripts/check-compose.sh FILE [FILE...]   checks FILE (later files override earlier ones)
#
# Exits non-zero when a file is invalid. The first run on a machine builds
# compose from source (~2.5 min on 2 cores); later runs take about a second.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="/usr/local/go/bin:$PATH"

if [[ $# -eq 0 ]]; then
	set -- "$repo/docker-compose.yml"
fi

args=()
for f in "$@"; do
	if [[ ! -f "$f" ]]; then
		echo "check-compose: no such file: $f" >&2
		exit 2
	fi
	args+=(-f "$(cd "$(dirname "$f")" && pwd)/$(basename "$f")")
done

# Compose reads the project's .env and may look up the docker CLI config;
# keep the check independent of whatever is in the caller's environment.
tmp_config=$(mktemp -d)
trap 'rm -rf "$tmp_config"' EXIT
export DOCKER_CONFIG="$tmp_config"

cd "$repo/tools/compose"
if go run . "${args[@]}" config -q; then
	echo "check-compose: OK: $*"
else
	rc=$?
	echo "check-compose: INVALID (exit $rc): $*" >&2
	exit "$rc"
fi
