#!/usr/bin/env bash
# Installs the broker binaries the real-broker tests need (Debian packages), only when missing.
# Fast (a few `command -v` checks) when everything is present. As root: one `apt-get update`, then
# `apt-get install -y --no-install-recommends` of the missing packages. Not root: prints what is
# missing and exits 0, so the build can report which suites it skips.
# Exit codes: 0 = all present (or not root: nothing done), 1 = installation failed.
set -euo pipefail

# binary to check -> Debian package that provides it
declare -a CHECKS=(
  "redis-server:redis-server"
  "nats-server:nats-server"
  "mosquitto:mosquitto"
  "mosquitto_pub:mosquitto-clients"
  "rabbitmq-server:rabbitmq-server"
  "/usr/lib/postgresql/*/bin/initdb:postgresql"
)

present() {
  local bin="$1"
  if [[ "$bin" == /* ]]; then
    # a glob over absolute paths (PostgreSQL keeps its binaries in a versioned directory)
    compgen -G "$bin" > /dev/null
  else
    command -v "$bin" > /dev/null 2>&1 || [[ -x "/usr/sbin/$bin" || -x "/usr/lib/rabbitmq/bin/$bin" ]]
  fi
}

missing=()
for entry in "${CHECKS[@]}"; do
  bin="${entry%%:*}"; pkg="${entry#*:}"
  if ! present "$bin"; then
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-brokers: all broker binaries present"
  exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
  echo "install-brokers: MISSING Debian packages: ${missing[*]}"
  echo "install-brokers: not root, nothing installed; run: sudo apt-get install -y --no-install-recommends ${missing[*]}"
  echo "install-brokers: the real-broker tests for these brokers will fail with TRB-TCK101 until then"
  exit 0
fi

echo "install-brokers: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# policy-rc.d 101 keeps the packages' post-install scripts from starting system-wide daemons
# (the tests start their own brokers on free ports; a system Redis/RabbitMQ would only take memory).
created_policy=false
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  created_policy=true
fi
status=0
apt-get install -y -qq --no-install-recommends "${missing[@]}" || status=$?
if [[ "$created_policy" == true ]]; then rm -f /usr/sbin/policy-rc.d; fi
if [[ $status -ne 0 ]]; then
  echo "install-brokers: apt-get install failed (exit $status) for: ${missing[*]}" >&2
  exit 1
fi
echo "install-brokers: installed ${missing[*]}"
