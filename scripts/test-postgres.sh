# Throwaway PostgreSQL cluster for the test suite. Sourced by scripts/test.
#   start_test_postgres: installs PostgreSQL (Debian package) if absent, creates a cluster in a
#     temporary directory on a free loopback port, and exports CPIS_TEST_DB_URL, CPIS_TEST_DB_USER,
#     CPIS_TEST_DB_PASSWORD and CPIS_TEST_PGCTL (a script taking start|stop, used by the outage test).
#   stop_test_postgres: stops it and deletes the directory.
# PostgreSQL refuses to run as root, so as root the cluster runs as the 'postgres' system user.
#   CPIS_TEST_PG_FSYNC=on makes commits durable (benchmarks); the tests run with fsync off for speed.

pg_bindir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

install_postgres_if_missing() {
  if [ -n "$(pg_bindir)" ] && [ -x "$(pg_bindir)/initdb" ]; then
    return
  fi
  echo "test: PostgreSQL is not installed; installing Debian's postgresql package"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
}

free_port() {
  local port
  for port in $(seq 55432 55532); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "test: no free port between 55432 and 55532" >&2
  return 1
}

start_test_postgres() {
  install_postgres_if_missing
  local bin; bin="$(pg_bindir)"
  local run_as=()
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    run_as=(runuser -u postgres --)
  fi
  TEST_PG_DIR="$(mktemp -d /tmp/cpis-test-pg.XXXXXX)"
  chmod 755 "$TEST_PG_DIR"
  [ "$(id -u)" -ne 0 ] || chown postgres "$TEST_PG_DIR"
  local port; port="$(free_port)"
  "${run_as[@]}" "$bin/initdb" -D "$TEST_PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null

  cat > "$TEST_PG_DIR/pgctl" <<PGCTL
#!/usr/bin/env bash
# start|stop the CP-IS test cluster (port $port)
case "\$1" in
  start) exec ${run_as[*]} "$bin/pg_ctl" -D "$TEST_PG_DIR/data" -l "$TEST_PG_DIR/postgres.log" -w -t 60 \
           -o "-p $port -k $TEST_PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=${CPIS_TEST_PG_FSYNC:-off}" start ;;
  stop)  exec ${run_as[*]} "$bin/pg_ctl" -D "$TEST_PG_DIR/data" -w -t 60 -m fast stop ;;
  *) echo "usage: pgctl start|stop" >&2; exit 2 ;;
esac
PGCTL
  chmod 755 "$TEST_PG_DIR/pgctl"
  "$TEST_PG_DIR/pgctl" start >/dev/null
  "${run_as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres cpis_test

  export CPIS_TEST_DB_URL="jdbc:postgresql://127.0.0.1:$port/cpis_test"
  export CPIS_TEST_DB_USER=postgres
  export CPIS_TEST_DB_PASSWORD=""
  export CPIS_TEST_PGCTL="$TEST_PG_DIR/pgctl"
  echo "test: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') running on 127.0.0.1:$port (data in $TEST_PG_DIR)"
}

stop_test_postgres() {
  if [ -n "${TEST_PG_DIR:-}" ] && [ -d "$TEST_PG_DIR" ]; then
    "$TEST_PG_DIR/pgctl" stop >/dev/null 2>&1 || true
    rm -rf "$TEST_PG_DIR"
    echo "test: PostgreSQL test cluster stopped and removed"
  fi
}
