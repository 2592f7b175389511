/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files this module ships in its jar (build scripts, KWOK stages, image entrypoints): named
 * relative to this package, or absolute with a leading {@code /}.
 */
public final class Resources {
  private Resources() {}

  /** The resource's bytes. */
  public static byte[] read(String name) {
    try (InputStream in = Resources.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the openim-deploy-local jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + name + " from the openim-deploy-local jar", e);
    }
  }

  /** The resource as UTF-8 text. */
  public static String text(String name) {
    return new String(read(name), StandardCharsets.UTF_8);
  }

  /** Writes the resource to {@code target}, replacing what is there, and returns {@code target}. */
  public static Path copy(String name, Path target) {
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      Files.write(target, read(name));
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + name + " to " + target, e);
    }
  }
}
