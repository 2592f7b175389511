/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.core.render.Topology;
import io.openim.deploy.sealos.clusterfile.Arch;
import io.openim.deploy.sealos.image.internal.ExportFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("ClusterImage's target folder: new, empty or our own earlier export; written whole or not at all")
class ClusterImageFolderTest {
  static final String IMAGE = "registry.example.com/openim:v3.8.3";

  @TempDir Path temp;

  static ClusterImage.Export export(Path folder, String release) {
    DeploymentSpec spec = DeploymentSpec.builder(release).namespace("openim").build();
    DeploymentPlan plan = Topology.plan(spec);
    return ClusterImage.export(plan, ClusterImageOptions.of(IMAGE, Arch.AMD64, spec), folder);
  }

  @Test
  @DisplayName("a folder that holds something else is refused and left as it was")
  void foreign() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("work"));
    Files.writeString(folder.resolve("notes.txt"), "mine");
    Files.createDirectories(folder.resolve("charts/other"));
    Files.writeString(folder.resolve("charts/other/Chart.yaml"), "name: other");

    assertThatThrownBy(() -> export(folder, "openim"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(folder + " is not empty and is not a cluster image export of openim-deploy")
        .hasMessageContaining("it has no " + ExportFolder.MARKER)
        .hasMessageContaining("charts/other/Chart.yaml, notes.txt")
        .hasMessageContaining("nothing was written");
    assertThat(contents(folder)).isEqualTo(Map.of("charts/other/Chart.yaml", "name: other", "notes.txt", "mine"));
    assertThat(siblings()).containsExactly("work");
  }

  @Test
  @DisplayName("a marker that is not ours does not make a folder ours")
  void forgedMarker() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("work"));
    Files.writeString(folder.resolve(ExportFolder.MARKER), "something else\nnotes.txt\n");
    Files.writeString(folder.resolve("notes.txt"), "mine");

    assertThatThrownBy(() -> export(folder, "openim")).hasMessageContaining("is not a cluster image export");
    assertThat(folder.resolve("notes.txt")).hasContent("mine");
  }

  @Test
  @DisplayName("a file, or a link, in the folder's place is refused")
  void notAFolder() throws Exception {
    Path file = Files.writeString(temp.resolve("file"), "x");
    assertThatThrownBy(() -> export(file, "openim")).hasMessageContaining(file + " is a file, not a folder");
    Path link = Files.createSymbolicLink(temp.resolve("link"), Files.createDirectories(temp.resolve("real")));
    assertThatThrownBy(() -> export(link, "openim")).hasMessageContaining(link + " is a symbolic link");
    assertThat(temp.resolve("real").toFile().list()).isEmpty();
  }

  @Test
  @DisplayName("an empty folder, and a new one in new parents, are written into")
  void emptyOrNew() throws Exception {
    Path empty = Files.createDirectories(temp.resolve("empty"));
    assertThat(export(empty, "openim").folder().resolve("Kubefile")).isRegularFile();
    assertThat(export(temp.resolve("a/b/new"), "openim").folder().resolve("Kubefile")).isRegularFile();
    assertThat(siblings()).containsExactly("a", "empty");
  }

  @Test
  @DisplayName("an earlier export is replaced as a whole, sealos build's registry/ kept; a file of the user's in it is refused")
  void earlierExport() throws Exception {
    Path folder = temp.resolve("work");
    export(folder, "openim");
    Path blob = Files.createDirectories(folder.resolve("registry/docker/registry/v2/blobs"));
    Files.writeString(blob.resolve("data"), "layer");
    // a file an earlier export wrote and this one does not: listed in the marker, so ours
    Path stale = Files.writeString(folder.resolve("charts/openim/templates/999-stale.yaml"), "kind: Old\n");
    Files.writeString(folder.resolve(ExportFolder.MARKER), "charts/openim/templates/999-stale.yaml\n",
        java.nio.file.StandardOpenOption.APPEND);
    Files.delete(folder.resolve("charts/openim/templates/NOTES.txt"));

    export(folder, "im2");
    assertThat(ParsedKubefile.parse(Files.readString(folder.resolve("Kubefile"))).env()).containsEntry("NAME", "im2");
    assertThat(folder.resolve("registry/docker/registry/v2/blobs/data")).hasContent("layer");
    assertThat(folder.resolve("charts/openim/templates/NOTES.txt")).isRegularFile();
    assertThat(stale).doesNotExist();
    assertThat(Files.readString(folder.resolve("charts/openim/Chart.yaml"))).contains("release im2");
    assertThat(siblings()).containsExactly("work");

    Files.writeString(folder.resolve("images/shim/extra.txt"), "docker.io/library/busybox:1.36\n");
    Map<String, String> before = contents(folder);
    assertThatThrownBy(() -> export(folder, "openim"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is an earlier export, but holds files it did not write")
        .hasMessageContaining("images/shim/extra.txt")
        .hasMessageContaining("move them away");
    assertThat(contents(folder)).isEqualTo(before);
  }

  @Test
  @DisplayName("a failure halfway leaves the earlier export as it was, and no partial folder")
  void failureHalfway() throws Exception {
    Path folder = temp.resolve("work");
    export(folder, "openim");
    Map<String, String> before = contents(folder);

    assertThatThrownBy(() -> ExportFolder.write(folder, staging -> {
      Files.writeString(staging.resolve("Kubefile"), "FROM scratch\n");
      throw new IOException("disk full");
    })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("it is as it was").hasMessageContaining("disk full");
    assertThat(contents(folder)).isEqualTo(before);
    assertThat(siblings()).containsExactly("work");

    Path fresh = temp.resolve("fresh");
    assertThatThrownBy(() -> ExportFolder.write(fresh, staging -> {
      throw new IOException("disk full");
    })).isInstanceOf(UncheckedIOException.class);
    assertThat(fresh).doesNotExist();
    assertThat(siblings()).containsExactly("work");
  }

  @Test
  @DisplayName("the marker lists every file the export wrote, after the header")
  void marker() throws Exception {
    Path folder = export(temp.resolve("work"), "openim").folder();
    List<String> lines = Files.readAllLines(folder.resolve(ExportFolder.MARKER));
    assertThat(lines.get(0)).isEqualTo(ExportFolder.HEADER);
    List<String> written = contents(folder).keySet().stream().filter(f -> !f.equals(ExportFolder.MARKER)).toList();
    assertThat(lines.stream().filter(l -> !l.startsWith("#")).skip(1).toList()).containsExactlyElementsOf(written);
    assertThat(written).contains("Kubefile", "README.md", "charts/openim/Chart.yaml", "charts/openim/values.yaml",
        ClusterImage.MANIFESTS, ClusterImage.IMAGE_LIST);
  }

  /** Every file below {@code folder}, relative, with its content. */
  static Map<String, String> contents(Path folder) throws IOException {
    Map<String, String> contents = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        contents.put(folder.relativize(file).toString(), Files.readString(file));
      }
    }
    return contents;
  }

  /** What the temporary folder holds, hidden partial or previous exports included. */
  private List<String> siblings() {
    String[] names = temp.toFile().list();
    return names == null ? List.of() : Stream.of(names).sorted().toList();
  }
}
