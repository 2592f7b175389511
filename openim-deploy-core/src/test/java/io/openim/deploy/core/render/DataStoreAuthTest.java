/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.Dependency;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.Secret;
import io.openim.deploy.SecretKey;
import io.openim.deploy.core.Fixtures;
import io.openim.deploy.core.render.internal.InitJobs;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

@DisplayName("Authenticated data stores: etcd with a user for OpenIM, Kafka over SASL/PLAIN")
class DataStoreAuthTest {
  private static final DeploymentPlan PLAN = Topology.plan(DeploymentSpec.builder("im").build());

  @Test
  @DisplayName("etcd starts with a root password from the Secret, never without authentication")
  void etcdAuthentication() {
    Map<String, Map<String, Object>> env = env(statefulSet(PLAN, "im-etcd"));
    assertThat(env).doesNotContainKey("ALLOW_NONE_AUTHENTICATION");
    assertThat(secretKey(env, "ETCD_ROOT_PASSWORD")).contains("etcd-root-password");
  }

  @Test
  @DisplayName("every Kafka listener takes SASL/PLAIN only, with every password from the Secret")
  void kafkaSasl() {
    Map<String, Map<String, Object>> env = env(statefulSet(PLAN, "im-kafka"));
    String map = value(env, "KAFKA_CFG_LISTENER_SECURITY_PROTOCOL_MAP");
    List<String> listeners = Arrays.stream(value(env, "KAFKA_CFG_LISTENERS").split(","))
        .map(l -> l.substring(0, l.indexOf(':'))).toList();
    assertThat(listeners).containsExactly("CLIENT", "CONTROLLER");
    for (String listener : listeners) {
      assertThat(map.split(",")).contains(listener + ":SASL_PLAINTEXT");
    }
    assertThat(map).doesNotContain(":PLAINTEXT").doesNotContain("SSL");
    assertThat(value(env, "KAFKA_CFG_SASL_ENABLED_MECHANISMS")).isEqualTo("PLAIN");
    assertThat(value(env, "KAFKA_CFG_SASL_MECHANISM_INTER_BROKER_PROTOCOL")).isEqualTo("PLAIN");
    assertThat(value(env, "KAFKA_CFG_SASL_MECHANISM_CONTROLLER_PROTOCOL")).isEqualTo("PLAIN");
    assertThat(value(env, "KAFKA_CFG_INTER_BROKER_LISTENER_NAME")).isEqualTo("CLIENT");
    assertThat(secretKey(env, "KAFKA_CLIENT_PASSWORDS")).contains("kafka-password");
    assertThat(secretKey(env, "KAFKA_INTER_BROKER_PASSWORD")).contains("kafka-broker-password");
    assertThat(secretKey(env, "KAFKA_CONTROLLER_PASSWORD")).contains("kafka-broker-password");
    assertThat(value(env, "KAFKA_CLIENT_USERS")).isEqualTo("openIM");
    // one broker: with the default of 3, __consumer_offsets is never created and no consumer group
    // of msgtransfer or push forms (found by running openim-push against such a broker)
    assertThat(value(env, "KAFKA_CFG_OFFSETS_TOPIC_REPLICATION_FACTOR")).isEqualTo("1");
    assertThat(value(env, "KAFKA_CFG_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")).isEqualTo("1");
  }

  @Test
  @DisplayName("every OpenIM process gets etcd's user and password, every server process Kafka's, from the Secret")
  void openImEnv() {
    List<Manifest> deployments = PLAN.manifests().stream().filter(m -> m.kind().equals("Deployment")).toList();
    assertThat(deployments).hasSizeGreaterThan(14);
    for (Manifest deployment : deployments) {
      Map<String, Map<String, Object>> env = env(deployment);
      String prefix = env.containsKey("IMENV_DISCOVERY_ETCD_ADDRESS") ? "IMENV_" : "CHATENV_";
      assertThat(env).as(deployment.name()).containsKey(prefix + "DISCOVERY_ETCD_ADDRESS");
      assertThat(value(env, prefix + "DISCOVERY_ETCD_USERNAME")).as(deployment.name()).isEqualTo(InitJobs.ETCD_USER);
      assertThat(secretKey(env, prefix + "DISCOVERY_ETCD_PASSWORD")).as(deployment.name()).contains("etcd-password");
      if (prefix.equals("IMENV_")) {
        assertThat(value(env, "IMENV_KAFKA_USERNAME")).as(deployment.name()).isEqualTo("openIM");
        assertThat(secretKey(env, "IMENV_KAFKA_PASSWORD")).as(deployment.name()).contains("kafka-password");
      }
    }
  }

  @Test
  @DisplayName("the Secret holds the four credentials, and no other object holds any credential's value")
  void neverInline() {
    Manifest secret = PLAN.find("Secret", "im-credentials").orElseThrow();
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) secret.body().get("stringData");
    assertThat(data).containsKeys("etcd-root-password", "etcd-password", "kafka-password", "kafka-broker-password");
    String others = PLAN.manifests().stream().filter(m -> m != secret).map(m -> m.body().toString())
        .reduce("", String::concat);
    for (SecretKey key : List.of(SecretKey.ETCD_ROOT_PASSWORD, SecretKey.ETCD_PASSWORD, SecretKey.KAFKA_PASSWORD,
        SecretKey.KAFKA_BROKER_PASSWORD)) {
      assertThat(others).as(key.secretKey()).doesNotContain(PLAN.spec().secret(key).reveal());
    }
  }

  @Test
  @DisplayName("the etcd-user Job logs in as root and gives OpenIM's user the prefixes OpenIM's discovery.yml uses")
  void etcdUserJob() throws IOException {
    Manifest job = job(PLAN, "im-etcd-user-").orElseThrow();
    Map<String, Object> container = container(job);
    Map<String, Map<String, Object>> env = env(job);
    assertThat(value(env, "ETCDCTL_USER")).isEqualTo("root");
    assertThat(secretKey(env, "ETCDCTL_PASSWORD")).contains("etcd-root-password");
    assertThat(secretKey(env, "OPENIM_PASSWORD")).contains("etcd-password");
    String script = String.valueOf(container.get("command"));
    assertThat(script).contains("user add " + InitJobs.ETCD_USER + " --interactive=false")
        .contains("user grant-role " + InitJobs.ETCD_USER + " " + InitJobs.ETCD_ROLE)
        .doesNotContain("--user").doesNotContain("--password").doesNotContain("--new-user-password");
    // what OpenIM registers under is discovery.yml etcd.rootDirectory of each release, which the
    // plan leaves as shipped: the role must reach exactly its subtree (found by running
    // openim-rpc-user and chat-rpc against an etcd with authentication on)
    VersionLine line = VersionCatalog.builtIn().find(PLAN.spec().version()).orElseThrow();
    for (String release : List.of("open-im-server/" + line.server().version(), "chat/" + line.chat().version())) {
      String root = rootDirectory(release);
      assertThat(InitJobs.ETCD_PREFIXES).as(release).contains(root + "/");
      assertThat(script).contains("readwrite " + root + "/\n");
    }
    assertThat(env(statefulSet(PLAN, "im-etcd"))).isNotEmpty();
  }

  @Test
  @DisplayName("the topics Job authenticates as OpenIM's Kafka user, its configuration on standard input: no password in"
      + " a command, no file, no volume but its temporary folder")
  void topicsJob() {
    Manifest job = job(PLAN, "im-kafka-topics-").orElseThrow();
    Map<String, Map<String, Object>> env = env(job);
    assertThat(value(env, "KAFKA_USER")).isEqualTo(value(env(statefulSet(PLAN, "im-kafka")), "KAFKA_CLIENT_USERS"));
    assertThat(secretKey(env, "KAFKA_PASSWORD")).contains("kafka-password");
    String script = String.valueOf(container(job).get("command"));
    assertThat(script).contains("security.protocol=SASL_PLAINTEXT").contains("sasl.mechanism=PLAIN")
        .contains("\"$KAFKA_USER\" \"$KAFKA_PASSWORD\" |")
        .contains("kafka-topics.sh --bootstrap-server im-kafka:9092 --command-config /dev/stdin \"$@\"");
    assertThat(script.split("kafka-topics.sh", -1)).as("one call, in the function every step uses").hasSize(2);
    assertThat(script.lines().filter(l -> l.startsWith("topics ") || l.contains("$(topics ") || l.contains("then topics ")))
        .hasSizeGreaterThan(8);
    // the one volume is the JVM's temporary folder on a read-only root: nothing of the configuration is written
    assertThat(String.valueOf(job.body())).containsOnlyOnce("emptyDir").doesNotContain("secret=").doesNotContain("secretName");
    assertThat(container(job).get("volumeMounts")).isEqualTo(List.of(Map.of("name", "tmp", "mountPath", "/tmp")));
  }

  @Test
  @DisplayName("with external etcd and Kafka no store is set up; OpenIM gets the external ones' users and passwords")
  void external() {
    DeploymentPlan plan = Topology.plan(DeploymentSpec.builder("im")
        .dependency(DependencyKind.ETCD, Dependency.external(List.of("etcd.example.com:2379"), "im-etcd-user",
            Secret.of("etcd-pass-0123")))
        .dependency(DependencyKind.KAFKA, Dependency.external(List.of("kafka.example.com:9092"), "im-kafka-user",
            Secret.of("kafka-pass-0123")))
        .build());
    assertThat(job(plan, "im-etcd-user-")).isEmpty();
    assertThat(job(plan, "im-kafka-topics-")).isEmpty();
    Manifest api = plan.manifests().stream().filter(m -> m.kind().equals("Deployment")
        && env(m).containsKey("IMENV_KAFKA_ADDRESS")).findFirst().orElseThrow();
    Map<String, Map<String, Object>> env = env(api);
    assertThat(value(env, "IMENV_DISCOVERY_ETCD_USERNAME")).isEqualTo("im-etcd-user");
    assertThat(secretKey(env, "IMENV_DISCOVERY_ETCD_PASSWORD")).contains("etcd-external-password");
    assertThat(value(env, "IMENV_KAFKA_USERNAME")).isEqualTo("im-kafka-user");
    assertThat(secretKey(env, "IMENV_KAFKA_PASSWORD")).contains("kafka-external-password");
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) plan.find("Secret", "im-credentials").orElseThrow()
        .body().get("stringData");
    assertThat(data).doesNotContainKeys("etcd-root-password", "etcd-password", "kafka-password", "kafka-broker-password");
  }

  private static String rootDirectory(String release) throws IOException {
    try (Reader in = Files.newBufferedReader(Fixtures.path(release + "/config/discovery.yml"))) {
      Map<?, ?> discovery = new Yaml().load(in);
      return String.valueOf(((Map<?, ?>) discovery.get("etcd")).get("rootDirectory"));
    }
  }

  private static Manifest statefulSet(DeploymentPlan plan, String name) {
    return plan.find("StatefulSet", name).orElseThrow();
  }

  private static Optional<Manifest> job(DeploymentPlan plan, String prefix) {
    return plan.manifests().stream().filter(m -> m.kind().equals("Job") && m.name().startsWith(prefix)).findFirst();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> container(Manifest workload) {
    Map<String, Object> spec = (Map<String, Object>) workload.body().get("spec");
    Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
    return ((List<Map<String, Object>>) pod.get("containers")).get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> env(Manifest workload) {
    Map<String, Map<String, Object>> env = new LinkedHashMap<>();
    for (Map<String, Object> variable : new ArrayList<>((List<Map<String, Object>>) container(workload)
        .getOrDefault("env", List.of()))) {
      env.put((String) variable.get("name"), variable);
    }
    return env;
  }

  private static String value(Map<String, Map<String, Object>> env, String name) {
    assertThat(env).containsKey(name);
    assertThat(env.get(name)).as(name + " is a plain value").containsKey("value");
    return String.valueOf(env.get(name).get("value"));
  }

  /** The Secret key a variable reads, asserting it reads the release's credentials Secret and has no value. */
  @SuppressWarnings("unchecked")
  private static Optional<String> secretKey(Map<String, Map<String, Object>> env, String name) {
    assertThat(env).containsKey(name);
    Map<String, Object> variable = env.get(name);
    assertThat(variable).as(name + " has no inline value").doesNotContainKey("value");
    Map<String, Object> ref = (Map<String, Object>) ((Map<String, Object>) variable.get("valueFrom")).get("secretKeyRef");
    assertThat(ref.get("name")).isEqualTo("im-credentials");
    return Optional.of(String.valueOf(ref.get("key")));
  }
}
