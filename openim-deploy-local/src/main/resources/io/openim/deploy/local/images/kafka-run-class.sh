#!/bin/sh
# openim-deploy testkit: a stand-in, in our own words, for Apache Kafka's bin/kafka-run-class.sh:
# runs the class named first with the jars of /opt/bitnami/kafka/libs on the class path, the heap
# of KAFKA_HEAP_OPTS (256 MiB for tools, as Kafka's) and the log4j file of KAFKA_LOG4J_CONFIG.
set -e
home=/opt/bitnami/kafka
exec java ${KAFKA_HEAP_OPTS:--Xmx256M} ${KAFKA_JVM_PERFORMANCE_OPTS:-} ${KAFKA_OPTS:-} \
  "-Dlog4j.configuration=file:${KAFKA_LOG4J_CONFIG:-$home/config/tools-log4j.properties}" \
  -cp "$home/libs/*" "$@"
