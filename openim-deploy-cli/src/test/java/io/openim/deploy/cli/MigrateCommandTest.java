/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("openim-deploy migrate, printing the plan")
class MigrateCommandTest {
  @TempDir Path temp;
  private final Console console = new Console();

  /** A compose setup like the official one: MongoDB unpublished, MinIO on 10005. */
  static Path compose(Path temp) throws Exception {
    Path compose = Files.createDirectories(temp.resolve("openim-docker"));
    Files.writeString(compose.resolve(".env"), String.join("\n",
        "MONGO_ADDRESS=mongo:27017", "MONGO_USERNAME=openIM", "MONGO_PASSWORD=mongo-pass-7",
        "MINIO_INTERNAL_ADDRESS=minio:9000", "MINIO_ACCESS_KEY_ID=root", "MINIO_SECRET_ACCESS_KEY=minio-pass-8",
        "OPENIM_SECRET=imported-secret-42", ""));
    Files.writeString(compose.resolve("docker-compose.yaml"), String.join("\n",
        "services:", "  mongo: {image: 'mongo:7.0.28'}",
        "  minio: {image: 'minio/minio:RELEASE.2024-01-11T07-46-16Z', ports: ['10005:9000']}",
        "  openim-server: {image: 'openim/openim-server:v3.8.3-patch.15', ports: ['10002:10002']}", ""));
    return compose;
  }

  @Test
  @DisplayName("prints every step with its check and way back, no secret, and writes nothing")
  void printsThePlan() throws Exception {
    Path out = temp.resolve("out");
    assertThat(console.run("migrate", compose(temp).toString(), "--host", "10.1.2.3", "-o", out.toString())).isZero();
    assertThat(console.out()).contains("1. spec (openim-deploy): write the imported spec")
        .contains("3. freeze (old-host): stop OpenIM on the old host")
        .contains("     $ cd " + temp.resolve("openim-docker") + " && docker compose stop openim-server")
        .contains("   verify:   OpenIM no longer answers at 10.1.2.3:10002")
        .contains("4. open (old-host)").contains("5. backup (openim-deploy): copy the old host's MongoDB"
            + " (10.1.2.3:37017) and MinIO (10.1.2.3:10005) into volume openim-backups")
        .contains("8. cut-over (clients)").contains("Run it with the same options and --run")
        .doesNotContain("mongo-pass-7").doesNotContain("minio-pass-8").doesNotContain("imported-secret-42");
    assertThat(out).doesNotExist();
  }

  @Test
  @DisplayName("a setup whose data is elsewhere is refused with the reason")
  void refused() throws Exception {
    Path compose = compose(temp);
    Files.writeString(compose.resolve(".env"), Files.readString(compose.resolve(".env"))
        .replace("MONGO_ADDRESS=mongo:27017", "MONGO_ADDRESS=db.corp:27017"));
    assertThat(console.run("migrate", compose.toString(), "--host", "10.1.2.3")).isEqualTo(2);
    assertThat(console.err()).contains("MongoDB is not a service of the compose setup").contains("nothing to move");
  }
}
