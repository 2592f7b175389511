/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.chart;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes an openim-deploy plan as a Helm chart: {@code Chart.yaml}, {@code values.yaml} with the
 * spec's knobs as defaults (replicas and resources of each component, images, storage sizes, the
 * ingress host), {@code values.schema.json}, one template per object and {@code NOTES.txt}.
 * Rendered with its default values, the chart gives exactly the plan's objects (credentials
 * aside: their values, and the credentials Secret's annotation {@code helm.sh/resource-policy:
 * keep}, which leaves it with the data volumes on {@code helm uninstall}), so {@code helm install}
 * and openim-deploy's own apply deploy the same thing.
 *
 * <p>Every string of the plan, from the spec or from OpenIM's files, is escaped for Helm's
 * template language, so it renders as it is ({@code {{ $labels.job }}} in an alert rule stays
 * text for Prometheus).
 *
 * <p>Credentials are not written into the values unless {@link Options#includeSecrets()}: the
 * chart takes {@code credentials.<key>} from the values it is given, else keeps the value of the
 * release's existing Secret (Helm's {@code lookup}), else generates a random one on install. The
 * chart is made for the spec's namespace and refuses to render into another, since service
 * addresses inside it name that namespace.
 *
 * @since 0.1
 */
public final class ChartExport {
  private static final Pattern CHART_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private ChartExport() {}

  /**
   * How to export.
   *
   * @param chartName the chart's name
   * @param chartVersion the chart's SemVer version
   * @param includeSecrets write the plan's credentials into values.yaml, in clear
   * @since 0.1
   */
  public record Options(String chartName, String chartVersion, boolean includeSecrets) {
    /** Chart {@code openim} 0.1.0, credentials left out. */
    public static final Options DEFAULT = new Options("openim", "0.1.0", false);

    /** Checks the name and version. */
    public Options {
      Objects.requireNonNull(chartName, "chartName");
      Objects.requireNonNull(chartVersion, "chartVersion");
      if (!CHART_NAME.matcher(chartName).matches()) {
        throw new IllegalArgumentException("chartName must be lower-case letters, digits and '-', but was '" + chartName + "'");
      }
      if (!chartVersion.matches("\\d+\\.\\d+\\.\\d+([-+].*)?")) {
        throw new IllegalArgumentException("chartVersion must be SemVer (1.2.3), but was '" + chartVersion + "'");
      }
    }
  }

  /**
   * Writes the chart into {@code parent/<chartName>}, replacing what is there.
   *
   * @return the chart's folder
   */
  public static Path write(DeploymentPlan plan, Path parent, Options options) {
    DeploymentSpec spec = plan.spec();
    Path chart = parent.resolve(options.chartName());
    Path templates = chart.resolve("templates");
    try {
      deleteRecursively(chart);
      Files.createDirectories(templates);
      Knobs knobs = new Knobs(options.includeSecrets());
      int index = 0;
      for (Manifest manifest : plan.manifests()) {
        if (manifest.kind().equals("Namespace")) {
          continue; // Helm installs into --namespace (with --create-namespace), not into a templated one
        }
        String file = String.format(Locale.ROOT, "%03d-%s-%s.yaml", ++index,
            manifest.kind().toLowerCase(Locale.ROOT), manifest.name());
        Knobs.Templated templated = knobs.template(manifest);
        if (manifest.kind().equals("Secret") && manifest.name().equals(spec.release() + "-credentials")) {
          keepOnUninstall(templated.body());
        }
        write(templates.resolve(file), Templates.render(templated));
      }
      Map<String, Object> values = new LinkedHashMap<>(knobs.values());
      values.putIfAbsent("credentials", new LinkedHashMap<>());
      write(chart.resolve("Chart.yaml"), chartYaml(spec, options));
      write(chart.resolve("values.yaml"), valuesHeader(spec, options) + Templates.yaml().dump(values));
      write(chart.resolve("values.schema.json"), Schema.of(values));
      write(templates.resolve("_helpers.tpl"), helpers(spec));
      write(templates.resolve("namespace-guard.yaml"), "{{- include \"openim.guard\" . }}\n");
      write(templates.resolve("NOTES.txt"), notes(spec));
      return chart;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the chart into " + chart, e);
    }
  }

  /**
   * The plan's credentials as chart values ({@code credentials: {key: value}}): the spec's given
   * ones, and the generated ones the plan kept from the release's live Secret or generated anew.
   * Given to Helm (a values file, a values Secret), the release's Secret then holds exactly the
   * plan's values, and an upgrade never rotates them. The values are in clear: never print them.
   */
  public static Map<String, Object> credentials(DeploymentPlan plan) {
    return Map.of("credentials", values(plan, true).get("credentials"));
  }

  /**
   * The keys of the plan's credentials that the spec gives rather than leaving them to be generated,
   * sorted: a chart exported without secrets generates others unless they are passed at install.
   */
  public static List<String> givenCredentials(DeploymentPlan plan) {
    List<String> keys = new ArrayList<>();
    for (Manifest manifest : plan.manifests()) {
      if (manifest.kind().equals("Secret") && manifest.body().get("stringData") instanceof Map<?, ?> data) {
        data.forEach((key, value) -> {
          if (value instanceof Secret secret && !secret.generated()) {
            keys.add(String.valueOf(key));
          }
        });
      }
    }
    return keys.stream().distinct().sorted().toList();
  }

  /** {@code values} as YAML, the way the exported chart writes its values. */
  public static String toYaml(Object values) {
    return Templates.yaml().dump(values);
  }

  /**
   * The values of the chart {@link #write} would export for {@code plan}: the spec's knobs, the
   * mapping to use with a chart that follows this layout.
   */
  public static Map<String, Object> values(DeploymentPlan plan, boolean includeSecrets) {
    Knobs knobs = new Knobs(includeSecrets);
    for (Manifest manifest : plan.manifests()) {
      knobs.template(manifest);
    }
    Map<String, Object> values = new LinkedHashMap<>(knobs.values());
    values.putIfAbsent("credentials", new LinkedHashMap<>());
    return values;
  }

  /**
   * Marks the credentials Secret to be left in place by {@code helm uninstall}: the data volumes
   * stay, and MongoDB's holds a root user made with the Secret's password, so a new install must
   * find it (Helm skips objects annotated {@code helm.sh/resource-policy: keep} on uninstall and
   * adopts them on a later install of the same release, whose name and namespace annotations
   * match: helm.sh/helm/v3@v3.21.4 pkg/kube/resource_policy.go, pkg/action/resource_policy.go
   * filterManifestsToKeep, pkg/action/validate.go existingResourceConflict and checkOwnership).
   * {@code down --delete-data} deletes it.
   */
  @SuppressWarnings("unchecked")
  private static void keepOnUninstall(Map<String, Object> body) {
    Map<String, Object> metadata = (Map<String, Object>) Objects.requireNonNull(body.get("metadata"),
        "a rendered object has no metadata");
    Object existing = metadata.get("annotations");
    Map<String, Object> annotations = existing instanceof Map<?, ?> map
        ? new LinkedHashMap<>((Map<String, Object>) map) : new LinkedHashMap<>();
    annotations.put("helm.sh/resource-policy", "keep");
    metadata.put("annotations", annotations);
  }

  private static String chartYaml(DeploymentSpec spec, Options options) {
    return String.join("\n",
        "apiVersion: v2",
        "name: " + options.chartName(),
        "description: OpenIM Server and Chat on Kubernetes, exported by openim-deploy",
        "type: application",
        "version: " + options.chartVersion(),
        "appVersion: \"" + spec.version() + "\"",
        "keywords: [openim, im, chat]",
        "annotations:",
        "  openim-deploy.io/exported-from: \"release " + spec.release() + " in namespace " + spec.namespace() + "\"",
        "");
  }

  private static String valuesHeader(DeploymentSpec spec, Options options) {
    return "# The knobs of the openim-deploy spec this chart was exported from (release " + spec.release()
        + ", version " + spec.version() + ").\n"
        + "# Install it into namespace " + spec.namespace() + " only.\n"
        + (options.includeSecrets()
            ? "# credentials holds every password in clear: keep this file secret.\n"
            : "# credentials: give a value to set one; otherwise the release's existing value is kept, or a\n"
                + "# random one is generated on first install.\n");
  }

  private static String helpers(DeploymentSpec spec) {
    return String.join("\n",
        "{{/* Refuses any namespace but the one the chart was exported for: addresses inside name it. */}}",
        // An empty namespace passes: Helm never installs with one (-n "" falls back to the kubeconfig's
        // namespace or default), but image scanners render charts without one, among them sealos build
        // (labring/sreg, pkg/buildimage/chart.go, used by sealos v5.1.1) and trivy v0.74.0 (its helm
        // parser's action.NewInstall has no Namespace). checkov 3.3 runs `helm template` without
        // --namespace (checkov/helm/runner.py), so Helm's default applies: HELM_NAMESPACE sets it.
        "{{- define \"openim.guard\" -}}",
        "{{- if and .Release.Namespace (ne .Release.Namespace \"" + spec.namespace() + "\") -}}",
        "{{- fail (printf \"this chart was exported for namespace " + spec.namespace()
            + "; install it with --namespace " + spec.namespace() + " (not %s); a scanner that runs helm"
            + " template renders it with HELM_NAMESPACE=" + spec.namespace() + "\" .Release.Namespace) -}}",
        "{{- end -}}",
        "{{- end -}}",
        "",
        "{{/* A credential: from values, else the live Secret's, else a new random one. */}}",
        "{{- define \"openim.credential\" -}}",
        "{{- $root := index . 0 -}}",
        "{{- $key := index . 1 -}}",
        "{{- $given := index ($root.Values.credentials | default dict) $key -}}",
        "{{- if $given -}}",
        "{{- $given -}}",
        "{{- else -}}",
        "{{- $live := lookup \"v1\" \"Secret\" $root.Release.Namespace \"" + spec.release() + "-credentials\" -}}",
        "{{- if and $live $live.data (hasKey $live.data $key) -}}",
        "{{- index $live.data $key | b64dec -}}",
        "{{- else -}}",
        "{{- randAlphaNum 32 -}}",
        "{{- end -}}",
        "{{- end -}}",
        "{{- end -}}",
        "");
  }

  private static String notes(DeploymentSpec spec) {
    return "OpenIM " + Templates.literal(spec.version()) + " (release " + spec.release()
        + ") is installed in {{ .Release.Namespace }}.\n"
        + "Watch it roll out:  kubectl -n {{ .Release.Namespace }} get deploy,sts,jobs\n"
        + (spec.ingress() != null ? "Clients reach it at  https://{{ index .Values \"ingress\" \"host\" }}/api\n" : "");
  }

  private static void write(Path file, String content) throws IOException {
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(path);
      }
    }
  }
}
