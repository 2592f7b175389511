/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.core.data.BackupManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("openim-deploy verify-backup")
class VerifyBackupCommandTest {
  @TempDir Path dir;

  @Test
  @DisplayName("an intact copy passes; a damaged one lists every problem; a folder without a manifest is refused")
  void verify() throws Exception {
    Files.createDirectories(dir.resolve("mongodb"));
    Files.writeString(dir.resolve("mongodb/openim_v3.archive.gz"), "archive");
    Files.writeString(dir.resolve("note.txt"), "x");
    Files.writeString(dir.resolve("MANIFEST"),
        BackupManifest.scan(dir, Map.of("id", "b1", "release", "im/openim")).text());
    Console console = new Console();
    assertThat(console.run("verify-backup", dir.toString())).isZero();
    assertThat(console.out()).contains("is intact: backup b1 of im/openim, 2 files, 8 bytes");

    Files.writeString(dir.resolve("note.txt"), "y");
    Files.delete(dir.resolve("mongodb/openim_v3.archive.gz"));
    console.clear();
    assertThat(console.run("verify-backup", dir.toString())).isEqualTo(1);
    assertThat(console.err()).contains("missing: mongodb/openim_v3.archive.gz", "checksum differs: note.txt",
        "is damaged: 2 problem(s)");

    console.clear();
    assertThat(console.run("verify-backup", dir.resolve("mongodb").toString())).isEqualTo(2);
    assertThat(console.err()).contains("a finished backup?");
  }
}
