#!/usr/bin/env bash
# Installs what JParallel needs beyond a JDK and Maven, with apt-get, only if missing:
#   rabbitmq-server                      (always: jpcluster and the tests run private nodes of it)
#   postgresql                           (always: the tests run a private server of it; the hub's
#                                         "postgres" profile can use any server, this one too)
#   chromium chromium-driver             (always: the dashboard test drives headless Chromium)
#   tmux                                 (always: the console test types into a real terminal)
#   jupyter-nbconvert python3-nbclient   (always: the notebook in docs/ is executed on the JParallel
#   jupyter-client                        kernel)
#   nodejs npm                           (only if no node/npm is on the PATH: the helm module's tests validate
#                                         the chart's manifests with npm's kubernetes-models schemas)
#   python3-ipyparallel numpy matplotlib (with --bench: the IPython side of the benchmarks)
# Works as root or through sudo on Debian 12. The system RabbitMQ service that Debian starts on install
# is stopped and disabled: JParallel never uses it, and it would sit on ports 5672, 25672 and 4369. The
# system PostgreSQL cluster Debian may create is left alone: the tests' private server uses its own port.
set -euo pipefail

bench=false
for arg in "$@"; do
  case "$arg" in
    --bench) bench=true ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "install-prereqs: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo -n)
else
  as_root=()
fi

run_root() {
  if [ "$(id -u)" -ne 0 ] && [ ${#as_root[@]} -eq 0 ]; then
    echo "install-prereqs: need root or sudo to run: $*" >&2
    exit 1
  fi
  "${as_root[@]}" "$@"
}

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

packages=(rabbitmq-server postgresql chromium chromium-driver tmux jupyter-nbconvert python3-nbclient jupyter-client)
if [ "$bench" = true ]; then
  packages+=(python3-ipyparallel python3-numpy python3-matplotlib)
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for package in "${packages[@]}"; do
  installed "$package" || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-prereqs: already installed: ${packages[*]}"
else
  echo "install-prereqs: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  run_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  run_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The system node: stopped and disabled where an init system exists. In containers without one, apt's
# start attempt either failed or left a beam running as user rabbitmq; end it by pid, never by name.
if [[ " ${missing[*]-} " == *" rabbitmq-server "* ]]; then
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    run_root systemctl stop rabbitmq-server.service || true
    run_root systemctl disable rabbitmq-server.service || true
  elif command -v service >/dev/null 2>&1; then
    run_root service rabbitmq-server stop || true
  fi
  for pid in $(pgrep -u rabbitmq -x beam.smp 2>/dev/null || true); do
    echo "install-prereqs: stopping the system RabbitMQ node (pid $pid)"
    run_root kill "$pid" || true
  done
  for pid in $(pgrep -u rabbitmq -x epmd 2>/dev/null || true); do
    run_root kill "$pid" || true
  done
fi

test -x /usr/lib/rabbitmq/bin/rabbitmq-server || {
  echo "install-prereqs: /usr/lib/rabbitmq/bin/rabbitmq-server not found after installing rabbitmq-server" >&2
  exit 1
}

initdb_found=false
for bin in /usr/lib/postgresql/*/bin; do
  if [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ]; then
    initdb_found=true
  fi
done
[ "$initdb_found" = true ] || {
  echo "install-prereqs: no /usr/lib/postgresql/*/bin/initdb found after installing postgresql" >&2
  exit 1
}
