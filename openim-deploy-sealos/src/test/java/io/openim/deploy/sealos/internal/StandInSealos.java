/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.internal;

import io.openim.deploy.DeploymentEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The stand-in {@code sealos} (a POSIX sh script, {@code sealos-standin.sh}, behaving as
 * docs/sealos.md describes) written into a folder, with its runtime root next to it and the
 * events of the runs it served.
 */
public final class StandInSealos {
  /**
   * The start of a Clusterfile for cluster {@code default} up to its hosts, as sealos saves it and
   * the Clusterfile model writes it: master0 10.0.0.1 and the node 10.0.0.3.
   */
  static final String CLUSTER_AND_HOSTS = """
      apiVersion: apps.sealos.io/v1beta1
      kind: Cluster
      metadata:
        name: default
      spec:
        hosts:
        - ips:
          - 10.0.0.1:22
          roles:
          - master
          - amd64
        - ips:
          - 10.0.0.3:22
          roles:
          - node
          - amd64
      """;

  public final Path executable;
  public final Path runtimeRoot;
  public final List<DeploymentEvent> events = new CopyOnWriteArrayList<>();
  private final Path folder;

  public StandInSealos(Path folder) {
    this.folder = folder;
    this.executable = folder.resolve("bin").resolve("sealos");
    this.runtimeRoot = folder.resolve("sealos-root");
    write(executable, resource("sealos-standin.sh"));
    write(executable.resolveSibling("admin.conf"), resource("admin.conf"));
    try {
      Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A test resource of this package, as text. */
  static String resource(String name) {
    try (InputStream in = Objects.requireNonNull(StandInSealos.class.getResourceAsStream(name), name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The stand-in called directly, without SealosCli's checks: what sealos itself does. */
  ProcessRunner.Result raw(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(executable.toString()));
    command.addAll(List.of(args));
    return new ProcessRunner(e -> { }, List.of()).run(command, Map.of("SEALOS_RUNTIME_ROOT", runtimeRoot.toString()),
        null, Duration.ofMinutes(1));
  }

  /** A builder on this stand-in, its runtime root and events, with a step timeout of a minute. */
  SealosCli.Builder cli() {
    return SealosCli.builder(executable).runtimeRoot(runtimeRoot).listener(events::add)
        .stepTimeout(Duration.ofMinutes(1));
  }

  /** Sets the stand-in's knobs (sourced by the script: {@code SLOW=1}, {@code FAIL="..."}, {@code ECHO_SSH=1}). */
  public StandInSealos knobs(String knobs) {
    write(executable.resolveSibling("knobs"), knobs + "\n");
    return this;
  }

  /**
   * Makes {@code apply} and {@code run} leave {@code kubeconfig} as the cluster's admin.conf, its
   * server's host replaced by {@code apiserver.cluster.local} as kubeadm's is on a sealos cluster.
   */
  public StandInSealos adminConf(String kubeconfig) {
    write(executable.resolveSibling("admin.conf"),
        kubeconfig.replaceAll("(?m)^(\\s*server: https://)[^:/\\s]+", "$1apiserver.cluster.local"));
    return this;
  }

  /** The arguments of each call, in order. */
  public List<String> calls() {
    return lines(executable.resolveSibling("calls.log"));
  }

  /** What each prompt read: {@code read:<answer>}, or {@code eof}. */
  List<String> answers() {
    return lines(executable.resolveSibling("answers.log"));
  }

  /** A pid the stand-in wrote in slow mode ({@code sealos.pid}, {@code sleep.pid}). */
  long pid(String file) {
    List<String> lines = lines(executable.resolveSibling(file));
    if (lines.isEmpty()) {
      throw new AssertionError("the stand-in wrote no " + file + ": it did not reach its slow step");
    }
    return Long.parseLong(lines.get(0).strip());
  }

  /** The saved Clusterfile of {@code cluster}. */
  Path savedClusterfile(String cluster) {
    return runtimeRoot.resolve(cluster).resolve("Clusterfile");
  }

  /** Writes a saved Clusterfile for {@code default} as sealos would leave it, and returns its path. */
  Path saveCluster(String yaml) {
    Path file = savedClusterfile("default");
    write(file, yaml);
    return file;
  }

  /** Writes {@code content} to {@code name} in the test's folder. */
  Path file(String name, String content) {
    Path file = folder.resolve(name);
    write(file, content);
    return file;
  }

  /** The text of the {@link DeploymentEvent.CommandOutput} events, in order. */
  List<String> outputLines() {
    return events.stream().filter(DeploymentEvent.CommandOutput.class::isInstance)
        .map(e -> ((DeploymentEvent.CommandOutput) e).line()).toList();
  }

  /** The {@link DeploymentEvent.CommandFinished} events, in order. */
  List<DeploymentEvent.CommandFinished> finished() {
    return events.stream().filter(DeploymentEvent.CommandFinished.class::isInstance)
        .map(DeploymentEvent.CommandFinished.class::cast).toList();
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
