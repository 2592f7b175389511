/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.helm.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A temporary folder for one Helm call, readable by its owner only, holding the kubeconfig and
 * the values files (each readable by its owner only) that helm-java reads; removed when closed.
 */
public final class Workspace implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIR =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private final Path dir;
  private final @Nullable Path kubeconfig;

  private Workspace(Path dir, @Nullable Path kubeconfig) {
    this.dir = dir;
    this.kubeconfig = kubeconfig;
  }

  /** A new folder, with {@code kubeconfig} written into it unless null. */
  public static Workspace create(@Nullable String kubeconfig) {
    try {
      Path dir = Files.createTempDirectory("openim-deploy-helm-", OWNER_ONLY_DIR);
      return new Workspace(dir, kubeconfig == null ? null : writePrivate(dir, "kubeconfig", kubeconfig));
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

  /**
   * Writes {@code content} into a new file {@code name} of this folder that only its owner can
   * read, created so before the first byte is written; for values that hold credentials.
   */
  public Path writePrivate(String name, String content) throws IOException {
    return writePrivate(dir, name, content);
  }

  private static Path writePrivate(Path dir, String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.deleteIfExists(file);
    Files.createFile(file, OWNER_ONLY_FILE);
    return Files.writeString(file, content);
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
