/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import io.openim.deploy.BackupReport;
import io.openim.deploy.BackupTarget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import io.openim.deploy.RefusedException;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Revision;
import io.openim.deploy.SecretKey;
import io.openim.deploy.core.engine.Applier;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.engine.ObjectRef;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Backup and restore Jobs applied to the local cluster and tracked to completion; KWOK plays the
 * pods (they succeed without running), so what is proven here is the orchestration: objects,
 * order, scaling, refusals and the failure path. The scripts themselves are proven on real files
 * in {@link BackupManifestTest}.
 */
@WithLocalCluster
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Backup and restore on the local cluster")
class BackupIT {
  private static final String ID = "20261127-120000";
  private final List<DeploymentEvent> events = new CopyOnWriteArrayList<>();
  private LocalCluster cluster;
  private KubernetesDeployer deployer;
  private DeploymentSpec spec;
  private ApiClient admin;
  private String ns;

  @BeforeAll
  void deploy(LocalCluster cluster, TestNamespace namespace) {
    this.cluster = cluster;
    ns = namespace.name();
    admin = cluster.newAdminClient();
    deployer = KubernetesDeployer.builder().kubeconfig(cluster.adminKubeconfig()).listener(events::add)
        .objectTimeout(Duration.ofSeconds(90)).build();
    spec = DeploymentSpec.builder("im").namespace(ns).build();
    deployer.deploy(spec).orThrow();
  }

  @Test
  @Order(10)
  @DisplayName("a backup into a new volume: the claim is made, the Job runs its steps and completes")
  void backupIntoNewVolume() throws Exception {
    BackupReport report = deployer.backup(spec, BackupTarget.volume("backups", "1Gi"), ID);

    assertThat(report.id()).isEqualTo(ID);
    assertThat(report.job()).isEqualTo("im-backup-" + ID);
    V1PersistentVolumeClaim claim = new CoreV1Api(admin).readNamespacedPersistentVolumeClaim("backups", ns).execute();
    assertThat(claim.getSpec().getResources().getRequests().get("storage").toSuffixedString()).isEqualTo("1Gi");
    V1Job job = new BatchV1Api(admin).readNamespacedJob(report.job(), ns).execute();
    assertThat(job.getStatus().getSucceeded()).isEqualTo(1);
    var pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getInitContainers()).extracting(V1Container::getName)
        .containsExactly("dump-mongodb", "mirror-minio", "write-manifest");
    assertThat(pod.getContainers()).extracting(V1Container::getName).containsExactly("verify");
    assertThat(pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName()).isEqualTo("backups");
    assertThat(job.getSpec().getBackoffLimit()).isZero();
    assertThat(events).filteredOn(DeploymentEvent.StepStarted.class::isInstance).hasSize(1);
    // the passwords travel by secretKeyRef only
    String live = admin.getJSON().serialize(job);
    assertThat(live).doesNotContain(liveSecret(SecretKey.MONGODB_PASSWORD), liveSecret(SecretKey.MINIO_SECRET_KEY));
  }

  @Test
  @Order(20)
  @DisplayName("an id used before, a missing volume or a release that is not there: refused, nothing changed")
  void refusals() throws Exception {
    assertThatThrownBy(() -> deployer.backup(spec, BackupTarget.volume("backups"), ID))
        .isInstanceOf(RefusedException.class).hasMessageContaining("refused, nothing was changed")
        .hasMessageContaining("was made before");
    assertThatThrownBy(() -> deployer.backup(spec, BackupTarget.volume("nowhere"), "20261127-130000"))
        .hasMessageContaining("no PersistentVolumeClaim nowhere").hasMessageContaining("give a size");
    DeploymentSpec absent = DeploymentSpec.builder("ghost").namespace(ns).build();
    assertThatThrownBy(() -> deployer.backup(absent, BackupTarget.volume("other", "1Gi"), "20261127-130000"))
        .hasMessageContaining("release " + ns + "/ghost has no Secret ghost-credentials")
        .hasMessageContaining("nothing to back up");
    assertThatThrownBy(() -> deployer.restore(spec, BackupTarget.volume("nowhere"), ID))
        .hasMessageContaining("no backups can be read from it");
    // a spec that is not the release's (say, the default one when -f was forgotten) never aims a Job
    DeploymentSpec stale = spec.toBuilder().chat(false).build();
    assertThatThrownBy(() -> deployer.restore(stale, BackupTarget.volume("backups"), ID))
        .isInstanceOf(RefusedException.class)
        .hasMessageContaining("the spec does not describe release " + ns + "/im as deployed (")
        .hasMessageContaining("prune Deployment/" + ns + "/im-admin-api")
        .hasMessageContaining("give the spec file it was deployed with");
    assertThatThrownBy(() -> deployer.backup(stale, BackupTarget.volume("backups"), "20261127-130000"))
        .hasMessageContaining("the spec does not describe release");
    assertThat(new BatchV1Api(admin).listNamespacedJob(ns).execute().getItems())
        .extracting(j -> j.getMetadata().getName()).noneMatch(name -> name.contains("130000") || name.contains("restore"));
    assertThat(new CoreV1Api(admin).listNamespacedPersistentVolumeClaim(ns).execute().getItems())
        .extracting(c -> c.getMetadata().getName()).doesNotContain("other", "nowhere");
  }

  @Test
  @Order(30)
  @DisplayName("a restore into a new release deploys it at zero, restores, then scales it up")
  void restoreIntoNewRelease() throws Exception {
    DeploymentSpec copy = DeploymentSpec.builder("copy").namespace(ns).build();
    events.clear();

    DeploymentResult.Succeeded result = deployer.restore(copy, BackupTarget.volume("backups"), ID).orThrow();

    assertThat(events).filteredOn(DeploymentEvent.StepStarted.class::isInstance)
        .extracting(e -> ((DeploymentEvent.StepStarted) e).step())
        .containsExactly("fetch and verify the backup (the release is not touched yet)",
            "scale OpenIM to zero replicas (the dependencies are deployed)",
            "verify the backup, copy the objects back, empty Redis, restore the database", "scale OpenIM back up");
    assertThat(deployer.history(ReleaseRef.of(copy))).extracting(Revision::description)
        .containsExactly("restore " + ID + ": OpenIM scaled down", "restore " + ID);
    assertThat(result.revision()).isEqualTo(2);
    V1Job job = restoreJob("copy");
    assertThat(job.getStatus().getSucceeded()).isEqualTo(1);
    assertThat(job.getSpec().getTemplate().getSpec().getInitContainers()).extracting(V1Container::getName)
        .containsExactly("verify", "restore-minio", "empty-redis");
    assertThat(job.getSpec().getTemplate().getSpec().getContainers()).extracting(V1Container::getName)
        .containsExactly("restore-mongodb");
    V1Deployment api = new AppsV1Api(admin).readNamespacedDeployment("copy-api", ns).execute();
    assertThat(api.getSpec().getReplicas()).isEqualTo(1);
    // a new release had no data of its own: no backup before the restore
    assertThat(new BatchV1Api(admin).listNamespacedJob(ns).execute().getItems())
        .extracting(j -> j.getMetadata().getName()).noneMatch(name -> name.startsWith("copy-backup-"));
  }

  @Test
  @Order(35)
  @DisplayName("a restore from a bucket into a new namespace (a new cluster's first step) creates the namespace")
  void restoreFromBucketIntoNewNamespace() throws Exception {
    String fresh = ns + "-dr";
    DeploymentSpec elsewhere = DeploymentSpec.builder("im").namespace(fresh).build();
    BackupTarget bucket = BackupTarget.bucket("https://s3.example.com", "im-backups", "prod",
        io.openim.deploy.Secret.of("AKIA-test"), io.openim.deploy.Secret.of("bucket-secret-9"));
    try {
      DeploymentResult.Succeeded result = deployer.restore(elsewhere, bucket, ID).orThrow();
      assertThat(result.revision()).isEqualTo(2);
      List<V1Job> jobs = new BatchV1Api(admin).listNamespacedJob(fresh).execute().getItems();
      assertThat(jobs).extracting(j -> j.getMetadata().getName())
          .anyMatch(name -> name.startsWith("im-check-")).anyMatch(name -> name.startsWith("im-restore-"));
      assertThat(jobs).allSatisfy(j -> assertThat(j.getStatus().getSucceeded()).isEqualTo(1));
      assertThat(new CoreV1Api(admin).listNamespacedSecret(fresh).execute().getItems())
          .as("the bucket keys live only while a Job runs")
          .extracting(secret -> secret.getMetadata().getName()).noneMatch(name -> name.endsWith("-target"));
    } finally {
      try {
        new CoreV1Api(admin).deleteNamespace(fresh).execute();
      } catch (io.kubernetes.client.openapi.ApiException e) {
        assertThat(e.getCode()).as("only a namespace that was never made may be missing").isEqualTo(404);
      }
    }
  }

  @Test
  @Order(40)
  @DisplayName("a failed restore keeps OpenIM at zero and a copy of the data from before; a second run finishes")
  void failedRestore() throws Exception {
    ClusterConnection connection = ClusterConnection.fromKubeconfig(cluster.adminKubeconfig());
    Applier applier = new Applier(connection, false);
    // the test plays an admission policy that keeps the restore Job from making its pod
    String policy = "deny-restore-pods-" + ns;
    Map<String, Object> rule = Map.of("apiGroups", List.of(""), "apiVersions", List.of("v1"),
        "operations", List.of("CREATE"), "resources", List.of("pods"));
    Map<String, Object> validation = Map.of("message", "restores are not allowed here today", "expression",
        "!has(object.metadata.labels) || !('app.kubernetes.io/component' in object.metadata.labels)"
            + " || object.metadata.labels['app.kubernetes.io/component'] != 'restore'");
    applier.apply(clusterObject("ValidatingAdmissionPolicy", policy, Map.of("failurePolicy", "Fail",
        "matchConstraints", Map.of("resourceRules", List.of(rule)), "validations", List.of(validation))), Map.of());
    applier.apply(clusterObject("ValidatingAdmissionPolicyBinding", policy, Map.of("policyName", policy,
        "validationActions", List.of("Deny"), "matchResources", Map.of("namespaceSelector",
            Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", ns))))), Map.of());
    Thread.sleep(2000); // the policy reaches the API server's admission cache
    try (KubernetesDeployer impatient = KubernetesDeployer.builder().kubeconfig(cluster.adminKubeconfig()).timeout(Duration.ofSeconds(25))
        .build()) {
      DeploymentResult result = impatient.restore(spec, BackupTarget.volume("backups"), ID);
      assertThat(result).isInstanceOf(DeploymentResult.Failed.class);
      String reason = ((DeploymentResult.Failed) result).reason();
      assertThat(reason).contains("restore " + ID + " failed", "OpenIM stays at zero replicas",
          "-before-restore in volume backups", "run the restore again", "kubectl -n " + ns + " logs job/im-restore-");
    } finally {
      applier.delete(new ObjectRef("admissionregistration.k8s.io/v1",
          "ValidatingAdmissionPolicyBinding", null, policy));
      applier.delete(new ObjectRef("admissionregistration.k8s.io/v1",
          "ValidatingAdmissionPolicy", null, policy));
    }
    assertThat(new AppsV1Api(admin).readNamespacedDeployment("im-api", ns).execute().getSpec().getReplicas())
        .isZero();
    List<V1Job> safety = new BatchV1Api(admin).listNamespacedJob(ns).execute().getItems().stream()
        .filter(j -> j.getMetadata().getName().endsWith("-before-restore")).toList();
    assertThat(safety).hasSize(1);
    assertThat(safety.get(0).getStatus().getSucceeded()).isEqualTo(1);

    Thread.sleep(2000); // the policy leaves the admission cache; new restore ids are per second
    deployer.restore(spec, BackupTarget.volume("backups"), ID).orThrow();
    assertThat(new AppsV1Api(admin).readNamespacedDeployment("im-api", ns).execute().getSpec().getReplicas())
        .isEqualTo(1);
  }

  private static Manifest clusterObject(String kind, String name, Map<String, Object> spec) {
    String apiVersion = "admissionregistration.k8s.io/v1";
    return new Manifest(Phase.FOUNDATION, apiVersion, kind, null, name,
        Map.of("apiVersion", apiVersion, "kind", kind, "metadata", Map.of("name", name), "spec", spec));
  }

  private V1Job restoreJob(String release) throws Exception {
    return new BatchV1Api(admin).listNamespacedJob(ns).execute().getItems().stream()
        .filter(j -> j.getMetadata().getName().startsWith(release + "-restore-"))
        .filter(j -> ID.equals(j.getMetadata().getLabels().get("openim-deploy.io/backup-id"))).findFirst().orElseThrow();
  }

  private String liveSecret(SecretKey key) throws Exception {
    byte[] value = new CoreV1Api(admin).readNamespacedSecret("im-credentials", ns).execute().getData().get(key.secretKey());
    return new String(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
