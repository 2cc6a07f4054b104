#!/usr/bin/env bash
# The project's test command (named in the README): builds every module and runs every test suite.
# Installs what the tests need when it is missing; today the suites need only a JDK 17+ and Maven
# (the in-memory connector needs no broker). Broker suites added later install their servers here.
set -euo pipefail
cd "$(dirname "$0")"
exec mvn -B -ntp verify "$@"
