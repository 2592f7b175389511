/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import io.openim.deploy.core.render.Topology;
import io.openim.deploy.Removal;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.openim.deploy.Component;
import io.openim.deploy.ComponentStatus;
import io.openim.deploy.Dependency;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.ObjectDiff;
import io.openim.deploy.ObjectResult;
import io.openim.deploy.Outcome;
import io.openim.deploy.Placement;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Resources;
import io.openim.deploy.Revision;
import io.openim.deploy.Secret;
import io.openim.deploy.SecretKey;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

@WithLocalCluster
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("KubernetesDeployer on the local cluster: one release through its life")
class DeployerIT {
  private final List<DeploymentEvent> events = new CopyOnWriteArrayList<>();
  private KubernetesDeployer deployer;
  private DeploymentSpec spec;
  private ReleaseRef release;
  private ApiClient admin;
  private String ns;

  @BeforeAll
  void connect(LocalCluster cluster, TestNamespace namespace) {
    ns = namespace.name();
    admin = cluster.newAdminClient();
    deployer = KubernetesDeployer.builder().kubeconfig(cluster.adminKubeconfig()).listener(events::add)
        .objectTimeout(Duration.ofSeconds(90)).build();
    spec = DeploymentSpec.builder("im").namespace(ns).build();
    release = ReleaseRef.of(spec);
  }

  @Test
  @Order(10)
  @DisplayName("the full default topology reaches ready")
  void firstApply() throws Exception {
    long before = deployer.connection().requestCount();
    DeploymentResult.Succeeded result = deployer.deploy(spec).orThrow();
    long requests = deployer.connection().requestCount() - before;
    System.out.printf("first apply: %d ms, %d API requests%n", result.took().toMillis(), requests);

    assertThat(result.revision()).isEqualTo(1);
    // the test's namespace existed already and is left alone; everything else is new
    assertThat(result.objects()).noneMatch(o -> o.object().startsWith("Namespace/"))
        .extracting(ObjectResult::outcome).containsOnly(Outcome.CREATED);
    List<ComponentStatus> status = deployer.status(release);
    assertThat(status).hasSize(16 + 5).allMatch(ComponentStatus::isReady);
    assertThat(events).anyMatch(e -> e instanceof DeploymentEvent.ObjectReady r && r.object().equals("Job/" + ns + "/" + jobName("kafka-topics")));
    assertThat(events).filteredOn(e -> e instanceof DeploymentEvent.PhaseStarted)
        .extracting(e -> ((DeploymentEvent.PhaseStarted) e).phase().name())
        .as("the test's namespace existed already: not the release's to label, so FOUNDATION has nothing")
        .containsExactly("CONFIGURATION", "DEPENDENCIES", "INITIALIZATION", "OPENIM_RPC", "OPENIM_EDGE", "CHAT");
    assertThat(events.toString()).doesNotContain(spec.secret(SecretKey.OPENIM_SECRET).reveal());
  }

  @Test
  @Order(20)
  @DisplayName("an immediate second apply changes nothing: same resourceVersions, no new revision")
  void secondApplyIsANoOp() throws Exception {
    Map<String, String> before = resourceVersions();
    long start = deployer.connection().requestCount();
    DeploymentResult.Succeeded result = deployer.deploy(spec).orThrow();
    long requests = deployer.connection().requestCount() - start;
    System.out.printf("no-op re-apply: %d ms, %d API requests%n", result.took().toMillis(), requests);

    assertThat(result.objects()).extracting(ObjectResult::outcome).containsOnly(Outcome.UNCHANGED);
    assertThat(result.revision()).isEqualTo(1);
    assertThat(resourceVersions()).isEqualTo(before);
    assertThat(deployer.history(release)).hasSize(1);
  }

  @Test
  @Order(30)
  @DisplayName("a new spec object keeps the generated passwords: re-planning never rotates them")
  void replanKeepsPasswords() {
    DeploymentSpec fresh = DeploymentSpec.builder("im").namespace(ns).build();
    assertThat(fresh.secret(SecretKey.MONGODB_PASSWORD)).isNotEqualTo(spec.secret(SecretKey.MONGODB_PASSWORD));
    DeploymentResult.Succeeded result = deployer.deploy(fresh).orThrow();
    assertThat(result.objects()).extracting(ObjectResult::outcome).containsOnly(Outcome.UNCHANGED);
  }

  @Test
  @Order(35)
  @DisplayName("diff asks the API server: nothing for the applied spec; fields, redacted secrets and prunes for a changed one")
  void diff() {
    assertThat(deployer.diff(deployer.plan(spec))).filteredOn(d -> d.change() != ObjectDiff.Change.NONE).isEmpty();

    DeploymentSpec changed = spec.toBuilder().chat(false)
        .dependency(DependencyKind.REDIS, new Dependency.InCluster("1Gi", Resources.requests("100m", "256Mi"), "docker.io/library/redis:7.0.15"))
        .secret(SecretKey.REDIS_PASSWORD, Secret.of("a-new-redis-password-42"))
        .build();
    List<ObjectDiff> diffs = deployer.diff(deployer.plan(changed));
    ObjectDiff redis = diffs.stream().filter(d -> d.object().endsWith("StatefulSet/" + ns + "/im-redis")).findFirst().orElseThrow();
    assertThat(redis.change()).isEqualTo(ObjectDiff.Change.UPDATE);
    assertThat(redis.fields()).containsExactly(new ObjectDiff.FieldChange("spec.template.spec.containers[0].image",
        "docker.io/library/redis:7.0.0", "docker.io/library/redis:7.0.15"));
    ObjectDiff secret = diffs.stream().filter(d -> d.object().equals("Secret/" + ns + "/im-credentials")).findFirst().orElseThrow();
    assertThat(secret.fields()).containsExactly(new ObjectDiff.FieldChange("data.redis-password", "<redacted>", "<redacted>"));
    assertThat(diffs.toString()).doesNotContain("a-new-redis-password-42");
    // chat's four Deployments, Services and NetworkPolicies, and the Job that set chat's admin
    // password with its NetworkPolicy
    assertThat(diffs).filteredOn(d -> d.change() == ObjectDiff.Change.PRUNE).hasSize(14)
        .anyMatch(d -> d.object().startsWith("Job/" + ns + "/im-chat-admin-password-"));
    assertThat(deployer.history(release)).hasSize(1);
  }

  @Test
  @Order(40)
  @DisplayName("an image tag change rolls out and is waited for")
  void imageChangeRollsOut() throws Exception {
    spec = spec.toBuilder().dependency(DependencyKind.REDIS,
        new Dependency.InCluster("1Gi", Resources.requests("100m", "256Mi"), "docker.io/library/redis:7.0.15")).build();
    DeploymentResult.Succeeded result = deployer.deploy(spec).orThrow();
    assertThat(result.revision()).isEqualTo(2);
    assertThat(result.objects()).filteredOn(o -> o.outcome() == Outcome.CHANGED)
        .extracting(ObjectResult::object).containsExactly("StatefulSet/" + ns + "/im-redis");
    var redis = new AppsV1Api(admin).readNamespacedStatefulSet("im-redis", ns).execute();
    assertThat(redis.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).endsWith("redis:7.0.15");
    assertThat(redis.getStatus().getCurrentRevision()).isEqualTo(redis.getStatus().getUpdateRevision());
    assertThat(redis.getStatus().getReadyReplicas()).isEqualTo(1);
  }

  @Test
  @Order(50)
  @DisplayName("components removed from the spec are pruned, and nothing else")
  void removedComponentsArePruned() throws Exception {
    new CoreV1Api(admin).createNamespacedConfigMap(ns, new io.kubernetes.client.openapi.models.V1ConfigMap()
        .metadata(new io.kubernetes.client.openapi.models.V1ObjectMeta().name("not-ours"))).execute();
    DeploymentResult.Succeeded result = deployer.deploy(spec.toBuilder().chat(false).build()).orThrow();
    assertThat(result.revision()).isEqualTo(3);
    assertThat(result.objects()).filteredOn(o -> o.outcome() == Outcome.PRUNED).extracting(ObjectResult::object)
        .filteredOn(o -> !o.startsWith("Job/" + ns + "/im-chat-admin-password-")).hasSize(13);
    assertThat(result.objects()).filteredOn(o -> o.outcome() == Outcome.PRUNED).extracting(ObjectResult::object)
        .filteredOn(o -> !o.startsWith("Job/"))
        .containsExactlyInAnyOrder(
            "Deployment/" + ns + "/im-chat-api", "Service/" + ns + "/im-chat-api",
            "Deployment/" + ns + "/im-admin-api", "Service/" + ns + "/im-admin-api",
            "Deployment/" + ns + "/im-chat-rpc", "Service/" + ns + "/im-chat-rpc",
            "Deployment/" + ns + "/im-admin-rpc", "Service/" + ns + "/im-admin-rpc",
            "NetworkPolicy/" + ns + "/im-chat-api", "NetworkPolicy/" + ns + "/im-admin-api",
            "NetworkPolicy/" + ns + "/im-chat-rpc", "NetworkPolicy/" + ns + "/im-admin-rpc",
            "NetworkPolicy/" + ns + "/im-chat-admin-password");
    assertThat(result.objects()).filteredOn(o -> o.outcome() == Outcome.PRUNED).extracting(ObjectResult::object)
        .filteredOn(o -> o.startsWith("Job/")).singleElement().asString().startsWith("Job/" + ns + "/im-chat-admin-password-");
    assertThat(deploymentNames()).doesNotContain("im-chat-api", "im-admin-rpc").contains("im-api");
    assertThat(new CoreV1Api(admin).readNamespacedConfigMap("not-ours", ns).execute()).isNotNull();
  }

  @Test
  @Order(60)
  @DisplayName("rollback restores an earlier revision as a new one")
  void rollback() throws Exception {
    DeploymentResult.Succeeded result = deployer.rollback(release, 1).orThrow();
    assertThat(result.revision()).isEqualTo(4);
    assertThat(deploymentNames()).contains("im-chat-api", "im-admin-rpc");
    var redis = new AppsV1Api(admin).readNamespacedStatefulSet("im-redis", ns).execute();
    assertThat(redis.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).endsWith("redis:7.0.0");
    assertThat(deployer.history(release)).extracting(Revision::description)
        .containsExactly("apply", "apply", "apply", "rollback to 1");
  }

  @Test
  @Order(70)
  @DisplayName("a workload that can never become ready fails within the overall timeout, named, with the reason")
  void neverReady(LocalCluster cluster) {
    // a Deployment is given until its progress deadline (600 s here), so the overall timeout ends this wait
    try (KubernetesDeployer impatient = KubernetesDeployer.builder().kubeconfig(cluster.adminKubeconfig())
        .objectTimeout(Duration.ofSeconds(8)).timeout(Duration.ofSeconds(30)).build()) {
      DeploymentSpec stuck = spec.toBuilder()
          .placement(Component.API, new Placement(Map.of("openim-deploy.io/no-such-node", "true"), List.of()))
          .build();
      DeploymentResult result = impatient.deploy(stuck);
      assertThat(result).isInstanceOf(DeploymentResult.Failed.class);
      String reason = ((DeploymentResult.Failed) result).reason();
      assertThat(reason).startsWith("Deployment/" + ns + "/im-api: not rolled out after ")
          .contains(", the time it was given, before its own progress deadline of 600 s passed (")
          .contains("Unschedulable").contains("node(s) didn't match Pod's node affinity/selector");
    }
  }

  @Test
  @Order(80)
  @DisplayName("destroy removes the release's objects and history, keeps the namespace, the data and its credentials")
  void destroy() throws Exception {
    Removal removal = deployer.destroy(release, false);
    assertThat(removal.objects()).doesNotContain("Secret/" + ns + "/im-credentials");
    assertThat(removal.credentialsKept()).isEqualTo("Secret/" + ns + "/im-credentials");
    assertThat(new CoreV1Api(admin).readNamespacedSecret("im-credentials", ns).execute().getMetadata()
        .getDeletionTimestamp()).isNull();
    assertThat(deploymentNames()).isEmpty();
    assertThat(deployer.history(release)).isEmpty();
    assertThat(new CoreV1Api(admin).listNamespacedPersistentVolumeClaim(ns).execute().getItems()).isNotEmpty();
    assertThat(new CoreV1Api(admin).readNamespacedConfigMap("not-ours", ns).execute()).isNotNull();
    deployer.close();
  }

  private Map<String, String> resourceVersions() throws Exception {
    Map<String, String> versions = new TreeMap<>();
    for (V1Deployment d : new AppsV1Api(admin).listNamespacedDeployment(ns).execute().getItems()) {
      versions.put("Deployment/" + d.getMetadata().getName(), d.getMetadata().getResourceVersion());
    }
    new AppsV1Api(admin).listNamespacedStatefulSet(ns).execute().getItems()
        .forEach(s -> versions.put("StatefulSet/" + s.getMetadata().getName(), s.getMetadata().getResourceVersion()));
    new CoreV1Api(admin).listNamespacedService(ns).execute().getItems()
        .forEach(s -> versions.put("Service/" + s.getMetadata().getName(), s.getMetadata().getResourceVersion()));
    new CoreV1Api(admin).listNamespacedConfigMap(ns).execute().getItems()
        .forEach(s -> versions.put("ConfigMap/" + s.getMetadata().getName(), s.getMetadata().getResourceVersion()));
    new CoreV1Api(admin).listNamespacedSecret(ns).execute().getItems()
        .forEach(s -> versions.put("Secret/" + s.getMetadata().getName(), s.getMetadata().getResourceVersion()));
    return versions;
  }

  private List<String> deploymentNames() throws Exception {
    return new AppsV1Api(admin).listNamespacedDeployment(ns).execute().getItems().stream()
        .map(d -> d.getMetadata().getName()).toList();
  }

  private String jobName(String purpose) {
    return Topology.plan(spec).manifests().stream().filter(m -> m.kind().equals("Job") && m.name().contains(purpose))
        .findFirst().orElseThrow().name();
  }
}
