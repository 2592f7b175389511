/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.samples;

import io.openim.deploy.local.ControlPlaneBinaries;
import io.openim.deploy.local.LocalCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the local cluster with warm binaries: the time from the first process started to the
 * first node Ready (what {@link LocalCluster#startupTime()} reports), and the resident memory of
 * each component right after start and after 10 s idle. Linux only (reads /proc).
 *
 * <p>Arguments: the number of starts (default 5).
 */
public final class LocalClusterBenchmark {
  private LocalClusterBenchmark() {}

  /** Prints one line per run and a summary. */
  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    ControlPlaneBinaries binaries = ControlPlaneBinaries.locate();
    List<Long> startMillis = new ArrayList<>();
    List<Long> idleTotals = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      try (LocalCluster cluster = LocalCluster.builder().binaries(binaries).start()) {
        Map<String, Long> atStart = rss(cluster);
        Thread.sleep(10_000);
        Map<String, Long> idle = rss(cluster);
        long total = idle.values().stream().mapToLong(Long::longValue).sum();
        startMillis.add(cluster.startupTime().toMillis());
        idleTotals.add(total);
        System.out.printf(
            "run %d: start %d ms; RSS MiB at start %s; after 10 s idle %s; total %d MiB%n",
            run, cluster.startupTime().toMillis(), atStart, idle, total);
      }
    }
    Collections.sort(startMillis);
    Collections.sort(idleTotals);
    System.out.printf(
        "%d runs: start min %d / median %d / max %d ms; idle RSS total median %d MiB (max %d)%n",
        runs,
        startMillis.get(0),
        startMillis.get(runs / 2),
        startMillis.get(runs - 1),
        idleTotals.get(runs / 2),
        idleTotals.get(runs - 1));
  }

  private static Map<String, Long> rss(LocalCluster cluster) throws IOException {
    Map<String, Long> mib = new LinkedHashMap<>();
    for (LocalCluster.Component component : cluster.components()) {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(component.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
          mib.put(component.name(), kib / 1024);
        }
      }
    }
    return mib;
  }
}
