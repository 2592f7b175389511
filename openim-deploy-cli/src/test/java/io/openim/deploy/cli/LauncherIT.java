/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's launcher script {@code ./openim-deploy}, run on the shaded jar {@code package}
 * made: the same output as {@code java -jar}, and a class-data archive per command that the
 * next run maps.
 */
@DisplayName("The openim-deploy launcher")
class LauncherIT {
  private static final Path LAUNCHER = Path.of("..", "openim-deploy").toAbsolutePath().normalize();
  private static final Path JAR = Path.of("target", "openim-deploy.jar").toAbsolutePath();

  private record Run(int exit, String output) {}

  private static Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    return start(Stream.concat(Stream.of("sh", LAUNCHER.toString()), Stream.of(args)).toList(), env);
  }

  private static String javaJar(String... args) throws IOException, InterruptedException {
    return start(Stream.concat(Stream.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        JAR.toString()), Stream.of(args)).toList(), Map.of()).output();
  }

  private static Run start(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("%s ends", command).isTrue();
    return new Run(process.exitValue(), output);
  }

  @Test
  @DisplayName("prints what java -jar prints, records an archive for the command, and the next run maps it")
  void archivePerCommand(@TempDir Path cache) throws Exception {
    Map<String, String> env = Map.of("OPENIM_DEPLOY_JAR", JAR.toString(), "XDG_CACHE_HOME", cache.toString());
    Run first = run(env, "plan", "--help");
    assertThat(first.exit()).isZero();
    assertThat(first.output()).as("no word of the JVM's archiving").isEqualTo(javaJar("plan", "--help"));
    Path archives = cache.resolve("openim-deploy").resolve("cds");
    try (Stream<Path> files = Files.list(archives)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .singleElement().asString().startsWith("openim-deploy-plan-").endsWith(".jsa");
    }

    // -Xshare:on makes a JVM that cannot map the archive fail instead of running without it
    Run second = run(Map.of("OPENIM_DEPLOY_JAR", JAR.toString(), "XDG_CACHE_HOME", cache.toString(),
        "OPENIM_DEPLOY_JAVA_OPTS", "-Xshare:on"), "plan", "--help");
    assertThat(second.exit()).as(second.output()).isZero();
    assertThat(second.output()).isEqualTo(first.output());
  }

  @Test
  @DisplayName("says how to build the jar when it is missing")
  void missingJar(@TempDir Path cache) throws Exception {
    Run run = run(Map.of("OPENIM_DEPLOY_JAR", cache.resolve("none.jar").toString(),
        "XDG_CACHE_HOME", cache.toString()), "--version");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.output()).contains("none.jar is missing; build it with ./mvnw -B -q install -DskipTests");
  }
}
