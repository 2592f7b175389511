/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import io.openim.deploy.BackupReport;
import io.openim.deploy.BackupTarget;
import io.openim.deploy.ComponentStatus;
import io.openim.deploy.Deployer;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentListener;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.ObjectDiff;
import io.openim.deploy.ProvisioningException;
import io.openim.deploy.RefusedException;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Removal;
import io.openim.deploy.Revision;
import io.openim.deploy.Support;
import io.openim.deploy.Verb;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider's deployer onto machines on which it sets a cluster up first (the RFC's first step):
 * {@code apply} provisions through the provider's {@link Provisioner} (idempotent: what is already
 * set up is left alone), then delivers the plan with the deployer the provider opens onto that
 * cluster. {@code plan} uses that deployer when the cluster is already up, so generated
 * credentials keep the release's values; otherwise it renders the spec offline and says so in a
 * warning. The other verbs need the cluster, and refuse saying it is not set up yet. Opening
 * contacts nothing.
 *
 * <p>A provisioning failure is a {@link DeploymentResult.Failed} naming the host and the command,
 * with nothing of the release applied or recorded, and a {@link DeploymentEvent.Finished} event.
 *
 * @since 0.3
 */
public final class ProvisionedDeployer implements Deployer {
  private static final Logger LOG = LoggerFactory.getLogger(ProvisionedDeployer.class);

  /**
   * How a provider sets a cluster up on its machines and finds it again.
   *
   * @since 0.3
   */
  public interface Provisioner {
    /** What is set up, for messages: {@code k3s}, {@code Kubernetes with sealos}. */
    String what();

    /** Where, for messages: the first machine, as {@code user@address:port}. */
    String where();

    /**
     * The cluster's admin kubeconfig if it is set up: reads, changes nothing.
     *
     * @throws ProvisioningException if the machine cannot be reached or trusted
     */
    Optional<String> kubeconfig();

    /** Why {@link #kubeconfig()} found none, for the refusals of the other verbs: "there is no X there". */
    String missing();

    /**
     * Sets the cluster up, leaving alone what already is, with each command as an event.
     *
     * @return the admin kubeconfig, its server reachable from this machine
     * @throws ProvisioningException naming the host and command that failed, with its output
     */
    String provision(DeploymentListener listener);

    /** What to do after {@link #provision} failed, for the failed result. */
    default String afterFailure() {
      return "Hosts already set up stay as they are; fix the cause and apply again, which leaves them alone and"
          + " goes on from there";
    }
  }

  private final String provider;
  private final Provisioner provisioner;
  private final Function<String, Deployer> onCluster;
  private final Flavour flavour;
  private final Function<Verb, Support> support;
  private final DeploymentListener listener;
  private @Nullable Deployer cluster; // guarded by this
  private @Nullable String kubeconfig; // guarded by this

  /**
   * A deployer for {@code provider} that provisions with {@code provisioner}.
   *
   * @param onCluster opens the provider's deployer onto the cluster of an admin kubeconfig
   * @param flavour the provider's defaults, for the plan made offline while the cluster is not up
   * @param support which verbs the provider supports
   * @param listener where events go; one that throws is logged and ignored
   */
  public ProvisionedDeployer(String provider, Provisioner provisioner, Function<String, Deployer> onCluster,
      Flavour flavour, Function<Verb, Support> support, DeploymentListener listener) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.provisioner = Objects.requireNonNull(provisioner, "provisioner");
    this.onCluster = Objects.requireNonNull(onCluster, "onCluster");
    this.flavour = Objects.requireNonNull(flavour, "flavour");
    this.support = Objects.requireNonNull(support, "support");
    Objects.requireNonNull(listener, "listener");
    this.listener = event -> {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("a deployment listener threw on {}; ignored", event.getClass().getSimpleName(), e);
      }
    };
  }

  @Override
  public String provider() {
    return provider;
  }

  @Override
  public Support supports(Verb verb) {
    return support.apply(verb);
  }

  /**
   * With the cluster up, the plan of the provider's deployer onto it; otherwise the offline plan,
   * with a warning that says so. Changes nothing.
   */
  @Override
  public DeploymentPlan plan(DeploymentSpec spec) {
    Optional<Deployer> up = running();
    if (up.isPresent()) {
      return up.get().plan(spec);
    }
    DeploymentPlan plan = flavour.offline(spec);
    List<String> warnings = new ArrayList<>(plan.warnings());
    warnings.add(provisioner.what() + " is not set up on " + provisioner.where() + " yet, so this plan was made"
        + " offline from the spec with " + provider + "'s defaults; apply sets " + provisioner.what() + " up on the"
        + " hosts first, then applies it");
    return new DeploymentPlan(plan.spec(), plan.manifests(), warnings, provider);
  }

  /** Sets the cluster up, then applies the plan onto it. */
  @Override
  public DeploymentResult apply(DeploymentPlan plan) {
    plan.requireMadeBy(provider);
    Instant start = Instant.now();
    String admin;
    try {
      admin = provisioner.provision(listener);
    } catch (ProvisioningException | UncheckedIOException e) {
      DeploymentResult.Failed failed = new DeploymentResult.Failed("setting " + provisioner.what() + " up failed, so"
          + " nothing of " + ReleaseRef.of(plan.spec()) + " was applied: " + e.getMessage() + "\n"
          + provisioner.afterFailure(),
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
    return up(Verb.RESTORE, ReleaseRef.of(spec), "apply sets " + provisioner.what() + " up first, and then a backup"
        + " can be restored").restore(spec, target, id);
  }

  /** The deployer onto the cluster, for {@code verb}; refused when the cluster is not up. */
  private Deployer up(Verb verb, ReleaseRef release, String consequence) {
    if (supports(verb) instanceof Support.Unsupported) {
      throw declined(verb);
    }
    return running().orElseThrow(() -> new RefusedException(verb.word() + " of " + release + " on the "
        + provisioner.what() + " hosts", List.of(provisioner.what() + " is not set up on " + provisioner.where()
            + " (" + provisioner.missing() + "), so " + consequence + "; apply sets " + provisioner.what()
            + " up on the hosts (openim-deploy up --provider " + provider + " --host ...)")));
  }

  private synchronized Optional<Deployer> running() {
    if (cluster != null) {
      return Optional.of(cluster);
    }
    return provisioner.kubeconfig().map(this::connect);
  }

  private synchronized Deployer connect(String admin) {
    if (cluster != null && admin.equals(kubeconfig)) {
      return cluster;
    }
    if (cluster != null) {
      cluster.close();
    }
    Deployer opened = onCluster.apply(admin);
    cluster = opened;
    kubeconfig = admin;
    return opened;
  }

  @Override
  public synchronized void close() {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }
}
