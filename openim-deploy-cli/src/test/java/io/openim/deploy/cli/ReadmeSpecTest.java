/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.Component;
import io.openim.deploy.Dependency;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Secret;
import io.openim.deploy.SecretKey;
import io.openim.deploy.core.render.SpecFile;
import io.openim.deploy.core.render.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The spec file example in the README")
class ReadmeSpecTest {
  @TempDir Path temp;

  @Test
  @DisplayName("parses, validates and renders")
  void readmeExampleIsValid() throws Exception {
    String readme = Files.readString(readme());
    int section = readme.indexOf("### The spec file");
    int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
    String yaml = readme.substring(start, readme.indexOf("```", start));
    Files.writeString(temp.resolve("redis.password"), "redis-from-file-0123456789\n");
    Files.writeString(temp.resolve("openim-push.yml"), "enable: fcm\n");
    Map<String, String> env = Map.of("KAFKA_PASSWORD", "kafka-0123456789", "OPENIM_SECRET", "secret-0123456789",
        "MONGO_PASSWORD", "mongo-0123456789", "S3_SECRET_KEY", "s3-0123456789");

    DeploymentSpec spec = SpecFile.parse(yaml, env::get, temp);

    assertThat(spec.component(Component.API).replicas()).isEqualTo(3);
    assertThat(spec.dependency(DependencyKind.KAFKA)).isInstanceOf(Dependency.External.class);
    assertThat(spec.secret(SecretKey.REDIS_PASSWORD).reveal()).isEqualTo("redis-from-file-0123456789");
    assertThat(((Dependency.External) spec.dependency(DependencyKind.MONGODB)).authSource()).isEqualTo("admin");
    assertThat(spec.dependency(DependencyKind.MINIO)).isEqualTo(new Dependency.External(
        List.of("https://s3.example.com"), "openim-access-key", Secret.of("s3-0123456789"), null));
    assertThat(spec.uses(SecretKey.MONGODB_PASSWORD)).isFalse();
    assertThat(spec.configFiles()).containsKey("server/openim-push.yml");
    assertThat(Topology.plan(spec).manifests()).isNotEmpty();
  }

  private static Path readme() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("README.md")) && Files.exists(dir.resolve("mvnw"))) {
        return dir.resolve("README.md");
      }
    }
    throw new AssertionError("README.md not found above " + Path.of("").toAbsolutePath());
  }
}
