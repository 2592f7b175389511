#!/bin/sh
# openim-deploy testkit: a stand-in, in our own words, for /opt/bitnami/scripts/kafka/setup.sh of
# docker.io/bitnamilegacy/kafka. Kept: every KAFKA_CFG_NAME_PARTS=value becomes name.parts=value in
# /opt/bitnami/kafka/config/server.properties (log.dirs defaults to /bitnami/kafka/data), and a
# KRaft node (process.roles set) formats its storage once, with KAFKA_KRAFT_CLUSTER_ID or a random
# cluster id. Left out: Bitnami's validation, SASL/TLS set-up and ZooKeeper mode.
set -e
conf=/opt/bitnami/kafka/config/server.properties
: > "$conf"
env | sed -n 's/^KAFKA_CFG_\([A-Z0-9_]*\)=\(.*\)$/\1=\2/p' | while IFS='=' read -r name value; do
  printf '%s=%s\n' "$(printf '%s' "$name" | tr 'A-Z_' 'a-z.')" "$value" >> "$conf"
done
grep -q '^log\.dirs=' "$conf" || echo "log.dirs=/bitnami/kafka/data" >> "$conf"
if grep -q '^process\.roles=' "$conf"; then
  id="${KAFKA_KRAFT_CLUSTER_ID:-$(/opt/bitnami/kafka/bin/kafka-storage.sh random-uuid)}"
  /opt/bitnami/kafka/bin/kafka-storage.sh format --config "$conf" --cluster-id "$id" --ignore-formatted
fi
