/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the shell the Jobs run with this machine's sh, as {@code sh -c SCRIPT step ARGS...}. */
public final class Shell {
  private Shell() {}

  /**
   * What a run printed (standard output and error together) and its exit code.
   *
   * @param exit the exit code
   * @param output what it printed
   */
  public record Result(int exit, String output) {}

  /** Runs {@code script} with {@code env} added to this process's environment. */
  public static Result run(String script, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("sh", "-c", script, "step"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the script ended within a minute").isTrue();
    return new Result(process.exitValue(), output);
  }
}
