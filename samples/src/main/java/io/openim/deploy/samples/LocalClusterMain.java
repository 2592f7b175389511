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
import java.util.concurrent.CountDownLatch;

/**
 * Starts the embedded local Kubernetes cluster, prints how to reach it, and keeps it running until
 * Ctrl-C. The first run builds the control-plane binaries (needs Go 1.26).
 *
 * <p>Arguments: an optional node count (default 1).
 */
public final class LocalClusterMain {
  private LocalClusterMain() {}

  /** Runs until interrupted. */
  public static void main(String[] args) throws IOException, InterruptedException {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    ControlPlaneBinaries binaries = ControlPlaneBinaries.locate();
    LocalCluster cluster = LocalCluster.builder().binaries(binaries).nodes(nodes).start();
    Path kubeconfig = Path.of("target", "local-cluster.kubeconfig").toAbsolutePath();
    Files.createDirectories(kubeconfig.getParent());
    Files.writeString(kubeconfig, cluster.adminKubeconfig());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  cluster.close();
                  stopped.countDown();
                },
                "local-cluster-shutdown"));
    System.out.printf(
        "%nLocal Kubernetes cluster is up in %d ms.%n"
            + "  API server:  %s%n"
            + "  kubeconfig:  %s%n"
            + "  work folder: %s (logs in logs/)%n"
            + "Try:%n"
            + "  %s --kubeconfig %s get nodes%n"
            + "Press Ctrl-C to stop it; everything is removed.%n",
        cluster.startupTime().toMillis(),
        cluster.apiServer(),
        kubeconfig,
        cluster.workDirectory(),
        binaries.file("kubectl"),
        kubeconfig);
    stopped.await();
  }
}
