/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.samples.benchmark.internal;

import io.openim.deploy.Manifest;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.local.ThrottlingProxy;
import io.openim.deploy.testkit.ConvergedRelease;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * How a delivery path recovers when the API server goes away in the middle of a first deploy:
 * kube-apiserver killed with SIGKILL ({@link LocalCluster#kill}) at the n-th request the path
 * sends, with n spread evenly over the requests its first deploy takes, down for a short time
 * and a long one in turn; then the path run again, as a user would after a failure, and the
 * namespace checked with {@link ConvergedRelease}. The path talks to the API server through a
 * {@link ThrottlingProxy} that throttles nothing and counts its requests; the run after it goes
 * straight to the API server.
 */
public final class Recovery {
  /** Shorter than the engine's retries of one request ride out. */
  public static final Duration SHORT = Duration.ofSeconds(3);
  /** Longer than the engine's retries of one request (8 attempts, about 23 s of backoff). */
  public static final Duration LONG = Duration.ofSeconds(25);
  /** How long the namespace may take to settle after the run after the interrupted one. */
  public static final Duration SETTLE = Duration.ofSeconds(60);

  /**
   * One interrupted first deploy.
   *
   * @param at the request the API server was killed at
   * @param downtime how long it stayed down
   * @param first how the interrupted run ended
   * @param next how the run after it ended, or {@code not needed} when the path has no re-run of
   *     a deploy that completed
   * @param problems what {@link ConvergedRelease} found after the run after it
   */
  public record Run(int at, Duration downtime, String first, String next, List<String> problems) {
    /** Copies the list. */
    public Run {
      problems = List.copyOf(problems);
    }

    /** Whether the run after the interrupted one ended well and left the release converged. */
    public boolean converged() {
      return !next.startsWith("failed") && problems.isEmpty();
    }
  }

  private final LocalCluster cluster;
  private final Path work;

  /** Runs on {@code cluster}, writing the proxies' kubeconfigs into {@code work}. */
  public Recovery(LocalCluster cluster, Path work) {
    this.cluster = cluster;
    this.work = work;
  }

  /**
   * Interrupts {@code runs} first deploys of the tool {@code through} makes for a kubeconfig
   * file, at requests spread over {@code requests} (what its first deploy takes), each followed by
   * a run of {@code direct}, the same tool on the cluster's own kubeconfig.
   */
  public List<Run> measure(Function<Path, Tool> through, Tool direct, long requests, int runs) {
    List<Run> out = new ArrayList<>();
    for (int i = 1; i <= runs; i++) {
      int at = (int) Math.max(1, Math.round((double) requests * i / (runs + 1)));
      Duration downtime = i % 2 == 1 ? SHORT : LONG;
      String namespace = cluster.createNamespace("rec-" + direct.id());
      AtomicInteger sent = new AtomicInteger();
      AtomicReference<CompletableFuture<Void>> restart = new AtomicReference<>();
      String first;
      try (ThrottlingProxy proxy = ThrottlingProxy.start(cluster, Integer.MAX_VALUE)) {
        proxy.onRequest((method, path) -> {
          if (sent.incrementAndGet() == at) {
            restart.set(cluster.kill("kube-apiserver", downtime));
          }
        });
        Tool tool = through.apply(kubeconfig(proxy, namespace));
        first = outcome(() -> {
          tool.prepare(namespace, Tool.Step.FIRST);
          tool.run(namespace, Tool.Step.FIRST);
        });
      }
      if (restart.get() == null) {
        first = first + " before request " + at + " (it sent " + sent.get() + ")";
      } else {
        restart.get().orTimeout(3, TimeUnit.MINUTES).join();
      }
      String next = !first.startsWith("completed") || direct.supports(Tool.Step.NOOP)
          ? outcome(() -> {
            direct.prepare(namespace, Tool.Step.FIRST);
            direct.run(namespace, Tool.Step.FIRST);
          })
          : "not needed";
      Run run = new Run(at, downtime, first, next, settled(direct.objects(namespace)));
      System.out.printf(Locale.ROOT, "recovery %-8s %2d: killed at request %d for %d s; first %s; next %s; %s%n",
          direct.id(), i, at, downtime.toSeconds(), first, next,
          run.problems().isEmpty() ? "converged" : run.problems().size() + " problems: " + run.problems().get(0));
      out.add(run);
    }
    return out;
  }

  /**
   * What {@link ConvergedRelease} finds once the namespace has had up to {@link #SETTLE} to settle
   * (a path that does not wait for its Jobs, such as the App Store, leaves them running); polled.
   */
  private List<String> settled(List<Manifest> objects) {
    Instant deadline = Instant.now().plus(SETTLE);
    List<String> problems = ConvergedRelease.problems(cluster.newAdminClient(), objects);
    while (!problems.isEmpty() && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      problems = ConvergedRelease.problems(cluster.newAdminClient(), objects);
    }
    return problems;
  }

  private Path kubeconfig(ThrottlingProxy proxy, String namespace) {
    try {
      return Files.writeString(work.resolve("proxy-" + namespace + ".kubeconfig"), proxy.kubeconfig());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the proxy's kubeconfig", e);
    }
  }

  /** How a run ended, in a few words. */
  private static String outcome(Runnable run) {
    try {
      run.run();
      return "completed";
    } catch (RuntimeException e) {
      // a command's failure starts with its exit code; the tool's own "Error: ..." line says why
      List<String> lines = String.valueOf(e.getMessage()).lines().filter(l -> !l.isBlank()).toList();
      String line = lines.stream().filter(l -> l.startsWith("Error:")).findFirst()
          .or(() -> lines.stream().skip(1).filter(l -> l.toLowerCase(Locale.ROOT).contains("error")).findFirst())
          .orElse(lines.isEmpty() ? "" : lines.get(0)).replace('|', '/');
      System.out.println("  " + String.join("\n  ", lines)); // the whole reason, for the run's log
      return "failed: " + (line.length() > 120 ? line.substring(0, 120) + "..." : line);
    }
  }

  /** Prints each run of each path as a Markdown table. */
  public static void print(PrintStream out, String path, List<Run> runs) {
    out.printf("%n%s, interrupted first deploys:%n%n", path);
    out.println("| run | killed at request | down | first run | next run | converged |");
    out.println("|---|---|---|---|---|---|");
    for (int i = 0; i < runs.size(); i++) {
      Run run = runs.get(i);
      out.printf(Locale.ROOT, "| %d | %d | %d s | %s | %s | %s |%n", i + 1, run.at(), run.downtime().toSeconds(),
          run.first(), run.next(), run.converged() ? "yes"
              : "no" + (run.problems().isEmpty() ? "" : ": " + run.problems().size() + " problems, "
                  + run.problems().get(0)));
    }
  }
}
