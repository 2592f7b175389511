/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1NodeSystemInfo;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaim;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimSpec;
import io.kubernetes.client.openapi.models.V1PersistentVolumeClaimVolumeSource;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1ServiceSpec;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import io.kubernetes.client.openapi.models.V1VolumeResourceRequirements;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
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
  static final String BUSYBOX = "openim-deploy.test/busybox:1";

  @BeforeAll
  static void realNodesRunHere() throws Exception {
    Optional<String> unavailable = LocalCluster.realNodeUnavailable();
    Assumptions.assumeTrue(unavailable.isEmpty(), () -> "no real node on this machine: " + unavailable.orElseThrow());
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
  @DisplayName("gives pods DNS, Services and the API server through the kubernetes Service, and drops all other traffic")
  void podNetwork() throws Exception {
    ImageArchive busybox = ContainerImage.builder(BUSYBOX).busybox().build().archive();
    try (LocalCluster cluster = LocalCluster.builder().nodes(0).realNodes(1).start();
        TestHost target = TestHost.start()) {
      cluster.importImage(busybox.file());
      CoreV1Api core = new CoreV1Api(cluster.newAdminClient());
      String ns = cluster.createNamespace("net");
      core.createNamespacedPod(ns, pod("web", "mkdir -p /www && echo served-by-web > /www/index.html && exec httpd -f -p 8080 -h /www")
              .metadata(new V1ObjectMeta().name("web").labels(Map.of("app", "web"))))
          .execute();
      core.createNamespacedService(ns, new V1Service().metadata(new V1ObjectMeta().name("web"))
              .spec(new V1ServiceSpec().selector(Map.of("app", "web"))
                  .ports(List.of(new V1ServicePort().port(80).targetPort(new IntOrString(8080))))))
          .execute();
      Eventually.await(Duration.ofSeconds(60), "the web pod to be Ready",
          () -> core.readNamespacedPod("web", ns).execute(), RealNodeIT::ready);
      assertThat(target.reachableFromHost()).as("the outside target answers the host").isTrue();

      // busybox's nslookup has its own resolver; Debian's static busybox wget crashes in this image
      // (statically linked glibc without its NSS modules), so HTTP goes through nc to the
      // addresses DNS answered
      String webIp = core.readNamespacedService("web", ns).execute().getSpec().getClusterIP();
      core.createNamespacedPod(ns, pod("client", String.join("\n",
              "nslookup kubernetes.default.svc.cluster.local || true",
              "nslookup web." + ns + ".svc.cluster.local || true",
              // the web pod is Ready before kube-proxy writes its endpoint: polled, at most 10 s
              "for i in $(seq 1 20); do",
              "  page=$(printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 2 " + webIp + " 80) && [ -n \"$page\" ] && break",
              "  sleep 0.5",
              "done",
              "[ -n \"$page\" ] && echo \"$page\" || echo web-unreachable",
              "nc -w 3 10.96.0.1 443 </dev/null && echo api-open || echo api-unreachable",
              "nc -w 3 " + TestHost.ADDRESS + " " + TestHost.PORT + " </dev/null && echo outside-reached || echo outside-dropped")))
          .execute();
      Eventually.await(Duration.ofSeconds(90), "the client pod to finish",
          () -> core.readNamespacedPod("client", ns).execute(),
          pod -> Set.of("Succeeded", "Failed").contains(pod.getStatus().getPhase()));
      String log = core.readNamespacedPodLog("client", ns).execute();
      assertThat(log)
          .contains("Address: 10.96.0.1")
          .contains("Address: " + webIp)
          .contains("served-by-web")
          .contains("api-open")
          .contains("outside-dropped")
          .doesNotContain("outside-reached", "web-unreachable", "api-unreachable");
      assertThat(target.connectionsSeen()).as("connections that reached the outside target").isZero();
    }
  }

  private static V1Pod pod(String name, String script) {
    return new V1Pod()
        .metadata(new V1ObjectMeta().name(name))
        .spec(new V1PodSpec()
            .overhead(null)
            .restartPolicy("Never")
            .containers(List.of(new V1Container().name(name).image(BUSYBOX).command(List.of("sh", "-c", script)))));
  }

  private static boolean ready(V1Pod pod) {
    return pod.getStatus() != null && pod.getStatus().getConditions() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
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
      // the host can be restored while a component still shuts down (etcd syncing on a busy machine)
      Eventually.await(
          Duration.ofSeconds(30), "every component of the killed JVM's cluster gone",
          () -> child.processes().stream().filter(ProcessHandle::isAlive).toList(), List::isEmpty);
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
        assertThat(child.processes()).noneMatch(ProcessHandle::isAlive);
        assertThat(child.work()).doesNotExist();
        assertThat(next.realNodes()).hasSize(1);
      }
      assertThat(HostSnapshot.take()).isEqualTo(before);
    }
  }

  @Test
  @DisplayName("mixes with KWOK nodes, which KWOK alone manages, and refuses a second real node on the machine")
  void mixesWithKwokAndIsOnePerMachine() throws Exception {
    try (LocalCluster first = LocalCluster.builder().nodes(1).realNodes(1).start()) {
      assertThat(first.realNodes()).hasSize(1);
      Map<String, V1NodeSystemInfo> nodes = new java.util.TreeMap<>();
      new CoreV1Api(first.newAdminClient()).listNode().execute().getItems()
          .forEach(n -> nodes.put(n.getMetadata().getName(), n.getStatus().getNodeInfo()));
      assertThat(nodes).containsOnlyKeys("kwok-node-0", "real-node-0");
      // kubelet reports the node's own runtime; KWOK would have written its own over it
      assertThat(nodes.get("real-node-0").getContainerRuntimeVersion()).startsWith("containerd://1.6");
      assertThat(nodes.get("real-node-0").getKubeletVersion()).isEqualTo("v1.36.3");
      assertThat(java.util.Objects.toString(nodes.get("kwok-node-0").getContainerRuntimeVersion(), "")).doesNotStartWith("containerd://");
      LocalCluster.Builder second = LocalCluster.builder().nodes(0).realNodes(1);
      org.assertj.core.api.Assertions.assertThatThrownBy(second::start)
          .isInstanceOf(LocalClusterException.class)
          .hasMessageContaining("Another local cluster with a real node runs on this machine");
    }
  }


  /** A cluster with a real node in a child JVM, to be killed. */
  record ChildCluster(Process process, Path work, List<ProcessHandle> processes, Path stderr) implements AutoCloseable {
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
      // handles taken while the processes run keep their start time, so a pid the kernel reuses
      // later (pid_max is 32768 here, and a busy build wraps it) is not mistaken for them
      List<ProcessHandle> processes = ClusterInChildJvm.processes(parts);
      assertThat(processes).hasSizeGreaterThanOrEqualTo(9);
      return new ChildCluster(process, Path.of(parts[1]), processes, stderr);
    }

    @Override
    public void close() throws Exception {
      process.destroyForcibly();
      Files.deleteIfExists(stderr);
    }
  }
}
