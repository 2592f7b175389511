/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("External dependencies in a spec: MinIO's addresses, MongoDB's authSource, no unused credentials")
class ExternalDependenciesTest {
  private static Dependency minio(String... addresses) {
    return Dependency.external(List.of(addresses), "ak", Secret.of("sk-xyz"));
  }

  @Test
  @DisplayName("an external MinIO without minioExternalAddress is refused, with or without an ingress, saying what to set")
  void minioNeedsExternalAddress() {
    for (DeploymentSpec.Builder b : List.of(DeploymentSpec.builder("im"),
        DeploymentSpec.builder("im").ingress(new Ingress("im.example.com", "nginx", null)))) {
      InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
          () -> b.dependency(DependencyKind.MINIO, minio("https://s3.example.com")).build());
      assertThat(e.violations()).extracting(Violation::path).containsExactly("minioExternalAddress");
      assertThat(e.getMessage()).contains("is required with an external MinIO", "https://files.example.com");
    }
    assertThat(DeploymentSpec.builder("im").dependency(DependencyKind.MINIO, minio("https://s3.example.com"))
        .minioExternalAddress("https://s3.example.com").build().minioExternalAddress()).isEqualTo("https://s3.example.com");
  }

  @Test
  @DisplayName("a MinIO endpoint is one https://host[:port], http://host[:port] or host:port, nothing else")
  void minioEndpoint() {
    for (String ok : List.of("https://s3.example.com", "https://s3.example.com:9443", "http://10.0.0.5:9000",
        "minio.corp:9000")) {
      assertThat(DeploymentSpec.builder("im").dependency(DependencyKind.MINIO, minio(ok))
          .minioExternalAddress("https://files.example.com").build().dependency(DependencyKind.MINIO))
          .as(ok).isInstanceOf(Dependency.External.class);
    }
    InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
        () -> DeploymentSpec.builder("im").minioExternalAddress("https://files.example.com")
            .dependency(DependencyKind.MINIO, minio("https://s3.example.com/bucket", "ftp://s3:21")).build());
    assertThat(e.violations()).extracting(Violation::path).containsExactlyInAnyOrder(
        "dependencies.minio.addresses", "dependencies.minio.addresses[0]", "dependencies.minio.addresses[1]");
    assertThat(catchThrowableOfType(InvalidSpecException.class,
        () -> DeploymentSpec.builder("im").dependency(DependencyKind.REDIS,
            Dependency.external(List.of("https://redis:6379"), null, null)).build()).violations())
        .extracting(Violation::path).containsExactly("dependencies.redis.addresses[0]");
  }

  @Test
  @DisplayName("authSource: for an external MongoDB only, and a database name")
  void authSource() {
    DeploymentSpec spec = DeploymentSpec.builder("im").dependency(DependencyKind.MONGODB,
        new Dependency.External(List.of("mongo:27017"), "im", Secret.of("pw-xyz"), null, "admin")).build();
    assertThat(((Dependency.External) spec.dependency(DependencyKind.MONGODB)).authSource()).isEqualTo("admin");
    assertThat(new Dependency.External(List.of("mongo:27017"), null, null, null).authSource()).isNull();
    InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> DeploymentSpec.builder("im")
        .dependency(DependencyKind.MONGODB, new Dependency.External(List.of("mongo:27017"), "im", null, null, "a b"))
        .dependency(DependencyKind.REDIS, new Dependency.External(List.of("redis:6379"), null, null, null, "admin"))
        .build());
    assertThat(e.violations()).extracting(Violation::path)
        .containsExactlyInAnyOrder("dependencies.mongodb.authSource", "dependencies.redis.authSource");
  }

  @Test
  @DisplayName("with every dependency external, no in-cluster credential is generated; one given is refused")
  void noUnusedCredentials() {
    DeploymentSpec.Builder b = DeploymentSpec.builder("im")
        .dependency(DependencyKind.MONGODB, Dependency.external(List.of("mongo:27017"), "im", Secret.of("m-xyz")))
        .dependency(DependencyKind.REDIS, Dependency.external(List.of("redis:6379"), null, Secret.of("r-xyz")))
        .dependency(DependencyKind.KAFKA, Dependency.external(List.of("kafka:9092"), null, null))
        .dependency(DependencyKind.ETCD, Dependency.external(List.of("etcd:2379"), null, null))
        .dependency(DependencyKind.MINIO, minio("https://s3.example.com"))
        .minioExternalAddress("https://s3.example.com");
    DeploymentSpec spec = b.build();
    assertThat(spec.secrets().keySet()).containsExactlyInAnyOrder(SecretKey.OPENIM_SECRET, SecretKey.CHAT_ADMIN_SECRET,
        SecretKey.CHAT_SUPER_CODE, SecretKey.CHAT_ADMIN_PASSWORD, SecretKey.LIVEKIT_KEY, SecretKey.LIVEKIT_SECRET);
    assertThat(spec.uses(SecretKey.REDIS_PASSWORD)).isFalse();
    assertThatThrownBy(() -> spec.secret(SecretKey.MONGODB_ROOT_PASSWORD))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mongodb is external");
    assertThat(DeploymentSpec.builder("im").build().secrets()).hasSize(SecretKey.values().length);

    DeploymentSpec inCluster = DeploymentSpec.builder("im").build();
    DeploymentSpec moved = inCluster.toBuilder()
        .dependency(DependencyKind.REDIS, Dependency.external(List.of("redis:6379"), null, Secret.of("r-xyz"))).build();
    assertThat(moved.uses(SecretKey.REDIS_PASSWORD)).as("a generated one is dropped, not refused").isFalse();
    assertThat(moved.secret(SecretKey.MONGODB_PASSWORD)).isEqualTo(inCluster.secret(SecretKey.MONGODB_PASSWORD));

    InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
        () -> b.secret(SecretKey.REDIS_PASSWORD, Secret.of("given-but-unused")).build());
    assertThat(e.violations()).extracting(Violation::path).containsExactly("secrets.redis-password");
    assertThat(e.getMessage()).contains("dependencies.redis.external.username and password");
    assertThatThrownBy(() -> new DeploymentSpec(spec.release(), spec.namespace(), spec.version(), spec.profile(),
        spec.discovery(), spec.components(), spec.dependencies(), spec.kafkaPartitions(), spec.ingress(),
        spec.images(), spec.storageClass(), spec.minioExternalAddress(), spec.logLevel(),
        DeploymentSpec.builder("im").build().secrets(), spec.configFiles(), spec.monitoring(),
        spec.networkPolicies()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not used");
  }

  @Test
  @DisplayName("chat's published admin password is refused like OpenIM's other published defaults")
  void chatAdminPassword() {
    InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
        () -> DeploymentSpec.builder("im").secret(SecretKey.CHAT_ADMIN_PASSWORD, Secret.of("chatAdmin")).build());
    assertThat(e.violations()).extracting(Violation::path).containsExactly("secrets.chat-admin-password");
    assertThat(SecretKey.byKey("chat-admin-password")).contains(SecretKey.CHAT_ADMIN_PASSWORD);
  }
}
