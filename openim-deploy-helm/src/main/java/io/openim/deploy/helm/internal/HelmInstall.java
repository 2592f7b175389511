/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.helm.internal;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.UpgradeCommand;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.Manifest;
import io.openim.deploy.ObjectResult;
import io.openim.deploy.Outcome;
import io.openim.deploy.Phase;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.core.engine.Delivery;
import io.openim.deploy.core.engine.ObjectRef;
import io.openim.deploy.core.engine.Operation;
import io.openim.deploy.core.engine.RolloutException;
import io.openim.deploy.core.engine.RolloutWaiter;
import io.openim.deploy.core.chart.ChartExport;
import io.openim.deploy.core.chart.HelmReleases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * Delivers a chart as a Helm release through helm-java, all objects at once: install, or upgrade
 * when the release exists, each after a server-side dry run (a chart that does not render, values
 * its schema refuses, objects the API server would reject, and a release name taken by another
 * chart all fail before anything changes). Helm prunes and records itself: the revision is Helm's,
 * and the objects waited for are those Helm stored in it.
 */
public final class HelmInstall implements Delivery {
  private static final Logger LOG = LoggerFactory.getLogger(HelmInstall.class);

  /** Where a chart and its values come from, prepared in the owner-only workspace. */
  interface Source {
    /** The chart folder, given the release's stored revisions, oldest first. */
    Path chart(Workspace work, List<HelmReleases.Record> records) throws IOException;

    /** The values file, or null for the chart's own. */
    @Nullable Path values(Workspace work) throws IOException;
  }

  private final ReleaseRef release;
  private final String kubeconfig;
  private final Source source;
  private final List<Manifest> known;
  private final @Nullable String description;
  private final String what;
  private final List<ObjectRef> installed = new ArrayList<>();
  private int revision;

  private HelmInstall(ReleaseRef release, String kubeconfig, Source source, List<Manifest> known,
      @Nullable String description, String what) {
    this.release = release;
    this.kubeconfig = kubeconfig;
    this.source = source;
    this.known = known;
    this.description = description;
    this.what = what;
  }

  /**
   * A plan exported as a chart ({@link ChartExport}), with its credentials as values in an
   * owner-only file (helm-java runs in-process, so they are on no command line): the spec's given
   * ones and the generated ones the plan kept from the release's live Secret or generated anew, so
   * an upgrade never rotates them.
   */
  public static HelmInstall plan(DeploymentPlan plan, String kubeconfig) {
    Source source = new Source() {
      @Override
      public Path chart(Workspace work, List<HelmReleases.Record> records) throws IOException {
        return ChartExport.write(plan, work.dir(), ChartExport.Options.DEFAULT);
      }

      @Override
      public Path values(Workspace work) throws IOException {
        return work.writePrivate("credentials.yaml", ChartExport.toYaml(ChartExport.credentials(plan)));
      }
    };
    List<Manifest> objects = plan.manifests().stream().filter(m -> !m.kind().equals("Namespace")).toList();
    return new HelmInstall(ReleaseRef.of(plan.spec()), kubeconfig, source, objects, null, "the release");
  }

  /**
   * An earlier revision again, the way {@code helm rollback} does it: the chart and values stored
   * with {@code revision} installed as a new revision described {@code Rollback to N}. Credentials
   * keep their current values, as with the built-in provider's rollback.
   */
  public static HelmInstall rollback(ReleaseRef release, int revision, String kubeconfig) {
    Source source = new Source() {
      @Override
      public Path chart(Workspace work, List<HelmReleases.Record> records) throws IOException {
        HelmReleases.Record record = records.stream().filter(r -> r.revision() == revision).findFirst()
            .orElseThrow(() -> new RolloutException("Helm release " + release, "has no revision " + revision));
        return ChartFromRecord.write(record.json(), records.get(records.size() - 1).json(), work);
      }

      @Override
      public Path values(Workspace work) {
        return work.dir().resolve("values.yaml");
      }
    };
    return new HelmInstall(release, kubeconfig, source, List.of(), "Rollback to " + revision, "the rollback");
  }

  /** A chart the user keeps, in a local folder, with {@code values}. */
  public static HelmInstall chart(Path folder, Map<String, Object> values, ReleaseRef release, String kubeconfig) {
    Source source = new Source() {
      @Override
      public Path chart(Workspace work, List<HelmReleases.Record> records) {
        return folder;
      }

      @Override
      public Path values(Workspace work) throws IOException {
        return work.writePrivate("values.yaml", new Yaml().dump(values));
      }
    };
    return new HelmInstall(release, kubeconfig, source, List.of(), null, folder.toString());
  }

  @Override
  public List<Batch> batches() {
    return List.of(new Batch(Phase.FOUNDATION, known));
  }

  @Override
  public List<ObjectResult> deliver(Batch batch, Operation operation) {
    List<HelmReleases.Record> records = HelmReleases.records(operation.connection(), release);
    try (Workspace work = Workspace.create(kubeconfig)) {
      Path chart = source.chart(work, records);
      String chartName = chartName(chart);
      if (!records.isEmpty() && !records.get(records.size() - 1).chartName().equals(chartName)) {
        throw new RolloutException("Helm release " + release, "the name is taken by a release of chart "
            + records.get(records.size() - 1).chart() + ", not " + chartName
            + "; choose another release name or uninstall that release first");
      }
      boolean upgrade = !records.isEmpty();
      Path values = source.values(work);
      int seconds = (int) operation.timeout().toSeconds();
      run(chart, values, work.kubeconfig(), seconds, upgrade, DryRun.SERVER);
      Release done = run(chart, values, work.kubeconfig(), seconds, upgrade, DryRun.NONE);
      LOG.info("helm {} of {}: revision {} {}", upgrade ? "upgrade" : "install", release, done.getRevision(),
          done.getStatus());
      revision = Integer.parseInt(done.getRevision());
      HelmReleases.Record stored = HelmReleases.record(operation.connection(), release, revision)
          .orElseThrow(() -> new RolloutException("Helm release " + release, "revision " + revision
              + " was installed but is not stored"));
      installed.addAll(stored(stored));
      Outcome outcome = upgrade ? Outcome.CHANGED : Outcome.CREATED;
      return installed.stream().map(ref -> new ObjectResult(ref.id(), outcome, null)).toList();
    } catch (IllegalStateException e) {
      throw new RolloutException("Helm release " + release, "Helm refused " + what + ": " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare the chart for " + release, e);
    }
  }

  /** The objects Helm stored in the revision, whose rollouts are waited for. */
  @Override
  public List<ObjectRef> awaited(Batch batch) {
    return installed.stream().filter(ref -> RolloutWaiter.waitsFor(ref.kind())).toList();
  }

  @Override
  public int record(List<ObjectResult> results, Operation operation) {
    return revision;
  }

  private Release run(Path chart, @Nullable Path values, Path kubeconfigFile, int timeout, boolean upgrade,
      DryRun dryRun) {
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

  /** Every object in a stored revision's manifest. */
  static List<ObjectRef> stored(HelmReleases.Record record) {
    List<ObjectRef> refs = new ArrayList<>();
    if (!record.json().has("manifest")) {
      return refs;
    }
    String namespace = record.json().has("namespace") ? record.json().get("namespace").getAsString() : null;
    for (Object document : new Yaml().loadAll(record.json().get("manifest").getAsString())) {
      if (document instanceof Map<?, ?> object && object.get("kind") instanceof String kind
          && object.get("metadata") instanceof Map<?, ?> metadata) {
        Object own = metadata.get("namespace");
        refs.add(new ObjectRef(String.valueOf(object.get("apiVersion")), kind,
            own != null ? String.valueOf(own) : kind.equals("Namespace") ? null : namespace,
            String.valueOf(metadata.get("name"))));
      }
    }
    return refs;
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
}
