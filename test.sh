#!/usr/bin/env bash
# The project's test command (named in the README): installs the brokers the tests start (Debian
# packages, when missing and when running as root; otherwise it says what is missing), then builds every
# module and runs every test suite. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-brokers.sh
exec mvn -B -ntp verify "$@"
