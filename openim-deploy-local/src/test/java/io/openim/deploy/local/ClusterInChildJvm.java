/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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

  /**
   * The processes the {@code STARTED} line names, as handles taken now, while they run: a handle
   * keeps its process's start time, so once the process is gone it never reports a later process
   * that got the same pid as alive. A pid that is already gone is left out (the caller's count says so).
   */
  static List<ProcessHandle> processes(String[] startedLine) {
    return Arrays.stream(startedLine, 2, startedLine.length).map(Long::parseLong).map(ProcessHandle::of)
        .flatMap(Optional::stream).toList();
  }
}
