/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.internal;

import io.openim.deploy.DeploymentListener;
import io.openim.deploy.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sealos} command-line tool, its steps made safe to repeat. Facts from sealos v5.1.1
 * (docs/sealos.md): any error exits 1; a confirmation prompt wants this machine's host name typed
 * and, reading end-of-file, exits 1; {@code apply -f} is idempotent, the others are not, so each
 * step first reads the saved Clusterfile ({@code <runtimeRoot>/<cluster>/Clusterfile}) and runs
 * sealos only for what is still to do.
 *
 * <p>Confirmation: with {@link Builder#confirm confirm(true)} the steps use the flags that avoid a
 * prompt ({@code --force} on delete and reset, {@code -f} on run to reinstall), and every step gets
 * the host name on standard input for a prompt that remains. Without it standard input is closed,
 * and a step that prompts fails saying so.
 *
 * <p>Immutable and thread-safe, but sealos itself is not: run one step at a time per cluster.
 */
public final class SealosCli {
  /** The cluster name sealos uses when none is given (sealos v5.1.1, lifecycle/pkg/apply/args.go: --cluster). */
  public static final String DEFAULT_CLUSTER = "default";

  private static final Logger LOG = LoggerFactory.getLogger(SealosCli.class);

  private final Path runtimeRoot;
  private final String cluster;
  private final SealosProcess sealos;

  private SealosCli(Builder b) {
    this.runtimeRoot = b.runtimeRoot;
    this.cluster = b.cluster;
    this.sealos = new SealosProcess(b.executable, b.runtimeRoot, b.dataRoot, b.cluster, b.stepTimeout, b.confirm,
        new ProcessRunner(b.listener, b.masked));
  }

  /** A builder for the sealos executable {@code executable} (a path, or a name looked up on PATH). */
  public static Builder builder(Path executable) {
    return new Builder(executable);
  }

  /**
   * {@code sealos apply -f clusterfile}: creates the cluster, or brings it to the file (new images
   * installed, hosts added or removed by difference); the same file again changes nothing. It
   * prompts only for a file with a creationTimestamp when no saved state exists.
   *
   * @throws SealosException if the file names another cluster, if the saved cluster is half set up
   *     or would lose hosts without confirmation ({@link SavedCluster#applyRefusal}), or sealos fails
   */
  public void apply(Path clusterfile) {
    String step = "sealos apply -f " + clusterfile;
    SavedCluster given;
    try {
      given = SavedCluster.parse(Files.readString(clusterfile, StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      throw SealosException.refused(step, "cannot read the Clusterfile " + clusterfile + ": " + e.getMessage()
          + "; write it with the Clusterfile model", e);
    }
    if (!given.name().equals(cluster)) {
      throw SealosException.refused(step, "the Clusterfile is for cluster '" + given.name() + "', but this is set"
          + " up for cluster '" + cluster + "'; set cluster(\"" + given.name() + "\") or fix metadata.name");
    }
    Optional<SavedCluster> saved = savedCluster();
    Optional<String> refused = saved.flatMap(s -> s.applyRefusal(given, sealos.confirmed(), clusterDir()));
    if (refused.isPresent()) {
      throw SealosException.refused(step, refused.get());
    }
    boolean mayPrompt = given.created() && saved.isEmpty();
    sealos.run(List.of("apply", "-f", clusterfile.toString()), mayPrompt, "Fix the hosts or the settings and apply"
        + " again.");
  }

  /**
   * {@code sealos run}: installs {@code images}. On a new cluster the masters and nodes are given
   * to sealos (without masters sealos would use this machine's address, so they are required). On
   * an existing cluster, which must be in phase ClusterSuccess, images already installed are left
   * out unless {@code reinstall}, which re-runs their CMD ({@code -f} when confirmed, else sealos
   * prompts); nothing left means sealos is not run. Hosts not yet in the cluster are refused there:
   * {@link #add} them.
   *
   * @throws SealosException if a check refuses the step, or sealos fails
   */
  public void run(List<String> images, List<String> masters, List<String> nodes, boolean reinstall) {
    if (images.isEmpty()) {
      throw new IllegalArgumentException("images is empty: name at least one cluster image");
    }
    List<String> args = new ArrayList<>(List.of("run"));
    Optional<SavedCluster> saved = savedCluster();
    if (saved.isEmpty()) {
      if (masters.isEmpty()) {
        throw new IllegalArgumentException("masters is empty: on a new cluster sealos would install on this"
            + " machine's own address; name the masters");
      }
      hostFlags(args, masters, nodes);
      args.addAll(images);
      sealos.run(args, false, "Fix what the output names, then run again; if the cluster was half set up,"
          + " reset() it first.");
      return;
    }
    SavedCluster state = saved.get();
    String step = "sealos run " + String.join(" ", images);
    if (!SavedCluster.SUCCESS.equals(state.phase())) {
      throw SealosException.refused(step, "cluster '" + cluster + "' is in phase " + state.phase() + ", and sealos"
          + " runs images only on a cluster in phase " + SavedCluster.SUCCESS + "; apply its Clusterfile again or"
          + " reset() it");
    }
    List<String> absent = hosts(masters, nodes).stream().filter(h -> state.roleOf(h).isEmpty()).toList();
    if (!absent.isEmpty()) {
      throw SealosException.refused(step, "hosts " + absent + " are not in cluster '" + cluster + "'; add(...)"
          + " them first, then run the images");
    }
    List<String> wanted = images.stream().filter(i -> reinstall || !state.installed(i)).toList();
    if (wanted.isEmpty()) {
      LOG.debug("cluster {} has {} installed already; not running sealos", cluster, images);
      return;
    }
    boolean overrides = wanted.stream().anyMatch(state::installed);
    if (overrides && sealos.confirmed()) {
      args.add("-f"); // skips the override prompt and re-runs the image's CMD (docs/sealos.md)
    }
    args.addAll(wanted);
    sealos.run(args, overrides, "Fix what the output names, then run again: images installed are left out.");
  }

  /**
   * {@code sealos add}: joins the hosts not yet in the cluster (sealos fails on a host already
   * joined, so those are left out; nothing left means sealos is not run).
   *
   * @throws SealosException if there is no saved cluster, a host has joined with the other role, or
   *     sealos fails
   */
  public void add(List<String> masters, List<String> nodes) {
    String step = "sealos add";
    SavedCluster state = requireSaved(step, masters, nodes);
    List<String> args = hostArgs("add", state, masters, nodes, false);
    if (args.isEmpty()) {
      LOG.debug("every host is in cluster {} already; not running sealos add", cluster);
      return;
    }
    sealos.run(args, false, "Check that the new hosts are reachable over SSH with the cluster's credentials,"
        + " then add again: hosts already joined are left out.");
  }

  /**
   * {@code sealos delete}: removes the hosts that are in the cluster (hosts not joined are left
   * out; nothing left means sealos is not run), with {@code --force} when confirmed, else sealos
   * prompts. master0 cannot be deleted and is refused.
   *
   * @throws SealosException if there is no saved cluster, a host is master0 or has the other role,
   *     or sealos fails
   */
  public void delete(List<String> masters, List<String> nodes) {
    String step = "sealos delete";
    SavedCluster state = requireSaved(step, masters, nodes);
    Optional<String> master0 = state.master0().map(SavedCluster::address);
    if (master0.isPresent()
        && hosts(masters, nodes).stream().map(SavedCluster::address).anyMatch(master0.get()::equals)) {
      throw SealosException.refused(step, master0.get() + " is master0 of cluster '" + cluster + "', which sealos"
          + " cannot delete; reset() the cluster to remove it");
    }
    List<String> args = hostArgs("delete", state, masters, nodes, true);
    if (args.isEmpty()) {
      LOG.debug("no such host in cluster {}; not running sealos delete", cluster);
      return;
    }
    if (sealos.confirmed()) {
      args.add("--force"); // delete prompts unless --force; it has no -f (docs/sealos.md)
    }
    sealos.run(args, true, "Check that the hosts are reachable over SSH, then delete again: hosts already gone"
        + " are left out.");
  }

  /**
   * {@code sealos reset}: removes the cluster, with {@code --force} when confirmed, else sealos
   * prompts. sealos renames the saved Clusterfile to {@code Clusterfile.<unix time>}, and a second
   * reset would fail with "clusterfile must exist"; here it returns false instead.
   *
   * @return whether there was a cluster to reset
   * @throws SealosException if sealos fails
   */
  public boolean reset() {
    if (savedClusterfile().isEmpty()) {
      LOG.debug("no saved Clusterfile for cluster {}: nothing to reset", cluster);
      return false;
    }
    List<String> args = new ArrayList<>(List.of("reset"));
    if (sealos.confirmed()) {
      args.add("--force"); // reset prompts unless --force (docs/sealos.md)
    }
    try {
      sealos.run(args, true, "Check that the hosts are reachable over SSH, then reset again.");
      return true;
    } catch (SealosException e) {
      if (e.tail().stream().anyMatch(line -> line.contains("clusterfile must exist"))) {
        return false; // reset by someone else meanwhile (docs/sealos.md: the second reset's error)
      }
      throw e;
    }
  }

  /** The saved Clusterfile, {@code <runtimeRoot>/<cluster>/Clusterfile}; empty when sealos has none. */
  public Optional<String> savedClusterfile() {
    return read(clusterDir().resolve("Clusterfile"));
  }

  /**
   * What the saved Clusterfile says: the images installed, the hosts joined, the phase.
   *
   * @throws SealosException if the saved Clusterfile cannot be read
   */
  public Optional<SavedCluster> savedCluster() {
    return savedClusterfile().map(content -> {
      try {
        return SavedCluster.parse(content);
      } catch (IllegalArgumentException e) {
        throw SealosException.refused("read the saved Clusterfile", "cannot read " + clusterDir()
            .resolve("Clusterfile") + ": " + e.getMessage() + "; sealos wrote it, so check its version", e);
      }
    });
  }

  /**
   * The admin kubeconfig sealos copied to {@code <runtimeRoot>/<cluster>/etc/admin.conf}, with its
   * server {@code apiserver.cluster.local} moved to {@code masterAddress} (the port kept), so it
   * works from outside the cluster.
   *
   * @throws SealosException if sealos left no kubeconfig there
   * @throws IllegalArgumentException if {@code masterAddress} has a port or a scheme
   */
  public String kubeconfig(String masterAddress) {
    Kubeconfigs.urlHost(masterAddress); // refuses a port or a scheme at once
    Path file = clusterDir().resolve("etc").resolve("admin.conf");
    String content = read(file).orElseThrow(() -> SealosException.refused("read the kubeconfig", "there is no " + file
        + ": sealos copies the admin kubeconfig there when it sets the cluster up; apply(...) or run(...) first,"
        + " on the machine and with the runtime root sealos used"));
    savedCluster().filter(c -> c.roleOf(masterAddress).filter("master"::equals).isEmpty()).ifPresent(c ->
        LOG.warn("{} is not a master of cluster {} ({}); the API server's certificate may not name it",
            masterAddress, cluster, c.masters()));
    try {
      return Kubeconfigs.reachable(content, masterAddress);
    } catch (IllegalArgumentException e) {
      throw SealosException.refused("read the kubeconfig", file + ": " + e.getMessage() + "; sealos copies kubeadm's"
          + " admin.conf there, so check what replaced it", e);
    }
  }

  private SavedCluster requireSaved(String step, List<String> masters, List<String> nodes) {
    if (masters.isEmpty() && nodes.isEmpty()) {
      throw new IllegalArgumentException("no host given: name masters or nodes");
    }
    SavedCluster state = savedCluster().orElseThrow(() -> SealosException.refused(step, "there is no cluster '"
        + cluster + "' (no " + clusterDir().resolve("Clusterfile") + "); create it with"
        + " apply(...) or run(...) first"));
    List<String> wrong = state.wrongRoles(masters, nodes);
    if (!wrong.isEmpty()) {
      throw SealosException.refused(step, String.join("; ", wrong) + " in cluster '" + cluster + "'; give each"
          + " host with the role it has");
    }
    return state;
  }

  /** Where sealos keeps the cluster's state: {@code <runtimeRoot>/<cluster>} (docs/sealos.md). */
  private Path clusterDir() {
    return runtimeRoot.resolve(cluster);
  }

  private static List<String> hosts(List<String> masters, List<String> nodes) {
    List<String> all = new ArrayList<>(masters);
    all.addAll(nodes);
    return all;
  }

  /**
   * {@code subcommand} with the {@code --masters} and {@code --nodes} that are in the cluster
   * ({@code joined}) or are not, to add to; empty when no host is left.
   */
  private static List<String> hostArgs(String subcommand, SavedCluster state, List<String> masters,
      List<String> nodes, boolean joined) {
    List<String> keptMasters = masters.stream().filter(h -> state.roleOf(h).isPresent() == joined).toList();
    List<String> keptNodes = nodes.stream().filter(h -> state.roleOf(h).isPresent() == joined).toList();
    if (keptMasters.isEmpty() && keptNodes.isEmpty()) {
      return new ArrayList<>();
    }
    List<String> args = new ArrayList<>(List.of(subcommand));
    hostFlags(args, keptMasters, keptNodes);
    return args;
  }

  private static void hostFlags(List<String> args, List<String> masters, List<String> nodes) {
    if (!masters.isEmpty()) {
      args.add("--masters");
      args.add(String.join(",", masters));
    }
    if (!nodes.isEmpty()) {
      args.add("--nodes");
      args.add(String.join(",", nodes));
    }
  }

  private static Optional<String> read(Path file) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Configures a {@link SealosCli}. Not thread-safe.
   */
  public static final class Builder {
    private final Path executable;
    private Path runtimeRoot = Path.of(System.getProperty("user.home"), ".sealos");
    private @Nullable Path dataRoot;
    private String cluster = DEFAULT_CLUSTER;
    private Duration stepTimeout = Duration.ofMinutes(30);
    private boolean confirm;
    private DeploymentListener listener = DeploymentListener.NONE;
    private List<Secret> masked = List.of();

    private Builder(Path executable) {
      this.executable = Objects.requireNonNull(executable, "executable");
    }

    /** Where sealos keeps its state ({@code SEALOS_RUNTIME_ROOT}); {@code ~/.sealos} unless set. */
    public Builder runtimeRoot(Path runtimeRoot) {
      this.runtimeRoot = Objects.requireNonNull(runtimeRoot, "runtimeRoot");
      return this;
    }

    /** Where sealos keeps its data ({@code SEALOS_DATA_ROOT}); sealos's {@code /var/lib/sealos} unless set. */
    public Builder dataRoot(Path dataRoot) {
      this.dataRoot = Objects.requireNonNull(dataRoot, "dataRoot");
      return this;
    }

    /** The cluster's name, {@code metadata.name} of its Clusterfile; {@value #DEFAULT_CLUSTER} unless set. */
    public Builder cluster(String cluster) {
      if (!cluster.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
        throw new IllegalArgumentException("cluster must be a lower-case name such as 'default', but was '" + cluster
            + "'");
      }
      this.cluster = cluster;
      return this;
    }

    /** How long one sealos step may run before it is stopped; 30 minutes unless set. */
    public Builder stepTimeout(Duration stepTimeout) {
      if (stepTimeout.isNegative() || stepTimeout.isZero()) {
        throw new IllegalArgumentException("stepTimeout must be positive, but was " + stepTimeout);
      }
      this.stepTimeout = stepTimeout;
      return this;
    }

    /** Whether the caller confirmed sealos's prompts (the CLI's {@code --yes}); false unless set. */
    public Builder confirm(boolean confirm) {
      this.confirm = confirm;
      return this;
    }

    /** Where the output lines and ends of each step go. */
    public Builder listener(DeploymentListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Secrets that must never appear in events, logs or errors (the SSH password, ...). */
    public Builder masked(List<Secret> masked) {
      this.masked = List.copyOf(masked);
      return this;
    }

    /** Builds. */
    public SealosCli build() {
      return new SealosCli(this);
    }
  }
}
