/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import io.openim.deploy.DependencyKind;
import io.openim.deploy.Dependency;
import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import io.openim.deploy.SecretKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A single-replica StatefulSet with a volume claim template, a headless Service and a client
 * Service for each dependency run in the cluster, from the image the official compose pins.
 */
public final class DependencyWorkloads {
  /**
   * OpenIM's Kafka user, the name openim-docker's compose gives (KAFKA_USERNAME); its password is
   * {@link SecretKey#KAFKA_PASSWORD}.
   */
  public static final String KAFKA_USER = "openIM";

  /** The user the broker authenticates as to its own listeners ({@link SecretKey#KAFKA_BROKER_PASSWORD}). */
  static final String KAFKA_BROKER_USER = "broker";

  private static final String KAFKA_HOME = "/opt/bitnami/kafka";

  private final RenderContext ctx;

  public DependencyWorkloads(RenderContext ctx) {
    this.ctx = ctx;
  }

  public List<Manifest> render() {
    List<Manifest> out = new ArrayList<>();
    for (DependencyKind kind : DependencyKind.values()) {
      if (ctx.spec().dependency(kind) instanceof Dependency.InCluster in) {
        out.add(service(kind, ctx.names().headless(kind), true));
        out.add(service(kind, ctx.names().of(kind), false));
        out.add(statefulSet(kind, in));
      }
    }
    return out;
  }

  private Manifest service(DependencyKind kind, String name, boolean headless) {
    Names names = ctx.names();
    List<Object> ports = new ArrayList<>();
    for (Map.Entry<String, Integer> port : ports(kind).entrySet()) {
      ports.add(Tree.map("name", port.getKey(), "port", port.getValue(), "targetPort", port.getKey(),
          "protocol", "TCP"));
    }
    return new Manifest(Phase.DEPENDENCIES, "v1", "Service", ctx.spec().namespace(), name,
        Tree.object("v1", "Service", names.metadata(name, names.labels(kind)), "spec", Tree.map(
            "clusterIP", headless ? "None" : null,
            "publishNotReadyAddresses", headless ? Boolean.TRUE : null,
            "selector", names.selector(kind.key()),
            "ports", ports)));
  }

  private static Map<String, Integer> ports(DependencyKind kind) {
    return switch (kind) {
      case MONGODB -> Map.of("mongodb", 27017);
      case REDIS -> Map.of("redis", 6379);
      case KAFKA -> new TreeMap<>(Map.of("client", 9092, "controller", 9093));
      case MINIO -> new TreeMap<>(Map.of("api", 9000, "console", 9090));
      case ETCD -> new TreeMap<>(Map.of("client", 2379, "peer", 2380));
    };
  }

  private Manifest statefulSet(DependencyKind kind, Dependency.InCluster in) {
    Names names = ctx.names();
    String name = names.of(kind);
    String image = ctx.dependencyImage(kind, in);
    Container c = container(kind);
    List<Object> containerPorts = new ArrayList<>();
    for (Map.Entry<String, Integer> port : ports(kind).entrySet()) {
      containerPorts.add(Tree.map("name", port.getKey(), "containerPort", port.getValue(), "protocol", "TCP"));
    }
    String probePort = ports(kind).keySet().contains("client") ? "client" : ports(kind).keySet().iterator().next();
    if (kind == DependencyKind.MINIO) {
      probePort = "api";
    }
    Map<String, Object> container = Tree.map(
        "name", kind.key(),
        "image", image,
        "args", c.args(),
        "ports", containerPorts,
        "env", c.env(),
        "resources", PodParts.resources(in.resources()),
        "readinessProbe", PodParts.tcpProbe(probePort, 5, 10),
        "livenessProbe", PodParts.tcpProbe(probePort, 60, 20),
        "securityContext", PodParts.containerSecurity(),
        "volumeMounts", mounts(kind, c.dataPath()));
    Map<String, Object> podSpec = Tree.map(
        "automountServiceAccountToken", false,
        "enableServiceLinks", false,
        // the line's image's user, also for an image the spec names (the same software)
        "securityContext", PodParts.podSecurity(PodParts.facts(ctx.line().image(kind)), true),
        "imagePullSecrets", PodParts.pullSecrets(ctx),
        "terminationGracePeriodSeconds", 60,
        "initContainers", kind == DependencyKind.KAFKA ? Tree.list(kafkaConfig(image)) : null,
        "containers", Tree.list(container),
        "volumes", scratch(kind).keySet().stream().map(PodParts::emptyDir).toList());
    Map<String, Object> claim = Tree.map(
        "metadata", Tree.map("name", "data"),
        "spec", Tree.map(
            "accessModes", Tree.list("ReadWriteOnce"),
            "storageClassName", ctx.spec().storageClass(),
            "resources", Tree.map("requests", Tree.map("storage", in.storageSize()))));
    Map<String, Object> labels = names.labels(kind);
    return new Manifest(Phase.DEPENDENCIES, "apps/v1", "StatefulSet", ctx.spec().namespace(), name,
        Tree.object("apps/v1", "StatefulSet", names.metadata(name, labels), "spec", Tree.map(
            "replicas", 1,
            "serviceName", names.headless(kind),
            "podManagementPolicy", "OrderedReady",
            "selector", Tree.map("matchLabels", names.selector(kind.key())),
            "template", Tree.map("metadata", Tree.map("labels", labels), "spec", podSpec),
            "volumeClaimTemplates", Tree.list(claim))));
  }

  /**
   * Where each dependency writes besides its data volume, each an emptyDir, since the root
   * filesystem is read-only:
   * <ul>
   *   <li>MongoDB: {@code /tmp}, where docker-entrypoint.sh keeps its temporary config and pid files
   *       ({@code TMPDIR} defaults to /tmp; docker-library/mongo@005cf5957 7.0/docker-entrypoint.sh
   *       lines 177 to 179 and 338) and mongod its Unix socket ({@code /tmp/mongodb-27017.sock});
   *       mongosh's own files go to {@code $HOME/.mongodb}, and uid 999's home is {@code /data/db},
   *       the data volume (7.0/Dockerfile line 12);</li>
   *   <li>Redis: nothing; it writes only its {@code --dir};</li>
   *   <li>Kafka: {@code /tmp} (the JVM's temporary folder), {@code /opt/bitnami/kafka/logs} (log4j's
   *       files and the GC log, kafka-run-class.sh's LOG_DIR) and {@code /opt/bitnami/kafka/config},
   *       where setup.sh writes {@code KAFKA_CFG_*} into server.properties in place (bitnami/containers
   *       bitnami/kafka/3.5/debian-11 rootfs/opt/bitnami/scripts/libkafka.sh kafka_server_conf_set);
   *       that folder is seeded from the image by {@link #kafkaConfig};</li>
   *   <li>MinIO: nothing; it ignores the read-only {@code $HOME/.minio} (versions.yaml);</li>
   *   <li>etcd: {@code /tmp}, where Bitnami's libetcd.sh makes its temporary files (mktemp in
   *       etcd_conf_write and is_membership_intact); etcd itself writes only ETCD_DATA_DIR.</li>
   * </ul>
   */
  private static Map<String, String> scratch(DependencyKind kind) {
    return switch (kind) {
      case MONGODB, ETCD -> Map.of("tmp", "/tmp");
      case REDIS, MINIO -> Map.of();
      case KAFKA -> new TreeMap<>(Map.of("tmp", "/tmp", "logs", KAFKA_HOME + "/logs", "config", KAFKA_HOME + "/config"));
    };
  }

  private static List<Object> mounts(DependencyKind kind, String dataPath) {
    List<Object> mounts = Tree.list(Tree.map("name", "data", "mountPath", dataPath));
    scratch(kind).forEach((name, path) -> mounts.add(Tree.map("name", name, "mountPath", path)));
    return mounts;
  }

  /**
   * Copies the image's Kafka config folder (server.properties, log4j.properties and the rest) into
   * the emptyDir the broker's setup writes to, so the broker starts from the image's own files.
   */
  private Map<String, Object> kafkaConfig(String image) {
    return Tree.map(
        "name", "config",
        "image", image,
        "command", Tree.list("sh", "-c", "cp -R " + KAFKA_HOME + "/config/. /seed/"),
        "resources", Tree.map("requests", Tree.map("cpu", "10m", "memory", "16Mi")),
        "securityContext", PodParts.containerSecurity(),
        "volumeMounts", Tree.list(Tree.map("name", "config", "mountPath", "/seed")));
  }

  /**
   * What differs between the dependencies' containers. No {@code command}: it would replace the
   * image's entrypoint, which creates MongoDB's root user and drops root for MongoDB and Redis
   * (versions.yaml {@code imageFacts}); the server's arguments start with the program the
   * entrypoint prepares.
   */
  private record Container(List<Object> args, List<Object> env, String dataPath) {}

  private Container container(DependencyKind kind) {
    String secret = ctx.names().credentials();
    String namespace = ctx.spec().namespace();
    return switch (kind) {
      case MONGODB -> new Container(
          Tree.list("mongod", "--auth", "--bind_ip_all", "--wiredTigerCacheSizeGB",
              ctx.spec().profile().highlyAvailable() ? "1" : "0.25"),
          Tree.list(Tree.map("name", "MONGO_INITDB_ROOT_USERNAME", "value", "root"),
              PodParts.secretEnv("MONGO_INITDB_ROOT_PASSWORD", secret, SecretKey.MONGODB_ROOT_PASSWORD.secretKey())),
          "/data/db");
      case REDIS -> new Container(
          Tree.list("redis-server", "--requirepass", "$(REDIS_PASSWORD)", "--appendonly", "yes", "--dir", "/data"),
          Tree.list(PodParts.secretEnv("REDIS_PASSWORD", secret, SecretKey.REDIS_PASSWORD.secretKey())),
          "/data");
      case KAFKA -> {
        String pod = ctx.names().of(kind) + "-0." + ctx.names().headless(kind) + "." + namespace + ".svc";
        yield new Container(List.of(), Tree.list(
            Tree.map("name", "KAFKA_CFG_NODE_ID", "value", "0"),
            Tree.map("name", "KAFKA_CFG_PROCESS_ROLES", "value", "controller,broker"),
            Tree.map("name", "KAFKA_CFG_CONTROLLER_QUORUM_VOTERS", "value", "0@" + pod + ":9093"),
            Tree.map("name", "KAFKA_CFG_CONTROLLER_LISTENER_NAMES", "value", "CONTROLLER"),
            // SASL/PLAIN on both listeners, the only mechanism OpenIM's client uses: openimsdk/tools
            // (v0.0.50-alpha.106, which open-im-server v3.8.3-patch.15 pins) mq/kafka/config.go sets
            // Net.SASL.User/Password and no mechanism, and IBM/sarama v1.43.0 config.go Validate then
            // picks SASLTypePlaintext ("PLAIN"). The Bitnami image (libkafka.sh kafka_initialize,
            // kafka_configure_server_jaas) writes listener.name.client.plain.sasl.jaas.config with a
            // user_<name> entry for KAFKA_CLIENT_USERS and KAFKA_INTER_BROKER_USER, the inter-broker
            // listener being CLIENT, and listener.name.controller.plain.sasl.jaas.config for
            // KAFKA_CONTROLLER_USER: no listener of this pod takes a connection without a password.
            Tree.map("name", "KAFKA_CFG_LISTENERS", "value", "CLIENT://:9092,CONTROLLER://:9093"),
            Tree.map("name", "KAFKA_CFG_ADVERTISED_LISTENERS", "value", "CLIENT://" + pod + ":9092"),
            Tree.map("name", "KAFKA_CFG_LISTENER_SECURITY_PROTOCOL_MAP", "value",
                "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT"),
            Tree.map("name", "KAFKA_CFG_INTER_BROKER_LISTENER_NAME", "value", "CLIENT"),
            Tree.map("name", "KAFKA_CFG_SASL_ENABLED_MECHANISMS", "value", "PLAIN"),
            Tree.map("name", "KAFKA_CFG_SASL_MECHANISM_INTER_BROKER_PROTOCOL", "value", "PLAIN"),
            Tree.map("name", "KAFKA_CFG_SASL_MECHANISM_CONTROLLER_PROTOCOL", "value", "PLAIN"),
            Tree.map("name", "KAFKA_CLIENT_USERS", "value", KAFKA_USER),
            PodParts.secretEnv("KAFKA_CLIENT_PASSWORDS", secret, SecretKey.KAFKA_PASSWORD.secretKey()),
            Tree.map("name", "KAFKA_INTER_BROKER_USER", "value", KAFKA_BROKER_USER),
            PodParts.secretEnv("KAFKA_INTER_BROKER_PASSWORD", secret, SecretKey.KAFKA_BROKER_PASSWORD.secretKey()),
            Tree.map("name", "KAFKA_CONTROLLER_USER", "value", KAFKA_BROKER_USER),
            PodParts.secretEnv("KAFKA_CONTROLLER_PASSWORD", secret, SecretKey.KAFKA_BROKER_PASSWORD.secretKey()),
            // One broker: its internal topics have one replica, or __consumer_offsets is never made
            // (INVALID_REPLICATION_FACTOR) and no consumer group of msgtransfer or push forms. Kafka's
            // own config/kraft/server.properties, which Bitnami's setup starts from, says the same;
            // set here so the plan does not rest on that file (found by running openim-push v3.8.3-patch.15
            // against a broker configured from these variables alone).
            Tree.map("name", "KAFKA_CFG_OFFSETS_TOPIC_REPLICATION_FACTOR", "value", "1"),
            Tree.map("name", "KAFKA_CFG_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "value", "1"),
            Tree.map("name", "KAFKA_CFG_TRANSACTION_STATE_LOG_MIN_ISR", "value", "1"),
            // topics are created by the init Job with the configured partition count
            Tree.map("name", "KAFKA_CFG_AUTO_CREATE_TOPICS_ENABLE", "value", "false"),
            Tree.map("name", "KAFKA_CFG_NUM_PARTITIONS", "value", Integer.toString(ctx.spec().kafkaPartitions()))),
            "/bitnami/kafka");
      }
      case MINIO -> new Container(
          Tree.list("minio", "server", "/data", "--console-address", ":9090"),
          Tree.list(PodParts.secretEnv("MINIO_ROOT_USER", secret, SecretKey.MINIO_ACCESS_KEY.secretKey()),
              PodParts.secretEnv("MINIO_ROOT_PASSWORD", secret, SecretKey.MINIO_SECRET_KEY.secretKey())),
          "/data");
      case ETCD -> new Container(List.of(), Tree.list(
          Tree.map("name", "ETCD_NAME", "value", "etcd-0"),
          Tree.map("name", "ETCD_DATA_DIR", "value", "/bitnami/etcd/data"),
          Tree.map("name", "ETCD_LISTEN_CLIENT_URLS", "value", "http://0.0.0.0:2379"),
          Tree.map("name", "ETCD_ADVERTISE_CLIENT_URLS", "value",
              "http://" + ctx.names().of(kind) + "." + namespace + ".svc:2379"),
          // The image's setup turns authentication on with a root user of this password the first
          // time (bitnami/containers bitnami/etcd/3.5 libetcd.sh etcd_initialize, etcd_configure_rbac:
          // user add root, user grant-role root root, auth enable; an etcd with authentication on
          // is left as it is); the etcd-user Job then adds OpenIM's user.
          PodParts.secretEnv("ETCD_ROOT_PASSWORD", secret, SecretKey.ETCD_ROOT_PASSWORD.secretKey())),
          "/bitnami/etcd");
    };
  }
}
