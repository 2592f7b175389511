#!/bin/sh
# openim-deploy testkit: a stand-in, in our own words, for Apache Kafka's bin/kafka-run-class.sh:
# runs the class named first with the jars of /opt/bitnami/kafka/libs on the class path, the heap
# of KAFKA_HEAP_OPTS (256 MiB for tools, as Kafka's) and the log4j file of KAFKA_LOG4J_CONFIG. As
# Kafka's, log files go to LOG_DIR (default: the logs folder next to bin), made when missing and
# passed to log4j as kafka.logs.dir; the JVM keeps its own files in java.io.tmpdir (/tmp).
set -e
home=/opt/bitnami/kafka
LOG_DIR="${LOG_DIR:-$home/logs}"
[ -d "$LOG_DIR" ] || mkdir -p "$LOG_DIR"
exec java ${KAFKA_HEAP_OPTS:--Xmx256M} ${KAFKA_JVM_PERFORMANCE_OPTS:-} ${KAFKA_OPTS:-} \
  "-Dkafka.logs.dir=$LOG_DIR" \
  "-Dlog4j.configuration=file:${KAFKA_LOG4J_CONFIG:-$home/config/tools-log4j.properties}" \
  -cp "$home/libs/*" "$@"
