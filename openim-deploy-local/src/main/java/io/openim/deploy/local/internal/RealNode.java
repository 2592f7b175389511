/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import org.jspecify.annotations.Nullable;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeCondition;
import io.openim.deploy.local.LocalClusterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real node: containerd (with runc and the CNI bridge), kubelet and kube-proxy built from the
 * control plane's Kubernetes release, and CoreDNS for the cluster's names, all as processes of the
 * cluster's supervisor. Its host changes belong to a {@link RealNodeHost}.
 */
public final class RealNode {
  private static final Logger LOG = LoggerFactory.getLogger(RealNode.class);

  private final String name;
  private final Path directory;

  private RealNode(String name, Path directory) {
    this.name = name;
    this.directory = directory;
  }

  /** The node's name in the cluster. */
  public String name() {
    return name;
  }

  /** The node's folder: containerd's root and state, kubelet's root, volumes and logs. */
  public Path directory() {
    return directory;
  }

  /**
   * Starts the node's processes under {@code supervisor}, imports the sandbox image and waits
   * until the node is Ready and DNS answers.
   */
  static RealNode start(
      ProcessSupervisor supervisor,
      NodeBinaries binaries,
      Path directory,
      String name,
      Pki pki,
      URI apiServer,
      ApiClient admin,
      Path pauseArchive,
      String previousDefaultStorageClass,
      Duration timeout) {
    long begin = System.nanoTime();
    List<Integer> ports = FreePorts.loopback(6);
    int kubeletPort = ports.get(0);
    int kubeletHealthz = ports.get(1);
    int proxyHealthz = ports.get(2);
    int proxyMetrics = ports.get(3);
    int dnsPort = ports.get(4);
    int dnsReady = ports.get(5);
    Path logs = directory.resolve("logs");
    try {
      for (String sub : List.of("pki", "cni", "cni-ipam", "logs", "pod-logs", "volume-plugins", "volumes", "kubelet")) {
        Files.createDirectories(directory.resolve(sub));
      }
      writeCredentials(directory, pki, name, apiServer);
      Files.writeString(directory.resolve("resolv.conf"), "options ndots:5\n");
      Files.writeString(directory.resolve("containerd.toml"), RealNodeFiles.containerdConfig(directory));
      Files.writeString(directory.resolve("cni/10-openim-deploy.conflist"), RealNodeFiles.cniConfig(directory));
      Files.writeString(
          directory.resolve("kubelet.yaml"), RealNodeFiles.kubeletConfig(directory, kubeletPort, kubeletHealthz));
      Files.writeString(
          directory.resolve("kube-proxy.yaml"),
          RealNodeFiles.kubeProxyConfig(directory, name, proxyHealthz, proxyMetrics));
      Files.writeString(directory.resolve("Corefile"), RealNodeFiles.corefile(directory, dnsPort, dnsReady));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the real node's files in " + directory, e);
    }
    ProcessSupervisor.Child containerd =
        supervisor.launch(
            "containerd",
            List.of("containerd", "--config", directory.resolve("containerd.toml").toString()),
            Map.of(),
            logs.resolve("containerd.log"));
    Probes.await(containerd, timeout, () -> ctr(directory, "version").exit() == 0 ? null : "no answer on its socket");
    RealNode node = new RealNode(name, directory);
    node.importImage(pauseArchive);

    ProcessSupervisor.Child kubelet =
        supervisor.launch(
            "kubelet",
            List.of(
                binaries.file("kubelet").toString(),
                "--config=" + directory.resolve("kubelet.yaml"),
                "--kubeconfig=" + directory.resolve("kubelet.kubeconfig"),
                "--root-dir=" + directory.resolve("kubelet"),
                "--cert-dir=" + directory.resolve("pki"),
                "--hostname-override=" + name,
                "--node-ip=" + RealNodeHost.NODE_ADDRESS,
                "--node-labels=openim-deploy.io/node=real",
                "--v=1"),
            Map.of(),
            logs.resolve("kubelet.log"));
    CoreV1Api core = new CoreV1Api(admin);
    Probes.await(kubelet, timeout, () -> nodeState(core, name));
    LOG.debug("real node {} Ready after {} ms", name, (System.nanoTime() - begin) / 1_000_000);

    ProcessSupervisor.Child proxy =
        supervisor.launch(
            "kube-proxy",
            List.of(
                binaries.file("kube-proxy").toString(),
                "--config=" + directory.resolve("kube-proxy.yaml"),
                "--v=1"),
            Map.of(),
            logs.resolve("kube-proxy.log"));
    RealNodeObjects objects = new RealNodeObjects(admin);
    try {
      objects.grantCoreDns();
      objects.publishDns(dnsPort);
      objects.offerLocalVolumes(name, directory.resolve("volumes"), previousDefaultStorageClass);
    } catch (ApiException e) {
      throw RealNodeObjects.failure("create the real node's DNS and volume objects", e);
    }
    ProcessSupervisor.Child coredns =
        supervisor.launch(
            "coredns",
            List.of(binaries.file("coredns").toString(), "-conf", directory.resolve("Corefile").toString()),
            Map.of(),
            logs.resolve("coredns.log"));
    OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(2)).build();
    Probes.awaitHttp(proxy, http, "http://127.0.0.1:" + proxyHealthz + "/healthz", timeout);
    Probes.awaitHttp(coredns, http, "http://127.0.0.1:" + dnsReady + "/ready", timeout);
    LOG.info("real node {} up in {} ms", name, (System.nanoTime() - begin) / 1_000_000);
    return node;
  }

  /** Imports an image archive into the node's containerd, under the names the archive carries. */
  public void importImage(Path archive) {
    RealNodeHost.Result result = ctr(directory, "images", "import", archive.toString());
    if (result.exit() != 0) {
      throw new LocalClusterException(
          "containerd on node " + name + " refused the image archive " + archive + ": " + result.output().strip());
    }
  }

  private static RealNodeHost.Result ctr(Path directory, String... arguments) {
    List<String> command =
        new java.util.ArrayList<>(
            List.of("ctr", "--address", directory.resolve("containerd.sock").toString(), "--namespace", "k8s.io"));
    command.addAll(List.of(arguments));
    return RealNodeHost.run(command);
  }

  private static @Nullable String nodeState(CoreV1Api core, String name) {
    try {
      V1Node node = core.readNode(name).execute();
      if (node.getStatus() != null && node.getStatus().getConditions() != null) {
        for (V1NodeCondition condition : node.getStatus().getConditions()) {
          if ("Ready".equals(condition.getType())) {
            return "True".equals(condition.getStatus())
                ? null
                : "not Ready: " + condition.getReason() + " " + condition.getMessage();
          }
        }
      }
      return "registered, no Ready condition yet";
    } catch (ApiException e) {
      return e.getCode() == 404 ? "not registered yet" : "HTTP " + e.getCode();
    }
  }

  private static void writeCredentials(Path dir, Pki pki, String name, URI apiServer) throws IOException {
    Path pkiDir = dir.resolve("pki");
    Files.writeString(pkiDir.resolve("ca.crt"), pki.ca().certificatePem());
    Pki.Credential serving =
        pki.issueServing(name, List.of(name), List.of(RealNodeHost.NODE_ADDRESS));
    Files.writeString(pkiDir.resolve("kubelet.crt"), serving.certificatePem());
    Files.writeString(pkiDir.resolve("kubelet.key"), serving.privateKeyPem());
    String ca = pki.ca().certificatePem();
    Files.writeString(
        dir.resolve("kubelet.kubeconfig"),
        Kubeconfigs.render(
            "openim-deploy-local", apiServer, ca, "kubelet",
            pki.issueClient("system:node:" + name, List.of("system:nodes"))));
    Files.writeString(
        dir.resolve("kube-proxy.kubeconfig"),
        Kubeconfigs.render(
            "openim-deploy-local", apiServer, ca, "kube-proxy", pki.issueClient("system:kube-proxy", List.of())));
    Files.writeString(
        dir.resolve("coredns.kubeconfig"),
        Kubeconfigs.render(
            "openim-deploy-local", apiServer, ca, "coredns",
            pki.issueClient(RealNodeObjects.COREDNS_USER, List.of())));
  }
}
