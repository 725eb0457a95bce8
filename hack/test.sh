#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine (as root), then run
# every check CI runs: lint, types, layer contracts and the whole pytest suite.
# Extra arguments go to pytest (e.g. hack/test.sh tests/unit -x).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v etcd >/dev/null 2>&1; then
  echo "--- installing etcd-server (Debian package)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq etcd-server >/dev/null
fi

echo "--- installing kcp with its test extras"
python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore -e '.[test]'

echo "--- ruff"
ruff check kcp tests hack
ruff format --check kcp tests hack
echo "--- mypy (strict on kcp/)"
mypy
echo "--- import-linter (layer contracts)"
lint-imports
if command -v go >/dev/null 2>&1; then
  echo "--- go mod download (client-go e2e module)"
  (cd tests/e2e/go && go mod download)
fi
echo "--- pytest"
python3 -m pytest "$@"
