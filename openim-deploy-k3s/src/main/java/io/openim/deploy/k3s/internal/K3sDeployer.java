/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s.internal;

import io.openim.deploy.BackupReport;
import io.openim.deploy.BackupTarget;
import io.openim.deploy.ComponentStatus;
import io.openim.deploy.Deployer;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.ObjectDiff;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Removal;
import io.openim.deploy.Revision;
import io.openim.deploy.Support;
import io.openim.deploy.Verb;
import io.openim.deploy.core.KubernetesDeployer;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.engine.Rollout;
import io.openim.deploy.k3s.K3sOptions;
import io.openim.deploy.spi.ProviderContext;
import java.util.List;

/**
 * The k3s provider's deployer onto a running k3s: plans get k3s's defaults; with direct delivery
 * every verb is the engine's, and with HelmChart delivery the release is k3s's helm-controller's,
 * whose records answer history.
 */
public final class K3sDeployer implements Deployer {
  private static final String ID = "k3s";
  private static final String HELM_CHART = "with HelmChart delivery k3s's helm-controller owns the release and"
      + " reinstalls what the HelmChart holds; ";

  private final ProviderContext context;
  private final K3sOptions options;
  private final ClusterConnection connection;
  private final KubernetesDeployer engine;
  private final Rollout rollout;

  public K3sDeployer(ProviderContext context, K3sOptions options, String kubeconfig) {
    this.context = context;
    this.options = options;
    this.connection = ClusterConnection.fromKubeconfig(kubeconfig);
    this.engine = KubernetesDeployer.builder().connection(connection).listener(context.listener())
        .objectTimeout(context.objectTimeout()).timeout(context.timeout()).force(context.force())
        .flavour(ID, K3sDefaults.flavour(options)).build();
    this.rollout = new Rollout(connection, context.objectTimeout(), context.timeout(), 4);
  }

  private boolean helmChart() {
    return options.delivery() == K3sOptions.Delivery.HELM_CHART;
  }

  @Override
  public String provider() {
    return ID;
  }

  @Override
  public Support supports(Verb verb) {
    return supports(options, verb);
  }

  /** The verbs the k3s provider supports with {@code options}: every one, but fewer with HelmChart delivery. */
  public static Support supports(K3sOptions options, Verb verb) {
    if (options.delivery() != K3sOptions.Delivery.HELM_CHART) {
      return Support.yes();
    }
    return switch (verb) {
      case DIFF -> Support.no(HELM_CHART + "the engine's dry run would compare against objects it does not own");
      case ROLLBACK -> Support.no(HELM_CHART + "apply the earlier spec again to go back");
      case BACKUP, RESTORE -> Support.no(HELM_CHART + "openim-deploy keeps no release records to back up against;"
          + " use direct delivery to back up");
      default -> Support.yes();
    };
  }

  private void require(Verb verb) {
    if (supports(verb) instanceof Support.Unsupported) {
      throw declined(verb);
    }
  }

  @Override
  public DeploymentPlan plan(DeploymentSpec spec) {
    return engine.plan(spec);
  }

  @Override
  public List<ObjectDiff> diff(DeploymentPlan plan) {
    require(Verb.DIFF);
    return engine.diff(plan);
  }

  @Override
  public DeploymentResult apply(DeploymentPlan plan) {
    plan.requireMadeBy(ID);
    if (helmChart()) {
      return rollout.run(ReleaseRef.of(plan.spec()), new HelmChartDelivery(plan, options, context.force()),
          context.listener());
    }
    return engine.apply(plan);
  }

  @Override
  public List<ComponentStatus> status(ReleaseRef release) {
    return engine.status(release);
  }

  @Override
  public List<Revision> history(ReleaseRef release) {
    return helmChart() ? HelmChartDelivery.history(connection, release) : engine.history(release);
  }

  @Override
  public DeploymentResult rollback(ReleaseRef release, int revision) {
    require(Verb.ROLLBACK);
    return engine.rollback(release, revision);
  }

  @Override
  public Removal destroy(ReleaseRef release, boolean deleteData) {
    return helmChart() ? HelmChartDelivery.destroy(connection, engine, release, options, context.timeout(), deleteData)
        : engine.destroy(release, deleteData);
  }

  @Override
  public BackupReport backup(DeploymentSpec spec, BackupTarget target, String id) {
    require(Verb.BACKUP);
    return engine.backup(spec, target, id);
  }

  @Override
  public DeploymentResult restore(DeploymentSpec spec, BackupTarget target, String id) {
    require(Verb.RESTORE);
    return engine.restore(spec, target, id);
  }

  @Override
  public void close() {
    rollout.close();
    engine.close();
  }
}
