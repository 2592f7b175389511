/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.image.internal;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.core.chart.ChartExport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The plan as core's chart ({@link ChartExport}, credentials left out), with one change for the
 * image scan of {@code sealos build}.
 *
 * <p>That scan renders every chart under {@code charts/} with Helm's engine and release name
 * {@code dryrun} but no namespace (labring/sreg, used by sealos v5.1.1: pkg/buildimage/chart.go
 * {@code getRenderContent}), so {@code .Release.Namespace} is empty there, and the chart's guard,
 * which refuses every namespace but the plan's, would fail the build. The guard here lets an empty
 * namespace through: Helm never installs with one ({@code -n ""} falls back to the kubeconfig's
 * namespace or {@code default}), so installs stay guarded as before.
 *
 * <p>The scan also reads a {@code <chart>.values.yaml} beside the chart; none is written, since the
 * chart's own {@code values.yaml} already holds the plan's values, images included.
 */
public final class SealosChart {
  /** What core's export writes into {@code templates/namespace-guard.yaml}. */
  static final String CORE_GUARD = "{{- include \"openim.guard\" . }}\n";

  /** The guard, skipped when there is no namespace: only in sealos build's image scan. */
  static final String GUARD = "{{- /* sealos build renders this chart without a namespace, to find its images */ -}}\n"
      + "{{- if .Release.Namespace }}\n"
      + CORE_GUARD
      + "{{- end }}\n";

  private SealosChart() {}

  /**
   * Writes the chart into {@code charts/openim}, credentials left out: the chart takes them from
   * its values, else keeps those of the release's Secret, else generates them on the first install.
   *
   * @return the chart's folder
   * @throws IllegalStateException if core's chart no longer has the guard this adapts
   */
  public static Path write(DeploymentPlan plan, Path charts) throws IOException {
    Path chart = ChartExport.write(plan, charts, ChartExport.Options.DEFAULT);
    Path guard = chart.resolve("templates").resolve("namespace-guard.yaml");
    String written = Files.exists(guard) ? Files.readString(guard, StandardCharsets.UTF_8) : "";
    if (!written.equals(CORE_GUARD)) {
      throw new IllegalStateException("core's chart export no longer writes the namespace guard "
          + guard.getFileName() + " as '" + CORE_GUARD.strip() + "' (found '" + written.strip()
          + "'): adapt SealosChart, which lets sealos build render the chart without a namespace");
    }
    Files.writeString(guard, GUARD, StandardCharsets.UTF_8);
    return chart;
  }
}
