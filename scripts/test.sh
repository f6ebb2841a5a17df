#!/usr/bin/env bash
# The project's one test command (README, .ci/run): installs and starts what the tests
# need, then runs every test of the workspace.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-deps.sh
if [ -x scripts/pg-test-server.sh ]; then
    scripts/pg-test-server.sh
fi

cargo test --workspace --locked "$@"
