# Shared helpers for benchmark scripts: start a CP-IS server for measuring, stop it afterwards.
# start_bench_server PORT [extra spring args...]: embedded database in a temporary folder unless
# CPIS_DB_URL is set; waits for readiness and exports BENCH_BASE (FHIR base URL).

bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The JVM settings of README.md's production run command (a 2-core server).
bench_java_opts="-XX:+UseG1GC -Xmx768m -Xss512k -XX:MaxMetaspaceSize=320m"
# BENCH_JAVA: the java command of the CP-IS server (default: java on the PATH); BENCH_JAVA_OPTS its options.

start_bench_server() {
  local port="$1"; shift
  local jar="$bench_root/server/target/cpis-server-0.1.0-SNAPSHOT.jar"
  if [ ! -f "$jar" ]; then
    (cd "$bench_root" && ./mvnw -B -ntp -q install -DskipTests)
  fi
  BENCH_DATA_DIR="$(mktemp -d /tmp/cpis-bench.XXXXXX)"
  # Run from the extracted jar (Spring Boot's recommended layout: classes load from plain jars,
  # a few seconds faster to start than the nested fat jar).
  local extracted="$bench_root/server/target/extracted"
  if [ ! -f "$extracted/$(basename "$jar")" ] || [ "$jar" -nt "$extracted/$(basename "$jar")" ]; then
    rm -rf "$extracted" && java -Djarmode=tools -jar "$jar" extract --destination "$extracted" >/dev/null
  fi
  # Demo mode for its token endpoint: benchmarks run with authentication on, as production does.
  # The JVM settings are the ones README.md recommends for a 2-core, 1 GiB server.
  CPIS_DATA_DIR="$BENCH_DATA_DIR" CPIS_PORT="$port" MALLOC_ARENA_MAX=2 \
    ${BENCH_JAVA:-java} ${BENCH_JAVA_OPTS:-$bench_java_opts} -jar "$extracted/$(basename "$jar")" --spring.profiles.active=demo "$@" \
    > "$BENCH_DATA_DIR/server.log" 2>&1 &
  BENCH_PID=$!
  BENCH_EXTRACTED_JAR="$extracted/$(basename "$jar")" # the jar the server runs from
  export BENCH_ROOT="http://localhost:$port"
  export BENCH_BASE="$BENCH_ROOT/fhir"
  await_ready "http://localhost:$port/actuator/health/readiness" "$BENCH_PID" "the server" "$BENCH_DATA_DIR/server.log"
}

# await_ready URL PID NAME LOG: until URL answers 2xx (up to 180 s), or the process PID has died
await_ready() {
  for _ in $(seq 1 180); do
    if curl -sf -o /dev/null "$1"; then
      return 0
    fi
    kill -0 "$2" 2>/dev/null || { echo "bench: $3 died, see $4" >&2; return 1; }
    sleep 1
  done
  echo "bench: $3 was not ready after 180 s" >&2
  return 1
}

stop_bench_server() {
  if [ -n "${BENCH_PID:-}" ]; then
    kill "$BENCH_PID" 2>/dev/null || true
    wait "$BENCH_PID" 2>/dev/null || true
  fi
  [ -z "${BENCH_DATA_DIR:-}" ] || rm -rf "$BENCH_DATA_DIR"
}

# BENCH_DB=postgres: a throwaway PostgreSQL cluster (as the tests use), removed by stop_bench_server.
start_bench_database() {
  if [ "${BENCH_DB:-h2}" = "postgres" ] && [ -z "${CPIS_DB_URL:-}" ]; then
    source "$bench_root/scripts/test-postgres.sh"
    start_test_postgres
    BENCH_STARTED_POSTGRES=1
    export CPIS_DB_URL="$CPIS_TEST_DB_URL" CPIS_DB_USER="$CPIS_TEST_DB_USER" CPIS_DB_PASSWORD="$CPIS_TEST_DB_PASSWORD"
  fi
}

stop_bench_database() {
  if [ -n "${BENCH_STARTED_POSTGRES:-}" ]; then
    stop_test_postgres
  fi
}

# Token for a demo persona from the bench server's token endpoint.
bench_token() {
  curl -sf -u "$1:demo-secret" -d grant_type=client_credentials "$BENCH_ROOT/oauth2/token" \
    | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}

# The stock peer (bench/stock-hapi): a plain HAPI FHIR JPA server with HAPI's defaults, in its own
# database of the same PostgreSQL cluster, with the same JVM settings as the CP-IS server.
# start_stock_server PORT: builds it if needed, waits until /fhir/metadata answers; exports STOCK_PID,
# STOCK_ROOT. Needs CPIS_DB_URL (the cluster) from start_bench_database.
start_stock_server() {
  local port="$1"
  local jar="$bench_root/bench/stock-hapi/target/stock-hapi.jar"
  if [ ! -f "$jar" ]; then
    (cd "$bench_root" && ./mvnw -B -ntp -q -f bench/stock-hapi/pom.xml package)
  fi
  local base="${CPIS_DB_URL%/*}"
  local host_port="${base#jdbc:postgresql://}"
  PGPASSWORD="$CPIS_DB_PASSWORD" "$(ls /usr/lib/postgresql/*/bin/psql | tail -n 1)" -h "${host_port%:*}" -p "${host_port#*:}" \
    -U "$CPIS_DB_USER" -d "${CPIS_DB_URL##*/}" -qc "CREATE DATABASE stock_hapi" 2>/dev/null || true
  STOCK_LOG="$(mktemp /tmp/stock-hapi.XXXXXX.log)"
  STOCK_DB_URL="$base/stock_hapi" STOCK_DB_USER="$CPIS_DB_USER" STOCK_DB_PASSWORD="$CPIS_DB_PASSWORD" STOCK_PORT="$port" \
    MALLOC_ARENA_MAX=2 java ${BENCH_JAVA_OPTS:-$bench_java_opts} -jar "$jar" > "$STOCK_LOG" 2>&1 &
  STOCK_PID=$!
  export STOCK_ROOT="http://localhost:$port"
  await_ready "$STOCK_ROOT/fhir/metadata" "$STOCK_PID" "the stock server" "$STOCK_LOG"
}

stop_stock_server() {
  if [ -n "${STOCK_PID:-}" ]; then
    kill "$STOCK_PID" 2>/dev/null || true
    wait "$STOCK_PID" 2>/dev/null || true
    STOCK_PID=""
  fi
}
