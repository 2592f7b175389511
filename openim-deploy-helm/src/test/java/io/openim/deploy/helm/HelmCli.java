/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.helm;

import io.openim.deploy.local.ControlPlaneBinaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the helm command line that openim-deploy-local builds from the Helm Go module. */
final class HelmCli {
  private HelmCli() {}

  /** helm's standard output; fails with its standard error when it exits non-zero. */
  static String run(String... args) throws IOException, InterruptedException {
    Result result = attempt(args);
    if (result.exit() != 0) {
      throw new AssertionError("helm " + String.join(" ", args) + " exited " + result.exit() + ":\n" + result.err());
    }
    return result.out();
  }

  /** What helm printed and how it exited. */
  record Result(int exit, String out, String err) {}

  static Result attempt(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ControlPlaneBinaries.locate().file("helm").toString());
    command.addAll(List.of(args));
    Path err = Files.createTempFile("helm-", ".err");
    Path home = Files.createTempDirectory("helm-home-");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
    builder.environment().put("HELM_CACHE_HOME", home.resolve("cache").toString());
    builder.environment().put("HELM_CONFIG_HOME", home.resolve("config").toString());
    builder.environment().put("HELM_DATA_HOME", home.resolve("data").toString());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("helm " + String.join(" ", args) + " did not finish in 2 minutes");
    }
    String errors = Files.readString(err);
    Files.deleteIfExists(err);
    return new Result(process.exitValue(), out, errors);
  }
}
