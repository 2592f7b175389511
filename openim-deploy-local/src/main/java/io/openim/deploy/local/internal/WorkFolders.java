/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** The local cluster's work folders: a fresh temporary one, and removing one with what it holds. */
public final class WorkFolders {
  private WorkFolders() {}

  /** A new empty folder under the system's temporary folder. */
  public static Path newTemporary() {
    try {
      return Files.createTempDirectory("openim-deploy-cluster-");
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a work folder for the local cluster", e);
    }
  }

  /** Removes {@code dir} and everything in it; nothing happens if it is absent. */
  public static void delete(Path dir) {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("could not remove " + dir + ": " + e.getMessage(), e);
      }
    }
  }
}
