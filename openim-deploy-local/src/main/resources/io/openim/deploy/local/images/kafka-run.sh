#!/bin/sh
# openim-deploy testkit: a stand-in, in our own words, for /opt/bitnami/scripts/kafka/run.sh of
# docker.io/bitnamilegacy/kafka: the broker in the foreground with the written server.properties.
set -e
exec /opt/bitnami/kafka/bin/kafka-server-start.sh /opt/bitnami/kafka/config/server.properties
