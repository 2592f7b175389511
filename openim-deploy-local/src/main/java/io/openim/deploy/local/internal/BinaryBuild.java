/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import io.openim.deploy.local.LocalClusterException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Builds the control-plane binaries from the Go module proxy by running the build script that
 * ships in this jar ({@code build-control-plane.sh}). One build per cache folder at a time: a file
 * lock keeps concurrent JVMs from building the same folder twice.
 */
public final class BinaryBuild {
  static final String SCRIPT = "build-control-plane.sh";
  private static final String GO_MISSING =
      "Go 1.26 or newer is needed to build {what} into {directory}; install Go"
          + " (https://go.dev/doc/install, or the golang package of your system) and put it on"
          + " PATH, or point OPENIM_DEPLOY_K8S_BIN at a folder of prebuilt binaries.";

  private final String what;
  private final String script;
  private final List<String> arguments;
  private final String duration;
  private final Map<String, String> environment;
  private final Consumer<String> progress;
  private final String program;
  private final String missingProgram;

  /** A build of the control plane's module versions, run with {@code environment}. */
  public BinaryBuild(
      String kubernetes,
      String etcd,
      String kwok,
      Map<String, String> environment,
      Consumer<String> progress) {
    this(
        "the local Kubernetes control plane (Kubernetes " + kubernetes + ", etcd " + etcd + ", kwok " + kwok + ")",
        SCRIPT,
        List.of(kubernetes, etcd, kwok),
        "20 to 40 minutes",
        environment,
        progress);
  }

  private BinaryBuild(
      String what,
      String script,
      List<String> arguments,
      String duration,
      Map<String, String> environment,
      Consumer<String> progress) {
    this(what, script, arguments, duration, environment, progress, "go", GO_MISSING);
  }

  private BinaryBuild(
      String what,
      String script,
      List<String> arguments,
      String duration,
      Map<String, String> environment,
      Consumer<String> progress,
      String program,
      String missingProgram) {
    this.program = program;
    this.missingProgram = missingProgram;
    this.what = what;
    this.script = script;
    this.arguments = List.copyOf(arguments);
    this.duration = duration;
    this.environment = Map.copyOf(environment);
    this.progress = progress;
  }

  /**
   * A build of one more test tool by {@code script} (a resource next to this class, called with
   * the output folder and then {@code arguments}), with the same lock, progress and missing-Go
   * message as the control plane's, into a cache folder of its own.
   */
  public static BinaryBuild tool(
      String what,
      String script,
      List<String> arguments,
      String duration,
      Map<String, String> environment,
      Consumer<String> progress) {
    return new BinaryBuild(what, script, arguments, duration, environment, progress);
  }

  /**
   * Like {@link #tool}, for a script that needs {@code program} (looked up on the build's PATH)
   * rather than Go; {@code missingProgram} is the sentence that says what to install when it is
   * not there.
   */
  public static BinaryBuild script(
      String what,
      String script,
      List<String> arguments,
      String duration,
      String program,
      String missingProgram,
      Map<String, String> environment,
      Consumer<String> progress) {
    return new BinaryBuild(
        what, script, arguments, duration, environment, progress, program, missingProgram);
  }

  /**
   * Runs {@code build} while holding the file lock of {@code directory} ({@code <directory>.lock}
   * next to it), unless the {@code VERSIONS} file in it already says {@code marker}: then another
   * JVM finished the same build while this one waited. {@code build} writes that file last.
   */
  @SuppressWarnings("try") // the lock is held for the try block and never read
  public static void once(Path directory, String marker, Runnable build) {
    try {
      Files.createDirectories(directory.getParent());
      Path lockFile = directory.resolveSibling(directory.getFileName() + ".lock");
      try (FileChannel channel =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        Path versions = directory.resolve("VERSIONS");
        if (Files.isRegularFile(versions) && Files.readString(versions).strip().equals(marker)) {
          return;
        }
        build.run();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not build into " + directory, e);
    }
  }

  /**
   * Builds into {@code directory} unless another JVM finished the same build while this one
   * waited for the lock. The build writes the {@code VERSIONS} file last, with {@code marker}.
   */
  public void buildInto(Path directory, String marker) {
    Path tool =
        findOnPath(program)
            .orElseThrow(
                () ->
                    new LocalClusterException(
                        missingProgram.replace("{what}", what).replace("{directory}", directory.toString())));
    once(
        directory,
        marker,
        () -> {
          try {
            run(tool, directory);
          } catch (IOException e) {
            throw new UncheckedIOException("could not build " + what + " into " + directory, e);
          }
        });
  }

  private void run(Path tool, Path directory) throws IOException {
    Files.createDirectories(directory);
    Path scriptFile = Files.createTempFile("openim-deploy-build-", ".sh");
    Path log = directory.resolve("build.log");
    Resources.copy(script, scriptFile);
    Instant started = Instant.now();
    progress.accept(
        "Building "
            + what
            + " into "
            + directory
            + " with "
            + tool
            + ". This happens once per version and takes "
            + duration
            + " on two cores.");
    ProcessBuilder builder =
        new ProcessBuilder(
                command(scriptFile, directory))
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().clear();
    builder.environment().putAll(environment);
    Deque<String> tail = new ArrayDeque<>();
    ScheduledExecutorService heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "openim-deploy-build-heartbeat");
              thread.setDaemon(true);
              return thread;
            });
    heartbeat.scheduleAtFixedRate(
        () ->
            progress.accept(
                "... still building, "
                    + Duration.between(started, Instant.now()).toMinutes()
                    + " min so far"),
        1,
        1,
        TimeUnit.MINUTES);
    int exit;
    try {
      Process process = builder.start();
      try (BufferedReader out =
              new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
          Writer logWriter = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
        String line;
        while ((line = out.readLine()) != null) {
          logWriter.write(line);
          logWriter.write('\n');
          if (!line.startsWith("go: downloading")) {
            progress.accept(line);
          }
          tail.addLast(line);
          if (tail.size() > 30) {
            tail.removeFirst();
          }
        }
      }
      exit = process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalClusterException("interrupted while building " + what, e);
    } finally {
      heartbeat.shutdownNow();
      Files.deleteIfExists(scriptFile);
    }
    if (exit != 0) {
      throw new LocalClusterException(
          "Building "
              + what
              + " failed (exit "
              + exit
              + "); the whole output is in "
              + log
              + ". Last lines:\n"
              + String.join("\n", tail));
    }
    progress.accept(
        "Built "
            + what
            + " in "
            + Duration.between(started, Instant.now()).toSeconds()
            + " s");
  }

  private List<String> command(Path scriptFile, Path directory) {
    List<String> command = new ArrayList<>(List.of("bash", scriptFile.toString(), directory.toString()));
    command.addAll(arguments);
    return command;
  }

  /** The first executable called {@code name} on this build's PATH. */
  Optional<Path> findOnPath(String name) {
    String path = environment.getOrDefault("PATH", "");
    for (String entry : path.split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(entry, name);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
