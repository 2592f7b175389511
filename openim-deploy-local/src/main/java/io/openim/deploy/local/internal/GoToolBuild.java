/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One command-line tool built from a Go module version by {@code build-go-binary.sh} (the script
 * the test images' Go programs are built with) under {@link BinaryBuild}'s lock and progress, into
 * a cache folder of its own whose name carries a hash of everything the build is made from: the
 * package, the version, the linker variables, the build environment and the script itself. A
 * changed recipe gets a new folder; an unchanged one is built once.
 *
 * @param what what the progress lines and errors call the tool
 * @param packagePath the Go package of the command, {@code github.com/zegl/kube-score/cmd/kube-score}
 * @param version the module version, {@code v1.20.0}
 * @param name the binary's file name
 * @param variables {@code -X importpath.name=value} linker settings, without the {@code -X}
 * @param buildEnvironment variables the build needs on top of the caller's environment, such as a
 *     {@code GOEXPERIMENT} the module's release build sets
 * @param duration how long a cold build takes on two cores, for the progress line
 */
public record GoToolBuild(
    String what,
    String packagePath,
    String version,
    String name,
    List<String> variables,
    Map<String, String> buildEnvironment,
    String duration) {
  static final String SCRIPT = "build-go-binary.sh";

  /** Copies the lists and maps. */
  public GoToolBuild {
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(packagePath, "packagePath");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(duration, "duration");
    variables = List.copyOf(variables);
    buildEnvironment = Map.copyOf(buildEnvironment);
  }

  /** The hash that names this build's cache folder and is written to its {@code VERSIONS} file. */
  public String key() {
    String recipe =
        packagePath + "@" + version + " " + name + " " + variables + " " + new TreeMap<>(buildEnvironment)
            + " " + Hashes.resource(SCRIPT);
    return Hashes.sha256(recipe.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code <cacheRoot>/<name>-<version>-<first 12 of key>}. */
  public Path directory(Path cacheRoot) {
    return cacheRoot.resolve(name + "-" + version + "-" + key().substring(0, 12));
  }

  /**
   * The binary, built into {@link #directory} first unless a finished build is there.
   *
   * @throws io.openim.deploy.local.LocalClusterException if Go is missing or the build fails; the
   *     message says what to do and where the whole log is
   */
  public Path binary(Path cacheRoot, Map<String, String> environment, Consumer<String> progress) {
    Path dir = directory(cacheRoot);
    Path binary = dir.resolve("bin").resolve(name);
    String key = key();
    if (!Files.isExecutable(binary) || !key.equals(read(dir.resolve("VERSIONS")))) {
      Map<String, String> env = new HashMap<>(environment);
      env.putAll(buildEnvironment);
      List<String> arguments = new ArrayList<>(List.of(key, packagePath, version, name));
      variables.forEach(v -> arguments.add("-X " + v));
      BinaryBuild.script(what + " (" + packagePath + "@" + version + ")", SCRIPT, arguments, duration, "go",
              "Go is needed to build {what} into {directory}; install Go"
                  + " (https://go.dev/doc/install, or the golang package of your system) and put it on PATH.",
              env, progress)
          .buildInto(dir, key);
    }
    return binary;
  }

  private static String read(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file).strip() : "";
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }
}
