/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.helm.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A temporary folder for one Helm call, holding the kubeconfig (readable by its owner only) that
 * helm-java reads; removed when closed.
 */
public final class Workspace implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);

  private final Path dir;
  private final @Nullable Path kubeconfig;

  private Workspace(Path dir, @Nullable Path kubeconfig) {
    this.dir = dir;
    this.kubeconfig = kubeconfig;
  }

  /** A new folder, with {@code kubeconfig} written into it unless null. */
  public static Workspace create(@Nullable String kubeconfig) {
    try {
      Path dir = Files.createTempDirectory("openim-deploy-helm-");
      Path file = null;
      if (kubeconfig != null) {
        file = Files.createFile(dir.resolve("kubeconfig"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, kubeconfig);
      }
      return new Workspace(dir, file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a temporary folder for Helm", e);
    }
  }

  /** The folder. */
  public Path dir() {
    return dir;
  }

  /** The kubeconfig file. */
  public Path kubeconfig() {
    if (kubeconfig == null) {
      throw new IllegalStateException("this workspace has no kubeconfig");
    }
    return kubeconfig;
  }

  @Override
  public void close() {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      LOG.warn("could not remove {}", dir, e);
    }
  }
}
