#!/usr/bin/env bash
# Builds the four service images the Helm chart runs, from the Maven build, and optionally pushes them.
#   docker/build-images.sh [--push] [registry/prefix] [tag]
# e.g. docker/build-images.sh --push ghcr.io/jparallel/ 0.1.0  ->  ghcr.io/jparallel/engine-service:0.1.0, ...
# Run `mvn -B -DskipTests package` first. Needs a Docker engine (or anything that reads a Dockerfile: podman, buildah).
set -euo pipefail
cd "$(dirname "$0")/.."
push=false
if [ "${1:-}" = "--push" ]; then push=true; shift; fi
prefix="${1:-ghcr.io/jparallel/}"
tag="${2:-$(mvn -B -q help:evaluate -Dexpression=project.version -DforceStdout 2>/dev/null | sed 's/-SNAPSHOT$//')}"
docker="${DOCKER:-docker}"
for service in registry-service hub-service scheduler-service engine-service; do
  target="$service/target"
  if [ ! -f "$target/$service.jar" ] || [ ! -d "$target/lib" ]; then
    echo "build-images: $target/$service.jar or $target/lib missing: run 'mvn -B -DskipTests package' first" >&2
    exit 1
  fi
  cp docker/entrypoint.sh "$target/entrypoint.sh"
  image="$prefix$service:$tag"
  echo "build-images: $image"
  "$docker" build -f docker/Dockerfile --build-arg SERVICE="$service" -t "$image" "$target"
  if [ "$push" = true ]; then "$docker" push "$image"; fi
done
