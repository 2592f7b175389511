/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import io.openim.deploy.local.ControlPlaneBinaries;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.local.LocalClusterException;
import io.openim.deploy.local.NodeCapacity;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Starts and stops the processes of one local cluster, in the order etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler, kwok, waiting for each to be healthy before the next.
 */
public final class ClusterProcesses implements AutoCloseable {
  private static final String CONTEXT = "openim-deploy-local";

  private final ProcessSupervisor supervisor;
  private final Pki pki;
  private final URI apiServer;
  private final String adminKubeconfig;
  private final Path adminKubeconfigFile;
  private final Duration timeout;
  private final ClusterObjects objects;
  private final OkHttpClient probeClient;
  private final Map<String, String> healthUrls = new ConcurrentHashMap<>();
  private final @Nullable RealNodeHost host;
  private final List<RealNode> realNodes = new ArrayList<>();
  private boolean closed;

  private ClusterProcesses(
      ProcessSupervisor supervisor,
      Pki pki,
      URI apiServer,
      String adminKubeconfig,
      Path adminKubeconfigFile,
      Duration timeout,
      @Nullable RealNodeHost host) {
    this.supervisor = supervisor;
    this.host = host;
    this.pki = pki;
    this.apiServer = apiServer;
    this.adminKubeconfig = adminKubeconfig;
    this.adminKubeconfigFile = adminKubeconfigFile;
    this.timeout = timeout;
    ApiClient admin = newClient(adminKubeconfig);
    this.probeClient =
        admin.getHttpClient().newBuilder().callTimeout(2, TimeUnit.SECONDS).build();
    this.objects = new ClusterObjects(admin, timeout);
  }

  /**
   * Starts every process; on failure stops what was started and throws. With a {@code host}, the
   * host is prepared for a real node first (its undo registered with the watchdog before any
   * change), and the API server listens on the node address instead of 127.0.0.1, so that pods
   * reach it through the {@code kubernetes} Service. With an {@code auditLog}, the API server
   * writes every request into it at level Metadata ({@link ComponentFlags#audit}).
   */
  public static ClusterProcesses start(
      ControlPlaneBinaries bins, Path dir, Duration timeout, @Nullable RealNodeHost host,
      @Nullable Path auditLog) {
    try {
      Files.createDirectories(dir.resolve("logs"));
      Files.createDirectories(dir.resolve("home"));
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare the work folder " + dir, e);
    }
    ProcessSupervisor supervisor = ProcessSupervisor.start(dir);
    try {
      String address = "127.0.0.1";
      Pki pki;
      if (host != null) {
        supervisor.undoOnDeath(host.script(), "teardown", host.state().toString());
        host.setup(dir.resolve("node"));
        address = RealNodeHost.NODE_ADDRESS;
        pki = Pki.generate(address);
      } else {
        pki = Pki.generate();
      }
      Path pkiDir = dir.resolve("pki");
      pki.writeTo(pkiDir);
      List<Integer> ports = FreePorts.loopback(5);
      int etcdPort = ports.get(0);
      int peerPort = ports.get(1);
      int apiPort = ports.get(2);
      int kcmPort = ports.get(3);
      int schedulerPort = ports.get(4);
      URI apiServer = URI.create("https://" + address + ":" + apiPort);
      String kubeconfig =
          Kubeconfigs.render(
              CONTEXT,
              apiServer,
              pki.ca().certificatePem(),
              "admin",
              pki.issueClient("openim-deploy-admin", List.of("system:masters")));
      Path kubeconfigFile = dir.resolve("admin.kubeconfig");
      Files.writeString(kubeconfigFile, kubeconfig);
      ClusterProcesses cluster =
          new ClusterProcesses(supervisor, pki, apiServer, kubeconfig, kubeconfigFile, timeout, host);
      List<String> audit = List.of();
      if (auditLog != null) {
        Path policy = dir.resolve("audit-policy.yaml");
        Files.writeString(policy, ComponentFlags.auditPolicy());
        audit = ComponentFlags.audit(policy, auditLog);
      }
      cluster.launchAll(bins, dir, etcdPort, peerPort, kcmPort, schedulerPort, audit);
      return cluster;
    } catch (IOException e) {
      stop(supervisor, host);
      throw new UncheckedIOException("could not write to the work folder " + dir, e);
    } catch (RuntimeException e) {
      stop(supervisor, host);
      throw e;
    }
  }

  /** Stops the processes, undoes the host's changes while the watchdog still guards them, releases. */
  private static void stop(ProcessSupervisor supervisor, @Nullable RealNodeHost host) {
    supervisor.stopAll();
    try {
      if (host != null) {
        host.teardown();
      }
    } finally {
      supervisor.close();
      if (host != null) {
        host.close();
      }
    }
  }

  private void launchAll(
      ControlPlaneBinaries bins, Path dir, int etcdPort, int peerPort, int kcmPort, int schedPort,
      List<String> audit) throws IOException {
    Path pkiDir = dir.resolve("pki");
    String etcdUrl = "http://127.0.0.1:" + etcdPort;
    String peerUrl = "http://127.0.0.1:" + peerPort;
    ProcessSupervisor.Child etcd =
        launch(
            dir,
            "etcd",
            List.of(
                bins.file("etcd").toString(),
                "--name=node0",
                "--data-dir=" + dir.resolve("etcd"),
                "--listen-client-urls=" + etcdUrl,
                "--advertise-client-urls=" + etcdUrl,
                "--listen-peer-urls=" + peerUrl,
                "--initial-advertise-peer-urls=" + peerUrl,
                "--initial-cluster=node0=" + peerUrl,
                "--unsafe-no-fsync=true",
                "--quota-backend-bytes=8589934592",
                "--auto-compaction-retention=1",
                "--log-level=warn"));
    awaitHealthy(etcd, etcdUrl + "/health");

    List<String> apiArgs =
        new ArrayList<>(
            List.of(
                bins.file("kube-apiserver").toString(),
                "--etcd-servers=" + etcdUrl,
                "--bind-address=" + apiServer.getHost(),
                "--advertise-address=" + apiServer.getHost(),
                "--secure-port=" + apiServer.getPort(),
                "--kubelet-client-certificate=" + pkiDir.resolve("kubelet-client.crt"),
                "--kubelet-client-key=" + pkiDir.resolve("kubelet-client.key"),
                "--kubelet-certificate-authority=" + pkiDir.resolve("ca.crt"),
                "--kubelet-preferred-address-types=InternalIP",
                "--cert-dir=" + pkiDir,
                "--tls-cert-file=" + pkiDir.resolve("apiserver.crt"),
                "--tls-private-key-file=" + pkiDir.resolve("apiserver.key"),
                "--client-ca-file=" + pkiDir.resolve("ca.crt"),
                "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                "--service-account-key-file=" + pkiDir.resolve("sa.pub"),
                "--service-account-signing-key-file=" + pkiDir.resolve("sa.key"),
                "--service-cluster-ip-range=10.96.0.0/16",
                "--authorization-mode=Node,RBAC",
                "--allow-privileged=true",
                "--enable-priority-and-fairness=false",
                "--profiling=false",
                "--v=1"));
    apiArgs.addAll(audit);
    ProcessSupervisor.Child apiserver = launch(dir, "kube-apiserver", apiArgs);
    awaitHealthy(apiserver, apiServer + "/readyz");

    ProcessSupervisor.Child kcm =
        launch(dir, "kube-controller-manager", ComponentFlags.controllerManager(
            bins.file("kube-controller-manager"), adminKubeconfigFile, pkiDir, kcmPort));
    Path schedulerConfig = dir.resolve("scheduler.yaml");
    Files.writeString(schedulerConfig, ComponentFlags.schedulerConfig(adminKubeconfigFile));
    ProcessSupervisor.Child scheduler =
        launch(dir, "kube-scheduler", ComponentFlags.scheduler(
            bins.file("kube-scheduler"), schedulerConfig, adminKubeconfigFile, pkiDir, schedPort));
    awaitHealthy(kcm, "https://127.0.0.1:" + kcmPort + "/healthz");
    awaitHealthy(scheduler, "https://127.0.0.1:" + schedPort + "/healthz");

    ProcessSupervisor.Child kwok =
        supervisor.launch(
            "kwok",
            List.of(
                bins.file("kwok").toString(),
                "--kubeconfig=" + adminKubeconfigFile,
                "--config=" + bins.file("kwok-stages.yaml"),
                "--config=" + Resources.copy("kwok-pod-ready-again.yaml", dir.resolve("kwok-pod-ready-again.yaml")),
                "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
                "--node-lease-duration-seconds=40",
                "--cidr=10.244.0.0/16"),
            Map.of("HOME", dir.resolve("home").toString()),
            dir.resolve("logs").resolve("kwok.log"));
    if (!kwok.process().isAlive()) {
      throw failure(kwok, "exited at once");
    }
    objects.installDefaultStorageClass(LocalCluster.STORAGE_CLASS);
  }

  private ProcessSupervisor.Child launch(Path dir, String name, List<String> command) {
    return supervisor.launch(name, command, Map.of(), dir.resolve("logs").resolve(name + ".log"));
  }

  private void awaitHealthy(ProcessSupervisor.Child child, String url) {
    healthUrls.put(child.name(), url);
    Probes.awaitHttp(child, probeClient, url, timeout);
  }

  private static LocalClusterException failure(ProcessSupervisor.Child child, String what) {
    return Probes.failure(child, what);
  }

  /**
   * Kills a component with SIGKILL, waits {@code downtime}, starts it again with the same command
   * and waits until it is healthy again.
   */
  public void restart(String component, Duration downtime) {
    try {
      ProcessSupervisor.Child fresh = supervisor.restart(component, downtime);
      String url = healthUrls.get(component);
      if (url != null) {
        awaitHealthy(fresh, url);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalClusterException("interrupted while restarting " + component, e);
    }
  }

  /** The cluster's CA and certificate issuer. */
  public Pki pki() {
    return pki;
  }

  /** The API server's URL. */
  public URI apiServer() {
    return apiServer;
  }

  /** The admin kubeconfig text. */
  public String adminKubeconfig() {
    return adminKubeconfig;
  }

  /** The admin kubeconfig file. */
  public Path adminKubeconfigFile() {
    return adminKubeconfigFile;
  }

  /** A client-java client for {@code kubeconfig}, with a 30 s read timeout. */
  public ApiClient newClient(String kubeconfig) {
    try {
      ApiClient client =
          ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(new StringReader(kubeconfig))).build();
      client.setReadTimeout(30_000);
      return client;
    } catch (IOException e) {
      throw new UncheckedIOException("could not build a client from the kubeconfig", e);
    }
  }

  /** Creates Ready, schedulable simulated nodes. */
  public List<String> addNodes(int count, NodeCapacity capacity) {
    try {
      return objects.addNodes(count, capacity);
    } catch (ApiException e) {
      throw new LocalClusterException("could not create nodes: " + e.getResponseBody(), e);
    }
  }

  /** Creates a namespace with a random suffix and waits for its default ServiceAccount. */
  public String createNamespace(String prefix) {
    try {
      return objects.createNamespace(prefix);
    } catch (ApiException e) {
      throw new LocalClusterException("could not create a namespace: " + e.getResponseBody(), e);
    }
  }

  /** Waits for the {@code default} ServiceAccount in {@code namespace}. */
  public void awaitDefaultServiceAccount(String namespace) {
    objects.awaitDefaultServiceAccount(namespace);
  }

  /** The processes in start order. */
  public List<LocalCluster.Component> components() {
    List<LocalCluster.Component> components = new ArrayList<>();
    for (ProcessSupervisor.Child child : supervisor.children()) {
      components.add(new LocalCluster.Component(child.name(), child.process().pid(), child.log()));
    }
    return List.copyOf(components);
  }

  /**
   * Starts a real node with the sandbox image in {@code pauseArchive}; needs a cluster started
   * with a {@link RealNodeHost}.
   */
  public synchronized RealNode addRealNode(NodeBinaries binaries, Path pauseArchive) {
    if (host == null) {
      throw new IllegalStateException("this cluster was started without a real node's host");
    }
    if (!realNodes.isEmpty()) {
      throw new IllegalStateException("one real node per machine: its network names are fixed");
    }
    RealNode node =
        RealNode.start(
            supervisor, binaries, adminKubeconfigFile.resolveSibling("node"), "real-node-0", pki, apiServer,
            newClient(adminKubeconfig), pauseArchive, LocalCluster.STORAGE_CLASS, timeout);
    realNodes.add(node);
    return node;
  }

  /** The real nodes, in start order. */
  public synchronized List<RealNode> realNodes() {
    return List.copyOf(realNodes);
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      stop(supervisor, host);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalClusterException("interrupted while waiting for the local cluster", e);
    }
  }
}
