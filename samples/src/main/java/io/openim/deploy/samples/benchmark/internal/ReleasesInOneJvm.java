/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.samples.benchmark.internal;

import io.openim.deploy.core.KubernetesDeployer;
import io.openim.deploy.local.LocalCluster;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * N releases of the default topology deployed one after another by one {@link KubernetesDeployer}
 * in this JVM, each into its own namespace: the time of each, and the heap in use after a garbage
 * collection once it is up, to show whether the cost grows with the releases already there.
 */
public final class ReleasesInOneJvm {
  private ReleasesInOneJvm() {}

  /** Deploys {@code releases} releases and prints a row per release and a summary line. */
  public static void run(LocalCluster cluster, int releases, PrintStream out) {
    List<Long> millis = new ArrayList<>();
    List<Long> heaps = new ArrayList<>();
    try (KubernetesDeployer deployer =
        KubernetesDeployer.builder().kubeconfig(cluster.adminKubeconfig()).build()) {
      for (int i = 1; i <= releases; i++) {
        String namespace = cluster.createNamespace("bench-many");
        long start = System.nanoTime();
        deployer.deploy(Tool.spec(namespace, Tool.Step.FIRST)).orThrow();
        millis.add((System.nanoTime() - start) / 1_000_000);
        heaps.add(heapAfterGcMiB());
        out.printf(Locale.ROOT, "  release %d of %d: %s, heap %d MiB%n", i, releases,
            Report.seconds(millis.get(i - 1)), heaps.get(i - 1));
      }
    }
    out.printf(Locale.ROOT, "%n%d releases in one JVM, one deployer: median %s per release (first %s, last %s);"
            + " heap after GC %d MiB after the first, %d MiB after the last%n", releases,
        Report.seconds(Report.median(millis)), Report.seconds(millis.get(0)),
        Report.seconds(millis.get(releases - 1)), heaps.get(0), heaps.get(releases - 1));
  }

  @SuppressWarnings("SystemGc") // the heap a release keeps is only seen after a collection
  private static long heapAfterGcMiB() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
  }
}
