/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.core.render.Topology;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.local.ThrottlingProxy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The deployer's JVM killed with SIGKILL in the middle of a first apply (no shutdown hook, no
 * finally block runs), after a chosen number of the events it printed or at a chosen apply
 * request; then {@code up} again, from this JVM, converges with nothing duplicated or lost.
 */
@DisplayName("The deployer's JVM killed mid-apply")
class KilledDeployerIT {

  @Test
  @DisplayName("SIGKILL after the 5th and the 30th event and at the middle apply request: up again converges")
  void killedMidApply() throws Exception {
    List<Interruption> runs = new ArrayList<>();
    try (LocalCluster cluster = LocalCluster.builder().nodes(2).start()) {
      int planSize = Topology.plan(DeploymentSpec.builder("im").namespace("sizing").build()).manifests().size();
      runs.add(run(cluster, "jvm-1", 5, 0));
      runs.add(run(cluster, "jvm-2", 30, 0));
      runs.add(run(cluster, "jvm-3", 0, planSize / 2));
      Interruption.print("the deployer's JVM killed with SIGKILL during a first apply (" + planSize + " objects)", runs);
    }
    assertThat(runs).allMatch(r -> r.first().startsWith("killed"));
  }

  /** Kills the child after {@code events} printed events, or when its apply request {@code apply} arrives. */
  private static Interruption run(LocalCluster cluster, String run, int events, int apply) throws Exception {
    DeploymentSpec spec = DeploymentSpec.builder("im").namespace("killed-" + run).build();
    Path output = Files.createTempFile("killed-deployer-", ".log");
    Path kubeconfig = Files.createTempFile("killed-deployer-", ".kubeconfig");
    AtomicReference<String> where = new AtomicReference<>("not killed");
    long began = System.nanoTime();
    try (ThrottlingProxy proxy = ThrottlingProxy.start(cluster, Integer.MAX_VALUE)) {
      Files.writeString(kubeconfig, proxy.kubeconfig());
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), DeployInChildJvm.class.getName(), kubeconfig.toString(),
          spec.namespace()).redirectError(output.toFile()).start();
      AtomicInteger applies = new AtomicInteger();
      proxy.onRequest((method, path) -> {
        if (apply > 0 && method.equals("PATCH") && applies.incrementAndGet() == apply) {
          where.set("killed at apply request " + apply);
          child.destroyForcibly(); // SIGKILL
          waitFor(child);
        }
      });
      String last = "";
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          last = line;
          if (events > 0 && line.startsWith("EVENT " + events + " ")) {
            where.set("killed after event " + events + " (" + line.substring(line.indexOf(' ', 6) + 1) + ")");
            child.destroyForcibly(); // SIGKILL
            break;
          }
        }
      } finally {
        waitFor(child);
      }
      assertThat(child.exitValue()).as("%s: killed, not finished (last line: %s; stderr in %s)", run, last, output)
          .isEqualTo(137);
    } finally {
      Files.deleteIfExists(kubeconfig);
    }
    Duration firstTook = Duration.ofNanos(System.nanoTime() - began);
    Files.deleteIfExists(output);
    return new Interruption(run, "deployer JVM, SIGKILL", Duration.ZERO, where.get(), firstTook,
        Convergence.rerun(cluster, spec, run));
  }

  private static void waitFor(Process child) {
    try {
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the killed JVM is gone").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
