#!/bin/sh
# openim-deploy testkit: a stand-in, in our own words, for /opt/bitnami/scripts/etcd/run.sh of
# docker.io/bitnamilegacy/etcd. As Bitnami's, it refuses to start without ETCD_ROOT_PASSWORD
# unless ALLOW_NONE_AUTHENTICATION=yes. Unlike Bitnami's, it does not set up a root user and
# authentication, so it refuses a password too rather than run etcd open while one was asked for.
# etcd reads ETCD_NAME, ETCD_DATA_DIR, ETCD_LISTEN_CLIENT_URLS and the other ETCD_* variables
# itself; Bitnami's default data folder is /bitnami/etcd/data.
set -e
if [ -n "${ETCD_ROOT_PASSWORD:-}" ]; then
  echo "etcd stand-in: ETCD_ROOT_PASSWORD is set, but this test image cannot set up etcd authentication; unset it and set ALLOW_NONE_AUTHENTICATION=yes" >&2
  exit 1
fi
if [ "${ALLOW_NONE_AUTHENTICATION:-no}" != yes ]; then
  echo "etcd stand-in: ETCD_ROOT_PASSWORD is empty or not set; set ALLOW_NONE_AUTHENTICATION=yes to start etcd without authentication (recommended only for development)" >&2
  exit 1
fi
export ETCD_DATA_DIR="${ETCD_DATA_DIR:-/bitnami/etcd/data}"
exec etcd "$@"
