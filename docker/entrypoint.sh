#!/bin/sh
# Starts the image's JParallel service: java $JAVA_OPTS -cp <service>.jar:lib/* <main class>, as jpcluster does
# (launcher ServiceKind names the main classes). Copied next to the jar by docker/build-images.sh.
set -eu
case "$JPARALLEL_SERVICE" in
  registry-service)  main=io.jparallel.registry.RegistryApplication ;;
  hub-service)       main=io.jparallel.hub.HubApplication ;;
  scheduler-service) main=io.jparallel.scheduler.SchedulerApplication ;;
  engine-service)    main=io.jparallel.engine.EngineApplication
                     # lets the engine suspend JShell's class indexing for code completion (SnippetBoundaries)
                     JAVA_OPTS="--add-opens=jdk.jshell/jdk.jshell=ALL-UNNAMED ${JAVA_OPTS:-}" ;;
  *) echo "entrypoint: unknown JPARALLEL_SERVICE '$JPARALLEL_SERVICE'" >&2; exit 2 ;;
esac
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java $JAVA_OPTS -cp "$JPARALLEL_HOME/$JPARALLEL_SERVICE.jar:$JPARALLEL_HOME/lib/*" "$main" "$@"
