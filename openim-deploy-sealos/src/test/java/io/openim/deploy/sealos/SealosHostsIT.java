/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.openim.deploy.Deployer;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Host;
import io.openim.deploy.RefusedException;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Target;
import io.openim.deploy.core.OpenImDeploy;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.sealos.internal.StandInSealos;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on hosts with a stand-in sealos (written from docs/sealos.md, as the runner's
 * tests use it) whose {@code apply} leaves the local cluster's kubeconfig as sealos's admin.conf,
 * server {@code apiserver.cluster.local}: after "setting the cluster up", OpenIM lands on a real
 * API server. No real sealos runs here: what sealos itself does to hosts is not proven.
 */
@WithLocalCluster(namespace = WithLocalCluster.NamespaceScope.TEST)
@DisplayName("sealos on hosts: a Clusterfile applied with sealos, then OpenIM deployed onto the cluster")
class SealosHostsIT {
  private static final String PASSWORD = "hunter2-ssh-password";

  @TempDir Path temp;
  private StandInSealos sealos;
  private Path passwordFile;

  @BeforeEach
  void standIn(LocalCluster cluster) throws Exception {
    sealos = new StandInSealos(Files.createDirectories(temp.resolve("sealos"))).adminConf(cluster.adminKubeconfig());
    passwordFile = Files.writeString(temp.resolve("ssh-password"), PASSWORD + "\n");
  }

  private static final List<Host> HOSTS = List.of(new Host("127.0.0.1", 22, "root"), new Host("127.0.0.2", 22, "root"));

  private SealosProvisioning provisioning() {
    return SealosProvisioning.builder().sealos(sealos.executable).runtimeRoot(sealos.runtimeRoot)
        .passwordFile(passwordFile).stepTimeout(Duration.ofMinutes(1)).build();
  }

  private Deployer open() {
    SealosProvider provider = new SealosProvider(SealosOptions.DEFAULT.withStorageClass(LocalCluster.STORAGE_CLASS),
        provisioning());
    return OpenImDeploy.builder().target(new Target.Hosts(HOSTS)).provider(provider).listener(sealos.events::add)
        .objectTimeout(Duration.ofMinutes(2)).build();
  }

  private static DeploymentSpec spec(TestNamespace namespace) {
    return DeploymentSpec.builder("openim").namespace(namespace.name()).chat(false).build();
  }

  @Test
  @DisplayName("plan runs nothing; apply runs sealos apply on a Clusterfile of the hosts, streams its output, then"
      + " deploys with sealos's defaults; again, sealos changes nothing and the plan reads the cluster")
  void setsUpAndDeploys(LocalCluster cluster, TestNamespace namespace) throws Exception {
    DeploymentSpec spec = spec(namespace);
    try (Deployer openim = open()) {
      DeploymentPlan plan = openim.plan(spec);
      assertThat(plan.provider()).isEqualTo("sealos");
      assertThat(plan.warnings()).anyMatch(w -> w.startsWith("Kubernetes with sealos is not set up on"
          + " root@127.0.0.1:22 yet, so this plan was made offline"));
      assertThat(sealos.calls()).as("planning ran sealos for nothing").isEmpty();
      assertThatThrownBy(() -> openim.status(ReleaseRef.of(spec))).isInstanceOf(RefusedException.class)
          .hasMessageContaining("Kubernetes with sealos is not set up on root@127.0.0.1:22");

      DeploymentResult result = openim.apply(plan);
      assertThat(result).as("%s", result).isInstanceOf(DeploymentResult.Succeeded.class);
      assertThat(sealos.calls()).hasSize(1);
      assertThat(sealos.calls().get(0)).startsWith("apply -f ");
      int firstPhase = indexOf(DeploymentEvent.PhaseStarted.class);
      assertThat(sealos.events.subList(0, firstPhase)).as("sealos's output comes before the delivery")
          .anyMatch(DeploymentEvent.CommandOutput.class::isInstance)
          .anyMatch(e -> e instanceof DeploymentEvent.CommandFinished f && f.exitCode() == 0);
      assertThat(new AppsV1Api(cluster.newAdminClient()).readNamespacedDeployment("openim-api", namespace.name())
          .execute().getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", "openim");
      assertThat(Files.list(Path.of(System.getProperty("java.io.tmpdir")))
          .filter(p -> p.getFileName().toString().startsWith("openim-deploy-sealos-")).toList())
          .as("the Clusterfile with the SSH password is deleted after sealos read it").isEmpty();

      assertThat(provisioning().kubeconfig(HOSTS)).as("the kubeconfig handed to the caller reaches the cluster")
          .get().asString().contains("server: https://127.0.0.1:").doesNotContain("apiserver.cluster.local");

      sealos.events.clear();
      DeploymentPlan again = openim.plan(spec);
      assertThat(again.warnings()).noneMatch(w -> w.contains("this plan was made offline"));
      assertThat(again.spec().storageClass()).isEqualTo(LocalCluster.STORAGE_CLASS);
      assertThat(openim.apply(again)).isInstanceOf(DeploymentResult.Succeeded.class);
      assertThat(sealos.events).anyMatch(e -> e instanceof DeploymentEvent.CommandOutput o
          && o.line().contains("no nodes that need to be scaled"));
      assertThat(openim.history(ReleaseRef.of(spec))).as("nothing changed, so no new revision").hasSize(1);
    }
  }

  @Test
  @DisplayName("the SSH password reaches sealos in the Clusterfile but never an event, even when sealos prints it")
  void passwordMasked(TestNamespace namespace) {
    sealos.knobs("ECHO_SSH=1");
    try (Deployer openim = open()) {
      DeploymentResult result = openim.apply(openim.plan(spec(namespace)));
      assertThat(result).isInstanceOf(DeploymentResult.Succeeded.class);
    }
    List<String> lines = sealos.events.stream().filter(DeploymentEvent.CommandOutput.class::isInstance)
        .map(e -> ((DeploymentEvent.CommandOutput) e).line()).toList();
    assertThat(lines).as("the stand-in printed the Clusterfile's ssh lines").anyMatch(l -> l.contains("passwd"));
    assertThat(sealos.events.toString()).doesNotContain(PASSWORD);
  }

  @Test
  @DisplayName("when sealos fails, the result names the step, its exit code and output, nothing of OpenIM is applied,"
      + " and the half set-up cluster is neither planned on nor applied to again")
  void sealosFails(LocalCluster cluster, TestNamespace namespace) throws Exception {
    sealos.knobs("FAIL='failed to init masters: ssh: handshake failed'");
    DeploymentResult result;
    DeploymentResult again;
    DeploymentPlan replanned;
    try (Deployer openim = open()) {
      result = openim.apply(openim.plan(spec(namespace)));
      // sealos saved the cluster anyway (phase ClusterFailed) and wrote admin.conf: still not up
      sealos.knobs("");
      replanned = openim.plan(spec(namespace));
      again = openim.apply(replanned);
    }
    assertThat(replanned.warnings()).anyMatch(w -> w.contains("this plan was made offline"));
    assertThat(again).isInstanceOfSatisfying(DeploymentResult.Failed.class, failed -> assertThat(failed.reason())
        .contains("is in phase ClusterFailed: an earlier apply failed halfway", "sealos reset --force"));
    assertThat(sealos.calls()).as("the second apply did not run sealos").hasSize(1);
    assertThat(result).isInstanceOfSatisfying(DeploymentResult.Failed.class, failed -> assertThat(failed.reason())
        .startsWith("setting Kubernetes with sealos up failed, so nothing of " + namespace.name() + "/openim was"
            + " applied: sealos on this machine: 'sealos apply -f ")
        .contains("' failed with exit code 1", "ssh: handshake failed"));
    assertThat(sealos.events.get(sealos.events.size() - 1)).isInstanceOf(DeploymentEvent.Finished.class);
    assertThat(new AppsV1Api(cluster.newAdminClient()).listNamespacedDeployment(namespace.name()).execute().getItems())
        .as("nothing applied").isEmpty();
  }

  private int indexOf(Class<?> type) {
    for (int i = 0; i < sealos.events.size(); i++) {
      if (type.isInstance(sealos.events.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in " + sealos.events);
  }
}
