#!/bin/sh
# openim-deploy testkit: a stand-in, in our own words, for one of Apache Kafka's bin/*.sh tools:
# this file is installed under each tool's name and runs that tool's class.
set -e
case "$(basename "$0")" in
  kafka-topics.sh) class=kafka.admin.TopicCommand ;;
  kafka-configs.sh) class=kafka.admin.ConfigCommand ;;
  kafka-consumer-groups.sh) class=kafka.admin.ConsumerGroupCommand ;;
  kafka-console-producer.sh) class=kafka.tools.ConsoleProducer ;;
  kafka-console-consumer.sh) class=kafka.tools.ConsoleConsumer ;;
  kafka-storage.sh) class=kafka.tools.StorageTool ;;
  kafka-server-start.sh)
    export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G}"
    export KAFKA_LOG4J_CONFIG="${KAFKA_LOG4J_CONFIG:-/opt/bitnami/kafka/config/log4j.properties}"
    class=kafka.Kafka ;;
  *) echo "kafka stand-in: no tool called $(basename "$0")" >&2; exit 2 ;;
esac
exec /opt/bitnami/kafka/bin/kafka-run-class.sh "$class" "$@"
