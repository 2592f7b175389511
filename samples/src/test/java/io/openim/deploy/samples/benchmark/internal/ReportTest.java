/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.samples.benchmark.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The benchmark's report")
class ReportTest {
  @Test
  @DisplayName("medians of measured steps; a step a tool does not have is a dash, never a number")
  void stepsNotMeasured() {
    Report report = new Report();
    for (Tool.Step step : Tool.Step.values()) {
      report.add("engine", step, new Report.Sample(1000, Map.of("patch", 80), Set.of("Kubernetes Java Client")));
      report.add("engine", step, new Report.Sample(3000, Map.of("patch", 82), Set.of("Kubernetes Java Client")));
    }
    report.add("store", Tool.Step.FIRST, new Report.Sample(2000, Map.of("create", 81), Set.of("okhttp")));

    assertThat(report.millis("engine", Tool.Step.NOOP)).hasValue(1000);
    assertThat(report.requests("store", Tool.Step.FIRST)).hasValue(81);
    assertThat(report.millis("store", Tool.Step.NOOP)).isEmpty();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    report.print(new PrintStream(out, true, StandardCharsets.UTF_8), 2);
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("| engine | 1.0 s | 1.0 s | 1.0 s | 80 / 80 / 80 |")
        .contains("| store | 2.0 s | - | - | 81 / - / - |")
        .contains("| store | 2.00 | - | - |")
        .doesNotContain("| store | no-op re-apply |");
  }
}
