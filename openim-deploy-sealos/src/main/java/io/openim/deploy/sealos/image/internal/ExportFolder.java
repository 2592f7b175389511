/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.image.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an export folder as a whole or not at all, and never over what is not ours.
 *
 * <p><b>Ours</b>: a folder is a previous export when it holds {@value #MARKER} whose first line is
 * {@value #HEADER}; that file lists every file the export wrote. Such a folder is replaced, unless
 * it holds a file the list does not name (the user's own, which would be lost): then, as for any
 * other non-empty folder, nothing is written and the error names what is in the way. {@value
 * #REGISTRY}/ is not ours but {@code sealos build}'s: it pulls the images into it, inside the build
 * folder (sealos v5.1.1 lifecycle/pkg/buildah/imagesaver.go {@code runSaveImages}), so it is kept
 * across exports as a cache.
 *
 * <p><b>Whole</b>: the content is written into a hidden sibling {@code .<name>.partial-<random>},
 * the marker last, then renamed onto the target (a previous export is first renamed aside, then
 * deleted). A failure on the way deletes the partial folder and leaves the target as it was; a
 * crash leaves at most a hidden {@code .partial-} or {@code .previous-} sibling, never a folder
 * named like the target that looks complete.
 */
public final class ExportFolder {
  private static final Logger LOG = LoggerFactory.getLogger(ExportFolder.class);

  /** The file that marks a folder as an export of ours and lists the files it wrote. */
  public static final String MARKER = ".openim-deploy-cluster-image";

  /** The marker's first line. */
  public static final String HEADER = "openim-deploy cluster image export, format 1";

  /** The folder {@code sealos build} pulls the images into. */
  public static final String REGISTRY = "registry";

  private static final int LISTED = 8;

  private ExportFolder() {}

  /** Writes an export's files into a folder. */
  @FunctionalInterface
  public interface Content {
    /** Writes the files into {@code folder}, which is empty. */
    void write(Path folder) throws IOException;
  }

  /**
   * Writes {@code content} into {@code folder}, replacing a previous export there.
   *
   * @return the folder, absolute
   * @throws IllegalArgumentException if {@code folder} is a file, a symbolic link, or a non-empty
   *     folder that is not a previous export, or one that holds files the export did not write
   */
  public static Path write(Path folder, Content content) {
    Path target = folder.toAbsolutePath().normalize();
    Path parent = target.getParent();
    if (parent == null || target.getFileName() == null) {
      throw new IllegalArgumentException("the export needs a folder of its own, not " + target);
    }
    Path staging = parent.resolve("." + target.getFileName() + ".partial-" + UUID.randomUUID());
    try {
      refuseForeign(target);
      Files.createDirectories(parent);
      Files.createDirectory(staging);
      content.write(staging);
      writeMarker(staging);
      swap(staging, target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the export into " + target + "; it is as it was: " + e, e);
    } finally {
      deleteQuietly(staging);
    }
  }

  /** Refuses a file, a link, or a non-empty folder that is not wholly a previous export of ours. */
  static void refuseForeign(Path target) throws IOException {
    if (Files.isSymbolicLink(target)) {
      throw new IllegalArgumentException(target + " is a symbolic link: give the folder it points to, or a new one");
    }
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException(target + " is a file, not a folder: give a new or empty folder");
    }
    List<String> files = files(target);
    if (files.isEmpty()) {
      return;
    }
    Path marker = target.resolve(MARKER);
    List<String> listed = Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)
        ? Files.readAllLines(marker, StandardCharsets.UTF_8) : List.of();
    if (listed.isEmpty() || !listed.get(0).equals(HEADER)) {
      throw new IllegalArgumentException(target + " is not empty and is not a cluster image export of"
          + " openim-deploy (it has no " + MARKER + " starting '" + HEADER + "'); it holds " + some(files)
          + ": give a new or empty folder, nothing was written");
    }
    Set<String> ours = new HashSet<>(listed);
    List<String> foreign = files.stream()
        .filter(f -> !f.equals(MARKER) && !ours.contains(f) && !f.startsWith(REGISTRY + "/"))
        .toList();
    if (!foreign.isEmpty()) {
      throw new IllegalArgumentException(target + " is an earlier export, but holds files it did not write,"
          + " which replacing it would delete: " + some(foreign) + "; move them away, or give another folder;"
          + " nothing was written");
    }
  }

  /** The marker: the header, a note, and every file of the export (relative, '/'-separated). */
  private static void writeMarker(Path staging) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    lines.add("# Written by openim-deploy. The next export into this folder replaces it, unless the folder");
    lines.add("# holds a file not listed below; sealos build's " + REGISTRY + "/ (the pulled images) is kept.");
    lines.addAll(files(staging));
    Files.write(staging.resolve(MARKER), lines, StandardCharsets.UTF_8);
  }

  private static void swap(Path staging, Path target) throws IOException {
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    Path previous = target.resolveSibling("." + target.getFileName() + ".previous-" + UUID.randomUUID());
    Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.move(previous, target, StandardCopyOption.ATOMIC_MOVE);
      throw e;
    }
    Path registry = previous.resolve(REGISTRY);
    if (Files.isDirectory(registry, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.move(registry, target.resolve(REGISTRY), StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException("the export in " + target + " is complete, but sealos build's pulled images"
            + " stayed in " + registry + ": move that folder into the export, or delete it", e);
      }
    }
    deleteQuietly(previous);
  }

  /** Every file below {@code folder} (not folders), relative and '/'-separated, sorted. */
  private static List<String> files(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .map(p -> folder.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }

  private static String some(List<String> files) {
    return String.join(", ", files.subList(0, Math.min(LISTED, files.size())))
        + (files.size() > LISTED ? " and " + (files.size() - LISTED) + " more" : "");
  }

  private static void deleteQuietly(Path folder) {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      // a hidden .partial- or .previous- sibling left behind looks like no export; say where it is
      LOG.warn("could not delete {}: {}", folder, e.toString());
    }
  }
}
