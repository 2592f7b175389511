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
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  /** A running process's arguments, from /proc. */
  private static List<String> commandLine(long pid) throws Exception {
    byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
    return List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
  }
}
