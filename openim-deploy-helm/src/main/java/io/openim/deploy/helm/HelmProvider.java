/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.helm;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.UpgradeCommand;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.ObjectResult;
import io.openim.deploy.Outcome;
import io.openim.deploy.Phase;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Revision;
import io.openim.deploy.Target;
import io.openim.deploy.core.Deployer;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.engine.ObjectRef;
import io.openim.deploy.core.engine.RolloutException;
import io.openim.deploy.core.engine.RolloutWaiter;
import io.openim.deploy.helm.internal.ChartFromRecord;
import io.openim.deploy.helm.internal.ChartRepository;
import io.openim.deploy.helm.internal.Templates;
import io.openim.deploy.helm.internal.Workspace;
import io.openim.deploy.spi.DeploymentProvider;
import io.openim.deploy.spi.ProviderContext;
import io.openim.deploy.spi.Support;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * Deploys OpenIM as a real Helm release: the plan is exported as a chart ({@link ChartExport}) and
 * installed or upgraded through helm-java (the Helm library, with its linux-amd64 native declared
 * as a dependency, never downloaded), then waited for with the engine's rollout waiting. {@code
 * helm list} and {@code helm history} see the release like any other.
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

  private static final Logger LOG = LoggerFactory.getLogger(HelmProvider.class);

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

  @Override
  public DeploymentPlan plan(DeploymentSpec spec, ProviderContext context) {
    try (Deployer deployer = Deployer.builder().kubeconfig(kubeconfig(context)).build()) {
      return deployer.plan(spec);
    }
  }

  @Override
  public DeploymentResult apply(DeploymentPlan plan, ProviderContext context) {
    Instant start = Instant.now();
    ReleaseRef release = ReleaseRef.of(plan.spec());
    ClusterConnection connection = ClusterConnection.fromKubeconfig(kubeconfig(context)).listener(context.listener());
    List<ObjectResult> results = new ArrayList<>();
    try (Workspace work = Workspace.create(kubeconfig(context))) {
      Path kubeconfigFile = work.kubeconfig();
      Path chart = ChartExport.write(plan, work.dir(), ChartExport.Options.DEFAULT);
      Path credentials = credentialsValues(plan, work);
      connection.emit(new DeploymentEvent.PhaseStarted(Instant.now(), Phase.FOUNDATION, plan.manifests().size()));
      Installed installed = install(connection, release, chart, credentials, kubeconfigFile, context, null);
      Outcome outcome = installed.upgrade() ? Outcome.CHANGED : Outcome.CREATED;
      RolloutWaiter waiter = new RolloutWaiter(connection);
      Instant deadline = start.plus(context.timeout());
      for (Manifest manifest : plan.manifests()) {
        if (manifest.kind().equals("Namespace")) {
          continue;
        }
        ObjectRef ref = ObjectRef.of(manifest);
        connection.emit(new DeploymentEvent.ObjectApplied(Instant.now(), ref.id(), outcome));
        if (RolloutWaiter.waitsFor(manifest.kind())) {
          // a Deployment waits for its own progress deadline, within the overall timeout
          waiter.await(ref, context.objectTimeout(), deadline);
        }
        results.add(new ObjectResult(ref.id(), outcome, null));
      }
      return succeeded(connection, installed.revision(), results, start);
    } catch (RolloutException e) {
      return failed(connection, e.getMessage(), results, start);
    } catch (IllegalStateException e) {
      return failed(connection, "Helm refused the release " + release + ": " + e.getMessage(), results, start);
    }
  }

  /**
   * The plan's credentials as chart values, in an owner-only file of the owner-only workspace
   * (helm-java runs in-process, so they are on no command line): the spec's given ones, and the
   * generated ones that {@link #plan} kept from the release's live Secret or generated anew. The
   * release's Secret then holds exactly the plan's values, and an upgrade never rotates them.
   */
  private static Path credentialsValues(DeploymentPlan plan, Workspace work) {
    Object credentials = ChartExport.values(plan, true).get("credentials");
    try {
      return work.writePrivate("credentials.yaml", Templates.yaml().dump(Map.of("credentials", credentials)));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the credentials values into " + work.dir(), e);
    }
  }

  /** The outcome of a helm install or upgrade. */
  private record Installed(boolean upgrade, int revision) {}

  /**
   * Installs or upgrades {@code release} from a chart folder, after checking, before anything
   * changes, that the release name is not taken by another chart and that the chart renders with
   * its values and validates on the server (Helm's server-side dry run).
   */
  private static Installed install(ClusterConnection connection, ReleaseRef release, Path chart,
      @Nullable Path values, Path kubeconfigFile, ProviderContext context, @Nullable String description) {
    List<HelmReleases.Record> records = HelmReleases.records(connection, release);
    String chartName = chartName(chart);
    if (!records.isEmpty()) {
      HelmReleases.Record last = records.get(records.size() - 1);
      String owner = last.chart();
      if (!last.chartName().equals(chartName)) {
        throw new RolloutException("Helm release " + release, "the name is taken by a release of chart " + owner
            + ", not " + chartName + "; choose another release name or uninstall that release first");
      }
    }
    boolean upgrade = !records.isEmpty();
    int timeout = (int) context.timeout().toSeconds();
    // a server-side dry run first: a chart that does not render, values its schema refuses, or
    // objects the API server would reject fail here, before anything changes
    run(chart, release, values, kubeconfigFile, timeout, upgrade, DryRun.SERVER, description);
    Release done = run(chart, release, values, kubeconfigFile, timeout, upgrade, DryRun.NONE, description);
    LOG.info("helm {} of {}: revision {} {}", upgrade ? "upgrade" : "install", release, done.getRevision(),
        done.getStatus());
    return new Installed(upgrade, Integer.parseInt(done.getRevision()));
  }

  private static Release run(Path chart, ReleaseRef release, @Nullable Path values, Path kubeconfigFile,
      int timeout, boolean upgrade, DryRun dryRun, @Nullable String description) {
    if (upgrade) {
      UpgradeCommand upgradeCommand = new Helm(chart).upgrade().withName(release.release())
          .withNamespace(release.namespace()).withKubeConfig(kubeconfigFile).withTimeout(timeout)
          .withDryRunOption(dryRun);
      if (values != null) {
        upgradeCommand.withValuesFile(values);
      }
      if (description != null) {
        upgradeCommand.withDescription(description);
      }
      return upgradeCommand.call();
    }
    InstallCommand installCommand = new Helm(chart).install().withName(release.release())
        .withNamespace(release.namespace()).createNamespace().withKubeConfig(kubeconfigFile).withTimeout(timeout)
        .withDryRunOption(dryRun);
    if (values != null) {
      installCommand.withValuesFile(values);
    }
    return installCommand.call();
  }

  private static String chartName(Path chart) {
    try {
      for (String line : Files.readAllLines(chart.resolve("Chart.yaml"))) {
        if (line.startsWith("name:")) {
          return line.substring("name:".length()).trim().replace("\"", "");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + chart.resolve("Chart.yaml"), e);
    }
    throw new RolloutException("chart " + chart, "Chart.yaml has no name");
  }

  /**
   * Rolls the release back to an earlier revision, the way {@code helm rollback} does: the chart
   * and values stored with that revision are installed again as a new revision described {@code
   * Rollback to N}, then waited for. The credentials keep their current values, as with the
   * built-in provider's rollback.
   */
  public DeploymentResult rollback(ReleaseRef release, int revision, ProviderContext context) {
    Instant start = Instant.now();
    ClusterConnection connection = ClusterConnection.fromKubeconfig(kubeconfig(context)).listener(context.listener());
    try (Workspace work = Workspace.create(kubeconfig(context))) {
      List<HelmReleases.Record> records = HelmReleases.records(connection, release);
      HelmReleases.Record record = records.stream().filter(r -> r.revision() == revision).findFirst()
          .orElseThrow(() -> new RolloutException("Helm release " + release, "has no revision " + revision));
      Path chart = ChartFromRecord.write(record.json(), records.get(records.size() - 1).json(), work);
      Installed installed = install(connection, release, chart, work.dir().resolve("values.yaml"), work.kubeconfig(),
          context, "Rollback to " + revision);
      return succeeded(connection, installed.revision(), waitForWorkloads(connection, release, record, context),
          start);
    } catch (RolloutException e) {
      return failed(connection, e.getMessage(), List.of(), start);
    } catch (IllegalStateException e) {
      return failed(connection, "Helm refused the rollback of " + release + ": " + e.getMessage(), List.of(), start);
    } catch (IOException e) {
      throw new UncheckedIOException("could not rebuild revision " + revision + " of " + release, e);
    }
  }

  /** Waits for the Deployments, StatefulSets and Jobs of a stored revision's manifest. */
  private static List<ObjectResult> waitForWorkloads(ClusterConnection connection, ReleaseRef release,
      HelmReleases.Record record, ProviderContext context) {
    RolloutWaiter waiter = new RolloutWaiter(connection);
    Instant deadline = Instant.now().plus(context.timeout());
    List<ObjectResult> results = new ArrayList<>();
    String manifest = record.json().get("manifest").getAsString();
    for (Object document : new Yaml().loadAll(manifest)) {
      if (document instanceof Map<?, ?> object && object.get("kind") instanceof String kind
          && object.get("metadata") instanceof Map<?, ?> metadata) {
        String apiVersion = String.valueOf(object.get("apiVersion"));
        ObjectRef ref = new ObjectRef(apiVersion, kind, release.namespace(), String.valueOf(metadata.get("name")));
        if (RolloutWaiter.waitsFor(kind)) {
          waiter.await(ref, context.objectTimeout(), deadline);
        }
        results.add(new ObjectResult(ref.id(), Outcome.CHANGED, null));
      }
    }
    return results;
  }

  /**
   * Installs or upgrades a chart the user keeps, from a local folder, with {@code values} (for a
   * chart laid out like the exported one, {@link ChartExport#values} maps a spec onto it), then
   * waits for its workloads. A chart that does not render, values its schema refuses, and a
   * release name taken by another chart fail before anything changes.
   */
  public DeploymentResult installChart(Path chartFolder, Map<String, Object> values, ReleaseRef release,
      ProviderContext context) {
    Instant start = Instant.now();
    ClusterConnection connection = ClusterConnection.fromKubeconfig(kubeconfig(context)).listener(context.listener());
    try (Workspace work = Workspace.create(kubeconfig(context))) {
      Path valuesFile = work.writePrivate("values.yaml", new Yaml().dump(values));
      Installed installed = install(connection, release, chartFolder, valuesFile, work.kubeconfig(), context, null);
      HelmReleases.Record latest = HelmReleases.record(connection, release, installed.revision())
          .orElseThrow(() -> new RolloutException("Helm release " + release, "revision " + installed.revision()
              + " was installed but is not stored"));
      return succeeded(connection, installed.revision(), waitForWorkloads(connection, release, latest, context),
          start);
    } catch (RolloutException e) {
      return failed(connection, e.getMessage(), List.of(), start);
    } catch (IllegalStateException e) {
      return failed(connection, "Helm refused " + chartFolder + " for " + release + ": " + e.getMessage(), List.of(), start);
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare the chart " + chartFolder, e);
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

  /** The release's revisions, as Helm stores them. */
  public List<Revision> history(ReleaseRef release, Target target) {
    return HelmReleases.history(ClusterConnection.fromKubeconfig(kubeconfig(target)), release);
  }

  /** Uninstalls the release with Helm; the namespace and the data volumes stay. */
  public void uninstall(ReleaseRef release, Target target) {
    try (Workspace work = Workspace.create(kubeconfig(target))) {
      Helm.uninstall(release.release()).withNamespace(release.namespace()).withKubeConfig(work.kubeconfig()).call();
    }
  }

  private static DeploymentResult succeeded(ClusterConnection connection, int revision, List<ObjectResult> results,
      Instant start) {
    DeploymentResult result = new DeploymentResult.Succeeded(revision, results, Duration.between(start, Instant.now()));
    connection.emit(new DeploymentEvent.Finished(Instant.now(), result));
    return result;
  }

  private static DeploymentResult failed(ClusterConnection connection, String reason, List<ObjectResult> results,
      Instant start) {
    DeploymentResult result = new DeploymentResult.Failed(reason, results, Duration.between(start, Instant.now()));
    connection.emit(new DeploymentEvent.Finished(Instant.now(), result));
    return result;
  }

  private static String kubeconfig(ProviderContext context) {
    return kubeconfig(context.target());
  }

  private static String kubeconfig(Target target) {
    if (!(target instanceof Target.Kubernetes kubernetes)) {
      throw new IllegalArgumentException("the helm provider needs a Target.Kubernetes, but got "
          + target.getClass().getSimpleName());
    }
    return kubernetes.kubeconfig().reveal();
  }

}
