/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.samples.benchmark.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the command lines the tools are measured with, their output going to a log file. */
public final class Commands {
  private final Path logs;
  private final Map<String, String> environment;
  private final Duration timeout;
  private int runs;

  /**
   * Commands whose output goes to files in {@code logs}, with {@code environment} added to this
   * process's, each given {@code timeout}.
   */
  public Commands(Path logs, Map<String, String> environment, Duration timeout) {
    this.logs = logs;
    this.environment = Map.copyOf(environment);
    this.timeout = timeout;
  }

  /**
   * Runs {@code command} to its end.
   *
   * @throws IllegalStateException if it exits with another code than 0 or outlives the timeout;
   *     the message gives the command, the end of its output and the log file
   */
  public void run(List<String> command) {
    Path log = logs.resolve(String.format("%03d-%s.log", ++runs, Path.of(command.get(0)).getFileName()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "still running after " + timeout.toSeconds() + " s, so stopped: " + String.join(" ", command) + "\n"
                + tail(log) + "\n(whole output in " + log + ")");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("exit code " + process.exitValue() + " from " + String.join(" ", command)
            + "\n" + tail(log) + "\n(whole output in " + log + ")");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(its output could not be read: " + e.getMessage() + ")";
    }
  }
}
