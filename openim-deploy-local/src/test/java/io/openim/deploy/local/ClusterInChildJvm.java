/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local;

import java.util.stream.Collectors;

/**
 * Run in a separate JVM by {@link KilledJvmIT}: starts a cluster, prints its work folder and the
 * process ids of its components on one line, then waits to be killed. With the argument {@code
 * real}, the cluster has a real node and no simulated one.
 */
final class ClusterInChildJvm {
  private ClusterInChildJvm() {}

  public static void main(String[] args) throws InterruptedException {
    LocalCluster.Builder builder = LocalCluster.builder();
    if (args.length > 0 && args[0].equals("real")) {
      builder.nodes(0).realNodes(1);
    }
    LocalCluster cluster = builder.start();
    String pids =
        cluster.components().stream()
            .map(c -> Long.toString(c.pid()))
            .collect(Collectors.joining(" "));
    System.out.println("STARTED " + cluster.workDirectory() + " " + pids);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
