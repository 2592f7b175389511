/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.migrate;

import io.openim.deploy.core.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openim.deploy.core.migrate.MigrationPlan.Actor;
import io.openim.deploy.core.migrate.MigrationPlan.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Migration plans from docker-compose")
class MigrationPlanTest {
  @TempDir Path dir;

  @Test
  @DisplayName("the official setup: MongoDB is unpublished, so it is opened for the copy and closed after")
  void officialSetup() {
    MigrationPlan plan = MigrationPlan.builder(Fixtures.path("openim-docker/main-55a2d29"), "10.0.0.5")
        .specDirectory(dir.resolve("spec")).namespace("im").build();

    assertThat(plan.steps()).extracting(Step::name)
        .containsExactly("spec", "deploy", "freeze", "open", "backup", "restore", "close", "cut-over");
    assertThat(plan.steps()).extracting(Step::number).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    Step freeze = plan.steps().get(2);
    assertThat(freeze.actor()).isEqualTo(Actor.OLD_HOST);
    assertThat(freeze.commands()).singleElement().asString().endsWith("docker compose stop openim-server openim-chat");
    assertThat(freeze.verification()).isEqualTo("OpenIM no longer answers at 10.0.0.5:10001, 10.0.0.5:10002,"
        + " 10.0.0.5:10008, 10.0.0.5:10009");
    Step open = plan.steps().get(3);
    assertThat(open.commands()).singleElement().asString()
        .isEqualTo("cd " + Fixtures.path("openim-docker/main-55a2d29")
            + " && docker compose -f docker-compose.yaml -f compose.migration.yaml up -d mongo");
    assertThat(open.action()).contains("Save the file below as compose.migration.yaml in "
        + Fixtures.path("openim-docker/main-55a2d29") + " on the old host");
    assertThat(plan.steps().get(6).verification()).isEqualTo("10.0.0.5:37017 no longer answers");
    assertThat(plan.overrideFile()).contains("  mongo:\n    ports:\n      - \"37017:27017\"\n")
        .doesNotContain("minio:");
    assertThat(plan.steps().get(4).action()).contains("MongoDB (10.0.0.5:37017) and MinIO (10.0.0.5:10005)")
        .contains("volume openim-backups");
    assertThat(plan.steps().get(5).rollback()).contains("docker compose up -d mongo")
        .contains("docker compose start openim-server openim-chat").contains("down -f " + dir.resolve("spec/openim.yaml"));
    assertThat(plan.steps().get(7).actor()).isEqualTo(Actor.CLIENTS);
    assertThat(plan.text()).contains("into release im/openim", "Assumptions:", "1. spec (openim-deploy)",
        "3. freeze (old-host)", "     $ cd ", "   verify:   ", "   rollback: ",
        "     compose.migration.yaml:\n       # Written by openim-deploy migrate", "       services:\n         mongo:\n")
        .doesNotContain("openIM123");
    assertThat(dir.resolve("spec")).as("planning writes nothing").doesNotExist();
  }

  @Test
  @DisplayName("published MongoDB and MinIO ports are used as they are, with no open or close step")
  void publishedPorts() throws Exception {
    Path compose = compose("      - \"27018:27017\"\n", "      - \"19000:9000\"\n", "MINIO_INTERNAL_ADDRESS=minio:9000");
    MigrationPlan plan = MigrationPlan.builder(compose, "old.example.com").specDirectory(dir.resolve("spec")).build();
    assertThat(plan.steps()).extracting(Step::name)
        .containsExactly("spec", "deploy", "freeze", "backup", "restore", "cut-over");
    assertThat(plan.steps().get(3).action()).contains("old.example.com:27018").contains("old.example.com:19000");
    assertThat(plan.source().mongoPassword().reveal()).as("the old host's own password, for the copy").isEqualTo("p");
    assertThat(plan.source().minioSecretKey().reveal()).isEqualTo("s");
  }

  @Test
  @DisplayName("MongoDB published but MinIO not: MinIO is opened, and closing checks MinIO's port")
  void onlyMinioUnpublished() throws Exception {
    Path compose = compose("      - \"27018:27017\"\n", "", "MINIO_INTERNAL_ADDRESS=minio:9000");
    MigrationPlan plan = MigrationPlan.builder(compose, "old").specDirectory(dir.resolve("spec"))
        .oldHostDirectory("/srv/openim-docker").ports(37017, 19005).build();
    assertThat(plan.steps()).extracting(Step::name)
        .containsExactly("spec", "deploy", "freeze", "open", "backup", "restore", "close", "cut-over");
    assertThat(plan.overrideFile()).contains("  minio:\n    ports:\n      - \"19005:9000\"\n").doesNotContain("mongo:");
    assertThat(plan.steps().get(3).commands()).singleElement().asString()
        .startsWith("cd /srv/openim-docker && docker compose -f compose.yaml -f compose.migration.yaml up -d minio");
    assertThat(plan.steps().get(6).verification()).isEqualTo("old:19005 no longer answers");
    assertThat(plan.closedPorts()).containsExactly(19005);
  }

  @Test
  @DisplayName("MinIO outside the compose setup, and missing credentials: refused with every reason")
  void refused() throws Exception {
    Path compose = compose("", "", "MINIO_INTERNAL_ADDRESS=s3.example.com:443");
    Files.writeString(compose.resolve(".env"), Files.readString(compose.resolve(".env")).replace("MONGO_PASSWORD=p\n", ""));
    assertThatThrownBy(() -> MigrationPlan.builder(compose, "old").specDirectory(dir.resolve("spec")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MinIO is not a service of the compose setup (MINIO_INTERNAL_ADDRESS=s3.example.com:443)")
        .hasMessageContaining("nothing to move").hasMessageContaining(".env sets no MONGO_PASSWORD");
  }

  @Test
  @DisplayName("a spec directory from an earlier run is read, not imported again")
  void resumes() throws Exception {
    Path compose = compose("", "", "MINIO_INTERNAL_ADDRESS=minio:9000");
    Path spec = dir.resolve("spec");
    ComposeImport.read(compose, "openim", "openim").writeTo(spec);
    MigrationPlan plan = MigrationPlan.builder(compose, "old").specDirectory(spec).build();
    assertThat(plan.steps().get(0).action()).startsWith("use the spec written before");
    assertThat(plan.assumptions()).singleElement().asString().contains("written by an earlier run");
  }

  private Path compose(String mongoPorts, String minioPorts, String minioAddress) throws Exception {
    Path compose = Files.createDirectories(dir.resolve("compose"));
    Files.writeString(compose.resolve(".env"), String.join("\n", "MONGO_ADDRESS=mongo:27017", "MONGO_USERNAME=openIM",
        "MONGO_PASSWORD=p", minioAddress, "MINIO_ACCESS_KEY_ID=k", "MINIO_SECRET_ACCESS_KEY=s", ""));
    Files.writeString(compose.resolve("compose.yaml"), "services:\n  mongo:\n    image: mongo:7.0.28\n"
        + (mongoPorts.isEmpty() ? "" : "    ports:\n" + mongoPorts)
        + "  minio:\n    image: minio/minio:RELEASE.2024-01-11T07-46-16Z\n"
        + (minioPorts.isEmpty() ? "" : "    ports:\n" + minioPorts)
        + "  openim-server:\n    image: openim/openim-server:v3.8.3-patch.15\n    ports:\n      - \"10002:10002\"\n");
    return compose;
  }
}
