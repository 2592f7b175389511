/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s.internal;

import com.google.gson.Gson;
import com.marcnuri.helm.Helm;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.Manifest;
import io.openim.deploy.ObjectResult;
import io.openim.deploy.Outcome;
import io.openim.deploy.Phase;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Removal;
import io.openim.deploy.Revision;
import io.openim.deploy.core.KubernetesDeployer;
import io.openim.deploy.core.chart.HelmReleases;
import io.openim.deploy.core.engine.Applier;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.engine.Delivery;
import io.openim.deploy.core.engine.ObjectRef;
import io.openim.deploy.core.engine.Operation;
import io.openim.deploy.core.engine.RolloutWaiter;
import io.openim.deploy.core.chart.ChartExport;
import io.openim.deploy.k3s.K3sOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Delivers a plan through k3s's helm-controller: the plan is exported as a chart, packaged, and
 * carried inline ({@code chartContent}) by a {@code helm.cattle.io/v1} HelmChart; completion is read
 * from the install Job the controller runs ({@code helm-install-<name>}), then each workload's
 * rollout is waited for. HelmChart has no Ready condition of its own.
 */
public final class HelmChartDelivery implements Delivery {
  /** The HelmChart's name for a release. */
  public static String chartName(String release) {
    return release + "-openim";
  }

  /** The Secret, beside the HelmChart, that carries the plan's credentials as chart values. */
  public static String valuesSecretName(String release) {
    return chartName(release) + "-values";
  }

  /** The key of that Secret holding the values file. */
  public static final String VALUES_KEY = "credentials.yaml";

  /**
   * The plan's credentials as chart values, in a Secret the HelmChart names in {@code
   * valuesSecrets} (k3s-io/helm-controller pkg/apis/helm.cattle.io/v1/types.go, since v0.16.10:
   * "references to external Secrets" in the HelmChart's namespace, each key a values file, a change
   * triggering an upgrade). Without them the chart would generate new credentials, and an
   * external dependency's given password would never reach OpenIM. The generated ones are those
   * the plan kept from the release's live Secret, so an upgrade does not rotate them. The values
   * file is JSON, which YAML reads as it is.
   */
  private static Manifest valuesSecret(DeploymentPlan plan, K3sOptions options, Map<String, Object> labels) {
    String name = valuesSecretName(plan.spec().release());
    String values = new Gson().toJson(ChartExport.credentials(plan));
    Map<String, Object> body = K3sDefaults.ordered(
        "apiVersion", "v1", "kind", "Secret",
        "metadata", K3sDefaults.ordered("name", name, "namespace", options.helmChartNamespace(), "labels", labels),
        "type", "Opaque",
        "data", Map.of(VALUES_KEY, Base64.getEncoder().encodeToString(values.getBytes(StandardCharsets.UTF_8))));
    return new Manifest(Phase.FOUNDATION, "v1", "Secret", options.helmChartNamespace(), name, body);
  }

  /** The Helm release the helm-controller makes: named after the HelmChart, in the target namespace. */
  private static ReleaseRef helmRelease(ReleaseRef release) {
    return new ReleaseRef(release.namespace(), chartName(release.release()));
  }

  /** The revisions of the Helm release the helm-controller keeps for {@code release}. */
  public static List<Revision> history(ClusterConnection connection, ReleaseRef release) {
    return HelmReleases.history(connection, helmRelease(release));
  }

  /**
   * Deletes the HelmChart, and waits (within {@code options}' limits) until the helm-controller has
   * uninstalled its release and let it go, then its values Secret; the credentials, data volumes
   * and namespace then follow the engine's rules.
   */
  public static Removal destroy(ClusterConnection connection, KubernetesDeployer engine, ReleaseRef release,
      K3sOptions options, Duration timeout, boolean deleteData) {
    Applier applier = new Applier(connection, false);
    ObjectRef chart = new ObjectRef("helm.cattle.io/v1", "HelmChart", options.helmChartNamespace(),
        chartName(release.release()));
    ObjectRef values = new ObjectRef("v1", "Secret", options.helmChartNamespace(), valuesSecretName(release.release()));
    List<String> objects = new ArrayList<>();
    if (applier.delete(chart)) {
      // k3s-io/helm-controller v0.17.7 pkg/controllers/chart/chart.go OnRemove: a finalizer runs the
      // uninstall Job, and the HelmChart goes once it completed
      new RolloutWaiter(connection).awaitDeleted(chart, null, Instant.now().plus(timeout),
          "was deleted, and k3s's helm-controller is to uninstall its release first;");
      objects.add(chart.id());
    }
    if (applier.delete(values)) {
      objects.add(values.id());
    }
    return engine.destroy(release, deleteData).preceded(objects);
  }

  private final DeploymentPlan plan;
  private final K3sOptions options;
  private final boolean force;

  /** Delivers {@code plan} through a HelmChart in {@code options}' namespace. */
  public HelmChartDelivery(DeploymentPlan plan, K3sOptions options, boolean force) {
    this.plan = plan;
    this.options = options;
    this.force = force;
  }

  /** One batch: every object of the plan arrives at once, by the helm-controller's install. */
  @Override
  public List<Batch> batches() {
    return List.of(new Batch(Phase.FOUNDATION, plan.manifests()));
  }

  /**
   * Applies the values Secret and the HelmChart, and waits for the install Job the helm-controller
   * runs; the plan's objects are then the controller's, each reported changed.
   */
  @Override
  public List<ObjectResult> deliver(Batch batch, Operation operation) {
    String release = plan.spec().release();
    String name = chartName(release);
    List<ObjectResult> results = new ArrayList<>();
    Map<String, Object> labels =
        K3sDefaults.ordered("app.kubernetes.io/instance", release, "app.kubernetes.io/part-of", "openim");
    Manifest values = valuesSecret(plan, options, labels);
    Manifest helmChart = helmChart(name, packaged(), values, labels);
    Applier applier = new Applier(operation.connection(), force);
    for (Manifest manifest : List.of(values, helmChart)) { // the Secret first: the chart must find it
      results.add(applier.apply(manifest, Map.of()));
    }
    RolloutWaiter waiter = new RolloutWaiter(operation.connection());
    ObjectRef job = new ObjectRef("batch/v1", "Job", options.helmChartNamespace(), "helm-install-" + name);
    waiter.awaitCreated(job, Duration.between(Instant.now(), operation.deadline()));
    waiter.await(job, Duration.between(Instant.now(), operation.deadline()));
    batch.objects().forEach(m -> results.add(new ObjectResult(ObjectRef.of(m).id(), Outcome.CHANGED, null)));
    return results;
  }

  /** The revision the helm-controller's install made: the Helm release's latest. */
  @Override
  public int record(List<ObjectResult> results, Operation operation) {
    List<Revision> revisions = history(operation.connection(), ReleaseRef.of(plan.spec()));
    return revisions.isEmpty() ? 0 : revisions.get(revisions.size() - 1).number();
  }

  private Manifest helmChart(String name, byte[] archive, Manifest values, Map<String, Object> labels) {
    Map<String, Object> body = K3sDefaults.ordered(
        "apiVersion", "helm.cattle.io/v1", "kind", "HelmChart",
        "metadata", K3sDefaults.ordered("name", name, "namespace", options.helmChartNamespace(), "labels", labels),
        "spec", K3sDefaults.ordered(
            "chartContent", Base64.getEncoder().encodeToString(archive),
            "targetNamespace", plan.spec().namespace(),
            "createNamespace", Boolean.TRUE,
            "valuesSecrets", List.of(K3sDefaults.ordered("name", values.name(), "keys", List.of(VALUES_KEY))),
            "failurePolicy", "abort"));
    return new Manifest(Phase.FOUNDATION, "helm.cattle.io/v1", "HelmChart", options.helmChartNamespace(), name, body);
  }

  /** The plan exported as a chart and packaged by helm-java: the archive's bytes. */
  private byte[] packaged() {
    Path work = null;
    try {
      work = Files.createTempDirectory("openim-deploy-k3s-");
      Path chart = ChartExport.write(plan, work, ChartExport.Options.DEFAULT);
      Path packaged = Files.createDirectories(work.resolve("packaged"));
      new Helm(chart).packageIt().withDestination(packaged).call();
      try (Stream<Path> files = Files.list(packaged)) {
        Path archive = files.filter(f -> f.toString().endsWith(".tgz")).findFirst()
            .orElseThrow(() -> new IOException("helm package wrote no archive"));
        return Files.readAllBytes(archive);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not package the chart for " + plan.spec().release(), e);
    } finally {
      if (work != null) {
        try (Stream<Path> paths = Files.walk(work)) {
          paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
          // a temporary folder left behind is harmless
        }
      }
    }
  }
}
