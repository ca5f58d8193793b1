#!/usr/bin/env bash
# Builds and runs every test: unit tests (surefire), then integration and end-to-end tests (failsafe)
# against real RabbitMQ nodes. Extra arguments go to Maven, e.g. scripts/test.sh -pl launcher -am.
#
# One private RabbitMQ node serves all test JVMs of the run (JPARALLEL_TEST_BROKER_URL), which saves a
# node start per module; set JPARALLEL_TEST_BROKER_URL (an administrator's URI) and
# JPARALLEL_TEST_BROKER_MANAGEMENT_URL (its management API) yourself to use another broker.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

scripts/install-prereqs.sh

broker_dir=""
broker_pid=""
cleanup() {
  if [ -n "$broker_dir" ]; then
    stop_broker
    rm -rf "$broker_dir"
  fi
}
trap cleanup EXIT

broker_env() {
  export HOME="$broker_dir/home" RABBITMQ_NODENAME="$node" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$port" RABBITMQ_DIST_PORT="$dist_port" ERL_EPMD_PORT="$epmd_port" ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_CONF_ENV_FILE="$broker_dir/rabbitmq-env.conf" RABBITMQ_CONFIG_FILE="$broker_dir/rabbitmq.conf" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$broker_dir/advanced.config" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$broker_dir/enabled_plugins" RABBITMQ_MNESIA_BASE="$broker_dir/mnesia" \
    RABBITMQ_LOG_BASE="$broker_dir/log" RABBITMQ_PID_FILE="$broker_dir/rabbitmq.pid" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

# A port below the kernel's ephemeral range that nothing listens on (bash only: no python on a bare CI box).
free_port() {
  local candidate
  for _ in $(seq 1 100); do
    candidate=$((20000 + RANDOM % 12000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

start_broker() {
  broker_dir="$(mktemp -d /tmp/jparallel-ci-broker.XXXXXX)"
  port="$(free_port)"; dist_port="$(free_port)"; epmd_port="$(free_port)"; management_port="$(free_port)"
  node="jp${port}@localhost"
  mkdir -p "$broker_dir"/{home,mnesia,log}
  : > "$broker_dir/rabbitmq-env.conf"
  # no guest user: the node's one initial user is an administrator with a random password, and the
  # management API (loopback only) is where jpcluster creates each cluster's own user
  echo '[rabbitmq_management].' > "$broker_dir/enabled_plugins"
  admin_password="$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  (umask 077; printf '%s\n' "listeners.tcp.default = 127.0.0.1:$port" 'loopback_users = none' \
    'max_message_size = 536870912' 'default_user = jp-admin' "default_pass = $admin_password" \
    'default_user_tags.administrator = true' 'default_permissions.configure = .*' 'default_permissions.read = .*' \
    'default_permissions.write = .*' 'management.tcp.ip = 127.0.0.1' "management.tcp.port = $management_port" \
    > "$broker_dir/rabbitmq.conf")
  (broker_env; exec setsid /usr/lib/rabbitmq/bin/rabbitmq-server > "$broker_dir/log/server.out" 2>&1 < /dev/null) &
  broker_pid=$!
  if ! (broker_env; /usr/lib/rabbitmq/bin/rabbitmqctl -n "$node" wait --timeout 120 "$broker_dir/rabbitmq.pid" \
        > "$broker_dir/log/wait.out" 2>&1); then
    echo "test.sh: the shared RabbitMQ node did not start; tests will start their own" >&2
    tail -n 30 "$broker_dir/log/server.out" >&2 || true
    stop_broker
    return 1
  fi
  for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$management_port") 2>/dev/null && break; sleep 0.1; done
  export JPARALLEL_TEST_BROKER_URL="amqp://jp-admin:${admin_password}@127.0.0.1:${port}"
  export JPARALLEL_TEST_BROKER_MANAGEMENT_URL="http://127.0.0.1:${management_port}"
  echo "test.sh: shared RabbitMQ node $node at amqp://jp-admin:****@127.0.0.1:${port}, management $JPARALLEL_TEST_BROKER_MANAGEMENT_URL"
}

stop_broker() {
  (broker_env; /usr/lib/rabbitmq/bin/rabbitmqctl -n "$node" shutdown > /dev/null 2>&1) || true
  if [ -n "$broker_pid" ] && kill -0 "$broker_pid" 2>/dev/null; then
    kill "$broker_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$broker_pid" 2>/dev/null || break; sleep 0.1; done
    pkill -9 -P "$broker_pid" 2>/dev/null || true
    kill -9 "$broker_pid" 2>/dev/null || true
  fi
  broker_pid=""
  if [ -n "${epmd_port:-}" ]; then
    epmd -port "$epmd_port" -kill > /dev/null 2>&1 || true
  fi
}

if [ -z "${JPARALLEL_TEST_BROKER_URL:-}" ]; then
  start_broker || true
fi

cd "$root"
mvn -B verify "$@"
