#!/bin/sh
# openim-deploy testkit: a stand-in, in our own words, for /opt/bitnami/scripts/kafka/entrypoint.sh
# of docker.io/bitnamilegacy/kafka: the setup (server.properties from KAFKA_CFG_*, KRaft storage)
# runs only when the container is asked to run run.sh; then the arguments run.
set -e
if [ "$1" = /opt/bitnami/scripts/kafka/run.sh ]; then
  /opt/bitnami/scripts/kafka/setup.sh
fi
exec "$@"
