/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.helm;

import io.openim.deploy.Deployer;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Support;
import io.openim.deploy.Target;
import io.openim.deploy.helm.internal.ChartRepository;
import io.openim.deploy.helm.internal.HelmDeployer;
import io.openim.deploy.helm.internal.HelmInstall;
import io.openim.deploy.helm.internal.Workspace;
import io.openim.deploy.spi.DeploymentProvider;
import io.openim.deploy.spi.ProviderContext;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;


/**
 * Deploys OpenIM as a real Helm release: the plan is exported as a chart ({@link io.openim.deploy.core.chart.ChartExport}) and
 * installed or upgraded through helm-java (the Helm library, with its linux-amd64 native declared
 * as a dependency, never downloaded), then waited for by the engine's loop. {@code helm list} and
 * {@code helm history} see the release like any other, and the deployer's history, rollback and
 * destroy are Helm's own: its release records, {@code helm rollback}'s way, {@code helm
 * uninstall}. Diff, backup and restore are declined ({@link io.openim.deploy.NotSupportedException}).
 *
 * <p>Chosen by id ({@code OpenImDeploy.builder().provider("helm")}); for a plain cluster the
 * built-in {@code kubernetes} provider ranks higher. Helm applies all objects at once, so
 * dependencies are not started ahead of OpenIM as with the built-in provider; OpenIM's processes
 * retry until MongoDB, Kafka and the others are up.
 *
 * @since 0.1
 */
public final class HelmProvider implements DeploymentProvider {
  /** This provider's id. */
  public static final String ID = "helm";

  /** For ServiceLoader; does nothing. */
  public HelmProvider() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return -1;
  }

  @Override
  public Support supports(Target target) {
    if (!(target instanceof Target.Kubernetes)) {
      return Support.no("installs a Helm release into an existing Kubernetes cluster only");
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "");
    if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      return Support.no("ships Helm's native library for linux-amd64 only, and this is " + os + "/" + arch);
    }
    return Support.yes();
  }

  /** A deployer that delivers as a Helm release and answers from Helm's records. */
  @Override
  public Deployer open(ProviderContext context) {
    return new HelmDeployer(context, kubeconfig(context));
  }

  /**
   * Installs or upgrades a chart the user keeps, from a local folder, with {@code values} (for a
   * chart laid out like the exported one, {@link io.openim.deploy.core.chart.ChartExport#values} maps a spec onto it), then
   * waits for its workloads. A chart that does not render, values its schema refuses, and a
   * release name taken by another chart fail before anything changes.
   */
  public DeploymentResult installChart(Path chartFolder, Map<String, Object> values, ReleaseRef release,
      ProviderContext context) {
    String kubeconfig = kubeconfig(context);
    try (HelmDeployer deployer = new HelmDeployer(context, kubeconfig)) {
      return deployer.run(release, HelmInstall.chart(chartFolder, values, release, kubeconfig));
    }
  }

  /**
   * Like {@link #installChart(Path, Map, ReleaseRef, ProviderContext)}, for a chart version from a
   * Helm chart repository ({@code https://charts.example.com}, holding {@code index.yaml}).
   */
  public DeploymentResult installChart(URI repository, String chart, String version, Map<String, Object> values,
      ReleaseRef release, ProviderContext context) {
    try (Workspace work = Workspace.create(null)) {
      Path folder = ChartRepository.fetch(repository, chart, version, work.dir());
      return installChart(folder, values, release, context);
    } catch (IOException e) {
      return new DeploymentResult.Failed("could not fetch chart " + chart + " " + version + " from " + repository
          + ": " + e.getMessage(), List.of(), Duration.ZERO);
    }
  }

  private static String kubeconfig(ProviderContext context) {
    Target target = context.target();
    if (!(target instanceof Target.Kubernetes kubernetes)) {
      throw new IllegalArgumentException("the helm provider needs a Target.Kubernetes, but got "
          + target.getClass().getSimpleName());
    }
    return kubernetes.kubeconfig().reveal();
  }

}
