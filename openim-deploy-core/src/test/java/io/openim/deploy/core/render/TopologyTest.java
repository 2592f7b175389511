/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render;

import io.openim.deploy.core.Golden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.openim.deploy.Autoscaling;
import io.openim.deploy.Component;
import io.openim.deploy.Dependency;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Discovery;
import io.openim.deploy.Images;
import io.openim.deploy.Ingress;
import io.openim.deploy.InvalidSpecException;
import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import io.openim.deploy.Profile;
import io.openim.deploy.Secret;
import io.openim.deploy.SecretKey;
import io.openim.deploy.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Topology: spec to Kubernetes objects")
class TopologyTest {
  private static final DeploymentSpec DEFAULT = DeploymentSpec.builder("openim").build();

  @Test
  @DisplayName("the default topology matches the golden file")
  void defaultTopologyGolden() throws Exception {
    Golden.assertMatches("default-plan.yaml", PlanYaml.render(Topology.plan(DEFAULT)));
  }

  @Test
  @DisplayName("the production topology with ingress matches the golden file")
  void productionTopologyGolden() throws Exception {
    DeploymentSpec spec = DeploymentSpec.builder("im").namespace("im-prod").profile(Profile.PRODUCTION)
        .ingress(new Ingress("im.example.com", "nginx", "im-example-tls"))
        .autoscaling(Component.API, Autoscaling.onCpu(2, 6, 75))
        .build();
    Golden.assertMatches("production-plan.yaml", PlanYaml.render(Topology.plan(spec)));
  }

  @Test
  @DisplayName("is deterministic: the same spec renders byte-identical YAML, secrets included")
  void deterministic() {
    assertThat(PlanYaml.export(Topology.plan(DEFAULT))).isEqualTo(PlanYaml.export(Topology.plan(DEFAULT)));
  }

  @Test
  @DisplayName("a plan for namespace default, or any other system namespace, has no Namespace object to label or delete")
  void systemNamespaces() {
    for (String namespace : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
      List<Manifest> manifests = Topology.plan(DeploymentSpec.builder("im").namespace(namespace).build()).manifests();
      assertThat(manifests).as(namespace).noneMatch(m -> m.kind().equals("Namespace"))
          .anyMatch(m -> m.kind().equals("Deployment") && namespace.equals(m.namespace()));
    }
    assertThat(Topology.plan(DeploymentSpec.builder("im").namespace("defaults").build()).manifests())
        .anyMatch(m -> m.kind().equals("Namespace") && m.name().equals("defaults"));
  }

  @Test
  @DisplayName("orders objects by phase, starting with the namespace")
  void phases() {
    List<Manifest> manifests = Topology.plan(DEFAULT).manifests();
    assertThat(manifests).extracting(Manifest::phase).isSorted();
    assertThat(manifests.get(0).kind()).isEqualTo("Namespace");
    assertThat(Topology.plan(DEFAULT).manifests(Phase.OPENIM_RPC))
        .filteredOn(m -> m.kind().equals("Deployment")).hasSize(7);
  }

  @Nested
  @DisplayName("secrets")
  class Secrets {
    @Test
    @DisplayName("are redacted when printed and in clear only when exported")
    void redaction() {
      DeploymentPlan plan = Topology.plan(DEFAULT);
      String printed = PlanYaml.render(plan);
      String exported = PlanYaml.export(plan);
      for (SecretKey key : SecretKey.values()) {
        String value = DEFAULT.secret(key).reveal();
        assertThat(printed).doesNotContain(value);
        assertThat(exported).contains(value);
      }
      assertThat(printed).contains("openim-secret: " + PlanYaml.REDACTED);
      assertThat(printed).doesNotContain("openIM123").doesNotContain("chat123").doesNotContain("666666");
    }

    @Test
    @DisplayName("reach workloads only by reference to the credentials Secret")
    void byReference() {
      String deployments = Topology.plan(DEFAULT).manifests().stream()
          .filter(m -> !m.kind().equals("Secret")).map(PlanYaml::render).reduce("", String::concat);
      for (SecretKey key : SecretKey.values()) {
        assertThat(deployments).doesNotContain(DEFAULT.secret(key).reveal());
      }
      assertThat(deployments).contains("secretKeyRef");
    }
  }

  @Nested
  @DisplayName("OpenIM workloads")
  class Workloads {
    @Test
    @DisplayName("run one process each from the all-in-one image, with fixed ports and the image's config")
    void oneProcessPerDeployment() {
      Map<String, Object> container = container(Topology.plan(DEFAULT), "openim-msggateway");
      assertThat(container.get("image")).isEqualTo("docker.io/openim/openim-server:v3.8.3-patch.15");
      assertThat(container.get("command")).isEqualTo(List.of("sh", "-c",
          "exec /openim-server/_output/bin/platforms/linux/*/openim-msggateway -i 0 -c /openim-server/config/"));
      assertThat(env(container)).containsEntry("IMENV_OPENIM_MSGGATEWAY_RPC_AUTOSETPORTS", "false")
          .containsEntry("IMENV_DISCOVERY_ENABLE", "etcd")
          .containsEntry("IMENV_LOG_ISSTDOUT", "true");
      Map<String, Object> chat = container(Topology.plan(DEFAULT), "openim-chat-rpc");
      assertThat(chat.get("image")).isEqualTo("docker.io/openim/openim-chat:v1.8.4-patch.5");
      assertThat(env(chat)).containsEntry("CHATENV_SHARE_OPENIM_APIURL", "http://openim-api:10002");
    }

    @Test
    @DisplayName("get no service-account token with etcd discovery, and TCP probes except crontask")
    void tokensAndProbes() {
      DeploymentPlan plan = Topology.plan(DEFAULT);
      for (Manifest m : plan.manifests()) {
        if (m.kind().equals("Deployment")) {
          assertThat(pod(m).get("automountServiceAccountToken")).as(m.name()).isEqualTo(false);
          Map<String, Object> c = container(plan, m.name());
          if (m.name().endsWith("crontask")) {
            assertThat(c).doesNotContainKey("readinessProbe");
          } else {
            assertThat(c).containsKeys("readinessProbe", "livenessProbe");
            assertThat(c.get("readinessProbe").toString()).contains("tcpSocket");
          }
        }
      }
    }

    @Test
    @DisplayName("Services: grpc alone for RPC, ws and grpc for the gateway, http for api, never metrics")
    void servicePorts() {
      DeploymentPlan plan = Topology.plan(DEFAULT);
      Map<String, List<String>> ports = new java.util.TreeMap<>();
      for (Manifest m : plan.manifests()) {
        if (m.kind().equals("Service") && m.phase().compareTo(Phase.OPENIM_RPC) >= 0) {
          ports.put(m.name(), portNames(m));
        }
      }
      assertThat(ports).containsEntry("openim-rpc-auth", List.of("grpc")).containsEntry("openim-rpc-third", List.of("grpc"))
          .containsEntry("openim-push", List.of("grpc")).containsEntry("openim-msggateway", List.of("ws", "grpc"))
          .containsEntry("openim-api", List.of("http")).containsEntry("openim-chat-rpc", List.of("grpc"))
          .doesNotContainKey("openim-msgtransfer") // metrics only: nothing dials it
          .allSatisfy((name, named) -> assertThat(named).as(name).isNotEmpty().doesNotContain("metrics"));
      assertThat(PlanYaml.render(plan.find("Service", "openim-msggateway").orElseThrow()))
          .contains("name: grpc\n").contains("port: 10140");
      assertThat(container(plan, "openim-rpc-auth").get("ports").toString()).contains("metrics");
    }

    @Test
    @DisplayName("production: two replicas, spread across nodes, PDBs; crontask one, Recreate, no PDB")
    void production() {
      DeploymentPlan plan = Topology.plan(DeploymentSpec.builder("openim").profile(Profile.PRODUCTION).build());
      Manifest api = plan.find("Deployment", "openim-api").orElseThrow();
      assertThat(spec(api).get("replicas")).isEqualTo(2);
      assertThat(pod(api)).containsKey("topologySpreadConstraints");
      assertThat(plan.find("PodDisruptionBudget", "openim-api")).isPresent();
      Manifest cron = plan.find("Deployment", "openim-crontask").orElseThrow();
      assertThat(spec(cron).get("replicas")).isEqualTo(1);
      assertThat(spec(cron).get("strategy")).isEqualTo(Map.of("type", "Recreate"));
      assertThat(plan.find("PodDisruptionBudget", "openim-crontask")).isEmpty();
    }

    @Test
    @DisplayName("an HPA replaces the fixed replica count")
    void autoscaling() {
      DeploymentPlan plan = Topology.plan(DeploymentSpec.builder("openim")
          .autoscaling(Component.RPC_USER, new Autoscaling(2, 8, 70, 80)).build());
      assertThat(spec(plan.find("Deployment", "openim-rpc-user").orElseThrow())).doesNotContainKey("replicas");
      String hpa = PlanYaml.render(plan.find("HorizontalPodAutoscaler", "openim-rpc-user").orElseThrow());
      assertThat(hpa).contains("minReplicas: 2").contains("maxReplicas: 8")
          .contains("averageUtilization: 70").contains("averageUtilization: 80");
    }
  }

  @Test
  @DisplayName("KUBERNETES discovery is refused on every known line, naming both reasons, in any namespace")
  void kubernetesDiscoveryRefused() {
    for (VersionLine line : VersionCatalog.builtIn().lines()) {
      for (String namespace : List.of("default", "openim")) {
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
            () -> Topology.plan(DeploymentSpec.builder("openim").version(line.name()).namespace(namespace)
                .discovery(Discovery.KUBERNETES).build()));
        assertThat(e).as("%s in %s", line.name(), namespace).isNotNull();
        assertThat(e.violations()).extracting(Violation::path).containsExactly("discovery");
        assertThat(e.getMessage()).contains(line.server().version())
            .contains(line.kubernetesDiscoveryRefusal()).contains("use ETCD discovery");
      }
    }
    assertThat(VersionCatalog.builtIn().defaultLine().kubernetesDiscoveryRefusal())
        .contains("EndpointSlice").contains("first").contains("crashes on the first online push");
  }

  @Test
  @DisplayName("an unknown version line is refused, listing the known ones")
  void unknownVersion() {
    InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
        () -> Topology.plan(DeploymentSpec.builder("openim").version("v9.9.9").build()));
    assertThat(e.getMessage()).contains("unknown version line 'v9.9.9'").contains("v3.8.3-patch.15");
  }

  @Test
  @DisplayName("a line whose server image was never published is not deployable, and the refusal says why")
  void withdrawnVersion() {
    assertThat(VersionCatalog.builtIn().names()).doesNotContain("v3.8.3-patch.16");
    InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
        () -> Topology.plan(DeploymentSpec.builder("openim").version("v3.8.3-patch.16").build()));
    assertThat(e.getMessage()).contains("version line 'v3.8.3-patch.16' cannot be deployed")
        .contains("never published").contains("#3731").contains("use v3.8.3-patch.15");
    assertThat(DeploymentSpec.DEFAULT_VERSION).isEqualTo(VersionCatalog.builtIn().defaultLine().name());
  }

  @Test
  @DisplayName("ingress: paths for api, gateway, chat, admin and MinIO to existing Service ports; MinIO's address from it")
  @SuppressWarnings("unchecked")
  void ingress() {
    DeploymentPlan plan = Topology.plan(DeploymentSpec.builder("openim")
        .ingress(new Ingress("im.example.com", "nginx", "im-tls")).build());
    String ingress = PlanYaml.render(plan.find("Ingress", "openim").orElseThrow());
    assertThat(ingress).contains("/api(/|$)(.*)", "/msg_gateway(/|$)(.*)", "/chat(/|$)(.*)",
        "/complete_admin(/|$)(.*)", "/im-minio-api(/|$)(.*)", "secretName: im-tls", "rewrite-target: /$2");
    assertThat(env(container(plan, "openim-rpc-third")))
        .containsEntry("IMENV_MINIO_EXTERNALADDRESS", "https://im.example.com/im-minio-api");
    assertThat(plan.warnings()).noneMatch(w -> w.contains("MinIO"));
    Map<String, Object> rule = ((List<Map<String, Object>>) spec(plan.find("Ingress", "openim").orElseThrow())
        .get("rules")).get(0);
    List<Map<String, Object>> paths = (List<Map<String, Object>>) ((Map<String, Object>) rule.get("http")).get("paths");
    assertThat(paths).hasSize(5).allSatisfy(path -> {
      Map<String, Object> backend = (Map<String, Object>) ((Map<String, Object>) path.get("backend")).get("service");
      String port = (String) ((Map<String, Object>) backend.get("port")).get("name");
      Manifest service = plan.find("Service", (String) backend.get("name")).orElseThrow();
      assertThat(portNames(service)).as("ports of %s", service.name()).contains(port);
    });
  }

  @Test
  @DisplayName("ingress: Higress gets the same regex rewrite as ingress-nginx (it reads nginx's annotations); traefik a warning")
  void ingressRewriteByClass() {
    DeploymentPlan higress = Topology.plan(DeploymentSpec.builder("openim")
        .ingress(new Ingress("im.example.com", "higress", null)).build());
    assertThat(PlanYaml.render(higress.find("Ingress", "openim").orElseThrow()))
        .contains("ingressClassName: higress", "/api(/|$)(.*)", "rewrite-target: /$2", "use-regex: 'true'");
    assertThat(higress.warnings()).noneMatch(w -> w.startsWith("ingress class"));
    DeploymentPlan other = Topology.plan(DeploymentSpec.builder("openim")
        .ingress(new Ingress("im.example.com", "traefik", null)).build());
    assertThat(PlanYaml.render(other.find("Ingress", "openim").orElseThrow())).doesNotContain("rewrite-target");
    assertThat(other.warnings()).anyMatch(w -> w.startsWith("ingress class traefik gets plain path prefixes"));
  }

  @Test
  @DisplayName("an external MinIO: OpenIM gets its https:// endpoint (TLS), its keys and the given external address")
  @SuppressWarnings("unchecked")
  void externalMinio() {
    DeploymentPlan plan = Topology.plan(DeploymentSpec.builder("openim")
        .dependency(DependencyKind.MINIO, Dependency.external(List.of("https://s3.example.com"), "AKIA-IM",
            Secret.of("s3-secret-key-xyz")))
        .minioExternalAddress("https://s3.example.com")
        .ingress(new Ingress("im.example.com", "nginx", null))
        .build());
    Map<String, Object> third = container(plan, "openim-rpc-third");
    assertThat(env(third)).containsEntry("IMENV_MINIO_ACCESSKEYID", "AKIA-IM")
        .containsEntry("IMENV_MINIO_INTERNALADDRESS", "https://s3.example.com")
        .containsEntry("IMENV_MINIO_EXTERNALADDRESS", "https://s3.example.com");
    Map<String, Object> secretKey = ((List<Map<String, Object>>) third.get("env")).stream()
        .filter(e -> e.get("name").equals("IMENV_MINIO_SECRETACCESSKEY")).findFirst().orElseThrow();
    assertThat(PlanYaml.render(plan.find("Secret", "openim-credentials").orElseThrow()))
        .contains("minio-external-password: <redacted>").doesNotContain("minio-access-key", "minio-secret-key");
    assertThat(secretKey.toString()).contains("key=minio-external-password");
    assertThat(PlanYaml.render(plan.find("Ingress", "openim").orElseThrow())).doesNotContain("im-minio-api");
    assertThat(PlanYaml.render(plan)).doesNotContain("openim-minio.");
    assertThat(plan.warnings()).noneMatch(w -> w.contains("MinIO"));
    DeploymentPlan plain = Topology.plan(DeploymentSpec.builder("openim").minioExternalAddress("https://s3.example.com")
        .dependency(DependencyKind.MINIO, Dependency.external(List.of("s3.example.com:443"), "AKIA-IM",
            Secret.of("s3-secret-key-xyz"))).build());
    assertThat(plain.warnings()).anyMatch(w -> w.contains("s3.example.com:443 is reached over plain HTTP")
        && w.endsWith("write https://s3.example.com for TLS"));
  }

  @Test
  @DisplayName("every dependency external: the credentials Secret holds no in-cluster password, OpenIM gets authSource")
  void allExternal() {
    DeploymentSpec spec = DeploymentSpec.builder("openim")
        .dependency(DependencyKind.MONGODB, new Dependency.External(List.of("mongo.example.com:27017"), "im",
            Secret.of("mongo-pass-xyz"), null, "admin"))
        .dependency(DependencyKind.REDIS, Dependency.external(List.of("redis.example.com:6379"), null, Secret.of("r-xyz")))
        .dependency(DependencyKind.KAFKA, Dependency.external(List.of("kafka.example.com:9092"), null, null))
        .dependency(DependencyKind.ETCD, Dependency.external(List.of("etcd.example.com:2379"), null, null))
        .dependency(DependencyKind.MINIO, Dependency.external(List.of("http://s3.example.com:9000"), "ak", Secret.of("sk-xyz")))
        .minioExternalAddress("https://files.example.com").build();
    DeploymentPlan plan = Topology.plan(spec);
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) plan.find("Secret", "openim-credentials").orElseThrow()
        .body().get("stringData");
    assertThat(data).doesNotContainKeys("mongodb-root-password", "mongodb-password", "redis-password",
        "minio-access-key", "minio-secret-key")
        .containsKeys("openim-secret", "chat-admin-password", "chat-super-code", "mongodb-external-password",
            "redis-external-password", "minio-external-password");
    assertThat(plan.manifests()).noneMatch(m -> m.kind().equals("StatefulSet"));
    assertThat(plan.warnings()).as("OpenIM ran on auto-created one-partition topics: partitions bound replicas only")
        .anySatisfy(w -> assertThat(w).startsWith("Kafka is external: create the topics")
            .contains("replicas beyond a topic's partitions sit idle").doesNotContain("at least"));
    for (String deployment : List.of("openim-rpc-user", "openim-chat-rpc")) {
      assertThat(env(container(plan, deployment)))
          .containsEntry(deployment.contains("chat") ? "CHATENV_MONGODB_AUTHSOURCE" : "IMENV_MONGODB_AUTHSOURCE", "admin");
    }
    assertThat(env(container(plan, "openim-rpc-third")))
        .containsEntry("IMENV_MINIO_INTERNALADDRESS", "http://s3.example.com:9000");
    assertThat(env(container(Topology.plan(DeploymentSpec.builder("openim").build()), "openim-rpc-user")))
        .doesNotContainKey("IMENV_MONGODB_AUTHSOURCE");
  }

  @Test
  @DisplayName("a registry mirror and pull secrets apply to every pod")
  void mirror() {
    DeploymentPlan plan = Topology.plan(DeploymentSpec.builder("openim")
        .images(new Images("mirror.example.com/hub", List.of("hub-creds"))).build());
    String all = PlanYaml.render(plan);
    assertThat(all).doesNotContain("docker.io/").contains("image: mirror.example.com/hub/openim/openim-server:v3.8.3-patch.15")
        .contains("image: mirror.example.com/hub/library/mongo:7.0.28");
    long pods = plan.manifests().stream().filter(m -> m.kind().matches("Deployment|StatefulSet|Job")).count();
    assertThat(all.split("- name: hub-creds", -1)).hasSize((int) pods + 1);
  }

  @Test
  @DisplayName("msgtransfer above the Kafka partition count is a warning, not an error")
  void partitionWarning() {
    DeploymentPlan plan = Topology.plan(DeploymentSpec.builder("openim").kafkaPartitions(2)
        .replicas(Component.MSG_TRANSFER, 3).build());
    assertThat(plan.warnings()).anyMatch(w -> w.startsWith("msgtransfer may run 3 replicas") && w.contains("2 partitions"));
    assertThat(PlanYaml.render(plan)).contains("--partitions 2")
        .contains("if [ \"$have\" -lt 2 ]; then topics --alter --topic toPush --partitions 2; fi")
        .contains("/opt/bitnami/kafka/bin/kafka-topics.sh --bootstrap-server openim-kafka:9092 --command-config /dev/stdin");
  }

  @Test
  @DisplayName("a replaced config file is mounted over the image's own from a ConfigMap")
  void configFile() {
    DeploymentPlan plan = Topology.plan(DeploymentSpec.builder("openim")
        .configFile("server/openim-push.yml", "enable: fcm\n").build());
    assertThat(plan.find("ConfigMap", "openim-config")).isPresent();
    String push = PlanYaml.render(plan.find("Deployment", "openim-push").orElseThrow());
    assertThat(push).contains("mountPath: /openim-server/config/openim-push.yml").contains("subPath: server.openim-push.yml");
    assertThat(PlanYaml.render(plan.find("Deployment", "openim-chat-api").orElseThrow())).doesNotContain("openim-push.yml");
  }

  @SuppressWarnings("unchecked")
  static List<String> portNames(Manifest service) {
    return ((List<Map<String, Object>>) spec(service).get("ports")).stream().map(p -> (String) p.get("name")).toList();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> spec(Manifest m) {
    return (Map<String, Object>) m.body().get("spec");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> pod(Manifest m) {
    return (Map<String, Object>) ((Map<String, Object>) spec(m).get("template")).get("spec");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> container(DeploymentPlan plan, String deployment) {
    Manifest m = plan.find("Deployment", deployment).orElseThrow();
    return ((List<Map<String, Object>>) pod(m).get("containers")).get(0);
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> env(Map<String, Object> container) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (Map<String, Object> e : (List<Map<String, Object>>) container.get("env")) {
      out.put((String) e.get("name"), e.containsKey("value") ? (String) e.get("value") : "<from secret>");
    }
    return out;
  }
}
