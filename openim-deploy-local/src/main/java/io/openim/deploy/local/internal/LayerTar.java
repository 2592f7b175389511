/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import java.util.Objects;
import io.openim.deploy.local.internal.ImageRecipe.Overlay;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.jspecify.annotations.Nullable;

/**
 * Writes one gzip-compressed image layer: a root filesystem folder as it is on disk (modes,
 * numeric owners, modification times, symbolic links, hard links, device nodes and FIFOs; sockets
 * are left out, and so is whatever is under {@code dev/}, {@code proc/} and {@code sys/}, which the
 * runtime mounts) with overlay entries put over it. Entries are written in path order, parents
 * first; folders an overlay needs are added as {@code 0755} root folders.
 */
public final class LayerTar {
  private static final Set<String> MOUNTED = Set.of("dev", "proc", "sys");
  private static final long OVERLAY_TIME = 0L;

  private final TreeMap<String, Node> nodes = new TreeMap<>();

  /** A layer's digests: of the compressed blob and of the tar stream (the config's diff_id). */
  public record Written(String digest, String diffId, long size) {}

  private enum Kind { DIR, FILE, SYMLINK, HARDLINK, CHAR, BLOCK, FIFO }

  private record Node(
      Kind kind, int mode, long uid, long gid, long mtime,
      @Nullable Path source, byte @Nullable [] bytes, @Nullable String link,
      int devMajor, int devMinor, @Nullable String inode) {
    static Node dir(int mode, long uid, long gid) {
      return new Node(Kind.DIR, mode, uid, gid, OVERLAY_TIME, null, null, null, 0, 0, null);
    }
  }

  /** Adds every file under {@code rootfs}. */
  public LayerTar rootfs(Path rootfs) throws IOException {
    Files.walkFileTree(rootfs, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (!dir.equals(rootfs)) {
          add(rootfs, dir);
        }
        String name = rootfs.relativize(dir).toString();
        return MOUNTED.contains(name) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        add(rootfs, file);
        return FileVisitResult.CONTINUE;
      }
    });
    return this;
  }

  /** A unix attribute the file system gave (every one asked for is given on Linux). */
  private static Object attribute(Map<String, Object> attributes, String name) {
    return Objects.requireNonNull(attributes.get(name), () -> "the file system gave no unix:" + name);
  }

  private void add(Path rootfs, Path path) throws IOException {
    Map<String, Object> a = Files.readAttributes(path, "unix:mode,uid,gid,ino,dev,nlink,rdev,lastModifiedTime",
        LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) attribute(a, "mode");
    int type = mode & 0170000;
    long uid = (Integer) attribute(a, "uid");
    long gid = (Integer) attribute(a, "gid");
    long mtime = ((FileTime) attribute(a, "lastModifiedTime")).toMillis();
    long rdev = (Long) attribute(a, "rdev");
    int major = (int) ((rdev >>> 8) & 0xfff);
    int minor = (int) ((rdev & 0xff) | ((rdev >>> 12) & 0xfff00));
    String name = rootfs.relativize(path).toString();
    int perm = mode & 07777;
    Node node;
    switch (type) {
      case 0040000 -> node = new Node(Kind.DIR, perm, uid, gid, mtime, null, null, null, 0, 0, null);
      case 0100000 -> {
        String inode = (Integer) attribute(a, "nlink") > 1 ? a.get("dev") + ":" + a.get("ino") : null;
        node = new Node(Kind.FILE, perm, uid, gid, mtime, path, null, null, 0, 0, inode);
      }
      case 0120000 -> node = new Node(Kind.SYMLINK, 0777, uid, gid, mtime, null, null,
          Files.readSymbolicLink(path).toString(), 0, 0, null);
      case 0020000 -> node = new Node(Kind.CHAR, perm, uid, gid, mtime, null, null, null, major, minor, null);
      case 0060000 -> node = new Node(Kind.BLOCK, perm, uid, gid, mtime, null, null, null, major, minor, null);
      case 0010000 -> node = new Node(Kind.FIFO, perm, uid, gid, mtime, null, null, null, 0, 0, null);
      default -> {
        return; // a socket: meaningless in an image
      }
    }
    nodes.put(name, node);
  }

  /** Puts {@code overlay} over what is there, replacing an entry at the same path. */
  public LayerTar overlay(Overlay overlay) {
    String name = resolve(overlay.target().substring(1));
    parents(name);
    if (overlay instanceof Overlay.FileFrom file) {
      nodes.put(name, new Node(Kind.FILE, file.mode(), 0, 0, OVERLAY_TIME, file.source(), null, null, 0, 0, null));
    } else if (overlay instanceof Overlay.Text text) {
      nodes.put(name, new Node(Kind.FILE, text.mode(), 0, 0, OVERLAY_TIME, null,
          text.content().getBytes(StandardCharsets.UTF_8), null, 0, 0, null));
    } else if (overlay instanceof Overlay.Directory dir) {
      nodes.put(name, Node.dir(dir.mode(), dir.uid(), dir.gid()));
    } else if (overlay instanceof Overlay.Symlink link) {
      nodes.put(name, new Node(Kind.SYMLINK, 0777, 0, 0, OVERLAY_TIME, null, null, link.linkTo(), 0, 0, null));
    }
    return this;
  }

  /** Whether the layer has an entry at {@code target} (an absolute path). */
  public boolean has(String target) {
    return nodes.containsKey(resolve(target.substring(1)));
  }

  /**
   * {@code name} with its folders' symbolic links followed (Debian's {@code bin} is a link to
   * {@code usr/bin}), so that an overlay at {@code /bin/x} lands in {@code usr/bin/x} and never
   * replaces the link with a folder.
   */
  private String resolve(String name) {
    String current = name;
    for (int hops = 0; hops < 40; hops++) {
      String[] parts = current.split("/");
      StringBuilder prefix = new StringBuilder();
      boolean changed = false;
      for (int i = 0; i < parts.length - 1; i++) {
        String parentDir = prefix.toString();
        prefix.append(prefix.length() == 0 ? "" : "/").append(parts[i]);
        Node node = nodes.get(prefix.toString());
        if (node != null && node.kind() == Kind.SYMLINK && node.link() != null) {
          String link = node.link();
          String base = link.startsWith("/") ? link.substring(1)
              : (parentDir.isEmpty() ? link : parentDir + "/" + link);
          String rest = String.join("/", Arrays.copyOfRange(parts, i + 1, parts.length));
          current = normalize(base + "/" + rest);
          changed = true;
          break;
        }
      }
      if (!changed) {
        return current;
      }
    }
    throw new IllegalArgumentException("too many symbolic links resolving /" + name + " in the image");
  }

  private static String normalize(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }

  private void parents(String name) {
    int slash = name.lastIndexOf('/');
    if (slash <= 0) {
      return;
    }
    String parent = name.substring(0, slash);
    Node existing = nodes.get(parent);
    if (existing == null || existing.kind() != Kind.DIR) {
      parents(parent);
      nodes.put(parent, Node.dir(0755, 0, 0));
    }
  }

  /** Writes the layer to {@code file}. */
  public Written write(Path file) throws IOException {
    MessageDigest compressed = Hashes.sha256();
    MessageDigest uncompressed = Hashes.sha256();
    Map<String, String> firstOfInode = new HashMap<>();
    try (OutputStream fileOut = new DigestOutputStream(
            new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), compressed);
        GZIPOutputStream gzip = new GZIPOutputStream(fileOut, 1 << 16);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new DigestOutputStream(gzip, uncompressed))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      tar.setAddPaxHeadersForNonAsciiNames(true);
      for (Map.Entry<String, Node> e : nodes.entrySet()) {
        Node node = e.getValue();
        String name = e.getKey();
        if (node.inode() != null) {
          String first = firstOfInode.putIfAbsent(node.inode(), name);
          if (first != null) {
            node = new Node(Kind.HARDLINK, node.mode(), node.uid(), node.gid(), node.mtime(), null, null, first,
                0, 0, null);
          }
        }
        write(tar, name, node);
      }
      tar.finish();
    }
    HexFormat hex = HexFormat.of();
    return new Written("sha256:" + hex.formatHex(compressed.digest()),
        "sha256:" + hex.formatHex(uncompressed.digest()), Files.size(file));
  }

  private static void write(TarArchiveOutputStream tar, String name, Node node) throws IOException {
    TarArchiveEntry entry;
    switch (node.kind()) {
      case DIR -> {
        entry = new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
        entry.setMode(0040000 | node.mode());
      }
      case FILE -> {
        entry = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
        entry.setMode(0100000 | node.mode());
        entry.setSize(node.bytes() != null ? node.bytes().length : Files.size(node.source()));
      }
      case SYMLINK, HARDLINK -> {
        entry = new TarArchiveEntry(name, node.kind() == Kind.SYMLINK ? TarConstants.LF_SYMLINK : TarConstants.LF_LINK);
        entry.setLinkName(node.link());
        entry.setMode((node.kind() == Kind.SYMLINK ? 0120000 : 0100000) | node.mode());
      }
      case CHAR, BLOCK -> {
        entry = new TarArchiveEntry(name, node.kind() == Kind.CHAR ? TarConstants.LF_CHR : TarConstants.LF_BLK);
        entry.setMode((node.kind() == Kind.CHAR ? 0020000 : 0060000) | node.mode());
        entry.setDevMajor(node.devMajor());
        entry.setDevMinor(node.devMinor());
      }
      default -> {
        entry = new TarArchiveEntry(name, TarConstants.LF_FIFO);
        entry.setMode(0010000 | node.mode());
      }
    }
    entry.setUserId(node.uid());
    entry.setGroupId(node.gid());
    entry.setUserName("");
    entry.setGroupName("");
    entry.setModTime(node.mtime());
    tar.putArchiveEntry(entry);
    if (node.kind() == Kind.FILE) {
      if (node.bytes() != null) {
        tar.write(node.bytes());
      } else {
        try (InputStream in = Files.newInputStream(node.source())) {
          in.transferTo(tar);
        }
      }
    }
    tar.closeArchiveEntry();
  }

  /** The paths a static busybox at {@code /bin/busybox} should be linked from ({@code busybox --list-full}). */
  static List<String> busyboxApplets(String listFull) {
    return listFull.lines().map(String::strip).filter(l -> !l.isEmpty()).map(l -> "/" + l).toList();
  }
}
