/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s.internal;

import com.google.gson.Gson;
import com.marcnuri.helm.Helm;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.Manifest;
import io.openim.deploy.ObjectResult;
import io.openim.deploy.Outcome;
import io.openim.deploy.Phase;
import io.openim.deploy.core.engine.Applier;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.engine.ObjectRef;
import io.openim.deploy.core.engine.RolloutException;
import io.openim.deploy.core.engine.RolloutWaiter;
import io.openim.deploy.helm.ChartExport;
import io.openim.deploy.k3s.K3sOptions;
import io.openim.deploy.spi.ProviderContext;
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
public final class HelmChartDelivery {
  private HelmChartDelivery() {}

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
    Object credentials = ChartExport.values(plan, true).get("credentials");
    String values = new Gson().toJson(Map.of("credentials", credentials));
    Map<String, Object> body = K3sDefaults.ordered(
        "apiVersion", "v1", "kind", "Secret",
        "metadata", K3sDefaults.ordered("name", name, "namespace", options.helmChartNamespace(), "labels", labels),
        "type", "Opaque",
        "data", Map.of(VALUES_KEY, Base64.getEncoder().encodeToString(values.getBytes(StandardCharsets.UTF_8))));
    return new Manifest(Phase.FOUNDATION, "v1", "Secret", options.helmChartNamespace(), name, body);
  }

  public static DeploymentResult apply(DeploymentPlan plan, ProviderContext context, K3sOptions options,
      ClusterConnection connection) {
    Instant start = Instant.now();
    String release = plan.spec().release();
    List<ObjectResult> results = new ArrayList<>();
    Path work = null;
    try {
      work = Files.createTempDirectory("openim-deploy-k3s-");
      Path chart = ChartExport.write(plan, work, ChartExport.Options.DEFAULT);
      Path packaged = Files.createDirectories(work.resolve("packaged"));
      new Helm(chart).packageIt().withDestination(packaged).call();
      Path archive;
      try (Stream<Path> files = Files.list(packaged)) {
        archive = files.filter(f -> f.toString().endsWith(".tgz")).findFirst()
            .orElseThrow(() -> new IOException("helm package wrote no archive"));
      }
      String name = chartName(release);
      Map<String, Object> labels =
          K3sDefaults.ordered("app.kubernetes.io/instance", release, "app.kubernetes.io/part-of", "openim");
      Manifest values = valuesSecret(plan, options, labels);
      Map<String, Object> body = K3sDefaults.ordered(
          "apiVersion", "helm.cattle.io/v1", "kind", "HelmChart",
          "metadata", K3sDefaults.ordered("name", name, "namespace", options.helmChartNamespace(),
              "labels", labels),
          "spec", K3sDefaults.ordered(
              "chartContent", Base64.getEncoder().encodeToString(Files.readAllBytes(archive)),
              "targetNamespace", plan.spec().namespace(),
              "createNamespace", Boolean.TRUE,
              "valuesSecrets", List.of(K3sDefaults.ordered("name", values.name(), "keys", List.of(VALUES_KEY))),
              "failurePolicy", "abort"));
      Manifest helmChart = new Manifest(Phase.FOUNDATION, "helm.cattle.io/v1", "HelmChart",
          options.helmChartNamespace(), name, body);
      connection.emit(new DeploymentEvent.PhaseStarted(Instant.now(), Phase.FOUNDATION, 2));
      Applier applier = new Applier(connection, context.force());
      for (Manifest manifest : List.of(values, helmChart)) { // the Secret first: the chart must find it
        ObjectResult applied = applier.apply(manifest, Map.of());
        connection.emit(new DeploymentEvent.ObjectApplied(Instant.now(), applied.object(), applied.outcome()));
        results.add(applied);
      }
      RolloutWaiter waiter = new RolloutWaiter(connection);
      ObjectRef job = new ObjectRef("batch/v1", "Job", options.helmChartNamespace(), "helm-install-" + name);
      waiter.awaitCreated(job, context.objectTimeout());
      waiter.await(job, context.timeout());
      Instant deadline = start.plus(context.timeout());
      for (Manifest manifest : plan.manifests()) {
        if (RolloutWaiter.waitsFor(manifest.kind())) {
          // a Deployment waits for its own progress deadline, within the overall timeout
          waiter.await(ObjectRef.of(manifest), context.objectTimeout(), deadline);
          results.add(new ObjectResult(ObjectRef.of(manifest).id(), Outcome.CHANGED, null));
        }
      }
      DeploymentResult result = new DeploymentResult.Succeeded(1, results, Duration.between(start, Instant.now()));
      connection.emit(new DeploymentEvent.Finished(Instant.now(), result));
      return result;
    } catch (RolloutException e) {
      DeploymentResult result = new DeploymentResult.Failed(e.getMessage(), results, Duration.between(start, Instant.now()));
      connection.emit(new DeploymentEvent.Finished(Instant.now(), result));
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("could not package the chart for " + release, e);
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
