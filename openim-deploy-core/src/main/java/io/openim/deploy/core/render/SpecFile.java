/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render;

import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.InvalidSpecException;
import io.openim.deploy.Violation;
import io.openim.deploy.core.render.internal.SpecReader;
import io.openim.deploy.core.render.internal.Yamls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a {@link DeploymentSpec} from YAML. The format mirrors the builder; the README documents
 * it. Credentials are never written in the file: each names an environment variable ({@code env})
 * or a file ({@code file}) to read it from.
 *
 * <p>Every problem in the file, from unknown keys to values the builder refuses, is reported in
 * one {@link InvalidSpecException}.
 *
 * @since 0.1
 */
public final class SpecFile {
  private SpecFile() {}

  /** Reads the spec in {@code file}; relative file references resolve against its folder. */
  public static DeploymentSpec read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the spec file " + file, e);
    }
    Path base = file.toAbsolutePath().getParent();
    return parse(text, System::getenv, base == null ? Path.of(".") : base);
  }

  /**
   * Parses a spec from {@code yaml}.
   *
   * @param environment where {@code env:} references are looked up
   * @param baseDirectory where relative {@code file:} references resolve
   */
  public static DeploymentSpec parse(String yaml, Function<String, String> environment, Path baseDirectory) {
    Object root;
    try {
      root = Yamls.safeLoader().load(yaml);
    } catch (YAMLException e) {
      throw new InvalidSpecException(List.of(new Violation("(file)", "is not valid YAML: "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""))));
    }
    if (root == null) {
      root = Map.of();
    }
    List<Violation> violations = new ArrayList<>();
    if (!(root instanceof Map<?, ?> map)) {
      throw new InvalidSpecException(List.of(new Violation("(file)", "must be a YAML mapping")));
    }
    SpecReader reader = new SpecReader(violations, environment, baseDirectory);
    DeploymentSpec.Builder builder = reader.read(map);
    DeploymentSpec spec = null;
    try {
      spec = builder.build();
    } catch (InvalidSpecException e) {
      violations.addAll(e.violations());
    }
    if (!violations.isEmpty() || spec == null) {
      throw new InvalidSpecException(violations);
    }
    return spec;
  }
}
