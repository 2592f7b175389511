/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.apis.NetworkingV1Api;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.openim.deploy.BackupTarget;
import io.openim.deploy.Dependency;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Ingress;
import io.openim.deploy.Manifest;
import io.openim.deploy.Monitoring;
import io.openim.deploy.ObjectResult;
import io.openim.deploy.Outcome;
import io.openim.deploy.Profile;
import io.openim.deploy.Secret;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The API server's own validation of every NetworkPolicy the plans hold (server-side apply through
 * the deployer), and that applying them again changes nothing. KWOK enforces no policy: what they
 * allow is {@code NetworkPolicyTest}'s.
 */
@WithLocalCluster
@DisplayName("NetworkPolicies on the API server")
class NetworkPolicyIT {

  @Test
  @DisplayName("minimal: every policy is accepted as planned, and a re-apply is a no-op")
  void minimal(LocalCluster cluster, TestNamespace namespace) throws Exception {
    DeploymentSpec spec = DeploymentSpec.builder("np").namespace(namespace.name()).build();
    applyTwice(cluster, spec);
    // a backup to a bucket applies the Job's own egress policy beside it, and deletes it afterwards
    BackupTarget bucket = BackupTarget.bucket("https://10.9.8.7:9443", "openim-backups", "", Secret.of("ak-1"),
        Secret.of("sk-1"));
    try (KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(cluster.adminKubeconfig())
        .objectTimeout(Duration.ofSeconds(90)).build()) {
      assertThat(deployer.backup(spec, bucket, "20261201-230000").job()).isEqualTo("np-backup-20261201-230000");
    }
    assertThat(new NetworkingV1Api(cluster.newAdminClient()).listNamespacedNetworkPolicy(spec.namespace()).execute()
        .getItems()).extracting(p -> p.getMetadata().getName()).noneMatch(n -> n.endsWith("-egress"));
  }

  @Test
  @DisplayName("production with an nginx ingress, monitoring and external dependencies by IP and by name")
  void production(LocalCluster cluster, TestNamespace namespace) throws Exception {
    DeploymentSpec spec = DeploymentSpec.builder("npprod").namespace(namespace.name()).profile(Profile.PRODUCTION)
        .ingress(new Ingress("im.example.com", "nginx", null))
        .monitoring(new Monitoring(true, Monitoring.Mode.ANNOTATIONS, false))
        .dependency(DependencyKind.REDIS, Dependency.external(List.of("10.20.0.5:6379"), null, null))
        .dependency(DependencyKind.MINIO, Dependency.external(List.of("https://s3.example.com"), "ak", Secret.of("sk-7e1d")))
        .minioExternalAddress("https://s3.example.com")
        .build();
    applyTwice(cluster, spec);
  }

  private static void applyTwice(LocalCluster cluster, DeploymentSpec spec) throws Exception {
    DeploymentPlan plan;
    try (KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(cluster.adminKubeconfig())
        .objectTimeout(Duration.ofSeconds(90)).build()) {
      plan = deployer.plan(spec);
      DeploymentResult.Succeeded first = deployer.apply(plan).orThrow();
      assertThat(first.objects()).filteredOn(o -> o.object().startsWith("NetworkPolicy/"))
          .extracting(ObjectResult::outcome).containsOnly(Outcome.CREATED);
      DeploymentResult.Succeeded again = deployer.apply(deployer.plan(spec)).orThrow();
      assertThat(again.objects()).extracting(ObjectResult::outcome).containsOnly(Outcome.UNCHANGED);
    }
    List<Manifest> planned = plan.manifests().stream().filter(m -> m.kind().equals("NetworkPolicy")).toList();
    assertThat(planned).hasSizeGreaterThan(20);
    Map<String, V1NetworkPolicy> live = new TreeMap<>();
    new NetworkingV1Api(cluster.newAdminClient()).listNamespacedNetworkPolicy(spec.namespace()).execute().getItems()
        .forEach(p -> live.put(p.getMetadata().getName(), p));
    live.keySet().removeIf(name -> !name.startsWith(spec.release() + "-")); // the other test's release
    assertThat(live.keySet()).containsExactlyInAnyOrderElementsOf(planned.stream().map(Manifest::name).toList());
    V1NetworkPolicy deny = live.get(spec.release() + "-default-deny");
    assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
    assertThat(deny.getSpec().getEgress()).isNullOrEmpty();
    assertThat(live.get(spec.release() + "-dns").getSpec().getEgress().get(0).getPorts())
        .extracting(p -> p.getProtocol() + "/" + p.getPort()).containsExactly("UDP/53", "TCP/53");
  }
}
