/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A JVM killed with SIGKILL")
class KilledJvmIT {

  @Test
  @DisplayName("leaves no etcd, kube-apiserver, controller, scheduler or kwok process behind")
  void killedJvmLeavesNothingBehind() throws Exception {
    Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");
    Path output = Files.createTempFile("killed-jvm-", ".log");
    Process child =
        new ProcessBuilder(
                javaBinary.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ClusterInChildJvm.class.getName())
            .redirectError(output.toFile())
            .start();
    String started = null;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("STARTED ")) {
          started = line;
          break;
        }
      }
      assertThat(started)
          .as("the child JVM started a cluster; its stderr:\n%s", Files.readString(output))
          .isNotNull();

      String[] parts = started.split(" ");
      Path work = Path.of(parts[1]);
      List<ProcessHandle> processes = ClusterInChildJvm.processes(parts);
      assertThat(processes).hasSize(5);
      assertThat(processes).allMatch(ProcessHandle::isAlive);
      assertThat(work).isDirectory();

      child.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isEqualTo(137);

      Eventually.await(
          Duration.ofSeconds(30),
          "every component of the killed JVM's cluster gone",
          () -> processes.stream().filter(ProcessHandle::isAlive).toList(),
          List::isEmpty);
      Eventually.await(
          Duration.ofSeconds(10),
          "the work folder " + work + " removed",
          () -> Files.exists(work),
          exists -> !exists);
    } finally {
      child.destroyForcibly();
      Files.deleteIfExists(output);
    }
  }
}
