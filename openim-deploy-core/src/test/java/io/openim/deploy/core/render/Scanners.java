/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.openim.deploy.local.ScannerBinaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs kube-score and trivy's configuration checks on a folder of YAML files, one folder per
 * source (a profile's plan, the chart), and reads their JSON into {@link Finding}s.
 */
final class Scanners {
  static final String KUBE_SCORE = "kube-score";
  static final String TRIVY = "trivy";
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  /**
   * One failed check on one object.
   *
   * @param tool {@value #KUBE_SCORE} or {@value #TRIVY}
   * @param check kube-score's check id or trivy's check ID ({@code KSV-0014})
   * @param severity kube-score's grade name (CRITICAL, WARNING) or trivy's severity
   * @param object {@code Kind/name}
   * @param title the tool's name of the check
   * @param source where it was found: a profile's plan or {@code chart}
   */
  record Finding(String tool, String check, String severity, String object, String title, String source) {
    /**
     * Whether a new one fails the build: trivy's HIGH and CRITICAL, kube-score's CRITICAL (its
     * grades are CRITICAL, WARNING and OK: scorecard/scorecard.go at v1.20.0).
     */
    boolean gating() {
      return severity.equals("CRITICAL") || (tool.equals(TRIVY) && severity.equals("HIGH"));
    }
  }

  /** What one run printed: the JSON report on standard output, the log on standard error. */
  record Run(String json, String log) {}

  private final ScannerBinaries binaries;

  Scanners(ScannerBinaries binaries) {
    this.binaries = binaries;
  }

  /** kube-score on {@code files} (one plan), checking for {@code kubernetesVersion} ({@code v1.36}). */
  Run kubeScore(Path root, List<Path> files, String kubernetesVersion) throws IOException {
    List<String> command = new ArrayList<>(List.of(binaries.kubeScore().toString(), "score",
        "--output-format", "json", "--kubernetes-version", kubernetesVersion, "--color", "never"));
    files.forEach(f -> command.add(f.toString()));
    // kube-score exits 1 when any check is CRITICAL (cmd/kube-score/main.go at v1.20.0): that is a
    // finding to read, not a failed run; anything else with no JSON is
    return run(command, root, 0, 1);
  }

  /**
   * {@code trivy config} on {@code root}, offline: with --skip-check-update and an empty cache
   * folder, InitBuiltinChecks (pkg/commands/operation/operation.go at v0.74.0) finds no
   * downloaded bundle, and initMisconfScannerOption (pkg/commands/artifact/run.go) logs "Falling
   * back to embedded checks" and keeps DisableEmbeddedPolicies false: the checks compiled into
   * the binary from its go.mod's github.com/aquasecurity/trivy-checks (pkg/iac/rego/embed.go) are
   * used and ghcr.io is never asked. --skip-version-check with --disable-telemetry skips the
   * version notice's request too (pkg/notification/notice.go).
   */
  Run trivy(Path root, Path cache) throws IOException {
    return run(List.of(binaries.trivy().toString(), "config", "--format", "json",
        "--skip-check-update", "--skip-version-check", "--disable-telemetry",
        "--cache-dir", cache.toString(), "--exit-code", "0", root.toString()), root, 0, 0);
  }

  /** kube-score's JSON (json_v2 renderer): one entry per object, each with its checks. */
  static List<Finding> kubeScoreFindings(String json, String source) {
    List<Finding> findings = new ArrayList<>();
    for (JsonElement element : JsonParser.parseString(json).getAsJsonArray()) {
      JsonObject object = element.getAsJsonObject();
      String name = object.getAsJsonObject("type_meta").get("kind").getAsString() + "/"
          + object.getAsJsonObject("object_meta").get("name").getAsString();
      for (JsonElement c : array(object, "checks")) {
        JsonObject score = c.getAsJsonObject();
        int grade = score.get("grade").getAsInt();
        if (score.get("skipped").getAsBoolean() || grade > 5) {
          continue; // 7 and 10 are OK
        }
        JsonObject check = score.getAsJsonObject("check");
        findings.add(new Finding(KUBE_SCORE, check.get("id").getAsString(), grade == 1 ? "CRITICAL" : "WARNING",
            name, check.get("name").getAsString(), source));
      }
    }
    return findings;
  }

  /** Trivy's JSON report: Results, each a target with its failed Misconfigurations. */
  static List<Finding> trivyFindings(String json, Function<String, TrivyTarget> objectOfTarget) {
    List<Finding> findings = new ArrayList<>();
    for (JsonElement r : array(JsonParser.parseString(json).getAsJsonObject(), "Results")) {
      JsonObject result = r.getAsJsonObject();
      TrivyTarget target = objectOfTarget.apply(result.get("Target").getAsString());
      for (JsonElement m : array(result, "Misconfigurations")) {
        JsonObject misconfiguration = m.getAsJsonObject();
        if (!misconfiguration.get("Status").getAsString().equals("FAIL")) {
          continue;
        }
        findings.add(new Finding(TRIVY, misconfiguration.get("ID").getAsString(),
            misconfiguration.get("Severity").getAsString(), target.object(),
            misconfiguration.get("Title").getAsString(), target.source()));
      }
    }
    return findings;
  }

  /** The targets of trivy's report with the class and type it gave each ({@code config}, {@code helm}). */
  static Map<String, String> trivyTargets(String json) {
    Map<String, String> targets = new java.util.TreeMap<>();
    for (JsonElement r : array(JsonParser.parseString(json).getAsJsonObject(), "Results")) {
      JsonObject result = r.getAsJsonObject();
      targets.put(result.get("Target").getAsString(),
          result.get("Class").getAsString() + "/" + result.get("Type").getAsString());
    }
    return targets;
  }

  /** Where a trivy target came from. */
  record TrivyTarget(String source, String object) {}

  private static JsonArray array(JsonObject object, String member) {
    JsonElement element = object.get(member);
    return element == null || element.isJsonNull() ? new JsonArray() : element.getAsJsonArray();
  }

  private static Run run(List<String> command, Path dir, int... okExits) throws IOException {
    Path out = Files.createTempFile(dir.getParent(), "scan-", ".out");
    Path err = Files.createTempFile(dir.getParent(), "scan-", ".err");
    String json;
    String log;
    int exit;
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
      exit = await(process, command, err);
      json = Files.readString(out, StandardCharsets.UTF_8);
      log = Files.readString(err, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
    for (int ok : okExits) {
      if (exit == ok && !json.isBlank()) {
        return new Run(json, log);
      }
    }
    throw new IllegalStateException(String.join(" ", command.subList(0, 2)) + " in " + dir + " exited " + exit
        + " with " + (json.isBlank() ? "no report" : "a report") + "; its log:\n" + log);
  }

  private static int await(Process process, List<String> command, Path err) throws IOException {
    try {
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command.get(0) + " did not finish within " + TIMEOUT + "; its log:\n"
            + Files.readString(err, StandardCharsets.UTF_8));
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
  }
}
