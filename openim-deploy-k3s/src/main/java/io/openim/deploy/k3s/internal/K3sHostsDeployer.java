/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s.internal;

import io.openim.deploy.BackupReport;
import io.openim.deploy.BackupTarget;
import io.openim.deploy.ComponentStatus;
import io.openim.deploy.Deployer;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentListener;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Host;
import io.openim.deploy.ObjectDiff;
import io.openim.deploy.RefusedException;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Removal;
import io.openim.deploy.Revision;
import io.openim.deploy.Support;
import io.openim.deploy.Verb;
import io.openim.deploy.core.render.Topology;
import io.openim.deploy.k3s.K3sOptions;
import io.openim.deploy.k3s.K3sProvisioning;
import io.openim.deploy.k3s.ProvisioningException;
import io.openim.deploy.spi.ProviderContext;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The k3s provider's deployer onto hosts reached over SSH. Apply sets k3s up first ({@link
 * io.openim.deploy.k3s.K3sInstall}: idempotent, each remote command a {@link
 * DeploymentEvent.RemoteCommand}), then delivers the plan onto that k3s as {@link K3sDeployer}
 * does onto an existing one, through the admin kubeconfig the install returns. Plan reads the
 * cluster when k3s is already up on the first server, and otherwise renders the spec offline with
 * k3s's defaults and says so in a warning. The other verbs need k3s to be up there, and refuse
 * saying so when it is not. Opening contacts no host.
 */
public final class K3sHostsDeployer implements Deployer {
  private static final Logger LOG = LoggerFactory.getLogger(K3sHostsDeployer.class);
  private static final String ID = "k3s";

  private final ProviderContext context;
  private final K3sOptions options;
  private final K3sProvisioning provisioning;
  private final List<Host> hosts;
  private final DeploymentListener listener;
  private @Nullable K3sDeployer cluster; // guarded by this
  private @Nullable String kubeconfig; // guarded by this

  public K3sHostsDeployer(ProviderContext context, K3sOptions options, K3sProvisioning provisioning, List<Host> hosts) {
    this.context = context;
    this.options = options;
    this.provisioning = provisioning;
    this.hosts = List.copyOf(hosts);
    this.listener = event -> {
      try {
        context.listener().onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("a deployment listener threw on {}; ignored", event.getClass().getSimpleName(), e);
      }
    };
  }

  @Override
  public String provider() {
    return ID;
  }

  @Override
  public Support supports(Verb verb) {
    return K3sDeployer.supports(options, verb);
  }

  /**
   * With k3s up on the first server (it has written its admin kubeconfig there, read over SFTP),
   * the plan of {@link K3sDeployer}, which reads the cluster and keeps the release's credentials;
   * otherwise the spec rendered offline with k3s's defaults, and a warning that says so. Changes
   * nothing on the hosts.
   */
  @Override
  public DeploymentPlan plan(DeploymentSpec spec) {
    Optional<K3sDeployer> up = running();
    if (up.isPresent()) {
      return up.get().plan(spec);
    }
    DeploymentPlan offline = K3sDefaults.plan(Topology.plan(K3sDefaults.spec(spec, options)), options);
    List<String> warnings = new ArrayList<>(offline.warnings());
    warnings.add("k3s is not set up on " + first() + " yet, so this plan was made offline from the spec with k3s's"
        + " defaults; apply sets k3s up on the hosts first, then applies it");
    return new DeploymentPlan(offline.spec(), offline.manifests(), warnings, ID);
  }

  /**
   * Sets k3s up on the hosts, then applies the plan onto it. A provisioning failure is a {@link
   * DeploymentResult.Failed} naming the host and the command, with nothing of the release applied
   * or recorded; hosts already set up stay so, and applying again goes on from there.
   */
  @Override
  public DeploymentResult apply(DeploymentPlan plan) {
    plan.requireMadeBy(ID);
    Instant start = Instant.now();
    String admin;
    try {
      admin = provisioning.install(hosts, listener).run();
    } catch (ProvisioningException | UncheckedIOException e) {
      DeploymentResult.Failed failed = new DeploymentResult.Failed("setting k3s up failed, so nothing of "
          + ReleaseRef.of(plan.spec()) + " was applied: " + e.getMessage() + "\nHosts already set up stay as they"
          + " are; fix the cause and apply again, which leaves them alone and goes on from there",
          List.of(), Duration.between(start, Instant.now()));
      listener.onEvent(new DeploymentEvent.Finished(Instant.now(), failed));
      return failed;
    }
    return connect(admin).apply(plan);
  }

  @Override
  public List<ObjectDiff> diff(DeploymentPlan plan) {
    return up(Verb.DIFF, ReleaseRef.of(plan.spec()), "there is nothing to compare the plan with yet: apply would"
        + " create every object").diff(plan);
  }

  @Override
  public List<ComponentStatus> status(ReleaseRef release) {
    return up(Verb.STATUS, release, "no release can be there yet").status(release);
  }

  @Override
  public List<Revision> history(ReleaseRef release) {
    return up(Verb.HISTORY, release, "no release can be there yet").history(release);
  }

  @Override
  public DeploymentResult rollback(ReleaseRef release, int revision) {
    return up(Verb.ROLLBACK, release, "no release can be there yet").rollback(release, revision);
  }

  @Override
  public Removal destroy(ReleaseRef release, boolean deleteData) {
    return up(Verb.DESTROY, release, "there is nothing to remove").destroy(release, deleteData);
  }

  @Override
  public BackupReport backup(DeploymentSpec spec, BackupTarget target, String id) {
    return up(Verb.BACKUP, ReleaseRef.of(spec), "there is no data to back up").backup(spec, target, id);
  }

  @Override
  public DeploymentResult restore(DeploymentSpec spec, BackupTarget target, String id) {
    return up(Verb.RESTORE, ReleaseRef.of(spec), "apply sets k3s up first, and then a backup can be restored")
        .restore(spec, target, id);
  }

  /** The deployer onto the k3s set up on the hosts, for {@code verb}; refused when k3s is not up there. */
  private K3sDeployer up(Verb verb, ReleaseRef release, String consequence) {
    if (supports(verb) instanceof Support.Unsupported) {
      throw declined(verb);
    }
    return running().orElseThrow(() -> new RefusedException(verb.word() + " of " + release + " on the k3s hosts",
        List.of("k3s is not set up on " + first() + " (there is no " + provisioning.install(hosts,
            DeploymentListener.NONE).kubeconfigPath() + " there), so " + consequence + "; apply sets k3s up on the"
            + " hosts (openim-deploy up --host ...)")));
  }

  /** The deployer onto the k3s on the hosts if it is up: its admin kubeconfig is on the first server. */
  private synchronized Optional<K3sDeployer> running() {
    if (cluster != null) {
      return Optional.of(cluster);
    }
    return provisioning.install(hosts, listener).kubeconfig().map(this::connect);
  }

  private synchronized K3sDeployer connect(String admin) {
    if (cluster != null && admin.equals(kubeconfig)) {
      return cluster;
    }
    if (cluster != null) {
      cluster.close();
    }
    K3sDeployer opened = new K3sDeployer(context, options, admin);
    cluster = opened;
    kubeconfig = admin;
    return opened;
  }

  private String first() {
    return SshHost.nameOf(hosts.get(0));
  }

  @Override
  public synchronized void close() {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }
}
