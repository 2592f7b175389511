#!/bin/sh
# openim-deploy testkit: a stand-in, in our own words, for /usr/bin/docker-entrypoint.sh of
# docker.io/minio/minio (minio/minio dockerscripts/docker-entrypoint.sh). Kept: arguments that do
# not start with minio are minio's, so `server /data` runs `minio server /data`. Left out: the
# deprecated switch to MINIO_USERNAME/MINIO_GROUPNAME.
set -e
if [ -n "$1" ] && [ "$1" != minio ]; then
  set -- minio "$@"
fi
exec "$@"
