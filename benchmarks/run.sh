#!/usr/bin/env bash
# Builds the benchmark jar (and the modules it needs) and runs the in-memory pipeline comparison:
# Tributary vs SmallRye Reactive Messaging. Writes benchmarks/results/memory-pipeline.md on a full run.
#
#   benchmarks/run.sh                 all four cases, 2 rounds (about 5½ minutes on 2 cores)
#   benchmarks/run.sh raw-1t json-2t  only these cases (report in benchmarks/target/)
#   benchmarks/run.sh --quick         smoke run (short iterations)
#   SKIP_BUILD=1 benchmarks/run.sh    reuse benchmarks/target/benchmarks.jar
#   JAVA=/path/to/java benchmarks/run.sh   run on another JDK
#
#   benchmarks/run.sh kafka           Kafka end to end, raw kafka-clients vs Tributary on one in-JVM broker
#                                     (about 2½ minutes on 2 cores); writes benchmarks/results/kafka.md
#   benchmarks/run.sh kafka --runs 1 produce-raw-1p   one case, one measured run (report in benchmarks/target/)
#   benchmarks/run.sh mqtt            MQTT end to end, raw HiveMQ client vs Tributary on one Mosquitto (Debian
#                                     package mosquitto; about 4 minutes on 2 cores); writes benchmarks/results/mqtt.md
#   benchmarks/run.sh mqtt --runs 3 e2e-qos1          one case (report in benchmarks/target/mqtt-partial.md)
#   benchmarks/run.sh outbox          the outbox relay, PostgreSQL -> Kafka on one node: rows/s and commit-to-publish
#                                     latency (about 5 minutes); writes benchmarks/results/outbox.md
#   benchmarks/run.sh memory ...      the in-memory suite, explicitly (same as no suite name)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ "${1:-}" == "outbox" ]]; then
  # its own module and class path (Hibernate, Narayana, PostgreSQL driver): benchmarks/outbox/README.md
  shift
  [[ -n "${SKIP_BUILD:-}" ]] || mvn -q -pl benchmarks/outbox -am package -DskipTests
  exec "${JAVA:-java}" -Xms1g -Xmx1g -jar benchmarks/outbox/target/outbox-benchmark.jar "$@"
fi

if [[ -z "${SKIP_BUILD:-}" ]]; then
  mvn -q -pl benchmarks -am package -DskipTests
fi

java_cmd="${JAVA:-java}"
case "${1:-}" in
  kafka)
    shift
    exec "$java_cmd" -Xms2g -Xmx2g -cp benchmarks/target/benchmarks.jar dev.tributary.benchmarks.KafkaBench "$@" ;;
  mqtt)
    shift
    exec "$java_cmd" -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar dev.tributary.benchmarks.MqttBench "$@" ;;
  memory)
    shift ;;
esac
exec "$java_cmd" -Xmx512m -cp benchmarks/target/benchmarks.jar dev.tributary.benchmarks.RunAll "$@"
