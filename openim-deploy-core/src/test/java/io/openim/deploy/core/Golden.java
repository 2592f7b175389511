/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with a file under src/test/resources/golden. Run with {@code
 * -Dgolden.update=true} to rewrite the files after an intended change, then review the diff.
 */
public final class Golden {
  private static final Path DIR = Path.of("src", "test", "resources", "golden");

  private Golden() {}

  public static void assertMatches(String name, String actual) throws IOException {
    Path file = DIR.resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(DIR);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertThat(file).as("golden file %s (create it with -Dgolden.update=true)", file).exists();
    assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
