/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the commands under test are POSIX sh scripts")
class ProcessRunnerTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final List<DeploymentEvent> events = new CopyOnWriteArrayList<>();
  private final ProcessRunner runner = new ProcessRunner(events::add, List.of());

  @TempDir Path dir;

  @Test
  @DisplayName("streams standard output and error as lines, in order, then the end with the exit code; the tail keeps the last 40")
  void streamsLines() throws IOException {
    ProcessRunner.Result result = runner.run(sh("i=1; while [ $i -le 50 ]; do echo out $i; i=$((i+1)); done;"
        + " echo to stderr >&2; exit 3"), Map.of(), null, MINUTE);

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.timedOut()).isFalse();
    assertThat(result.tail()).hasSize(ProcessRunner.TAIL_LINES).startsWith("out 12").endsWith("out 50", "to stderr");
    List<String> lines = events.stream().filter(DeploymentEvent.CommandOutput.class::isInstance)
        .map(e -> ((DeploymentEvent.CommandOutput) e).line()).toList();
    assertThat(lines).hasSize(51).startsWith("out 1", "out 2").endsWith("out 50", "to stderr");
    assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(DeploymentEvent.CommandFinished.class, e -> {
      assertThat(e.exitCode()).isEqualTo(3);
      assertThat(e.command()).startsWith("sh -c ");
      assertThat(e.took()).isEqualTo(result.took());
    });
  }

  @Test
  @DisplayName("adds the environment it is given to this process's")
  void environment() throws IOException {
    ProcessRunner.Result result = runner.run(sh("echo \"$SEALOS_RUNTIME_ROOT\"; [ -n \"$PATH\" ]"),
        Map.of("SEALOS_RUNTIME_ROOT", "/tmp/state"), null, MINUTE);

    assertThat(result.exitCode()).isZero();
    assertThat(result.tail()).containsExactly("/tmp/state");
  }

  @Test
  @DisplayName("without standard input the program reads end-of-file; with it, reads what was given")
  void standardInput() throws IOException {
    List<String> readLine = sh("if IFS= read -r answer; then echo \"read $answer\"; else echo eof; fi");

    assertThat(runner.run(readLine, Map.of(), null, MINUTE).tail()).containsExactly("eof");
    assertThat(runner.run(readLine, Map.of(), "vm\n", MINUTE).tail()).containsExactly("read vm");
  }

  @Test
  @DisplayName("a program past its timeout is stopped with its whole process tree, and the end says -1")
  void timeoutStopsTheTree() throws IOException {
    Path pids = dir.resolve("pids");
    ProcessRunner.Result result = runner.run(sh("sleep 600 & echo $$ $! > " + pids + "; echo started; wait"),
        Map.of(), null, Duration.ofSeconds(2));

    assertThat(result.timedOut()).isTrue();
    assertThat(result.exitCode()).isEqualTo(-1);
    assertThat(result.took()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(result.tail()).containsExactly("started");
    assertThat(Files.readString(pids).strip().split(" ")).hasSize(2).allSatisfy(pid ->
        assertThat(ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive)).as("process " + pid).isEmpty());
    assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(DeploymentEvent.CommandFinished.class,
        e -> assertThat(e.exitCode()).isEqualTo(-1));
  }

  @Test
  @DisplayName("a masked secret never reaches events or the tail, whether in the command or in the output")
  void masks() throws IOException {
    Secret password = Secret.of("s3cret-Passw0rd");
    ProcessRunner masking = new ProcessRunner(events::add, List.of(Secret.of("s3cret"), password));

    ProcessRunner.Result result = masking.run(List.of("sh", "-c", "echo \"passwd: $1\"; echo fine", "sh",
        password.reveal()), Map.of(), null, MINUTE);

    assertThat(result.tail()).containsExactly("passwd: <redacted>", "fine");
    assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.toString()).doesNotContain("s3cret"));
    assertThat(events.get(0)).isInstanceOfSatisfying(DeploymentEvent.CommandOutput.class,
        e -> assertThat(e.command()).endsWith(" sh <redacted>"));
  }

  @Test
  @DisplayName("a listener that throws does not stop the output from being read")
  void throwingListener() throws IOException {
    ProcessRunner careless = new ProcessRunner(e -> {
      throw new IllegalStateException("listener bug");
    }, List.of());

    ProcessRunner.Result result = careless.run(sh("echo one; echo two"), Map.of(), null, MINUTE);

    assertThat(result.exitCode()).isZero();
    assertThat(result.tail()).containsExactly("one", "two");
  }

  @Test
  @DisplayName("a program that cannot be started is an IOException, and nothing is sent")
  void cannotStart() {
    assertThatThrownBy(() -> runner.run(List.of(dir.resolve("no-such-sealos").toString()), Map.of(), null, MINUTE))
        .isInstanceOf(IOException.class).hasMessageContaining("no-such-sealos");
    assertThat(events).isEmpty();
  }

  @Test
  @DisplayName("shows a command by the program's file name, quoting arguments with spaces")
  void shown() {
    assertThat(runner.shown(List.of("/opt/bin/sealos", "run", "a b", ""))).isEqualTo("sealos run 'a b' ''");
  }

  private static List<String> sh(String script) {
    return List.of("sh", "-c", script);
  }
}
