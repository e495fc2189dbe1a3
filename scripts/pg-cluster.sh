#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on a loopback port, for tests and benchmarks.
#
#   scripts/pg-cluster.sh start [DIR] [PORT]   # prints the admin URL on its last line
#   scripts/pg-cluster.sh stop  [DIR]
#   scripts/pg-cluster.sh restart [DIR]        # a fast restart (clients lose their connections)
#   scripts/pg-cluster.sh replica PRIMARY_DIR PRIMARY_PORT REPLICA_DIR REPLICA_PORT
#                                              # a streaming standby of a cluster started here;
#                                              # prints the replica's URL on its last line
#                                              # (stop it with `stop REPLICA_DIR`)
#
# Runs as an unprivileged user (initdb refuses root): the `postgres` user Debian's package
# creates, or the current user when not root. Trust authentication on 127.0.0.1 only, fsync on
# (the numbers in BENCHMARKS.md are for a durable database). Needs Debian's `postgresql`.
set -euo pipefail

cmd=${1:?usage: pg-cluster.sh start|stop|restart|replica [DIR] [PORT]}
dir=${2:-/tmp/kizashi-pg}
port=${3:-54329}

bindir=""
for v in 17 16 15 14 13; do
  if [ -x "/usr/lib/postgresql/$v/bin/pg_ctl" ]; then bindir="/usr/lib/postgresql/$v/bin"; break; fi
done
if [ -z "$bindir" ]; then
  bindir=$(dirname "$(command -v pg_ctl || true)")
fi
if [ ! -x "$bindir/pg_ctl" ]; then
  echo "pg-cluster: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$cmd" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres: "$dir"
      as_owner "$bindir/initdb" -D "$dir" -U kizashi --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 ||
        { cat "$dir.initdb.log" >&2; exit 1; }
      # A self-signed certificate, so the tests can connect with sslmode=require.
      if command -v openssl >/dev/null; then
        openssl req -new -x509 -days 30 -nodes -subj "/CN=kizashi-test" \
          -keyout "$dir/server.key" -out "$dir/server.crt" >/dev/null 2>&1
        chmod 600 "$dir/server.key"
        [ "$(id -u)" = 0 ] && chown postgres: "$dir/server.key" "$dir/server.crt"
        echo "ssl = on" >> "$dir/postgresql.conf"
      fi
    fi
    if ! as_owner "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_owner "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
        -o "-h 127.0.0.1 -p $port -k $dir -c max_connections=200 -c shared_buffers=256MB -c max_wal_size=4GB" start >/dev/null
    fi
    echo "postgres://kizashi@127.0.0.1:$port/postgres?sslmode=disable"
    ;;
  replica)
    # A hot standby fed by streaming replication over loopback (pg_basebackup -R writes
    # standby.signal and primary_conninfo): it answers reads and refuses every write.
    primary_dir=${2:?usage: pg-cluster.sh replica PRIMARY_DIR PRIMARY_PORT REPLICA_DIR REPLICA_PORT}
    primary_port=${3:?usage: pg-cluster.sh replica PRIMARY_DIR PRIMARY_PORT REPLICA_DIR REPLICA_PORT}
    replica_dir=${4:?usage: pg-cluster.sh replica PRIMARY_DIR PRIMARY_PORT REPLICA_DIR REPLICA_PORT}
    replica_port=${5:?usage: pg-cluster.sh replica PRIMARY_DIR PRIMARY_PORT REPLICA_DIR REPLICA_PORT}
    if [ ! -f "$primary_dir/PG_VERSION" ]; then
      echo "pg-cluster: no cluster in $primary_dir (start it first)" >&2
      exit 1
    fi
    # initdb --auth=trust already allows replication from 127.0.0.1; a cluster whose pg_hba.conf
    # was edited may not, so make sure (and reload the primary to apply it).
    if ! grep -Eq '^host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' \
      "$primary_dir/pg_hba.conf"; then
      echo "host replication all 127.0.0.1/32 trust" >>"$primary_dir/pg_hba.conf"
      as_owner "$bindir/pg_ctl" -D "$primary_dir" reload >/dev/null
    fi
    if [ ! -f "$replica_dir/PG_VERSION" ]; then
      mkdir -p "$replica_dir"
      chmod 700 "$replica_dir"
      [ "$(id -u)" = 0 ] && chown postgres: "$replica_dir"
      as_owner "$bindir/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U kizashi -D "$replica_dir" \
        -R -X stream -c fast >"$replica_dir.basebackup.log" 2>&1 ||
        { cat "$replica_dir.basebackup.log" >&2; exit 1; }
    fi
    if ! as_owner "$bindir/pg_ctl" -D "$replica_dir" status >/dev/null 2>&1; then
      as_owner "$bindir/pg_ctl" -D "$replica_dir" -l "$replica_dir/server.log" -w -t 60 \
        -o "-h 127.0.0.1 -p $replica_port -k $replica_dir -c max_connections=200 -c shared_buffers=256MB -c hot_standby=on" \
        start >/dev/null
    fi
    echo "postgres://kizashi@127.0.0.1:$replica_port/postgres?sslmode=disable"
    ;;
  stop)
    if [ -f "$dir/PG_VERSION" ]; then
      as_owner "$bindir/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
  restart)
    # The new postmaster must not inherit the caller's descriptors: run from a test, those are
    # the test's own client sockets and pipes, and a server holding a copy keeps a dead client
    # connection half-open (seen: the pool then waited for it forever and the test hung).
    for fd in /proc/$$/fd/*; do
      n=${fd##*/}
      if [ "$n" -gt 2 ] 2>/dev/null; then eval "exec $n>&-" 2>/dev/null || true; fi
    done
    # pg_ctl restart keeps the options the server was started with (postmaster.opts).
    as_owner "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -m fast -w -t 60 restart >/dev/null
    ;;
  *)
    echo "usage: pg-cluster.sh start|stop|restart [DIR] [PORT] | replica PRIMARY_DIR PRIMARY_PORT REPLICA_DIR REPLICA_PORT" >&2
    exit 2
    ;;
esac
