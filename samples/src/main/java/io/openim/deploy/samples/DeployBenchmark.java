/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.samples;

import io.openim.deploy.core.KubernetesDeployer;
import io.openim.deploy.local.ControlPlaneBinaries;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.local.NodeCapacity;
import io.openim.deploy.samples.benchmark.internal.AppStoreTemplate;
import io.openim.deploy.samples.benchmark.internal.AuditCounts;
import io.openim.deploy.samples.benchmark.internal.AuditLog;
import io.openim.deploy.samples.benchmark.internal.CliUp;
import io.openim.deploy.samples.benchmark.internal.DeliveryPaths;
import io.openim.deploy.samples.benchmark.internal.Commands;
import io.openim.deploy.samples.benchmark.internal.HelmUpgrade;
import io.openim.deploy.samples.benchmark.internal.InJvmDeployer;
import io.openim.deploy.samples.benchmark.internal.KubectlApply;
import io.openim.deploy.samples.benchmark.internal.Recovery;
import io.openim.deploy.samples.benchmark.internal.ReleasesInOneJvm;
import io.openim.deploy.samples.benchmark.internal.Report;
import io.openim.deploy.samples.benchmark.internal.Tool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Puts the default topology ({@code DeploymentSpec.builder("im")}) onto one local cluster with
 * openim-deploy, with the Helm command line, with {@code kubectl apply --server-side} plus waits
 * and as Sealos's App Store deploys a template, each tool into a namespace of its own, in rounds
 * whose tool order rotates, and prints the medians of the first deploy, a no-op re-apply and a
 * one-field change, the ratios to {@code openim-deploy up}, and the API requests of each by verb,
 * counted from the API server's audit log. Then one row per delivery path (phased server-side
 * apply, a Helm release, the App Store template; k3s's HelmChart with the reason it is not
 * measured here), with how often the run after an API-server restart in the middle of a first
 * deploy converges ({@link DeliveryPaths}). Then N releases in one JVM. The tools are run one at
 * a time, so the cluster serves one at a time.
 *
 * <p>Run it with {@code ./mvnw -B -Pbenchmark verify -pl samples -am -DskipTests}, which builds the
 * CLI jar first; {@code -Dbenchmark.args="--rounds 2 --releases 3"} changes the counts. Arguments:
 * {@code --rounds N} (5), {@code --releases N} (5), {@code --recovery N} (10 interrupted deploys
 * per path), {@code --jar PATH} (the CLI jar, {@code openim-deploy-cli/target/openim-deploy.jar}).
 */
public final class DeployBenchmark {
  private DeployBenchmark() {}

  /** Runs the benchmark; exits 1 with the reason when a tool fails. */
  public static void main(String[] args) throws Exception {
    int rounds = 5;
    int releases = 5;
    int recovery = 10;
    Path jar = Path.of("openim-deploy-cli", "target", "openim-deploy.jar");
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--rounds" -> rounds = positive("--rounds", value);
        case "--releases" -> releases = positive("--releases", value);
        case "--recovery" -> recovery = positive("--recovery", value);
        case "--jar" -> jar = Path.of(value);
        default -> throw new IllegalArgumentException(
            "unknown argument " + args[i] + "; expected --rounds N, --releases N, --recovery N, --jar PATH");
      }
    }
    run(rounds, releases, recovery, jar.toAbsolutePath());
  }

  private static int positive(String name, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to the message
    }
    throw new IllegalArgumentException(name + " must be a positive number, but was '" + value + "'");
  }

  private static void run(int rounds, int releases, int recovery, Path jar) throws Exception {
    Path work = Files.createTempDirectory("openim-deploy-benchmark-");
    Path logs = Files.createDirectories(work.resolve("logs"));
    ControlPlaneBinaries binaries = ControlPlaneBinaries.locate();
    int releasesInCluster = rounds * 6 + releases + recovery * DeliveryPaths.MEASURED;
    int nodes = Math.max(2, releasesInCluster * 30 / 500 + 1);
    System.out.printf(Locale.ROOT, "Benchmark: %d rounds, %d releases in one JVM, %d cores (%s), work folder %s%n",
        rounds, releases, Runtime.getRuntime().availableProcessors(), loadAverage(), work);
    boolean ok = false;
    try (LocalCluster cluster = LocalCluster.builder().binaries(binaries).nodes(nodes)
        .nodeCapacity(new NodeCapacity("512", "4Ti", 500)).auditLog(work.resolve("audit.log")).start()) {
      System.out.printf(Locale.ROOT, "Local cluster up in %s with %d nodes%n",
          Report.seconds(cluster.startupTime().toMillis()), nodes);
      Path kubeconfig = cluster.adminKubeconfigFile();
      Commands commands = new Commands(logs, Map.of("HOME", Files.createDirectories(work.resolve("home")).toString()),
          Duration.ofMinutes(10));
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      try (KubernetesDeployer planner = KubernetesDeployer.builder().kubeconfig(cluster.adminKubeconfig()).build()) {
        Tool engine = new InJvmDeployer(cluster.adminKubeconfig());
        Tool helm = new HelmUpgrade(binaries.file("helm"), kubeconfig, work, commands);
        Tool appStore = new AppStoreTemplate(cluster.adminKubeconfig());
        List<Tool> tools = List.of(
            CliUp.javaJar(java, jar, kubeconfig, work, commands),
            CliUp.launcher(Path.of("openim-deploy").toAbsolutePath(), java, jar, kubeconfig, work, commands),
            engine, helm,
            new KubectlApply(binaries.file("kubectl"), kubeconfig, work, commands, planner),
            appStore);
        AuditLog audit = new AuditLog(work.resolve("audit.log"), cluster.newAdminClient());
        Report report = new Report();
        for (int round = 0; round < rounds; round++) {
          List<Tool> order = new ArrayList<>(tools.subList(round % tools.size(), tools.size()));
          order.addAll(tools.subList(0, round % tools.size()));
          for (Tool tool : order) {
            measure(cluster, tool, audit, report, round + 1);
          }
        }
        report.print(System.out, rounds);
        DeliveryPaths paths = new DeliveryPaths(new Recovery(cluster, work), report, recovery);
        paths.measure(engine, file -> new InJvmDeployer(read(file)));
        paths.measure(helm, file -> new HelmUpgrade(binaries.file("helm"), file, work, commands));
        paths.measure(appStore, file -> new AppStoreTemplate(read(file)));
        paths.print(System.out);
      }
      System.out.printf("%nThe change is %s. %d releases in one JVM:%n", Tool.SPEC_CHANGE, releases);
      ReleasesInOneJvm.run(cluster, releases, System.out);
      System.out.printf("At the end: %s%n", loadAverage());
      ok = true;
    } finally {
      if (ok) {
        deleteRecursively(work);
      } else {
        System.out.println("The tools' output is in " + logs + "; the audit log is " + work.resolve("audit.log"));
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The machine's load, which says whether other work shared the cores; Linux only. */
  private static String loadAverage() {
    Path file = Path.of("/proc/loadavg");
    try {
      String[] parts = Files.readString(file).split(" ", 4);
      return "load average " + parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "load average unknown: " + e.getMessage();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static void measure(LocalCluster cluster, Tool tool, AuditLog audit, Report report, int round) {
    String namespace = cluster.createNamespace("bench-" + tool.id());
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d %-7s", round, tool.id()));
    for (Tool.Step step : Tool.Step.values()) {
      if (!tool.supports(step)) {
        continue;
      }
      tool.prepare(namespace, step);
      long from = audit.mark();
      long start = System.nanoTime();
      tool.run(namespace, step);
      long millis = (System.nanoTime() - start) / 1_000_000;
      AuditCounts counts = audit.countSince(from);
      Set<String> ignored = Set.of(AuditLog.CLIENT);
      Report.Sample sample = new Report.Sample(millis, counts.tool(ignored), counts.toolClients(ignored));
      report.add(tool.name(), step, sample);
      line.append(String.format(Locale.ROOT, "  %s %s (%d requests)", step.label(), Report.seconds(millis),
          sample.requests()));
    }
    System.out.println(line);
  }
}
