/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.local.internal.ImageRecipe.Overlay;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("LayerTar")
class LayerTarTest {
  @TempDir Path temp;

  @Test
  @DisplayName("keeps modes, owners, symbolic links and hard links of the root filesystem, and skips dev/")
  void rootfs() throws Exception {
    Path root = Files.createDirectories(temp.resolve("rootfs"));
    Files.createDirectories(root.resolve("usr/bin"));
    Files.createSymbolicLink(root.resolve("bin"), Path.of("usr/bin"));
    Path tool = Files.writeString(root.resolve("usr/bin/tool"), "#!/bin/sh\n");
    Files.setAttribute(tool, "unix:mode", 04755);
    Files.createLink(root.resolve("usr/bin/tool2"), tool);
    Files.createDirectories(root.resolve("dev"));
    Files.writeString(root.resolve("dev/null-ish"), "x");
    Path owned = Files.writeString(root.resolve("data"), "d");
    boolean root0 = "root".equals(System.getProperty("user.name"));
    if (root0) {
      Files.setAttribute(owned, "unix:uid", 999);
      Files.setAttribute(owned, "unix:gid", 998);
    }

    LayerTar.Written written = new LayerTar().rootfs(root).write(temp.resolve("layer.tar.gz"));
    Map<String, TarArchiveEntry> entries = read(temp.resolve("layer.tar.gz"), new LinkedHashMap<>());

    assertThat(entries.keySet()).containsExactly("bin", "data", "dev/", "usr/", "usr/bin/", "usr/bin/tool",
        "usr/bin/tool2");
    assertThat(entries.get("bin").isSymbolicLink()).isTrue();
    assertThat(entries.get("bin").getLinkName()).isEqualTo("usr/bin");
    assertThat(entries.get("usr/bin/tool").getMode() & 07777).isEqualTo(04755);
    assertThat(entries.get("usr/bin/tool2").isLink()).isTrue();
    assertThat(entries.get("usr/bin/tool2").getLinkName()).isEqualTo("usr/bin/tool");
    if (root0) {
      assertThat(entries.get("data").getLongUserId()).isEqualTo(999);
      assertThat(entries.get("data").getLongGroupId()).isEqualTo(998);
    }
    assertThat(written.digest()).isEqualTo("sha256:" + Hashes.sha256(Files.readAllBytes(temp.resolve("layer.tar.gz"))));
    assertThat(written.diffId()).isEqualTo("sha256:" + Hashes.sha256(gunzip(temp.resolve("layer.tar.gz"))));
  }

  @Test
  @DisplayName("puts overlays through linked folders, adds their parents, and replaces what was there")
  void overlays() throws Exception {
    Path root = Files.createDirectories(temp.resolve("rootfs"));
    Files.createDirectories(root.resolve("usr/bin"));
    Files.createSymbolicLink(root.resolve("bin"), Path.of("usr/bin"));
    Files.writeString(root.resolve("usr/bin/old"), "old");
    Assumptions.assumeTrue(Files.isSymbolicLink(root.resolve("bin")));

    LayerTar layer = new LayerTar().rootfs(root)
        .overlay(new Overlay.Text("new", "/bin/old", 0700))
        .overlay(new Overlay.Directory("/opt/app/data", 0775, 1001, 0))
        .overlay(new Overlay.Symlink("/opt/app/current", "data"));
    assertThat(layer.has("/bin/old")).isTrue();
    layer.write(temp.resolve("layer.tar.gz"));
    Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
    Map<String, String> contents = new LinkedHashMap<>();
    read(temp.resolve("layer.tar.gz"), entries, contents);

    assertThat(entries.get("bin").isSymbolicLink()).as("the link stays a link").isTrue();
    assertThat(contents).containsEntry("usr/bin/old", "new");
    assertThat(entries.get("usr/bin/old").getMode() & 07777).isEqualTo(0700);
    assertThat(entries.get("opt/").getMode() & 07777).isEqualTo(0755);
    assertThat(entries.get("opt/app/data/").getLongUserId()).isEqualTo(1001);
    assertThat(entries.get("opt/app/data/").getMode() & 07777).isEqualTo(0775);
    assertThat(entries.get("opt/app/current").getLinkName()).isEqualTo("data");
  }

  @Test
  @DisplayName("reads busybox --list-full into absolute applet paths")
  void applets() {
    assertThat(LayerTar.busyboxApplets("bin/sh\nusr/bin/env\n\n")).containsExactly("/bin/sh", "/usr/bin/env");
  }

  static Map<String, TarArchiveEntry> read(Path layer, Map<String, TarArchiveEntry> entries) throws IOException {
    return read(layer, entries, new LinkedHashMap<>());
  }

  static Map<String, TarArchiveEntry> read(Path layer, Map<String, TarArchiveEntry> entries,
      Map<String, String> contents) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(layer)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        entries.put(entry.getName(), entry);
        if (entry.isFile()) {
          contents.put(entry.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    return entries;
  }

  private static byte[] gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    }
  }
}
