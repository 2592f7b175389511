/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openim.deploy.core.render.internal.BackupScripts;
import io.openim.deploy.core.internal.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifest on real files, both sides: the shell script the backup Job runs (executed here with
 * the machine's sh and coreutils) and the Java reader that verifies copies.
 */
@DisplayName("Backup manifests: sizes and checksums of real files")
class BackupManifestTest {
  @TempDir Path dir;

  @BeforeEach
  void backupFolder() throws IOException {
    Files.createDirectories(dir.resolve("mongodb"));
    Files.createDirectories(dir.resolve("minio/openim/openim/user 1"));
    byte[] archive = new byte[300_000];
    new Random(7).nextBytes(archive);
    Files.write(dir.resolve("mongodb/openim_v3.archive.gz"), archive);
    Files.writeString(dir.resolve("minio/openim/openim/user 1/avatar photo.png"), "not really a png\n");
    Files.write(dir.resolve("minio/openim/openim/empty"), new byte[0]);
    Files.writeString(dir.resolve("minio/openim/Zeta"), "upper case sorts first in byte order");
  }

  @Test
  @DisplayName("the Job's script and the Java reader record the same files, sizes and checksums")
  void scriptAndJavaAgree() throws Exception {
    Shell.Result written = script("write", dir.toString(), "20261127-101500", "im/openim", "v3.8.3-patch.15");
    assertThat(written.exit()).as(written.output()).isZero();

    BackupManifest manifest = BackupManifest.read(dir);
    assertThat(manifest.header()).containsEntry("id", "20261127-101500").containsEntry("release", "im/openim")
        .containsEntry("openim", "v3.8.3-patch.15").containsKey("created");
    assertThat(manifest.files()).extracting(BackupManifest.Entry::path).containsExactly(
        "minio/openim/Zeta", "minio/openim/openim/empty", "minio/openim/openim/user 1/avatar photo.png",
        "mongodb/openim_v3.archive.gz");
    assertThat(manifest.totalBytes()).isEqualTo(300_000 + 17 + 36);
    assertThat(manifest.files()).isEqualTo(BackupManifest.scan(dir, Map.of()).files());
    assertThat(manifest.verify(dir)).isEmpty();

    Shell.Result verified = script("verify", dir.toString());
    assertThat(verified.exit()).as(verified.output()).isZero();
    assertThat(verified.output()).contains("4 files, 300053 bytes");
  }

  @Test
  @DisplayName("a manifest Java wrote passes the script's verification")
  void javaWrittenManifestVerifiesInTheScript() throws Exception {
    BackupManifest manifest = BackupManifest.scan(dir, Map.of("id", "x"));
    Files.writeString(dir.resolve(BackupManifest.FILE_NAME), manifest.text());
    assertThat(BackupManifest.parse(manifest.text())).isEqualTo(manifest);
    Shell.Result verified = script("verify", dir.toString());
    assertThat(verified.exit()).as(verified.output()).isZero();
  }

  @Test
  @DisplayName("a changed, truncated, missing or extra file is found, every one, by both")
  void damageIsFound() throws Exception {
    assertThat(script("write", dir.toString(), "id", "im/openim", "v").exit()).isZero();
    Path archive = dir.resolve("mongodb/openim_v3.archive.gz");
    byte[] bytes = Files.readAllBytes(archive);
    bytes[1234] ^= 1;
    Files.write(archive, bytes);
    Files.writeString(dir.resolve("minio/openim/Zeta"), "shorter");
    Files.delete(dir.resolve("minio/openim/openim/empty"));
    Files.writeString(dir.resolve("minio/openim/late upload"), "written after the backup");

    assertThat(BackupManifest.read(dir).verify(dir)).containsExactly(
        "size differs: minio/openim/Zeta has 7 bytes, the manifest says 36",
        "missing: minio/openim/openim/empty",
        "checksum differs: mongodb/openim_v3.archive.gz",
        "not in the manifest: minio/openim/late upload");
    Shell.Result verified = script("verify", dir.toString());
    assertThat(verified.exit()).isEqualTo(1);
    assertThat(verified.output()).contains("size differs: minio/openim/Zeta", "missing: minio/openim/openim/empty",
        "checksum differs: mongodb/openim_v3.archive.gz", "not in the manifest: 1 file(s)",
        "failed verification: 4 problem(s)");
  }

  @Test
  @DisplayName("a staged backup gets its final name only when it verifies")
  void finalNameOnlyWhenVerified() throws Exception {
    Path staged = Files.move(dir, dir.resolveSibling(dir.getFileName() + ".partial"));
    Path done = dir;
    assertThat(script("write", staged.toString(), "id", "im/openim", "v").exit()).isZero();
    Files.writeString(staged.resolve("minio/openim/Zeta"), "tampered");
    Shell.Result refused = script("verify", staged.toString(), done.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(done).doesNotExist();
    assertThat(staged).isDirectory();

    Files.writeString(staged.resolve("minio/openim/Zeta"), "upper case sorts first in byte order");
    Shell.Result renamed = script("verify", staged.toString(), done.toString());
    assertThat(renamed.exit()).as(renamed.output()).isZero();
    assertThat(renamed.output()).startsWith("verified " + done + ": 4 files");
    assertThat(staged).doesNotExist();
    assertThat(BackupManifest.read(done).verify(done)).isEmpty();
  }

  @Test
  @DisplayName("an object named MANIFEST deep in the bucket is data like any other, on both sides")
  void nestedManifestIsData() throws Exception {
    Files.writeString(dir.resolve("minio/openim/openim/MANIFEST"), "a user's file");
    assertThat(script("write", dir.toString(), "id", "im/openim", "v").exit()).isZero();
    BackupManifest manifest = BackupManifest.read(dir);
    assertThat(manifest.files()).extracting(BackupManifest.Entry::path).contains("minio/openim/openim/MANIFEST");
    assertThat(manifest.verify(dir)).isEmpty();
    assertThat(script("verify", dir.toString()).exit()).isZero();
  }

  @Test
  @DisplayName("a backup without the MongoDB archive, or onto an existing final name, is refused")
  void refusals() throws Exception {
    Files.delete(dir.resolve("mongodb/openim_v3.archive.gz"));
    assertThat(script("write", dir.toString(), "id", "im/openim", "v").exit()).isZero();
    Shell.Result noDatabase = script("verify", dir.toString());
    assertThat(noDatabase.exit()).isEqualTo(1);
    assertThat(noDatabase.output()).contains("the manifest lists no MongoDB archive");
    assertThat(BackupManifest.read(dir).verify(dir)).containsExactly(
        "the manifest lists no MongoDB archive (mongodb/openim_v3.archive.gz)");

    Files.writeString(dir.resolve("mongodb/openim_v3.archive.gz"), "dump");
    assertThat(script("write", dir.toString(), "id", "im/openim", "v").exit()).isZero();
    Path taken = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-taken"));
    Shell.Result exists = script("verify", dir.toString(), taken.toString());
    assertThat(exists.exit()).isEqualTo(1);
    assertThat(exists.output()).contains("exists already");
    assertThat(taken).isEmptyDirectory();
    Files.delete(taken);
  }

  @Test
  @DisplayName("the script reports malformed and repeated lines instead of stumbling on them")
  void malformedAndRepeatedLinesInTheScript() throws Exception {
    assertThat(script("write", dir.toString(), "id", "im/openim", "v").exit()).isZero();
    Path manifest = dir.resolve(BackupManifest.FILE_NAME);
    List<String> lines = new ArrayList<>(Files.readAllLines(manifest));
    String last = lines.get(lines.size() - 1);
    lines.add(last); // the same file twice hides one more file than the manifest lists
    lines.add("garbage line");
    Files.write(manifest, lines);
    Files.writeString(dir.resolve("minio/openim/unlisted"), "x");

    Shell.Result verified = script("verify", dir.toString());
    assertThat(verified.exit()).isEqualTo(1);
    assertThat(verified.output()).contains("line " + lines.size() + " is not '<sha256>  <bytes>  <path>'")
        .contains("listed more than once: 1 line(s)").contains("failed verification");
  }

  @Test
  @DisplayName("a folder without a manifest is not a finished backup")
  void unfinishedBackup() throws Exception {
    Shell.Result verified = script("verify", dir.toString());
    assertThat(verified.exit()).isEqualTo(1);
    assertThat(verified.output()).contains("no MANIFEST", "not a finished backup");
    assertThatThrownBy(() -> BackupManifest.read(dir)).hasMessageContaining("a finished backup");
  }

  @Test
  @DisplayName("malformed lines are all named")
  void malformed() {
    String text = "# id: x\n" + "0".repeat(64) + "  12  ok\nnot a line\n" + "a".repeat(64) + "  -1  neg\n";
    assertThatThrownBy(() -> BackupManifest.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 3 is not").hasMessageContaining("line 4 is not")
        .hasMessageNotContaining("line 2");
  }

  private static Shell.Result script(String... args) throws Exception {
    return Shell.run(BackupScripts.manifest(), Map.of(), args);
  }
}
