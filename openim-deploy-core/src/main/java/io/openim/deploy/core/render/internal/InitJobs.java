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

/**
 * One-shot Jobs that prepare the in-cluster dependencies: OpenIM's MongoDB user, its etcd user, and
 * its four Kafka topics with the configured partition count (OpenIM creates none of them). All are
 * idempotent. A Job's template cannot change, so its name ends with a digest of what it does.
 */
public final class InitJobs {
  /** The Kafka topics of OpenIM Server v3.8 (config/kafka.yml). */
  public static final List<String> TOPICS = List.of("toRedis", "toMongo", "toPush", "toOfflinePush");

  /** OpenIM's etcd user, the name openim-docker's compose gives (ETCD_USERNAME). */
  public static final String ETCD_USER = "openIM";

  /** The etcd role of {@link #ETCD_USER}. */
  public static final String ETCD_ROLE = "openim";

  /**
   * The key prefixes OpenIM reads and writes in etcd, all the role may touch. Server and chat
   * register under discovery.yml {@code etcd.rootDirectory} ({@code openim}, unchanged by
   * openim-deploy): openimsdk/tools discovery/etcd (v0.0.50-alpha.106 for the server,
   * v0.0.50-alpha.113 for chat) keeps {@code <root>/<service>/<host:port>} with a lease, and the
   * server's Prometheus targets are {@code openim/prometheus_discovery/...} (open-im-server
   * v3.8.3-patch.15 pkg/common/prommetrics/discovery.go). Chat's config center reads and writes
   * {@code /chat/config/...} (chat v1.8.4-patch.5 pkg/common/kdisc/etcd/const.go ConfigKeyPrefix).
   * Leases need no permission in etcd 3.5.13 (server/etcdserver/v3_server.go LeaseGrant, LeaseRenew).
   */
  public static final List<String> ETCD_PREFIXES = List.of("openim/", "/chat/config/");

  private static final String MONGO_SCRIPT = String.join("\n",
      "const root = encodeURIComponent(process.env.MONGO_ROOT_PASSWORD);",
      "const conn = new Mongo('mongodb://root:' + root + '@' + process.env.MONGO_HOST"
          + " + '/admin?authSource=admin');",
      "const im = conn.getDB('openim_v3');",
      "const password = process.env.MONGO_OPENIM_PASSWORD;",
      "if (im.getUser('openIM')) {",
      "  im.updateUser('openIM', { pwd: password });",
      "  print('updated the password of user openIM on openim_v3');",
      "} else {",
      "  im.createUser({ user: 'openIM', pwd: password, roles: [{ role: 'readWrite', db: 'openim_v3' }] });",
      "  print('created user openIM with readWrite on openim_v3');",
      "}");

  private final RenderContext ctx;

  public InitJobs(RenderContext ctx) {
    this.ctx = ctx;
  }

  public List<Manifest> render() {
    List<Manifest> out = new ArrayList<>();
    if (ctx.spec().dependency(DependencyKind.MONGODB) instanceof Dependency.InCluster) {
      out.add(mongoUser());
    }
    if (ctx.spec().dependency(DependencyKind.ETCD) instanceof Dependency.InCluster) {
      out.add(etcdUser());
    }
    if (ctx.spec().dependency(DependencyKind.KAFKA) instanceof Dependency.InCluster) {
      out.add(kafkaTopics());
    } else {
      // found by running OpenIM v3.8.3-patch.15 against an external Kafka: it works on auto-created
      // one-partition topics; the partition count only bounds how many consumers share the work
      ctx.warn("Kafka is external: create the topics " + String.join(", ", TOPICS)
          + " yourself, or enable auto-creation on the brokers; OpenIM does not create them. Each"
          + " topic's partitions bound how many msgtransfer and push replicas do work (kafkaPartitions"
          + " is " + ctx.spec().kafkaPartitions() + "; replicas beyond a topic's partitions sit idle)");
    }
    return out;
  }

  private Manifest mongoUser() {
    String secret = ctx.names().credentials();
    String host = ctx.address(DependencyKind.MONGODB);
    Map<String, Object> container = Tree.map(
        "name", "mongo-user",
        "image", ctx.image(ctx.line().image(DependencyKind.MONGODB)),
        "command", Tree.list("mongosh", "--nodb", "--quiet", "--eval", MONGO_SCRIPT),
        "env", Tree.list(
            // mongosh keeps its log and history under $HOME/.mongodb: an emptyDir, as the root
            // filesystem is read-only (uid 999's home in the image is /data/db, not mounted here)
            Tree.map("name", "HOME", "value", "/tmp"),
            Tree.map("name", "MONGO_HOST", "value", host),
            PodParts.secretEnv("MONGO_ROOT_PASSWORD", secret, SecretKey.MONGODB_ROOT_PASSWORD.secretKey()),
            PodParts.secretEnv("MONGO_OPENIM_PASSWORD", secret, SecretKey.MONGODB_PASSWORD.secretKey())),
        "resources", Tree.map("requests", Tree.map("cpu", "50m", "memory", "64Mi")),
        "securityContext", PodParts.containerSecurity(),
        "volumeMounts", Tree.list(Tree.map("name", "tmp", "mountPath", "/tmp")));
    return job("mongo-user", DependencyKind.MONGODB, container, MONGO_SCRIPT + host);
  }

  /**
   * OpenIM's etcd user and its role, as root (whose password turned authentication on), through
   * etcdctl's own environment (ETCDCTL_USER, ETCDCTL_PASSWORD: etcd v3.5.13 etcdctl/ctlv3/command
   * global.go SetPflagsFromEnv), so no password is on a command line. etcdctl reads the new password
   * from standard input with --interactive=false (user_command.go), which printf, a shell builtin,
   * feeds it. An existing user gets the Secret's current password.
   */
  private Manifest etcdUser() {
    String secret = ctx.names().credentials();
    StringBuilder script = new StringBuilder("set -eu\n");
    script.append("etcdctl role get ").append(ETCD_ROLE).append(" > /dev/null 2>&1 || etcdctl role add ")
        .append(ETCD_ROLE).append('\n');
    for (String prefix : ETCD_PREFIXES) {
      script.append("etcdctl role grant-permission ").append(ETCD_ROLE).append(" --prefix=true readwrite ")
          .append(prefix).append('\n');
    }
    script.append("if etcdctl user get ").append(ETCD_USER).append(" > /dev/null 2>&1; then\n")
        .append("  printf '%s\\n' \"$OPENIM_PASSWORD\" | etcdctl user passwd ").append(ETCD_USER)
        .append(" --interactive=false\n")
        .append("else\n")
        .append("  printf '%s\\n' \"$OPENIM_PASSWORD\" | etcdctl user add ").append(ETCD_USER)
        .append(" --interactive=false\n")
        .append("fi\n");
    script.append("etcdctl user grant-role ").append(ETCD_USER).append(' ').append(ETCD_ROLE).append('\n');
    script.append("etcdctl role get ").append(ETCD_ROLE).append('\n');
    Dependency.InCluster etcd = (Dependency.InCluster) ctx.spec().dependency(DependencyKind.ETCD);
    Map<String, Object> container = Tree.map(
        "name", "etcd-user",
        "image", ctx.dependencyImage(DependencyKind.ETCD, etcd),
        "command", Tree.list("sh", "-c", script.toString()),
        "env", Tree.list(
            Tree.map("name", "ETCDCTL_API", "value", "3"),
            Tree.map("name", "ETCDCTL_ENDPOINTS", "value", "http://" + ctx.address(DependencyKind.ETCD)),
            Tree.map("name", "ETCDCTL_USER", "value", "root"),
            PodParts.secretEnv("ETCDCTL_PASSWORD", secret, SecretKey.ETCD_ROOT_PASSWORD.secretKey()),
            PodParts.secretEnv("OPENIM_PASSWORD", secret, SecretKey.ETCD_PASSWORD.secretKey())),
        "resources", Tree.map("requests", Tree.map("cpu", "50m", "memory", "64Mi")),
        "securityContext", PodParts.containerSecurity());
    return job("etcd-user", DependencyKind.ETCD, container, script.toString());
  }

  private Manifest kafkaTopics() {
    String bootstrap = ctx.address(DependencyKind.KAFKA);
    // Create each topic, or raise its partitions when the spec asks for more than it has (Kafka
    // cannot lower them): scaling msgtransfer or push past the old count then has work for every pod.
    // Over SASL/PLAIN as OpenIM's user: printf, a shell builtin, hands each kafka-topics.sh its
    // client configuration on standard input (--command-config /dev/stdin; Kafka 3.5.1 TopicCommand
    // reads it with Utils.loadProps), so the password is in no command line, no file and no log,
    // and the Job needs no volume.
    String tool = "topics";
    int partitions = ctx.spec().kafkaPartitions();
    StringBuilder script = new StringBuilder("set -e\n");
    script.append("topics() {\n")
        .append("  printf 'security.protocol=SASL_PLAINTEXT\\nsasl.mechanism=PLAIN\\nsasl.jaas.config="
            + "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"%s\" password=\"%s\";\\n' \\\n"
            + "    \"$KAFKA_USER\" \"$KAFKA_PASSWORD\" |\n")
        .append("    /opt/bitnami/kafka/bin/kafka-topics.sh --bootstrap-server ").append(bootstrap)
        .append(" --command-config /dev/stdin \"$@\"\n")
        .append("}\n");
    for (String topic : TOPICS) {
      script.append(tool).append(" --create --if-not-exists --topic ").append(topic)
          .append(" --partitions ").append(partitions).append(" --replication-factor 1\n");
      script.append("have=$(").append(tool).append(" --describe --topic ").append(topic)
          .append(" | grep -c 'Partition: ')\n");
      script.append("if [ \"$have\" -lt ").append(partitions).append(" ]; then ").append(tool)
          .append(" --alter --topic ").append(topic).append(" --partitions ").append(partitions).append("; fi\n");
    }
    script.append(tool).append(" --describe\n");
    Map<String, Object> container = Tree.map(
        "name", "kafka-topics",
        "image", ctx.image(ctx.line().image(DependencyKind.KAFKA)),
        "command", Tree.list("sh", "-c", script.toString()),
        "env", Tree.list(
            Tree.map("name", "KAFKA_USER", "value", DependencyWorkloads.KAFKA_USER),
            PodParts.secretEnv("KAFKA_PASSWORD", ctx.names().credentials(), SecretKey.KAFKA_PASSWORD.secretKey())),
        "resources", Tree.map("requests", Tree.map("cpu", "50m", "memory", "256Mi")),
        "securityContext", PodParts.containerSecurity(),
        // the JVM's temporary folder, the root filesystem being read-only
        "volumeMounts", Tree.list(Tree.map("name", "tmp", "mountPath", "/tmp")));
    return job("kafka-topics", DependencyKind.KAFKA, container, script.toString());
  }

  private Manifest job(String purpose, DependencyKind kind, Map<String, Object> container, String content) {
    Names names = ctx.names();
    String name = ctx.spec().release() + "-" + purpose + "-" + Digest.sha256(8, content, container.toString());
    Map<String, Object> labels = names.labels(kind);
    labels.put("app.kubernetes.io/component", purpose);
    return new Manifest(Phase.INITIALIZATION, "batch/v1", "Job", ctx.spec().namespace(), name,
        Tree.object("batch/v1", "Job", names.metadata(name, labels), "spec", Tree.map(
            "backoffLimit", 10,
            "template", Tree.map(
                "metadata", Tree.map("labels", labels),
                "spec", PodParts.jobPod(ctx, "OnFailure", PodParts.facts(ctx.line().image(kind)),
                    "containers", Tree.list(container), "volumes", Tree.list(PodParts.emptyDir("tmp")))))));
  }
}
