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

@DisplayName("openim-deploy import-compose")
class ImportComposeCommandTest {
  @TempDir Path temp;
  private final Console console = new Console();

  private int run(String... args) {
    return console.run(args);
  }

  @Test
  @DisplayName("writes a spec that plans, prints the assumptions but no secret, and never overwrites")
  void importsAndPlans() throws Exception {
    Path compose = Files.createDirectories(temp.resolve("openim-docker"));
    Files.writeString(compose.resolve(".env"), String.join("\n",
        "OPENIM_SERVER_IMAGE=openim/openim-server:v3.8.3-patch.12",
        "OPENIM_CHAT_IMAGE=openim/openim-chat:v1.8.4-patch.2",
        "MONGO_ADDRESS=mongo:27017", "MONGO_PASSWORD=mongo-pass-7",
        "OPENIM_SECRET=imported-secret-42", "LOG_LEVEL=4", ""));
    Files.writeString(compose.resolve("docker-compose.yaml"), String.join("\n",
        "services:", "  mongo: {image: 'mongo:7.0'}",
        "  openim-server: {image: '${OPENIM_SERVER_IMAGE}', ports: ['10002:10002']}",
        "  openim-chat: {image: '${OPENIM_CHAT_IMAGE}'}", ""));
    Path target = temp.resolve("out");

    assertThat(run("import-compose", compose.toString(), "-o", target.toString(), "-n", "im")).isZero();
    assertThat(console.out()).startsWith("Assumptions:\n")
        .contains("OpenIM Server v3.8.3-patch.12 becomes v3.8.3-patch.15")
        .contains("mongodb keeps the compose image docker.io/library/mongo:7.0")
        .contains("Wrote " + target.resolve("openim.yaml"))
        .doesNotContain("mongo-pass-7").doesNotContain("imported-secret-42");
    assertThat(Files.readString(target.resolve("openim.yaml"))).contains("namespace: im")
        .doesNotContain("imported-secret-42");
    assertThat(target.resolve("secrets/openim-secret")).hasContent("imported-secret-42");

    console.clear();
    assertThat(run("plan", "-f", target.resolve("openim.yaml").toString())).isZero();
    assertThat(console.out()).contains("image: docker.io/library/mongo:7.0\n").contains("namespace: im\n");

    assertThat(run("import-compose", compose.toString(), "-o", target.toString())).isEqualTo(2);
    assertThat(console.err()).contains("not overwriting").contains("openim.yaml").contains("nothing was written");
  }

  @Test
  @DisplayName("a folder without .env is refused, and nothing is written")
  void notComposeSetup() {
    assertThat(run("import-compose", temp.toString(), "-o", temp.resolve("out").toString())).isEqualTo(2);
    assertThat(console.err()).contains("no .env in " + temp);
    assertThat(temp.resolve("out")).doesNotExist();
  }
}
