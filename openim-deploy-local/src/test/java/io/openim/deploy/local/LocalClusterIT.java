/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.VersionApi;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodCondition;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A LocalCluster of its own")
class LocalClusterIT {

  @Test
  @DisplayName("starts loopback-only with sized nodes and an audit log, hands out a kubeconfig file, and cleans up")
  void lifecycle() throws Exception {
    List<LocalCluster.Component> components;
    Path work;
    Path audit = Files.createTempFile("local-cluster-audit-", ".log");
    try (LocalCluster cluster = LocalCluster.builder().nodes(2).nodeCapacity(NodeCapacity.of("4", "16Gi"))
        .auditLog(audit).start()) {
      work = cluster.workDirectory();
      components = cluster.components();
      assertThat(components)
          .extracting(LocalCluster.Component::name)
          .containsExactly(
              "etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok");
      assertThat(cluster.apiServer().getHost()).isEqualTo("127.0.0.1");

      Set<String> listeners = Listeners.of(components.stream().map(c -> c.pid()).toList());
      assertThat(listeners).isNotEmpty().allMatch(address -> address.startsWith("127.0.0.1:"));
      assertThat(listeners).contains("127.0.0.1:" + cluster.apiServer().getPort());

      ApiClient fromFile;
      try (Reader reader = Files.newBufferedReader(cluster.adminKubeconfigFile())) {
        fromFile = ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(reader)).build();
      }
      assertThat(new VersionApi(fromFile).getCode().execute().getGitVersion()).isEqualTo("v1.36.3");

      CoreV1Api core = new CoreV1Api(fromFile);
      assertThat(core.listNode().execute().getItems()).hasSize(2);
      String line = Eventually.await(Duration.ofSeconds(10), "the audit event of the node list", () ->
          Files.readAllLines(audit).stream().filter(l -> l.contains("\"verb\":\"list\"")
              && l.contains("\"requestURI\":\"/api/v1/nodes\"") && l.contains("openim-deploy-admin")).findFirst()
              .orElse(""), l -> !l.isEmpty());
      assertThat(line).contains("\"level\":\"Metadata\"", "\"userAgent\":");
      assertThat(commandLine(components.get(2).pid())).contains("--kube-api-qps=200", "--kube-api-burst=300");

      List<String> added = cluster.addNodes(1, new NodeCapacity("2", "8Gi", 20));
      assertThat(added).hasSize(1);
      V1Node node = core.readNode(added.get(0)).execute();
      assertThat(node.getStatus().getAllocatable())
          .containsEntry("cpu", Quantity.fromString("2"))
          .containsEntry("memory", Quantity.fromString("8Gi"))
          .containsEntry("pods", Quantity.fromString("20"));
      assertThat(core.listNode().execute().getItems()).hasSize(3);
    }

    assertThat(work).doesNotExist();
    assertThat(audit).as("an audit log outside the work folder stays").isNotEmptyFile();
    Files.delete(audit);
    for (LocalCluster.Component component : components) {
      assertThat(ProcessHandle.of(component.pid()).map(ProcessHandle::isAlive).orElse(false))
          .as("%s (pid %d) is stopped", component.name(), component.pid())
          .isFalse();
    }
  }

  @Test
  @DisplayName("a running pod that the node lifecycle controller marks not ready while kube-apiserver is down is"
      + " ready again once it is back, as a kubelet would report it")
  void readyAgainAfterApiServerRestart() throws Exception {
    try (LocalCluster cluster = LocalCluster.builder().nodes(1).start()) {
      CoreV1Api core = new CoreV1Api(cluster.newAdminClient());
      String ns = cluster.createNamespace("ready-again");
      core.createNamespacedPod(ns, new V1Pod().metadata(new V1ObjectMeta().name("db"))
          .spec(new V1PodSpec().overhead(null).nodeSelector(null)
              .containers(List.of(new V1Container().name("db").image("example.invalid/db:1"))))).execute();
      Eventually.await(Duration.ofSeconds(30), "the pod is ready", () -> ready(core, ns), c -> c != null
          && c.getStatus().equals("True"));

      // lastTransitionTime has whole seconds: the one of before is at most this
      OffsetDateTime restarted = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
      // 25 s down: when kube-controller-manager reaches it again, its node lifecycle controller has
      // not seen the node's lease renewed and marks the node's pods not ready (Ready=False)
      cluster.restart("kube-apiserver", Duration.ofSeconds(25));
      V1PodCondition again = Eventually.await(Duration.ofSeconds(90), "the pod turns ready again after the restart",
          () -> ready(core, ns), c -> c != null && c.getStatus().equals("True")
              && c.getLastTransitionTime().isAfter(restarted));
      assertThat(core.readNamespacedPod("db", ns).execute().getStatus().getPhase()).isEqualTo("Running");
      assertThat(again.getLastTransitionTime()).isAfter(restarted);
    }
  }

  private static V1PodCondition ready(CoreV1Api core, String ns) throws Exception {
    List<V1PodCondition> conditions = core.readNamespacedPod("db", ns).execute().getStatus().getConditions();
    return conditions == null ? null
        : conditions.stream().filter(c -> c.getType().equals("Ready")).findFirst().orElse(null);
  }

  /** A running process's arguments, from /proc. */
  private static List<String> commandLine(long pid) throws Exception {
    byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
    return List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
  }
}
