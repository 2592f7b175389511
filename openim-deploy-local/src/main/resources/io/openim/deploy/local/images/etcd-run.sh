#!/bin/sh
# openim-deploy testkit: a stand-in, in our own words, for /opt/bitnami/scripts/etcd/run.sh (and
# the setup its entrypoint runs) of docker.io/bitnamilegacy/etcd. As Bitnami's (libetcd.sh
# etcd_validate, etcd_initialize, etcd_configure_rbac): it refuses to start without
# ETCD_ROOT_PASSWORD unless ALLOW_NONE_AUTHENTICATION=yes; with a root password and authentication
# still off, it starts etcd in the background, adds user root with that password (read by etcdctl
# from standard input), grants it role root, turns authentication on and stops etcd; an etcd with
# authentication on is left as it is. Then etcd runs in the foreground. etcd reads ETCD_NAME,
# ETCD_DATA_DIR, ETCD_LISTEN_CLIENT_URLS and the other ETCD_* variables itself; Bitnami's default
# data folder is /bitnami/etcd/data. As Bitnami's run.sh, it unsets ETCD_ROOT_PASSWORD before etcd
# starts: etcd logs every ETCD_* variable it does not know, with its value. Left out: clusters of
# several members, TLS, snapshots.
set -e
export ETCD_DATA_DIR="${ETCD_DATA_DIR:-/bitnami/etcd/data}"
root_password="${ETCD_ROOT_PASSWORD:-}"
unset ETCD_ROOT_PASSWORD
if [ -z "$root_password" ]; then
  if [ "${ALLOW_NONE_AUTHENTICATION:-no}" != yes ]; then
    echo "etcd stand-in: ETCD_ROOT_PASSWORD is empty or not set; set ALLOW_NONE_AUTHENTICATION=yes to start etcd without authentication (recommended only for development)" >&2
    exit 1
  fi
  exec etcd "$@"
fi
etcd "$@" &
pid=$!
local_etcd() { etcdctl --endpoints=http://127.0.0.1:2379 "$@"; }
tries=0
until local_etcd endpoint health > /dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -gt 300 ] || ! kill -0 "$pid" 2> /dev/null; then
    echo "etcd stand-in: etcd did not become healthy to set up authentication" >&2
    kill "$pid" 2> /dev/null || true
    exit 1
  fi
  sleep 0.1
done
if local_etcd auth status | grep -q "Authentication Status: true"; then
  echo "etcd stand-in: authentication already enabled"
else
  echo "etcd stand-in: enabling etcd authentication"
  printf '%s\n' "$root_password" | local_etcd user add root --interactive=false > /dev/null
  local_etcd user grant-role root root > /dev/null
  local_etcd auth enable
fi
kill "$pid"
wait "$pid" || true
exec etcd "$@"
