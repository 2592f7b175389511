/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.core.render.AcceptedFindings.Entry;
import io.openim.deploy.core.render.Scanners.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The accepted findings file")
class AcceptedFindingsTest {
  private static final Finding API = new Finding("trivy", "KSV-0014", "HIGH", "Deployment/im-openim-api",
      "Root file system is not read-only", "minimal");
  private static final Finding MONGO = new Finding("trivy", "KSV-0014", "HIGH", "StatefulSet/im-mongodb",
      "Root file system is not read-only", "production");
  private static final Finding TOPICS = new Finding("trivy", "KSV-0014", "HIGH", "Job/im-kafka-topics-7f2facd1",
      "Root file system is not read-only", "minimal");
  private static final Finding PROBES = new Finding("kube-score", "pod-probes-identical", "CRITICAL",
      "Deployment/im-openim-api", "Pod Probes Identical", "production");

  @TempDir Path temp;

  private static AcceptedFindings file(Entry... entries) {
    return new AcceptedFindings("# header\n", List.of(entries));
  }

  @Test
  @DisplayName("accepts a finding whose tool, check and object pattern match an entry with a reason")
  void accepted() {
    AcceptedFindings accepted = file(new Entry("trivy", "KSV-0014", "HIGH", "t", List.of("Deployment/im-*",
        "StatefulSet/im-mongodb"), "MongoDB writes its data directory"));
    assertThat(accepted.problems(List.of(API, MONGO))).isEmpty();
  }

  @Test
  @DisplayName("lists every new finding, every pattern that matches nothing and every TODO reason at once")
  void problems() {
    AcceptedFindings accepted = file(
        new Entry("trivy", "KSV-0014", "HIGH", "t", List.of("Deployment/im-*", "DaemonSet/*"), "TODO"),
        new Entry("kube-score", "pod-probes-identical", "CRITICAL", "t", List.of("StatefulSet/*"), "why"));
    assertThat(accepted.problems(List.of(API, MONGO, PROBES))).containsExactly(
        "new finding kube-score pod-probes-identical (CRITICAL, Pod Probes Identical) on Deployment/im-openim-api in production",
        "new finding trivy KSV-0014 (HIGH, Root file system is not read-only) on StatefulSet/im-mongodb in production",
        "accepted trivy KSV-0014 on DaemonSet/* no longer occurs: remove it from the file",
        "accepted trivy KSV-0014 on [Deployment/im-*, DaemonSet/*] has no reason yet (reason: TODO):"
            + " write why it is accepted, with its source",
        "accepted kube-score pod-probes-identical on StatefulSet/* no longer occurs: remove it from the file");
  }

  @Test
  @DisplayName("a check id or kind does not match another's: the pattern's other characters are literal")
  void literal() {
    AcceptedFindings accepted = file(new Entry("trivy", "KSV-0014", "HIGH", "t", List.of("Deployment/im.openim-api"), "r"));
    assertThat(accepted.problems(List.of(API))).hasSize(2);
  }

  @Test
  @DisplayName("the update keeps reasons, drops what no longer occurs, adds new findings as TODO, and reads back the same")
  void update() throws Exception {
    AcceptedFindings accepted = new AcceptedFindings("# intro\n" + AcceptedFindings.COUNTS_BEGIN + "\n#   old\n"
        + AcceptedFindings.COUNTS_END + "\n# tail\n", List.of(
        new Entry("trivy", "KSV-0014", "HIGH", "t", List.of("Deployment/im-*", "DaemonSet/*"), "kept \"reason\"\nline 2"),
        new Entry("trivy", "KSV-0999", "HIGH", "t", List.of("Job/*"), "gone")));
    AcceptedFindings updated = accepted.updated(List.of(API, MONGO, PROBES, TOPICS), List.of("trivy HIGH 2"));
    assertThat(updated.entries()).containsExactly(
        new Entry("trivy", "KSV-0014", "HIGH", "t", List.of("Deployment/im-*"), "kept \"reason\"\nline 2"),
        new Entry("kube-score", "pod-probes-identical", "CRITICAL", "Pod Probes Identical",
            List.of("Deployment/im-openim-api"), "TODO"),
        new Entry("trivy", "KSV-0014", "HIGH", "Root file system is not read-only",
            List.of("Job/im-kafka-topics-*", "StatefulSet/im-mongodb"), "TODO"));
    assertThat(updated.header()).isEqualTo("# intro\n" + AcceptedFindings.COUNTS_BEGIN + "\n#   trivy HIGH 2\n"
        + AcceptedFindings.COUNTS_END + "\n# tail\n");
    assertThat(updated.problems(List.of(API, MONGO, PROBES, TOPICS))).hasSize(2).allMatch(p -> p.contains("reason: TODO"));

    Path written = temp.resolve("findings.yaml");
    updated.write(written);
    assertThat(AcceptedFindings.read(written)).isEqualTo(updated);
    assertThat(Files.readString(written)).startsWith("# intro\n");
  }
}
