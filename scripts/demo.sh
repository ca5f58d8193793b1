#!/usr/bin/env bash
# The tutorial end to end: builds JParallel, starts a cluster of 4 engines with a private broker, runs
# io.jparallel.launcher.demo.Tutorial against it, and always stops the cluster again.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-prereqs.sh
mvn -B -q -DskipTests package

# Its own profile, so the demo neither trips over nor stops a cluster you run in the default one;
# Client.connect() in the tutorial finds it through JPARALLEL_PROFILE.
export JPARALLEL_PROFILE="${JPARALLEL_PROFILE:-demo}"
stop_cluster() {
  bin/jpcluster stop || true
}
trap stop_cluster EXIT

status=0
bin/jpcluster start -n "${ENGINES:-4}" || status=$?
if [ "$status" -eq 4 ]; then
  # A demo cluster was already running: not ours to stop.
  trap - EXIT
  echo "demo.sh: stop it with: JPARALLEL_PROFILE=$JPARALLEL_PROFILE bin/jpcluster stop" >&2
  exit 4
elif [ "$status" -ne 0 ]; then
  exit "$status"
fi

classpath="launcher/target/launcher.jar:launcher/target/lib/*:client-starter/target/client-starter.jar"
if [ -f launcher/target/classes/io/jparallel/launcher/demo/Tutorial.class ]; then
  java -cp "$classpath" io.jparallel.launcher.demo.Tutorial
else
  echo "demo.sh: io.jparallel.launcher.demo.Tutorial is not built yet; the cluster ran, nothing to show" >&2
fi
