/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.samples.benchmark.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code openim-deploy up} from the shaded CLI jar, the whole command a user runs: a new JVM, the
 * spec file read, plan, image check skipped (the local cluster's pods pull nothing), apply, wait.
 * Started with {@code java -jar}, or through the project's launcher script {@code ./openim-deploy},
 * which adds class-data sharing and the client compiler only (its first run records the archive).
 */
public final class CliUp implements Tool {
  private final String id;
  private final String name;
  private final List<String> launch;
  private final Path kubeconfig;
  private final Path work;
  private final Commands commands;

  private CliUp(String id, String name, List<String> launch, Path jar, Path kubeconfig, Path work, Commands commands) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("the CLI jar " + jar + " is missing; build it with"
          + " ./mvnw -B package -pl openim-deploy-cli -am -DskipTests, or give its path with --jar");
    }
    this.id = id;
    this.name = name;
    this.launch = List.copyOf(launch);
    this.kubeconfig = kubeconfig;
    this.work = work;
    this.commands = commands;
  }

  /** {@code java -jar jar up} against {@code kubeconfig}, spec files written into {@code work}. */
  public static CliUp javaJar(Path java, Path jar, Path kubeconfig, Path work, Commands commands) {
    return new CliUp("up", "`openim-deploy up` (`java -jar`)", List.of(java.toString(), "-jar", jar.toString()), jar,
        kubeconfig, work, commands);
  }

  /** {@code launcher up} with {@code jar} and the JDK of {@code java}, spec files written into {@code work}. */
  public static CliUp launcher(Path launcher, Path java, Path jar, Path kubeconfig, Path work, Commands commands) {
    if (!Files.isRegularFile(launcher)) {
      throw new IllegalArgumentException("the launcher " + launcher + " is missing; run the benchmark from the"
          + " project's root folder");
    }
    Path javaHome = java.getParent().getParent();
    return new CliUp("up-cds", "`./openim-deploy up` (launcher: CDS, C1)", List.of("env",
        "OPENIM_DEPLOY_JAR=" + jar, "JAVA_HOME=" + javaHome, "sh", launcher.toString()), jar, kubeconfig, work,
        commands);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String id() {
    return id;
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
    List<String> command = new ArrayList<>(launch);
    command.addAll(List.of("up", "--skip-image-check", "--kubeconfig", kubeconfig.toString(), "-f",
        specFile(namespace, step).toString()));
    commands.run(command);
  }

  private Path specFile(String namespace, Step step) {
    return work.resolve(namespace + "-" + step.name().toLowerCase(Locale.ROOT) + ".yaml");
  }
}
