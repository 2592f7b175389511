/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.data.internal;

import io.openim.deploy.core.internal.Shell;
import io.openim.deploy.core.render.internal.BackupScripts;
import io.openim.deploy.core.render.internal.Yamls;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell the backup Jobs run, run here with the machine's sh on real files, with the scratch
 * volume pointed at a temporary folder: the object count check before the manifest, and the
 * MongoDB tools' config file that keeps the password off the command line.
 */
@DisplayName("The backup Jobs' own shell, run")
class BackupJobScriptsTest {
  @TempDir Path scratch;
  @TempDir Path backup;

  @Test
  @DisplayName("fewer objects than the bucket listed fail the backup; as many or more (uploads meanwhile) pass")
  void objectCount() throws Exception {
    Files.createDirectories(backup.resolve("mongodb"));
    Files.writeString(backup.resolve("mongodb/openim_v3.archive.gz"), "dump");
    Files.createDirectories(backup.resolve("minio/openim/user"));
    Files.writeString(backup.resolve("minio/openim/user/a.png"), "a");
    Files.writeString(backup.resolve("minio/openim/user/b.png"), "b");
    Files.writeString(scratch.resolve("minio-objects"), String.join("\n",
        "[2026-11-27 10:00:00 UTC]     1B STANDARD user/a.png",
        "[2026-11-27 10:00:00 UTC]     1B STANDARD user/b.png",
        "[2026-11-27 10:00:00 UTC]     1B STANDARD user/c.png", ""));

    Shell.Result short1 = writeManifest();
    assertThat(short1.exit()).isEqualTo(1);
    assertThat(short1.output()).contains("MinIO listed 3 objects in bucket openim but only 2 were copied");
    assertThat(backup.resolve("MANIFEST")).doesNotExist();

    Files.writeString(backup.resolve("minio/openim/user/c.png"), "c");
    Files.writeString(backup.resolve("minio/openim/user/d.png"), "uploaded after the listing");
    Shell.Result enough = writeManifest();
    assertThat(enough.exit()).as(enough.output()).isZero();
    assertThat(Files.readString(backup.resolve("MANIFEST"))).contains("minio/openim/user/d.png");
  }

  @Test
  @DisplayName("the password reaches the tools' config file intact, readable by its owner only")
  void mongoConfig() throws Exception {
    String password = "it's \"q\" \\ %s $HOME `x`";
    Shell.Result result = run(BackupJobs.MONGO_CONFIG, Map.of("MONGO_PASSWORD", password));
    assertThat(result.exit()).as(result.output()).isZero();
    Path config = scratch.resolve("mongo.yaml");
    assertThat(Yamls.safeLoader().<Map<String, Object>>load(Files.readString(config)))
        .containsEntry("password", password);
    assertThat(Files.getPosixFilePermissions(config)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  private Shell.Result writeManifest() throws Exception {
    return run(BackupJobs.COUNT_OBJECTS + BackupScripts.manifest(), Map.of(),
        "write", backup.toString(), "id", "im/openim", "v3.8.3-patch.15");
  }

  private Shell.Result run(String script, Map<String, String> env, String... args) throws Exception {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("SCRATCH", scratch.toString());
    return Shell.run(script, all, args);
  }
}
