/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.openim.deploy.BackupTarget;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Ingress;
import io.openim.deploy.Manifest;
import io.openim.deploy.Monitoring;
import io.openim.deploy.Profile;
import io.openim.deploy.Secret;
import io.openim.deploy.core.chart.ChartExport;
import io.openim.deploy.core.data.internal.BackupJobs;
import io.openim.deploy.core.render.Scanners.Finding;
import io.openim.deploy.core.render.Scanners.Run;
import io.openim.deploy.core.render.Scanners.TrivyTarget;
import io.openim.deploy.core.render.internal.RenderContext;
import io.openim.deploy.local.ControlPlaneVersions;
import io.openim.deploy.local.ScannerBinaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * kube-score and trivy's configuration checks on the plan of every {@link Profile} (chat, every
 * dependency in the cluster, monitoring, ingress and the backup and restore Jobs) and on the chart
 * exported from each, against {@code src/test/resources/security/findings.yaml}. Run with {@code
 * -Dfindings.update=true} to make the file match the scanners (reasons kept, new entries {@code
 * reason: TODO}, which this test refuses until a person writes the reason).
 */
@DisplayName("kube-score and trivy on every profile's plan and exported chart")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityScanIT {
  static final Path FINDINGS = Path.of("src", "test", "resources", "security", "findings.yaml");
  private static final String WORKLOADS = "Deployment|StatefulSet|Job|CronJob|DaemonSet";
  /** The kinds kube-score parses and scores (parser/parse.go at v1.20.0); it passes over the rest. */
  private static final String KUBE_SCORED = WORKLOADS + "|Pod|NetworkPolicy|Service|PodDisruptionBudget|Ingress"
      + "|HorizontalPodAutoscaler";

  /** Per source (minimal, production, chart-minimal, ...), the {@code Kind/name} of every object in it. */
  private final Map<String, Set<String>> objects = new TreeMap<>();
  /** Per chart template file trivy names as a target, its source and object. */
  private final Map<String, TrivyTarget> chartFiles = new LinkedHashMap<>();
  private final List<Finding> findings = new ArrayList<>();
  private Run trivy = new Run("", "");
  private Set<String> kubeScored = Set.of();

  @BeforeAll
  void scan(@TempDir Path work) throws IOException {
    Instant start = Instant.now();
    ScannerBinaries binaries = ScannerBinaries.locate();
    Instant built = Instant.now();
    Path root = Files.createDirectories(work.resolve("scan"));
    Map<String, List<Path>> planFiles = new TreeMap<>();
    for (Profile profile : Profile.values()) {
      String source = profile.name().toLowerCase(Locale.ROOT);
      DeploymentPlan plan = Topology.plan(spec(profile));
      Path dir = Files.createDirectories(root.resolve(source));
      for (Manifest manifest : manifests(plan)) {
        Path file = dir.resolve(manifest.kind() + "-" + manifest.name() + ".yaml");
        Files.writeString(file, PlanYaml.render(manifest), StandardCharsets.UTF_8);
        planFiles.computeIfAbsent(source, k -> new ArrayList<>()).add(file);
        objects.computeIfAbsent(source, k -> new TreeSet<>()).add(manifest.kind() + "/" + manifest.name());
      }
      exportChart(plan, root.resolve("chart-" + source), "chart-" + source);
    }
    Scanners scanners = new Scanners(binaries);
    // kube-score checks for the Kubernetes minor the project's own control plane runs
    String minor = ControlPlaneVersions.DEFAULT.kubernetes().replaceFirst("\\.\\d+$", "");
    Set<String> scored = new TreeSet<>();
    for (Map.Entry<String, List<Path>> source : planFiles.entrySet()) {
      // one run per plan: kube-score keys objects by kind, namespace and name, and a second object
      // with the same key joins the first (Scorecard.NewObject, scorecard/scorecard.go at v1.20.0)
      Run kubeScore = scanners.kubeScore(root, source.getValue(), minor);
      Files.writeString(work.resolve("kube-score-" + source.getKey() + ".json"), kubeScore.json(), StandardCharsets.UTF_8);
      findings.addAll(Scanners.kubeScoreFindings(kubeScore.json(), source.getKey()));
      kubeScoredObjects(kubeScore.json()).forEach(o -> scored.add(source.getKey() + ":" + o));
    }
    kubeScored = scored;
    trivy = scanners.trivy(root, Files.createDirectories(work.resolve("trivy-cache")));
    Files.writeString(work.resolve("trivy.json"), trivy.json(), StandardCharsets.UTF_8);
    keep(work);
    findings.addAll(Scanners.trivyFindings(trivy.json(), this::trivyTarget));
    System.out.printf(Locale.ROOT, "security scan: binaries ready in %d s, scans in %d s; counts: %s%n",
        Duration.between(start, built).toSeconds(), Duration.between(built, Instant.now()).toSeconds(), counts());
  }

  @Test
  @DisplayName("kube-score scored every object of every profile's plan of the kinds it knows")
  void kubeScoreSawEveryObject() {
    for (Profile profile : Profile.values()) {
      String source = profile.name().toLowerCase(Locale.ROOT);
      assertThat(kubeScored).as("objects kube-score scored in " + source)
          .containsAll(objects.get(source).stream().filter(o -> o.split("/")[0].matches(KUBE_SCORED))
              .map(o -> source + ":" + o).toList());
    }
  }

  @Test
  @DisplayName("trivy checked every workload of every plan, and of every chart it rendered without a namespace")
  void trivySawEveryWorkload() {
    Map<String, String> targets = Scanners.trivyTargets(trivy.json());
    for (Map.Entry<String, Set<String>> source : objects.entrySet()) {
      boolean chart = source.getKey().startsWith("chart-");
      Set<String> workloads = source.getValue().stream().filter(o -> o.split("/")[0].matches(WORKLOADS))
          .collect(Collectors.toCollection(TreeSet::new));
      Set<String> seen = new TreeSet<>();
      targets.forEach((target, type) -> {
        TrivyTarget t = trivyTarget(target);
        if (t.source().equals(source.getKey())) {
          seen.add(t.object());
          assertThat(type).as(target).isEqualTo(chart ? "config/helm" : "config/kubernetes");
        }
      });
      assertThat(seen).as("workloads trivy reported in " + source.getKey()).containsAll(workloads);
    }
  }

  @Test
  @DisplayName("trivy used the checks compiled into it, offline, and rendered every chart")
  void trivyOffline() {
    // the line initMisconfScannerOption logs when no downloaded bundle is there (pkg/commands/artifact/run.go at v0.74.0)
    assertThat(trivy.log()).as("trivy's log").contains("Falling back to embedded checks")
        .doesNotContain("Downloading the checks bundle")
        // helm.Scanner.ScanFS logs this and goes on when a chart does not render (pkg/iac/scanners/helm/scanner.go)
        .doesNotContain("Skipping chart");
  }

  @Test
  @DisplayName("every HIGH or CRITICAL finding is accepted in security/findings.yaml with a reason, and every accepted one still occurs")
  void findingsMatchTheFile() throws IOException {
    List<Finding> gating = findings.stream().filter(Finding::gating).toList();
    AcceptedFindings accepted = Files.isRegularFile(FINDINGS)
        ? AcceptedFindings.read(FINDINGS) : new AcceptedFindings("", List.of());
    if (Boolean.getBoolean("findings.update")) {
      accepted = accepted.updated(gating, counts());
      Files.createDirectories(FINDINGS.getParent());
      accepted.write(FINDINGS);
    }
    List<String> problems = accepted.problems(gating);
    if (problems.isEmpty()) {
      return;
    }
    fail(String.join("\n", List.of(
        "kube-score " + ScannerBinaries.KUBE_SCORE_VERSION + " and trivy " + ScannerBinaries.TRIVY_VERSION
            + " disagree with " + FINDINGS.toAbsolutePath() + " (" + problems.size() + " problems):",
        "  " + String.join("\n  ", problems),
        "Fix the plan, or accept a finding: run this test with -Dfindings.update=true, which adds every new",
        "finding with reason: TODO and drops what no longer occurs, then replace each TODO with why it is",
        "accepted and its source, and review the diff.")));
  }

  /**
   * With {@code -Dfindings.reports=<folder>}, copies what was scanned and both tools' JSON reports
   * there, for the person writing a reason (secrets are redacted in the plans, and the charts hold
   * none). The folder must not exist yet.
   */
  private static void keep(Path work) throws IOException {
    String target = System.getProperty("findings.reports", "");
    if (target.isBlank()) {
      return;
    }
    Path to = Path.of(target).toAbsolutePath();
    try (Stream<Path> files = Files.walk(work)) {
      for (Path from : files.filter(f -> !f.startsWith(work.resolve("trivy-cache"))).toList()) {
        Files.copy(from, to.resolve(work.relativize(from).toString()));
      }
    }
    System.out.println("security scan: the scanned files and the reports are in " + to);
  }

  /** Chat on (the default), every dependency in the cluster (the default), monitoring, ingress. */
  static DeploymentSpec spec(Profile profile) {
    return DeploymentSpec.builder("im").namespace("im").profile(profile).chat(true)
        .ingress(new Ingress("im.example.com", "nginx", "im-example-tls"))
        .monitoring(new Monitoring(true, Monitoring.Mode.OPERATOR, true))
        .build();
  }

  /** The plan, then what backup and restore apply: a volume and a bucket target, a check, a restore. */
  static List<Manifest> manifests(DeploymentPlan plan) {
    DeploymentSpec spec = plan.spec();
    BackupJobs jobs = new BackupJobs(new RenderContext(spec, VersionCatalog.builtIn().require(spec.version())));
    BackupTarget volume = BackupTarget.volume("im-backups", "10Gi");
    BackupTarget bucket = BackupTarget.bucket("https://s3.example.com", "im-backups", "im",
        Secret.of("scan-access-key"), Secret.of("scan-secret-key"));
    List<Manifest> manifests = new ArrayList<>(plan.manifests());
    jobs.targetClaim(volume).ifPresent(manifests::add);
    manifests.add(jobs.backup("to-volume", volume, jobs.release()));
    Manifest toBucket = jobs.backup("to-bucket", bucket, jobs.release());
    manifests.add(toBucket);
    jobs.targetSecret(toBucket.name(), bucket).ifPresent(manifests::add);
    manifests.add(jobs.check("to-volume", "r1", volume));
    manifests.add(jobs.restore("to-volume", "r1", volume));
    return manifests;
  }

  private void exportChart(DeploymentPlan plan, Path parent, String source) throws IOException {
    Path chart = ChartExport.write(plan, parent, ChartExport.Options.DEFAULT);
    Map<String, String> byFile = new TreeMap<>();
    try (Stream<Path> files = Files.list(chart.resolve("templates"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        byFile.put(file.getFileName().toString(), file.toString());
      }
    }
    // ChartExport writes each object but the Namespace to templates/NNN-<kind>-<name>.yaml
    for (Manifest manifest : plan.manifests()) {
      String suffix = "-" + manifest.kind().toLowerCase(Locale.ROOT) + "-" + manifest.name() + ".yaml";
      byFile.keySet().stream().filter(f -> f.endsWith(suffix) && f.matches("\\d{3}-.*")).findFirst().ifPresent(f -> {
        chartFiles.put(root(parent).relativize(Path.of(byFile.get(f))).toString(),
            new TrivyTarget(source, manifest.kind() + "/" + manifest.name()));
        objects.computeIfAbsent(source, k -> new TreeSet<>()).add(manifest.kind() + "/" + manifest.name());
      });
    }
  }

  private static Path root(Path chartParent) {
    return chartParent.getParent();
  }

  /** A plan target is {@code <source>/<Kind>-<name>.yaml}; a chart target is its template file. */
  private TrivyTarget trivyTarget(String target) {
    TrivyTarget chart = chartFiles.get(target);
    if (chart != null) {
      return chart;
    }
    Path path = Path.of(target);
    String file = path.getFileName().toString().replaceFirst("\\.yaml$", "");
    int dash = file.indexOf('-');
    if (path.getNameCount() != 2 || dash < 0) {
      throw new IllegalStateException("trivy reported a target this test did not write: " + target
          + "; the chart files it knows: " + chartFiles.keySet());
    }
    return new TrivyTarget(path.getName(0).toString(), file.substring(0, dash) + "/" + file.substring(dash + 1));
  }

  private static Set<String> kubeScoredObjects(String json) {
    Set<String> scored = new TreeSet<>();
    for (var element : com.google.gson.JsonParser.parseString(json).getAsJsonArray()) {
      var object = element.getAsJsonObject();
      scored.add(object.getAsJsonObject("type_meta").get("kind").getAsString() + "/"
          + object.getAsJsonObject("object_meta").get("name").getAsString());
    }
    return scored;
  }

  /** Per tool and severity: distinct source, check and object, split by source; and how many checks that is. */
  List<String> counts() {
    Map<String, Set<String>> occurrences = new TreeMap<>();
    Map<String, Set<String>> checks = new TreeMap<>();
    Map<String, Map<String, Set<String>>> bySource = new TreeMap<>();
    for (Finding f : findings) {
      String key = f.tool() + " " + f.severity();
      String occurrence = f.source() + " " + f.check() + " " + f.object();
      occurrences.computeIfAbsent(key, k -> new TreeSet<>()).add(occurrence);
      checks.computeIfAbsent(key, k -> new TreeSet<>()).add(f.check());
      bySource.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(f.source(), k -> new TreeSet<>()).add(occurrence);
    }
    List<String> lines = new ArrayList<>();
    occurrences.forEach((key, set) -> lines.add(String.format(Locale.ROOT, "%-20s %4d findings of %2d checks (%s)",
        key, set.size(), checks.get(key).size(), bySource.get(key).entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue().size()).collect(Collectors.joining(", ")))));
    return lines;
  }
}
