/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.openim.deploy.Deployer;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Host;
import io.openim.deploy.Manifest;
import io.openim.deploy.Outcome;
import io.openim.deploy.RefusedException;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Target;
import io.openim.deploy.core.OpenImDeploy;
import io.openim.deploy.k3s.internal.K3sFiles;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on hosts: a real OpenSSH server on 127.0.0.1 is the host, a stand-in install
 * script plays k3s's installer and writes the local cluster's admin kubeconfig as k3s.yaml (k3s
 * writes a loopback address; this one's port is the local API server's), so that after setting
 * "k3s" up, OpenIM lands on a real API server.
 */
@WithLocalCluster(namespace = WithLocalCluster.NamespaceScope.TEST)
@DisplayName("k3s on hosts: set up over SSH, then OpenIM deployed onto it")
class K3sHostsIT {
  @TempDir Path temp;
  private LocalSshd sshd;
  private Path root;
  private Path binary;
  private Path script;
  private final List<DeploymentEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start(LocalCluster cluster) throws Exception {
    sshd = LocalSshd.start(Files.createDirectories(temp.resolve("sshd")));
    root = Files.createDirectories(temp.resolve("host"));
    binary = Files.writeString(temp.resolve("k3s"), "#!/bin/sh\necho 'k3s version v1.36.2+k3s1 (stand-in)'\n");
    Path admin = Files.writeString(temp.resolve("admin.kubeconfig"), cluster.adminKubeconfig());
    script = Files.writeString(temp.resolve("install.sh"), String.join("\n",
        "#!/bin/sh",
        "# stand-in for get.k3s.io: records how it was called, and writes the admin kubeconfig as k3s would",
        "set -e",
        "ROOT=$(dirname $(dirname $(dirname $(dirname \"$K3S_CONFIG_FILE\"))))",
        "echo \"$INSTALL_K3S_EXEC skip=$INSTALL_K3S_SKIP_DOWNLOAD version=$INSTALL_K3S_VERSION\" >> \"$ROOT/install.log\"",
        "if grep -q fail-please \"$K3S_CONFIG_FILE\"; then echo 'k3s refused the config: fail-please is not a flag' >&2; exit 3; fi",
        "cp '" + admin + "' \"$ROOT/etc/rancher/k3s/k3s.yaml\"",
        ""));
  }

  @AfterEach
  void stop() {
    sshd.close();
  }

  private K3sProvisioning.Builder provisioning() {
    return K3sProvisioning.builder(sshd.clientKey, sshd.knownHosts).version("v1.36.2+k3s1").airGap(binary, script)
        .root(root + "/").timeout(Duration.ofSeconds(30));
  }

  private Deployer open(K3sProvisioning provisioning) {
    // the local cluster's claims bind through its own StorageClass, not k3s's local-path
    K3sProvider provider = new K3sProvider(K3sOptions.DEFAULT.withStorageClass(LocalCluster.STORAGE_CLASS), provisioning);
    return OpenImDeploy.builder().target(Target.hosts(new Host("127.0.0.1", sshd.port, "root"))).provider(provider)
        .listener(events::add).objectTimeout(Duration.ofMinutes(2)).build();
  }

  private static DeploymentSpec spec(TestNamespace namespace) {
    return DeploymentSpec.builder("openim").namespace(namespace.name()).chat(false).build();
  }

  @Test
  @DisplayName("plan changes nothing on fresh hosts; apply sets k3s up and deploys; a second run plans from the cluster,"
      + " keeps the credentials and leaves the hosts alone")
  void setsUpAndDeploys(LocalCluster cluster, TestNamespace namespace) throws Exception {
    String host = "root@127.0.0.1:" + sshd.port;
    ApiClient admin = cluster.newAdminClient();
    DeploymentSpec spec = spec(namespace);
    DeploymentPlan plan;
    try (Deployer k3s = open(provisioning().build())) {
      plan = k3s.plan(spec);
      assertThat(plan.provider()).isEqualTo("k3s");
      assertThat(plan.warnings()).anyMatch(w -> w.startsWith("k3s is not set up on " + host + " yet, so this plan"
          + " was made offline"));
      assertThat(plan.find("Service", "openim-msggateway-lb")).as("k3s's defaults are in the plan").isPresent();
      assertThat(root.resolve("etc")).as("planning changed nothing on the host").doesNotExist();
      assertThat(events).as("planning ran no remote command").isEmpty();
      assertThatThrownBy(() -> k3s.status(ReleaseRef.of(spec))).isInstanceOf(RefusedException.class)
          .hasMessageContaining("k3s is not set up on " + host);

      DeploymentResult result = k3s.apply(plan);
      assertThat(result).as("%s", result).isInstanceOf(DeploymentResult.Succeeded.class);
      assertThat(k3s.history(ReleaseRef.of(spec))).hasSize(1);
      assertThat(k3s.status(ReleaseRef.of(spec))).isNotEmpty();
    }
    assertThat(Files.readAllLines(root.resolve("install.log"))).containsExactly("server skip=true version=v1.36.2+k3s1");
    int lastCommand = lastIndexOf(DeploymentEvent.RemoteCommand.class);
    assertThat(lastCommand).as("k3s was set up before anything was applied")
        .isBetween(0, firstIndexOf(DeploymentEvent.PhaseStarted.class));
    assertThat(events.get(events.size() - 1)).isInstanceOf(DeploymentEvent.Finished.class);
    String token = K3sFiles.token(Files.readString(root.resolve("etc/rancher/k3s/config.yaml"))).orElseThrow();
    assertThat(events.toString()).doesNotContain(token);

    List<String> planned = plan.manifests().stream().filter(m -> m.kind().equals("Deployment")).map(Manifest::name).toList();
    List<V1Deployment> deployments = new AppsV1Api(admin).listNamespacedDeployment(namespace.name()).execute().getItems();
    assertThat(deployments).extracting(d -> d.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(planned);
    assertThat(deployments).allMatch(d -> Integer.valueOf(1).equals(d.getStatus().getReadyReplicas()));
    assertThat(new CoreV1Api(admin).readNamespacedService("openim-msggateway-lb", namespace.name()).execute()
        .getSpec().getType()).isEqualTo("LoadBalancer");
    Map<String, String> credentials = credentials(admin, namespace);
    assertThat(credentials).isNotEmpty();

    events.clear();
    try (Deployer again = open(provisioning().build())) {
      // a spec built again generates new passwords; the plan must keep the release's instead
      DeploymentPlan replanned = again.plan(spec(namespace));
      assertThat(replanned.warnings()).noneMatch(w -> w.contains("not set up"));
      DeploymentResult.Succeeded unchanged = again.apply(replanned).orThrow();
      assertThat(unchanged.objects()).as("nothing to write: the credentials Secret among them")
          .isNotEmpty().allMatch(o -> o.outcome() == Outcome.UNCHANGED);
      assertThat(again.history(ReleaseRef.of(spec))).hasSize(1);
      assertThat(again.destroy(ReleaseRef.of(spec), false).found()).isTrue();
    }
    assertThat(credentials(admin, namespace)).as("credentials kept, and destroy keeps them").isEqualTo(credentials);
    assertThat(Files.readAllLines(root.resolve("install.log"))).as("the install ran once").hasSize(1);
    assertThat(events).filteredOn(e -> e instanceof DeploymentEvent.RemoteCommand)
        .noneMatch(e -> ((DeploymentEvent.RemoteCommand) e).command().contains("install.sh"));
  }

  @Test
  @DisplayName("a failing install is a failed result naming the host and command; nothing of OpenIM is applied or recorded")
  void failingInstall(LocalCluster cluster, TestNamespace namespace) throws Exception {
    DeploymentSpec spec = spec(namespace);
    DeploymentResult result;
    try (Deployer k3s = open(provisioning().flag("fail-please", true).build())) {
      result = k3s.apply(k3s.plan(spec));
      assertThatThrownBy(() -> k3s.history(ReleaseRef.of(spec))).isInstanceOf(RefusedException.class)
          .hasMessageContaining("k3s is not set up");
    }
    assertThat(result).isInstanceOfSatisfying(DeploymentResult.Failed.class, failed -> {
      assertThat(failed.reason()).startsWith("setting k3s up failed, so nothing of " + ReleaseRef.of(spec) + " was applied:"
          + " root@127.0.0.1:" + sshd.port + ": 'INSTALL_K3S_EXEC=server")
          .contains("install.sh' exited with 3").contains("k3s refused the config: fail-please is not a flag")
          .contains("apply again");
      assertThat(failed.objects()).isEmpty();
    });
    assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(DeploymentEvent.Finished.class,
        finished -> assertThat(finished.result()).isSameAs(result));
    assertThat(root.resolve("var/lib/rancher/k3s/openim-deploy-installed")).as("not marked as set up").doesNotExist();
    ApiClient admin = cluster.newAdminClient();
    assertThat(new AppsV1Api(admin).listNamespacedDeployment(namespace.name()).execute().getItems()).isEmpty();
    assertThat(new CoreV1Api(admin).listNamespacedConfigMap(namespace.name()).execute().getItems())
        .noneMatch(c -> c.getMetadata().getName().startsWith("openim"));
    assertThat(new CoreV1Api(admin).listNamespacedSecret(namespace.name()).execute().getItems())
        .noneMatch(c -> c.getMetadata().getName().startsWith("openim"));
  }

  private static Map<String, String> credentials(ApiClient admin, TestNamespace namespace) throws Exception {
    Map<String, String> values = new TreeMap<>();
    new CoreV1Api(admin).readNamespacedSecret("openim-credentials", namespace.name()).execute().getData()
        .forEach((key, value) -> values.put(key, new String(value, StandardCharsets.UTF_8)));
    return values;
  }

  private int firstIndexOf(Class<?> type) {
    for (int i = 0; i < events.size(); i++) {
      if (type.isInstance(events.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private int lastIndexOf(Class<?> type) {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (type.isInstance(events.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
