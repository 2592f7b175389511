/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimSpec;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimVolumeSource;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import io.kubernetes.client.openapi.models.V1VolumeResourceRequirements;
import io.openim.deploy.testkit.internal.RealNodeHost;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The real node's own guarantees: a pod really runs there, on a local volume, and the host is left
 * as it was found after a close, after a SIGKILL of the JVM (the watchdog), and after a SIGKILL of
 * the JVM and its watchdog together (the sweep at the next start). Skipped, with the reason, where
 * this machine cannot run a real node.
 */
@DisplayName("A LocalCluster with a real node")
class RealNodeIT {
  static final String PAUSE = "registry.k8s.io/pause:3.10.2";

  @BeforeAll
  static void realNodesRunHere() throws Exception {
    RealNodes.assumeAvailable();
  }

  @Test
  @DisplayName("runs a real pod on a local volume, then leaves iptables, links, mounts, sysctls and cgroups as found")
  void runsPodAndLeavesHostAsFound() throws Exception {
    HostSnapshot before = HostSnapshot.take();
    try (LocalCluster cluster = LocalCluster.builder().nodes(0).realNodes(1).start()) {
      CoreV1Api core = new CoreV1Api(cluster.newAdminClient());
      assertThat(cluster.realNodes()).containsExactly("real-node-0");
      String ns = cluster.createNamespace("real");
      core.createNamespacedPersistentVolumeClaim(
              ns,
              new V1PersistentVolumeClaim()
                  .metadata(new V1ObjectMeta().name("data"))
                  .spec(
                      new V1PersistentVolumeClaimSpec()
                          .accessModes(List.of("ReadWriteOnce"))
                          .resources(
                              new V1VolumeResourceRequirements()
                                  .requests(Map.of("storage", Quantity.fromString("1Gi"))))))
          .execute();
      core.createNamespacedPod(
              ns,
              new V1Pod()
                  .metadata(new V1ObjectMeta().name("sleeper"))
                  .spec(
                      new V1PodSpec()
                          .overhead(null)
                          .containers(
                              List.of(
                                  new V1Container()
                                      .name("pause")
                                      .image(PAUSE)
                                      .volumeMounts(List.of(new V1VolumeMount().name("data").mountPath("/data")))))
                          .volumes(
                              List.of(
                                  new V1Volume()
                                      .name("data")
                                      .persistentVolumeClaim(
                                          new V1PersistentVolumeClaimVolumeSource().claimName("data"))))))
          .execute();
      V1Pod running =
          Eventually.await(
              Duration.ofSeconds(60),
              "the pod to run",
              () -> core.readNamespacedPod("sleeper", ns).execute(),
              pod -> "Running".equals(pod.getStatus().getPhase()));
      assertThat(running.getSpec().getNodeName()).isEqualTo("real-node-0");
      assertThat(running.getStatus().getPodIP()).startsWith("10.232.0.");
      assertThat(core.readNamespacedPersistentVolumeClaim("data", ns).execute().getStatus().getPhase())
          .isEqualTo("Bound");

      HostSnapshot during = HostSnapshot.take();
      assertThat(during.parts().get("links")).contains("oimd-node", "oimd-pods");
      assertThat(during.parts().get("iptables-save")).anyMatch(line -> line.contains("OPENIM-DEPLOY-PODS"));
      assertThat(during.parts().get("mounts")).anyMatch(m -> m.startsWith(cluster.workDirectory().toString()));
      assertThat(during).isNotEqualTo(before);
    }
    assertThat(HostSnapshot.take()).isEqualTo(before);
  }

  @Test
  @DisplayName("leaves the host as found when its JVM is killed with SIGKILL (the watchdog undoes it)")
  void killedJvmLeavesHostAsFound() throws Exception {
    HostSnapshot before = HostSnapshot.take();
    try (ChildCluster child = ChildCluster.start()) {
      child.process().destroyForcibly();
      assertThat(child.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
      Eventually.await(
          Duration.ofSeconds(60), "the host as it was before the killed JVM's real node",
          HostSnapshot::take, before::equals);
      assertThat(child.pids()).noneMatch(RealNodeIT::alive);
      assertThat(child.work()).doesNotExist();
    }
  }

  @Test
  @DisplayName("undoes, at the next start, what a node left when its JVM and watchdog both died")
  void sweepsWhatADeadRunLeft() throws Exception {
    HostSnapshot before = HostSnapshot.take();
    try (ChildCluster child = ChildCluster.start()) {
      List<ProcessHandle> watchdogs =
          child.process().toHandle().children()
              .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains("openim-deploy-watchdog")).orElse(false))
              .toList();
      assertThat(watchdogs).hasSize(1);
      watchdogs.get(0).destroyForcibly();
      child.process().destroyForcibly();
      assertThat(child.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(HostSnapshot.take()).as("the dead run's changes are still there").isNotEqualTo(before);
      assertThat(Path.of("/run/openim-deploy/real-node.state")).exists();

      try (LocalCluster next = LocalCluster.builder().nodes(0).realNodes(1).start()) {
        assertThat(child.pids()).noneMatch(RealNodeIT::alive);
        assertThat(child.work()).doesNotExist();
        assertThat(next.realNodes()).hasSize(1);
      }
      assertThat(HostSnapshot.take()).isEqualTo(before);
    }
  }

  @Test
  @DisplayName("refuses a second real node on the same machine and says why")
  void oneRealNodePerMachine() {
    try (LocalCluster first = LocalCluster.builder().nodes(0).realNodes(1).start()) {
      assertThat(first.realNodes()).hasSize(1);
      LocalCluster.Builder second = LocalCluster.builder().nodes(0).realNodes(1);
      org.assertj.core.api.Assertions.assertThatThrownBy(second::start)
          .isInstanceOf(LocalClusterException.class)
          .hasMessageContaining("Another local cluster with a real node runs on this machine");
    }
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** A cluster with a real node in a child JVM, to be killed. */
  record ChildCluster(Process process, Path work, List<Long> pids, Path stderr) implements AutoCloseable {
    static ChildCluster start() throws Exception {
      Path stderr = Files.createTempFile("real-node-child-", ".log");
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  ClusterInChildJvm.class.getName(),
                  "real")
              .redirectError(stderr.toFile())
              .start();
      BufferedReader out =
          new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String started = null;
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("STARTED ")) {
          started = line;
          break;
        }
      }
      assertThat(started).as("the child JVM started a cluster; its stderr:\n%s", Files.readString(stderr)).isNotNull();
      String[] parts = started.split(" ");
      List<Long> pids = new ArrayList<>();
      Arrays.stream(parts, 2, parts.length).forEach(p -> pids.add(Long.parseLong(p)));
      assertThat(pids).hasSizeGreaterThanOrEqualTo(9);
      return new ChildCluster(process, Path.of(parts[1]), pids, stderr);
    }

    @Override
    public void close() throws Exception {
      process.destroyForcibly();
      Files.deleteIfExists(stderr);
    }
  }

  /** Whether this machine can run a real node, asked of the node's own host check. */
  static final class RealNodes {
    private RealNodes() {}

    static void assumeAvailable() throws Exception {
      Path scratch = Files.createTempDirectory("real-node-check-");
      try {
        String reason = RealNodeHost.unavailableReason(scratch);
        org.junit.jupiter.api.Assumptions.assumeTrue(reason == null, () -> "no real node here: " + reason);
      } finally {
        LocalCluster.deleteRecursively(scratch);
      }
    }
  }
}
