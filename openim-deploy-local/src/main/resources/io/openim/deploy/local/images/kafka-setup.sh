#!/bin/sh
# openim-deploy testkit: a stand-in, in our own words, for /opt/bitnami/scripts/kafka/setup.sh of
# docker.io/bitnamilegacy/kafka. Kept: after the internal topics' settings of Kafka's own file, every
# KAFKA_CFG_NAME_PARTS=value becomes name.parts=value in
# /opt/bitnami/kafka/config/server.properties (log.dirs defaults to /bitnami/kafka/data); for each
# listener that KAFKA_CFG_LISTENER_SECURITY_PROTOCOL_MAP maps to SASL_PLAINTEXT, the JAAS line
# Bitnami's libkafka.sh (kafka_initialize, kafka_configure_server_jaas) writes for SASL/PLAIN:
# the inter-broker listener (KAFKA_CFG_INTER_BROKER_LISTENER_NAME, default INTERNAL) logs in as
# KAFKA_INTER_BROKER_USER and accepts it and every KAFKA_CLIENT_USERS entry, a controller listener
# logs in as KAFKA_CONTROLLER_USER and accepts only it, any other accepts the client users; user and
# password lists are split at ',', ';' and white space. A KRaft node (process.roles set) formats its
# storage once, with KAFKA_KRAFT_CLUSTER_ID or a random cluster id. Left out: Bitnami's other
# validation, SCRAM, TLS and ZooKeeper mode; a SASL mechanism other than PLAIN is refused.
set -e
conf=/opt/bitnami/kafka/config/server.properties
# Bitnami's starts from the server.properties Kafka ships, whose internal topics have one replica
# (config/kraft/server.properties: offsets.topic.replication.factor=1 and the transaction log's);
# without them a one-broker cluster never creates __consumer_offsets and no consumer group forms
printf '%s\n' offsets.topic.replication.factor=1 transaction.state.log.replication.factor=1 \
  transaction.state.log.min.isr=1 > "$conf"
env | sed -n 's/^KAFKA_CFG_\([A-Z0-9_]*\)=\(.*\)$/\1=\2/p' | while IFS='=' read -r name value; do
  printf '%s=%s\n' "$(printf '%s' "$name" | tr 'A-Z_' 'a-z.')" "$value" >> "$conf"
done
grep -q '^log\.dirs=' "$conf" || echo "log.dirs=/bitnami/kafka/data" >> "$conf"

fail() { echo "kafka stand-in: $*" >&2; exit 1; }
# the n-th word (from 1) of a list separated by ',', ';' or white space
word() { printf '%s\n' "$1" | tr ',;' '  ' | awk -v n="$2" '{ print $n }'; }
count() { printf '%s\n' "$1" | tr ',;' '  ' | awk '{ print NF }'; }
accepted() {
  n=$(count "${KAFKA_CLIENT_USERS:-}")
  [ "$n" -eq "$(count "${KAFKA_CLIENT_PASSWORDS:-}")" ] \
    || fail "KAFKA_CLIENT_USERS and KAFKA_CLIENT_PASSWORDS name different numbers of users"
  i=1
  while [ "$i" -le "$n" ]; do
    printf ' user_%s="%s"' "$(word "$KAFKA_CLIENT_USERS" "$i")" "$(word "$KAFKA_CLIENT_PASSWORDS" "$i")"
    i=$((i + 1))
  done
}
module=org.apache.kafka.common.security.plain.PlainLoginModule
for entry in $(printf '%s' "${KAFKA_CFG_LISTENER_SECURITY_PROTOCOL_MAP:-}" | tr ',' ' '); do
  listener="${entry%%:*}"
  protocol="${entry#*:}"
  [ "$protocol" = SASL_PLAINTEXT ] || continue
  lower=$(printf '%s' "$listener" | tr 'A-Z' 'a-z')
  if [ "$listener" = "${KAFKA_CFG_INTER_BROKER_LISTENER_NAME:-INTERNAL}" ]; then
    [ "${KAFKA_CFG_SASL_MECHANISM_INTER_BROKER_PROTOCOL:-}" = PLAIN ] \
      || fail "the inter-broker listener $listener uses SASL: set KAFKA_CFG_SASL_MECHANISM_INTER_BROKER_PROTOCOL=PLAIN"
    [ -n "${KAFKA_INTER_BROKER_USER:-}" ] && [ -n "${KAFKA_INTER_BROKER_PASSWORD:-}" ] \
      || fail "the inter-broker listener $listener uses SASL: set KAFKA_INTER_BROKER_USER and KAFKA_INTER_BROKER_PASSWORD"
    line="$module required username=\"$KAFKA_INTER_BROKER_USER\" password=\"$KAFKA_INTER_BROKER_PASSWORD\"$(accepted) user_$KAFKA_INTER_BROKER_USER=\"$KAFKA_INTER_BROKER_PASSWORD\";"
  elif [ "$listener" = "${KAFKA_CFG_CONTROLLER_LISTENER_NAMES:-CONTROLLER}" ]; then
    [ "${KAFKA_CFG_SASL_MECHANISM_CONTROLLER_PROTOCOL:-}" = PLAIN ] \
      || fail "the controller listener $listener uses SASL: set KAFKA_CFG_SASL_MECHANISM_CONTROLLER_PROTOCOL=PLAIN"
    [ -n "${KAFKA_CONTROLLER_USER:-}" ] && [ -n "${KAFKA_CONTROLLER_PASSWORD:-}" ] \
      || fail "the controller listener $listener uses SASL: set KAFKA_CONTROLLER_USER and KAFKA_CONTROLLER_PASSWORD"
    echo "listener.name.$lower.sasl.enabled.mechanisms=PLAIN" >> "$conf"
    line="$module required username=\"$KAFKA_CONTROLLER_USER\" password=\"$KAFKA_CONTROLLER_PASSWORD\" user_$KAFKA_CONTROLLER_USER=\"$KAFKA_CONTROLLER_PASSWORD\";"
  else
    [ -n "${KAFKA_CLIENT_USERS:-}" ] || fail "the listener $listener uses SASL: set KAFKA_CLIENT_USERS and KAFKA_CLIENT_PASSWORDS"
    line="$module required$(accepted);"
  fi
  [ "${KAFKA_CFG_SASL_ENABLED_MECHANISMS:-}" = PLAIN ] \
    || fail "this stand-in sets up SASL/PLAIN only: set KAFKA_CFG_SASL_ENABLED_MECHANISMS=PLAIN"
  printf 'listener.name.%s.plain.sasl.jaas.config=%s\n' "$lower" "$line" >> "$conf"
done
chmod 600 "$conf"

if grep -q '^process\.roles=' "$conf"; then
  id="${KAFKA_KRAFT_CLUSTER_ID:-$(/opt/bitnami/kafka/bin/kafka-storage.sh random-uuid)}"
  /opt/bitnami/kafka/bin/kafka-storage.sh format --config "$conf" --cluster-id "$id" --ignore-formatted
fi
