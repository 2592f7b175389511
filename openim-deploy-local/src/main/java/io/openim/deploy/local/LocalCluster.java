/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local;

import io.kubernetes.client.openapi.ApiClient;
import io.openim.deploy.local.internal.ClusterProcesses;
import io.openim.deploy.local.internal.Kubeconfigs;
import io.openim.deploy.local.internal.NodeBinaries;
import io.openim.deploy.local.internal.Outage;
import io.openim.deploy.local.internal.Pki;
import io.openim.deploy.local.internal.RealNode;
import io.openim.deploy.local.internal.RealNodeHost;
import io.openim.deploy.local.internal.WorkFolders;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A disposable Kubernetes cluster made of real processes on this machine: etcd,
 * kube-apiserver, kube-controller-manager and kube-scheduler, with KWOK simulating nodes and the
 * pod lifecycle (no kubelet, no containers, no images pulled), and optionally one real node
 * ({@link Builder#realNodes(int)}) whose pods run real containers.
 *
 * <p>Every listener binds to 127.0.0.1 on a free port. Each cluster gets a fresh CA, serving
 * certificate and service-account keys; RBAC is on. Deployments, StatefulSets (with
 * volumeClaimTemplates, through the default StorageClass {@value #STORAGE_CLASS}) and Jobs roll out
 * as on a real cluster, because their pods become Ready, or Succeeded for Jobs, as soon as they
 * are scheduled onto a simulated node.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.builder().nodes(3).start()) {
 *   ApiClient admin = cluster.newAdminClient();
 *   String kubeconfig = cluster.adminKubeconfig();
 *   ...
 * }
 * }</pre>
 *
 * <h2>Cleanup</h2>
 *
 * {@link #close()} stops every process and removes the work folder. If the JVM dies without
 * closing, even by SIGKILL, a watchdog process kills the cluster's processes and removes the
 * folder. A real node's host changes are undone in both cases, and by the next start's sweep if
 * the watchdog died too.
 *
 * <p>Instances are thread-safe.
 *
 * @since 0.1
 */
public final class LocalCluster implements AutoCloseable {
  /** The name of the default StorageClass whose claims KWOK provisions and binds. */
  public static final String STORAGE_CLASS = "kwok-volume";

  private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);

  /** Where a real node keeps the record of its host changes and its one-per-machine lock. */
  static final Path RUN_DIRECTORY = Path.of("/run/openim-deploy");

  private final ClusterProcesses processes;
  private final Path workDirectory;
  private final Duration startupTime;

  private LocalCluster(ClusterProcesses processes, Path workDirectory, Duration startupTime) {
    this.processes = processes;
    this.workDirectory = workDirectory;
    this.startupTime = startupTime;
  }

  /** A builder for a cluster with one node, the default binaries and a temporary work folder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Why this machine cannot run a real node ({@link Builder#realNodes(int)}), in one sentence that
   * says what to install or change, or empty when it can. Runs the node's own host check (tools on
   * the {@code PATH}, the CNI plugins, root) and changes nothing; it does not tell whether another
   * real node runs here, which {@link Builder#start()} reports.
   *
   * @since 0.1
   */
  public static Optional<String> realNodeUnavailable() {
    Path scratch = WorkFolders.newTemporary();
    try {
      return Optional.ofNullable(RealNodeHost.unavailableReason(scratch));
    } finally {
      WorkFolders.delete(scratch);
    }
  }

  /** The API server's URL, {@code https://127.0.0.1:<port>}. */
  public URI apiServer() {
    return processes.apiServer();
  }

  /** A self-contained kubeconfig for a cluster admin (group {@code system:masters}). */
  public String adminKubeconfig() {
    return processes.adminKubeconfig();
  }

  /** The file that holds {@link #adminKubeconfig()}; removed by {@link #close()}. */
  public Path adminKubeconfigFile() {
    return processes.adminKubeconfigFile();
  }

  /**
   * A new client-java client for a cluster admin. Its read timeout is 30 s; build a client from
   * {@link #adminKubeconfig()} for watches.
   */
  public ApiClient newAdminClient() {
    return newClient(adminKubeconfig());
  }

  /**
   * A new client-java client for {@code kubeconfig}, for example one from {@link
   * #kubeconfigFor(String, String...)}. Its read timeout is 30 s.
   */
  public ApiClient newClient(String kubeconfig) {
    return processes.newClient(Objects.requireNonNull(kubeconfig, "kubeconfig"));
  }

  /**
   * A self-contained kubeconfig for a user who is not an admin: a client certificate with common
   * name {@code user} and organizations {@code groups}. The user may do nothing until RBAC grants
   * it something, which makes it right for least-privilege tests.
   */
  public String kubeconfigFor(String user, String... groups) {
    Objects.requireNonNull(user, "user");
    if (user.isBlank() || user.startsWith("system:")) {
      throw new IllegalArgumentException(
          "user must be non-blank and outside system:, but was '" + user + "'");
    }
    List<String> groupList = Arrays.asList(groups);
    if (groupList.contains("system:masters")) {
      throw new IllegalArgumentException("use adminKubeconfig() for system:masters");
    }
    Pki.Credential credential = processes.pki().issueClient(user, groupList);
    return Kubeconfigs.render(
        "openim-deploy-local", apiServer(), processes.pki().ca().certificatePem(), user,
        credential);
  }

  /**
   * Adds {@code count} simulated nodes with the given capacity and waits until each is Ready and
   * schedulable.
   *
   * @return the new nodes' names
   */
  public List<String> addNodes(int count, NodeCapacity capacity) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, but was " + count);
    }
    return processes.addNodes(count, Objects.requireNonNull(capacity, "capacity"));
  }

  /**
   * Creates a namespace named {@code prefix} plus a random suffix and waits until its {@code
   * default} ServiceAccount exists, so pods can be created in it at once.
   *
   * @return the namespace's name
   */
  public String createNamespace(String prefix) {
    return processes.createNamespace(Objects.requireNonNull(prefix, "prefix"));
  }

  /**
   * Kills one component ({@code kube-apiserver}, {@code etcd}, {@code kube-controller-manager},
   * {@code kube-scheduler} or {@code kwok}) with SIGKILL, as a crash would, keeps it down for
   * {@code downtime}, then starts it again on the same port and waits until it is healthy. For
   * tests of how clients ride out an API server that goes away.
   */
  public void restart(String component, Duration downtime) {
    processes.restart(Objects.requireNonNull(component, "component"), Objects.requireNonNull(downtime, "downtime"));
  }

  /**
   * Kills {@code component} with SIGKILL now and returns once it has died; in the background it
   * stays down for {@code downtime} and starts again, and the controllers are restarted afresh
   * after it, as a real control plane's would. For faults at a chosen point of a client's work,
   * which {@link #restart} would block.
   *
   * @return completes when everything is up again
   * @since 0.4
   */
  public CompletableFuture<Void> kill(String component, Duration downtime) {
    return Outage.kill(processes, Objects.requireNonNull(component, "component"),
        Objects.requireNonNull(downtime, "downtime"));
  }

  /**
   * The names of the real nodes, those whose pods really run; empty unless {@link
   * Builder#realNodes(int)} asked for one.
   */
  public List<String> realNodes() {
    return processes.realNodes().stream().map(RealNode::name).toList();
  }

  /**
   * Imports an image archive (docker-archive or OCI, as {@code ctr images import} reads) into
   * every real node's containerd, under the references it carries, so that pods naming them run
   * without a registry. Pods use it when their image pull policy lets them (IfNotPresent, the
   * default for tags other than {@code latest}).
   *
   * @throws IllegalStateException if the cluster has no real node
   */
  public void importImage(Path archive) {
    Objects.requireNonNull(archive, "archive");
    List<RealNode> nodes = processes.realNodes();
    if (nodes.isEmpty()) {
      throw new IllegalStateException(
          "this cluster has no real node to import " + archive + " into; start it with realNodes(1)");
    }
    nodes.forEach(node -> node.importImage(archive));
  }

  /** The cluster's CA and certificates; for test tools of this package, such as the throttling proxy. */
  Pki pki() {
    return processes.pki();
  }

  /** The cluster's processes, in start order, with their process ids and log files. */
  public List<Component> components() {
    return processes.components();
  }

  /** The folder with the cluster's certificates, etcd data and logs; removed by {@link #close()}. */
  public Path workDirectory() {
    return workDirectory;
  }

  /** How long {@link Builder#start()} took, from the first process started to the nodes Ready. */
  public Duration startupTime() {
    return startupTime;
  }

  /** Stops every process, newest first, and removes the work folder. Safe to call twice. */
  @Override
  public void close() {
    processes.close();
    WorkFolders.delete(workDirectory);
    LOG.debug("local cluster in {} stopped", workDirectory);
  }

  /**
   * One running process of the cluster.
   *
   * @param name etcd, kube-apiserver, kube-controller-manager, kube-scheduler or kwok; with a
   *     real node also containerd, kubelet, kube-proxy and coredns
   * @param pid its operating-system process id
   * @param log the file its standard output and error go to
   * @since 0.1
   */
  public record Component(String name, long pid, Path log) {
    /** Checks that every part is given. */
    public Component {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(log, "log");
    }
  }

  /**
   * Configures and starts a {@link LocalCluster}. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private int nodes = 1;
    private int realNodes;
    private NodeCapacity nodeCapacity = NodeCapacity.DEFAULT;
    private @Nullable ControlPlaneBinaries binaries;
    private @Nullable Path workDirectory;
    private Duration startTimeout = Duration.ofMinutes(2);
    private @Nullable Path auditLog;

    private Builder() {}

    /** How many simulated nodes to create before {@link #start()} returns; 1 unless set. */
    public Builder nodes(int nodes) {
      if (nodes < 0) {
        throw new IllegalArgumentException("nodes must not be negative, but was " + nodes);
      }
      this.nodes = nodes;
      return this;
    }

    /**
     * How many real nodes to start: a kubelet with containerd and runc, kube-proxy and CoreDNS on
     * this machine, whose pods run real containers. 0 unless set; at most 1, because a real node
     * takes the host's network namespace (kube-proxy's iptables chains, the node address) for
     * itself. Needs Linux, root, and the Debian packages containerd, runc,
     * containernetworking-plugins and iptables; {@link #start()} says what is missing.
     */
    public Builder realNodes(int realNodes) {
      if (realNodes < 0 || realNodes > 1) {
        throw new IllegalArgumentException(
            "realNodes must be 0 or 1, but was " + realNodes
                + ": a real node takes this machine's network namespace, so only one fits");
      }
      this.realNodes = realNodes;
      return this;
    }

    /** The capacity of the nodes created at start; {@link NodeCapacity#DEFAULT} unless set. */
    public Builder nodeCapacity(NodeCapacity nodeCapacity) {
      this.nodeCapacity = Objects.requireNonNull(nodeCapacity, "nodeCapacity");
      return this;
    }

    /** The binaries to run; {@link ControlPlaneBinaries#locate()} unless set. */
    public Builder binaries(ControlPlaneBinaries binaries) {
      this.binaries = Objects.requireNonNull(binaries, "binaries");
      return this;
    }

    /** An empty or absent folder to work in; a new temporary folder unless set. */
    public Builder workDirectory(Path workDirectory) {
      this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
      return this;
    }

    /** How long each component may take to become ready; 2 minutes unless set. */
    public Builder startTimeout(Duration startTimeout) {
      if (startTimeout.isNegative() || startTimeout.isZero()) {
        throw new IllegalArgumentException("startTimeout must be positive, but was " + startTimeout);
      }
      this.startTimeout = startTimeout;
      return this;
    }

    /**
     * An audit log of every request the API server serves, at level Metadata (user, user agent,
     * verb, resource, namespace, response code; never a body), one JSON event per line and stage,
     * written as each request is served and never rotated: for counting a tool's requests. Absent
     * unless set. A file outside {@link #workDirectory(Path)} is left by {@link #close()}.
     *
     * @since 0.3
     */
    public Builder auditLog(Path auditLog) {
      this.auditLog = Objects.requireNonNull(auditLog, "auditLog").toAbsolutePath();
      return this;
    }

    /**
     * Starts the cluster and waits until the API server is ready, the nodes are Ready and the
     * {@code default} namespace's ServiceAccount exists.
     *
     * @throws LocalClusterException if a component does not come up; the message names it and
     *     shows the end of its log, and nothing is left running
     */
    public LocalCluster start() {
      ControlPlaneBinaries bins = binaries != null ? binaries : ControlPlaneBinaries.locate();
      Path dir = workDirectory != null ? workDirectory : WorkFolders.newTemporary();
      long begin = System.nanoTime();
      NodeBinaries nodeBinaries = null;
      RealNodeHost host = null;
      if (realNodes > 0) {
        nodeBinaries =
            NodeBinaries.locate(
                ControlPlaneBinaries.defaultCacheRoot(System.getenv(), System.getProperties())
                    .resolveSibling("node"),
                bins.versions().kubernetes(),
                System.getenv(),
                line -> LOG.info("{}", line));
        try {
          host = RealNodeHost.claim(dir, RUN_DIRECTORY);
        } catch (RuntimeException e) {
          WorkFolders.delete(dir);
          throw e;
        }
      }
      ClusterProcesses processes = ClusterProcesses.start(bins, dir, startTimeout, host, auditLog);
      try {
        if (nodes > 0) {
          processes.addNodes(nodes, nodeCapacity);
        }
        if (nodeBinaries != null) {
          processes.addRealNode(nodeBinaries, TestImages.pause(nodeBinaries.file("pause")).file());
        }
        processes.awaitDefaultServiceAccount("default");
      } catch (RuntimeException e) {
        processes.close();
        WorkFolders.delete(dir);
        throw e;
      }
      Duration took = Duration.ofNanos(System.nanoTime() - begin);
      LOG.info("local cluster up at {} in {} ms ({})", processes.apiServer(), took.toMillis(), dir);
      return new LocalCluster(processes, dir, took);
    }
  }
}
