/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The {@code MANIFEST} of a backup: every file of the backup folder with its size and SHA-256,
 * after a few {@code # key: value} header lines (id, release, OpenIM version, creation time).
 *
 * <p>The backup Job writes it with a POSIX shell script and checks the folder against it before the
 * backup gets its final name; this class reads the same format, so a backup copied anywhere can be
 * verified again, as {@code openim-deploy backup verify DIR} does:
 *
 * <pre>{@code
 * BackupManifest manifest = BackupManifest.read(dir);
 * List<String> problems = manifest.verify(dir);   // empty when every file is there, intact
 * }</pre>
 *
 * <p>Each data line is {@code <sha256>  <bytes>  <path>}, two spaces apart, path relative to the
 * folder with {@code /} separators, sorted by byte order.
 *
 * @param header the header's keys and values, in file order
 * @param files the recorded files, in file order
 * @since 0.2
 */
public record BackupManifest(Map<String, String> header, List<BackupManifest.Entry> files) {
  /** The manifest's file name inside a backup folder. */
  public static final String FILE_NAME = "MANIFEST";

  /** The MongoDB dump every backup holds. */
  public static final String MONGODB_ARCHIVE = "mongodb/openim_v3.archive.gz";

  /** Copies the parts. */
  public BackupManifest {
    header = Collections.unmodifiableMap(new LinkedHashMap<>(header));
    files = List.copyOf(files);
  }

  /**
   * One recorded file.
   *
   * @param path the path relative to the backup folder, {@code /}-separated
   * @param size its size in bytes
   * @param sha256 its SHA-256, lower-case hex
   * @since 0.2
   */
  public record Entry(String path, long size, String sha256) {}

  /** Reads {@code dir/MANIFEST}. */
  public static BackupManifest read(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": is " + dir + " a finished backup?", e);
    }
  }

  /** Parses a manifest's text; every malformed line is named in one exception. */
  public static BackupManifest parse(String text) {
    Map<String, String> header = new LinkedHashMap<>();
    List<Entry> files = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        int colon = line.indexOf(": ");
        if (colon > 0) {
          header.put(line.substring(1, colon).strip(), line.substring(colon + 2));
        }
        continue;
      }
      String[] parts = line.split("  ", 3);
      if (parts.length != 3 || !parts[0].matches("[0-9a-f]{64}") || !parts[1].matches("[0-9]{1,19}")
          || parts[2].isEmpty()) {
        problems.add("line " + number + " is not '<sha256>  <bytes>  <path>': " + abbreviate(line));
        continue;
      }
      files.add(new Entry(parts[2], Long.parseLong(parts[1]), parts[0]));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("the backup manifest is malformed: " + String.join("; ", problems));
    }
    return new BackupManifest(header, files);
  }

  /** Records every file under {@code dir} except a manifest, with the given header. */
  public static BackupManifest scan(Path dir, Map<String, String> header) {
    List<Entry> files = new ArrayList<>();
    for (String path : relativeFiles(dir)) {
      Path file = dir.resolve(path);
      try {
        files.add(new Entry(path, Files.size(file), sha256(file)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return new BackupManifest(header, files);
  }

  /**
   * What is wrong with {@code dir} against this manifest: files missing, of another size or
   * checksum, files the manifest does not list, and a manifest without the MongoDB archive (a
   * backup without its database is no backup). Empty when the folder is intact.
   */
  public List<String> verify(Path dir) {
    List<String> problems = new ArrayList<>();
    Set<String> present = new TreeSet<>(relativeFiles(dir));
    for (Entry entry : files) {
      Path file = dir.resolve(entry.path());
      if (!present.remove(entry.path())) {
        problems.add("missing: " + entry.path());
        continue;
      }
      try {
        long size = Files.size(file);
        if (size != entry.size()) {
          problems.add("size differs: " + entry.path() + " has " + size + " bytes, the manifest says " + entry.size());
        } else if (!sha256(file).equals(entry.sha256())) {
          problems.add("checksum differs: " + entry.path());
        }
      } catch (IOException e) {
        problems.add("unreadable: " + entry.path() + " (" + e.getMessage() + ")");
      }
    }
    present.forEach(path -> problems.add("not in the manifest: " + path));
    if (files.stream().noneMatch(entry -> entry.path().equals(MONGODB_ARCHIVE))) {
      problems.add("the manifest lists no MongoDB archive (" + MONGODB_ARCHIVE + ")");
    }
    return problems;
  }

  /** The total size of the recorded files in bytes. */
  public long totalBytes() {
    return files.stream().mapToLong(Entry::size).sum();
  }

  /** The manifest as its file holds it. */
  public String text() {
    StringBuilder out = new StringBuilder();
    header.forEach((key, value) -> out.append("# ").append(key).append(": ").append(value).append('\n'));
    for (Entry entry : files) {
      out.append(entry.sha256()).append("  ").append(entry.size()).append("  ").append(entry.path()).append('\n');
    }
    return out.toString();
  }

  private static List<String> relativeFiles(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .map(file -> dir.relativize(file).toString().replace('\\', '/'))
          .filter(path -> !path.equals(FILE_NAME) && !path.equals(FILE_NAME + ".partial"))
          // byte order, as LC_ALL=C sort orders the Job's manifest
          .sorted(BackupManifest::compareBytes)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static int compareBytes(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String abbreviate(String line) {
    return line.length() <= 80 ? line : line.substring(0, 77) + "...";
  }
}
