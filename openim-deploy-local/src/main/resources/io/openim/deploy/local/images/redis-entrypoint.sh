#!/bin/sh
# openim-deploy testkit: a stand-in, in our own words, for the docker-entrypoint.sh of
# docker.io/library/redis (docker-library/redis). Behaviour kept: a first argument that is an
# option or a *.conf file is for redis-server; redis-server started as root first gets the current
# folder (WORKDIR /data) handed to user redis and then runs as redis (uid 999, gid 999), here
# through setpriv from util-linux where the real image uses gosu.
set -e
case "$1" in
  -*|*.conf) set -- redis-server "$@" ;;
esac
if [ "$1" = redis-server ] && [ "$(id -u)" = 0 ]; then
  find . ! -user redis -exec chown redis {} +
  exec setpriv --reuid=redis --regid=redis --init-groups "$0" "$@"
fi
if [ "$(umask)" = 0022 ]; then
  umask 0077
fi
exec "$@"
