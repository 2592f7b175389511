/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.helm.internal;

import com.marcnuri.helm.Helm;
import io.openim.deploy.BackupReport;
import io.openim.deploy.BackupTarget;
import io.openim.deploy.ComponentStatus;
import io.openim.deploy.Deployer;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.ObjectDiff;
import io.openim.deploy.RefusedException;
import io.openim.deploy.Removal;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Revision;
import io.openim.deploy.Support;
import io.openim.deploy.Verb;
import io.openim.deploy.core.KubernetesDeployer;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.engine.Rollout;
import io.openim.deploy.core.engine.RolloutException;
import io.openim.deploy.core.chart.ChartExport;
import io.openim.deploy.core.chart.HelmReleases;
import io.openim.deploy.spi.ProviderContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Helm provider's deployer: plans with the engine, delivers as a Helm release ({@link
 * HelmInstall}), and answers history, rollback and destroy from Helm's own release records, so
 * {@code helm history} agrees. Status reads the release's workloads by label, as for any release.
 */
public final class HelmDeployer implements Deployer {
  private static final String ID = "helm";
  private static final String DATA = "backup and restore run openim-deploy's Jobs against the release records the"
      + " kubernetes provider keeps, and a Helm release has Helm's records instead; deploy with the kubernetes"
      + " provider to back up, or back up MongoDB and MinIO with their own tools";
  private static final String DIFF = "Helm computes an upgrade itself; see what would change with the helm-diff"
      + " plugin, or plan and diff with the kubernetes provider";

  private final ProviderContext context;
  private final String kubeconfig;
  private final ClusterConnection connection;
  private final KubernetesDeployer engine;
  private final Rollout rollout;

  public HelmDeployer(ProviderContext context, String kubeconfig) {
    this.context = context;
    this.kubeconfig = kubeconfig;
    this.connection = ClusterConnection.fromKubeconfig(kubeconfig);
    this.engine = KubernetesDeployer.builder().connection(connection).listener(context.listener())
        .objectTimeout(context.objectTimeout()).timeout(context.timeout()).build();
    this.rollout = new Rollout(connection, context.objectTimeout(), context.timeout(), 4);
  }

  /** Runs {@code delivery} through the engine's loop, its progress to this deployer's listener. */
  public DeploymentResult run(ReleaseRef release, HelmInstall delivery) {
    return rollout.run(release, delivery, context.listener());
  }

  @Override
  public String provider() {
    return ID;
  }

  @Override
  public Support supports(Verb verb) {
    return switch (verb) {
      case DIFF -> Support.no(DIFF);
      case BACKUP, RESTORE -> Support.no(DATA);
      default -> Support.yes();
    };
  }

  @Override
  public DeploymentPlan plan(DeploymentSpec spec) {
    return engine.plan(spec).madeBy(ID);
  }

  @Override
  public List<ObjectDiff> diff(DeploymentPlan plan) {
    throw declined(Verb.DIFF);
  }

  @Override
  public DeploymentResult apply(DeploymentPlan plan) {
    return run(ReleaseRef.of(plan.spec()), HelmInstall.plan(plan.requireMadeBy(ID), kubeconfig));
  }

  @Override
  public List<ComponentStatus> status(ReleaseRef release) {
    return engine.status(release);
  }

  @Override
  public List<Revision> history(ReleaseRef release) {
    return HelmReleases.history(connection, release);
  }

  @Override
  public DeploymentResult rollback(ReleaseRef release, int revision) {
    return run(release, HelmInstall.rollback(release, revision, kubeconfig));
  }

  /**
   * Uninstalls the Helm release with Helm, after checking it is openim-deploy's chart; then, as the
   * kubernetes provider does, keeps or deletes the credentials and data volumes. The objects listed
   * are those of the release's last manifest, which Helm deleted.
   */
  @Override
  public Removal destroy(ReleaseRef release, boolean deleteData) {
    Optional<HelmReleases.Record> latest = HelmReleases.latest(HelmReleases.records(connection, release));
    List<String> uninstalled = new ArrayList<>();
    if (latest.isPresent()) {
      HelmReleases.Record record = latest.get();
      String ours = ChartExport.Options.DEFAULT.chartName();
      if (!record.chartName().equals(ours)) {
        throw new RefusedException("removing the " + record.describe(release), List.of("it is not openim-deploy's:"
            + " its chart is " + record.chartName() + ", and the helm provider installs chart " + ours + ". Uninstall"
            + " it with helm if it is to go, or check the release name and namespace"));
      }
      try (Workspace work = Workspace.create(kubeconfig)) {
        Helm.uninstall(release.release()).withNamespace(release.namespace()).withKubeConfig(work.kubeconfig()).call();
      } catch (IllegalStateException e) {
        throw new RolloutException("Helm release " + release, "Helm could not uninstall it: " + e.getMessage()
            + "; nothing else was removed");
      }
      HelmInstall.stored(record).forEach(ref -> uninstalled.add(ref.id()));
    }
    // Helm's objects are gone; the credentials, data volumes and namespace follow the built-in rules
    return engine.destroy(release, deleteData).preceded(uninstalled);
  }

  @Override
  public BackupReport backup(DeploymentSpec spec, BackupTarget target, String id) {
    throw declined(Verb.BACKUP);
  }

  @Override
  public DeploymentResult restore(DeploymentSpec spec, BackupTarget target, String id) {
    throw declined(Verb.RESTORE);
  }

  @Override
  public void close() {
    rollout.close();
    engine.close();
  }
}
