/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.clusterfile.internal;

import io.openim.deploy.Secret;
import io.openim.deploy.sealos.clusterfile.ClusterfileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Files that hold credentials: a secret read from one, a Clusterfile written to one. */
public final class PrivateFiles {
  private PrivateFiles() {}

  /**
   * The content of {@code file} as a secret, trailing line breaks dropped (so {@code echo pw >
   * file} works); any other whitespace is part of it.
   *
   * @param path where the secret goes in the Clusterfile, for the error
   * @param what what the secret is, for the error
   * @throws ClusterfileException if the file cannot be read or holds nothing
   */
  public static Secret readSecret(Path file, String path, String what) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ClusterfileException(List.of(path + ": cannot read the " + what + " file " + file + " ("
          + e.getClass().getSimpleName() + "); give a readable file that holds only the " + what));
    }
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    if (end == 0) {
      throw new ClusterfileException(List.of(path + ": the " + what + " file " + file
          + " is empty; put the " + what + " in it"));
    }
    return Secret.of(text.substring(0, end));
  }

  /**
   * Writes {@code text} to {@code file} readable by its owner only (0600 where the file system
   * has POSIX permissions), atomically: into a temporary file beside it, then moved over it, so
   * no reader ever sees half a file and the old one is replaced with its permissions.
   */
  public static void writeOwnerOnly(Path file, String text) {
    Path target = file.toAbsolutePath();
    Path folder = target.getParent();
    @Nullable Path partial = null;
    try {
      if (folder == null) {
        throw new IOException("it has no parent folder");
      }
      partial = folder.getFileSystem().supportedFileAttributeViews().contains("posix")
          ? Files.createTempFile(folder, ".clusterfile-", ".partial",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
          : Files.createTempFile(folder, ".clusterfile-", ".partial");
      Files.writeString(partial, text, StandardCharsets.UTF_8);
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      partial = null;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the Clusterfile " + target, e);
    } finally {
      deleteQuietly(partial);
    }
  }

  private static void deleteQuietly(@Nullable Path partial) {
    if (partial == null) {
      return;
    }
    try {
      Files.deleteIfExists(partial);
    } catch (IOException ignored) {
      // the write already failed and says so; a leftover temporary file is all that remains
    }
  }
}
