/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.migrate;

import io.openim.deploy.core.Fixtures;
import io.openim.deploy.core.render.SpecFile;
import io.openim.deploy.core.render.Topology;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openim.deploy.Dependency;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Profile;
import io.openim.deploy.Secret;
import io.openim.deploy.SecretKey;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Importing a docker-compose OpenIM into a spec")
class ComposeImportTest {
  private static final Dependency.InCluster MONGODB = Profile.MINIMAL.defaults(DependencyKind.MONGODB);

  @ParameterizedTest(name = "openim-docker {0}")
  @ValueSource(strings = {"v3.8", "main-55a2d29"})
  @DisplayName("the official compose setups: every published default is replaced, and said so")
  void officialSetups(String tag) {
    ComposeImport imported = ComposeImport.read(Fixtures.path("openim-docker/" + tag), "im", "openim");
    DeploymentSpec spec = imported.spec();
    assertThat(spec.version()).isEqualTo("v3.8.3-patch.15");
    assertThat(spec.enabledComponents()).contains(io.openim.deploy.Component.CHAT_API);
    assertThat(spec.logLevel()).isEqualTo(3);
    assertThat(spec.monitoring().enabled()).isTrue();
    assertThat(spec.minioExternalAddress()).isNull();
    assertThat(spec.secrets().values()).allSatisfy(secret -> assertThat(secret.generated()).isTrue());
    if (tag.equals("v3.8")) { // pins v3.8.3-patch.12; main pins patch.15, the line itself
      assertThat(imported.assumptions())
          .anySatisfy(a -> assertThat(a).contains("OpenIM Server v3.8.3-patch.12 becomes v3.8.3-patch.15"));
    } else {
      assertThat(imported.assumptions()).noneSatisfy(a -> assertThat(a).contains("becomes"));
    }
    assertThat(imported.assumptions())
        .anySatisfy(a -> assertThat(a).startsWith("OPENIM_SECRET is OpenIM's published default"))
        .anySatisfy(a -> assertThat(a).startsWith("MONGO_PASSWORD is OpenIM's published default"))
        .anySatisfy(a -> assertThat(a).contains("MINIO_EXTERNAL_ADDRESS is still the template's"))
        .anySatisfy(a -> assertThat(a).contains("Service grafana (compose profile m) is not deployed"))
        .anySatisfy(a -> assertThat(a).startsWith("Users log in again").endsWith("the secret that signed them is replaced."))
        .anySatisfy(a -> assertThat(a).startsWith("Redis and Kafka start empty").contains("let Kafka drain"))
        .anySatisfy(a -> assertThat(a).startsWith("Offline push is off in the cluster: the compose setup runs the"
            + " image's openim-push.yml"));
    assertThat(Topology.plan(spec).manifests()).isNotEmpty();
  }

  @Test
  @DisplayName("v3.8's mongo:7.0 is kept for its data; main's mongo:7.0.28 is the pinned one")
  void dependencyImages() {
    DeploymentSpec v38 = ComposeImport.read(Fixtures.path("openim-docker/v3.8"), "im", "openim").spec();
    assertThat(v38.dependency(DependencyKind.MONGODB))
        .isEqualTo(new Dependency.InCluster(MONGODB.storageSize(), MONGODB.resources(), "docker.io/library/mongo:7.0"));
    DeploymentSpec main = ComposeImport.read(Fixtures.path("openim-docker/main-55a2d29"), "im", "openim").spec();
    assertThat(main.dependency(DependencyKind.MONGODB)).isInstanceOf(Dependency.InCluster.class)
        .extracting(d -> ((Dependency.InCluster) d).image()).isNull();
  }

  @Test
  @DisplayName("non-default values: secrets kept in owner-only files, external Kafka, ports noted; the file reads back")
  void nonDefaultValues(@TempDir Path dir) throws Exception {
    Path compose = dir.resolve("compose");
    Files.createDirectories(compose);
    Files.writeString(compose.resolve(".env"), String.join("\n",
        "OPENIM_SERVER_IMAGE=openim/openim-server:v3.8.3-patch.15 # the server",
        "OPENIM_CHAT_IMAGE=openim/openim-chat:v1.8.4-patch.5",
        "MONGO_IMAGE=mongo:7.0.28",
        "MONGO_ADDRESS=\"db:27017\"",
        "MONGO_USERNAME=imuser",
        "MONGO_PASSWORD='s3cret-mongo # not a comment'",
        "REDIS_ADDRESS=redis:6379",
        "REDIS_PASSWORD=s3cret-redis",
        "KAFKA_ADDRESS=kafka-1.corp:9093,kafka-2.corp:9093",
        "KAFKA_USERNAME=im",
        "KAFKA_PASSWORD=s3cret-kafka",
        "OPENIM_SECRET=s3cret-openim",
        "MINIO_EXTERNAL_ADDRESS=https://files.example.com",
        "LOG_LEVEL=5",
        "API_PORT=18002",
        ""));
    Files.writeString(compose.resolve("docker-compose.yml"), String.join("\n",
        "services:",
        "  mongodb:",
        "    image: ${MONGO_IMAGE}",
        "    container_name: db",
        "  redis:",
        "    image: redis:7.0.0",
        "  server:",
        "    image: ${OPENIM_SERVER_IMAGE}",
        "    environment:",
        "      - IMENV_OPENIM_PUSH_GETUI_MASTERSECRET=s3cret-getui",
        "      - IMENV_OPENIM_PUSH_ENABLE=getui",
        "    ports:",
        "      - \"${API_PORT:-10002}:10002\"",
        "      - \"10001:10001\"",
        ""));
    ComposeImport imported = ComposeImport.read(compose, "corp", "im-prod");
    DeploymentSpec spec = imported.spec();
    assertThat(spec.enabledComponents()).doesNotContain(io.openim.deploy.Component.CHAT_API);
    assertThat(spec.logLevel()).isEqualTo(5);
    assertThat(spec.minioExternalAddress()).isEqualTo("https://files.example.com");
    assertThat(spec.secret(SecretKey.MONGODB_PASSWORD).reveal()).isEqualTo("s3cret-mongo # not a comment");
    assertThat(spec.secret(SecretKey.OPENIM_SECRET).reveal()).isEqualTo("s3cret-openim");
    assertThat(spec.dependency(DependencyKind.KAFKA)).isInstanceOfSatisfying(Dependency.External.class, k -> {
      assertThat(k.addresses()).containsExactly("kafka-1.corp:9093", "kafka-2.corp:9093");
      assertThat(k.username()).isEqualTo("im");
      assertThat(k.password().reveal()).isEqualTo("s3cret-kafka");
    });
    assertThat(imported.assumptions())
        .anySatisfy(a -> assertThat(a).contains("kafka stays outside the cluster"))
        .anySatisfy(a -> assertThat(a).contains("The MongoDB user imuser becomes openIM"))
        .anySatisfy(a -> assertThat(a).startsWith("Host port 18002 (container port 10002)"))
        .anySatisfy(a -> assertThat(a).startsWith("Users log in again").endsWith("the OpenIM secret itself is kept."))
        .anySatisfy(a -> assertThat(a).startsWith("Offline push is off in the cluster: the compose setup's"
            + " IMENV_OPENIM_PUSH_ENABLE, IMENV_OPENIM_PUSH_GETUI_MASTERSECRET are not carried over"))
        .noneSatisfy(a -> assertThat(a).contains("s3cret"));
    assertThat(imported.specFile()).doesNotContain("s3cret").contains("file: secrets/kafka-password");

    Path written = imported.writeTo(dir.resolve("out"));
    DeploymentSpec reread = SpecFile.read(written);
    assertThat(reread).usingRecursiveComparison().ignoringFields("secrets").isEqualTo(spec);
    assertThat(given(reread)).isEqualTo(given(spec)).containsOnlyKeys(SecretKey.OPENIM_SECRET,
        SecretKey.MONGODB_PASSWORD, SecretKey.REDIS_PASSWORD);
    assertThat(Files.getPosixFilePermissions(dir.resolve("out/secrets/openim-secret")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    Files.delete(written);
    assertThatThrownBy(() -> imported.writeTo(dir.resolve("out")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not overwriting")
        .hasMessageContaining("secrets/openim-secret").hasMessageContaining("nothing was written");
    assertThat(written).doesNotExist();
  }

  @Test
  @DisplayName("an external MinIO keeps its endpoint, and needs a real MINIO_EXTERNAL_ADDRESS")
  void externalMinio(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("docker-compose.yml"), "services:\n  server:\n    image: ${OPENIM_SERVER_IMAGE}\n");
    String env = String.join("\n", "OPENIM_SERVER_IMAGE=openim/openim-server:v3.8.3-patch.15",
        "MINIO_INTERNAL_ADDRESS=https://s3.corp", "MINIO_ACCESS_KEY_ID=im-access", "MINIO_SECRET_ACCESS_KEY=im-s3cret", "");
    Files.writeString(dir.resolve(".env"), env + "MINIO_EXTERNAL_ADDRESS=http://external_ip:10005\n");
    assertThatThrownBy(() -> ComposeImport.read(dir, "im", "openim")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MINIO_EXTERNAL_ADDRESS is still the template's http://external_ip:10005")
        .hasMessageNotContaining("im-s3cret");
    Files.writeString(dir.resolve(".env"), env);
    assertThatThrownBy(() -> ComposeImport.read(dir, "im", "openim")).hasMessageContaining("is not set");
    Files.writeString(dir.resolve(".env"), env + "MINIO_EXTERNAL_ADDRESS=https://files.corp\n");
    DeploymentSpec spec = ComposeImport.read(dir, "im", "openim").spec();
    assertThat(spec.dependency(DependencyKind.MINIO)).isEqualTo(Dependency.external(List.of("https://s3.corp"),
        "im-access", Secret.of("im-s3cret")));
    assertThat(spec.minioExternalAddress()).isEqualTo("https://files.corp");
    assertThat(spec.uses(SecretKey.MINIO_SECRET_KEY)).isFalse();
  }

  private static Map<SecretKey, Secret> given(DeploymentSpec spec) {
    Map<SecretKey, Secret> given = new java.util.EnumMap<>(SecretKey.class);
    spec.secrets().forEach((k, v) -> {
      if (!v.generated()) {
        given.put(k, v);
      }
    });
    return given;
  }

  @Test
  @DisplayName("a folder that is not an OpenIM compose setup, or an unknown release, is refused with what to do")
  void refusals(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> ComposeImport.read(dir, "im", "openim"))
        .hasMessageContaining("no .env in").hasMessageContaining("docker-compose.yaml and .env");
    Files.writeString(dir.resolve(".env"), "OPENIM_SERVER_IMAGE=openim/openim-server:v3.9.0\n");
    Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    image: nginx\n");
    assertThatThrownBy(() -> ComposeImport.read(dir, "im", "openim"))
        .hasMessageContaining("has no service with an openim-server image");
    Files.writeString(dir.resolve("compose.yaml"), "services:\n  s:\n    image: ${OPENIM_SERVER_IMAGE}\n");
    assertThatThrownBy(() -> ComposeImport.read(dir, "im", "openim"))
        .hasMessageContaining("runs OpenIM Server v3.9.0, which no version line covers")
        .hasMessageContaining("v3.8.3-patch.15");
    Files.writeString(dir.resolve(".env"), "OPENIM_SERVER_IMAGE=openim/openim-server:v3.8.3-patch.99\n");
    assertThatThrownBy(() -> ComposeImport.read(dir, "im", "openim"))
        .hasMessageContaining("runs OpenIM Server v3.8.3-patch.99, newer than v3.8.3-patch.15")
        .hasMessageContaining("would downgrade");
    Files.writeString(dir.resolve(".env"), "OPENIM_SERVER_IMAGE=mirror.example.com/openimsdk/openim-server:release-v3.8.3\n"
        + "REDIS_PASSWORD=\" padded \"\n");
    assertThatThrownBy(() -> ComposeImport.read(dir, "im", "openim"))
        .hasMessageContaining("REDIS_PASSWORD starts or ends with white space").hasMessageNotContaining("padded");
    Files.writeString(dir.resolve(".env"), "OPENIM_SERVER_IMAGE=openim/openim-server:release-v3.8.3\n");
    assertThat(ComposeImport.read(dir, "im", "openim").assumptions()).first().asString()
        .startsWith("OpenIM Server release-v3.8.3 becomes v3.8.3-patch.15");
    Files.writeString(dir.resolve("compose.yaml"), "services:\n  s:\n    environment: [PASSWORD=hunter2-xyz\n");
    assertThatThrownBy(() -> ComposeImport.read(dir, "im", "openim"))
        .hasMessageContaining("is not valid YAML near line").hasMessageNotContaining("hunter2");
  }
}
