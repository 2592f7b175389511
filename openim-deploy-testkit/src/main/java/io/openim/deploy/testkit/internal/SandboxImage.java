/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit.internal;

import io.openim.deploy.testkit.LocalClusterException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The pod sandbox image for a real node, packed from the pause binary built with the node's. */
public final class SandboxImage {
  private SandboxImage() {}

  /**
   * A docker-archive of {@link RealNodeFiles#PAUSE_IMAGE} holding only /pause (user 65535, as the
   * release's image), written into {@code workDirectory}.
   */
  public static Path archive(NodeBinaries binaries, Path workDirectory) {
    Path dir = workDirectory.resolve("sandbox-image");
    try {
      Path root = Files.createDirectories(dir.resolve("root"));
      Path out = Files.createDirectories(dir.resolve("archive"));
      Files.copy(binaries.file("pause"), root.resolve("pause"), StandardCopyOption.COPY_ATTRIBUTES);
      tar(List.of("tar", "-C", root.toString(), "--owner=0", "--group=0", "-cf", out.resolve("layer.tar").toString(), "pause"));
      String config =
          "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Entrypoint\":[\"/pause\"],"
              + "\"User\":\"65535:65535\"},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:"
              + sha256(out.resolve("layer.tar")) + "\"]}}";
      Files.writeString(out.resolve("config.json"), config);
      Files.writeString(
          out.resolve("manifest.json"),
          "[{\"Config\":\"config.json\",\"RepoTags\":[\"" + RealNodeFiles.PAUSE_IMAGE + "\"],\"Layers\":[\"layer.tar\"]}]");
      Path archive = dir.resolve("pause.tar");
      tar(List.of("tar", "-C", out.toString(), "-cf", archive.toString(), "manifest.json", "config.json", "layer.tar"));
      return archive;
    } catch (IOException e) {
      throw new UncheckedIOException("could not pack the sandbox image in " + dir, e);
    }
  }

  private static void tar(List<String> command) {
    RealNodeHost.Result result = RealNodeHost.run(command);
    if (result.exit() != 0) {
      throw new LocalClusterException("could not pack the sandbox image: " + result.output().strip());
    }
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
