/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds OpenIM's own release files in the shared fixtures folder beside the project. */
public final class Fixtures {
  private Fixtures() {}

  /** {@code shared/fixtures/<relative>}, looked up from the working folder upwards. */
  public static Path path(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("fixtures").resolve(relative);
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    return fail("OpenIM's release files are not beside the project: no shared/fixtures/%s above %s",
        relative, Path.of("").toAbsolutePath());
  }
}
