/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.samples.benchmark.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code openim-deploy up} from the shaded CLI jar, the whole command a user runs: a new JVM, the
 * spec file read, plan, image check skipped (the local cluster's pods pull nothing), apply, wait.
 */
public final class CliUp implements Tool {
  private final Path java;
  private final Path jar;
  private final Path kubeconfig;
  private final Path work;
  private final Commands commands;

  /** {@code java -jar jar up} against {@code kubeconfig}, spec files written into {@code work}. */
  public CliUp(Path java, Path jar, Path kubeconfig, Path work, Commands commands) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("the CLI jar " + jar + " is missing; build it with"
          + " ./mvnw -B package -pl openim-deploy-cli -am -DskipTests, or give its path with --jar");
    }
    this.java = java;
    this.jar = jar;
    this.kubeconfig = kubeconfig;
    this.work = work;
    this.commands = commands;
  }

  @Override
  public String name() {
    return "`openim-deploy up` (CLI jar)";
  }

  @Override
  public String id() {
    return "up";
  }

  @Override
  public void prepare(String namespace, Step step) {
    String yaml = "release: " + RELEASE + "\nnamespace: " + namespace + "\n"
        + (step == Step.CHANGE ? "components:\n  api:\n    replicas: 2\n" : "");
    try {
      Files.writeString(specFile(namespace, step), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write a spec file into " + work, e);
    }
  }

  @Override
  public void run(String namespace, Step step) {
    commands.run(List.of(java.toString(), "-jar", jar.toString(), "up", "--skip-image-check",
        "--kubeconfig", kubeconfig.toString(), "-f", specFile(namespace, step).toString()));
  }

  private Path specFile(String namespace, Step step) {
    return work.resolve(namespace + "-" + step.name().toLowerCase(Locale.ROOT) + ".yaml");
  }
}
