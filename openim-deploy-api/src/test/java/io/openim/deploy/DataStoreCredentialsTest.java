/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("etcd's and Kafka's credentials in a spec")
class DataStoreCredentialsTest {
  @Test
  @DisplayName("are generated for an in-cluster etcd and Kafka, and not held for external ones")
  void generatedOnlyInCluster() {
    DeploymentSpec inCluster = DeploymentSpec.builder("im").build();
    for (SecretKey key : List.of(SecretKey.ETCD_ROOT_PASSWORD, SecretKey.ETCD_PASSWORD, SecretKey.KAFKA_PASSWORD,
        SecretKey.KAFKA_BROKER_PASSWORD)) {
      assertThat(inCluster.uses(key)).as(key.secretKey()).isTrue();
      assertThat(inCluster.secret(key).generated()).isTrue();
      assertThat(inCluster.secret(key).reveal()).hasSize(32).matches("[A-Za-z0-9]+");
    }
    DeploymentSpec external = DeploymentSpec.builder("im")
        .dependency(DependencyKind.ETCD, Dependency.external(List.of("etcd:2379"), "im", Secret.of("etcd-pass-0123")))
        .dependency(DependencyKind.KAFKA, Dependency.external(List.of("kafka:9092"), "im", Secret.of("kafka-pass-0123")))
        .build();
    assertThat(external.uses(SecretKey.ETCD_ROOT_PASSWORD)).isFalse();
    assertThat(external.uses(SecretKey.ETCD_PASSWORD)).isFalse();
    assertThat(external.uses(SecretKey.KAFKA_PASSWORD)).isFalse();
    assertThat(external.uses(SecretKey.KAFKA_BROKER_PASSWORD)).isFalse();
  }

  @Test
  @DisplayName("are refused when they are the published defaults, each named, all at once")
  void publicDefaultsRefused() {
    InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> DeploymentSpec.builder("im")
        .secret(SecretKey.ETCD_ROOT_PASSWORD, Secret.of("openIM123"))
        .secret(SecretKey.ETCD_PASSWORD, Secret.of("openIM123"))
        .secret(SecretKey.KAFKA_PASSWORD, Secret.of("openIM123"))
        .secret(SecretKey.KAFKA_BROKER_PASSWORD, Secret.of("bitnami"))
        .build());
    assertThat(e.violations()).extracting(Violation::path).containsExactlyInAnyOrder("secrets.etcd-root-password",
        "secrets.etcd-password", "secrets.kafka-password", "secrets.kafka-broker-password");
    assertThat(e.violations()).allSatisfy(v -> assertThat(v.message()).contains("published default")
        .contains("leave it out to have a random one generated"));
    assertThat(e.getMessage()).doesNotContain("openIM123").doesNotContain("bitnami");
  }

  @Test
  @DisplayName("are refused when etcdctl or the Kafka image could not keep them as given")
  void unusableCharactersRefused() {
    InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> DeploymentSpec.builder("im")
        .secret(SecretKey.ETCD_PASSWORD, Secret.of("two words-0123456"))
        .secret(SecretKey.KAFKA_PASSWORD, Secret.of("quote\"inside-0123"))
        .secret(SecretKey.KAFKA_BROKER_PASSWORD, Secret.of("comma,inside-0123"))
        .build());
    assertThat(e.violations()).extracting(Violation::path)
        .containsExactlyInAnyOrder("secrets.etcd-password", "secrets.kafka-password", "secrets.kafka-broker-password");
    assertThat(e.violations()).filteredOn(v -> v.path().equals("secrets.etcd-password")).singleElement()
        .satisfies(v -> assertThat(v.message()).contains("white space").contains("etcdctl"));
    assertThat(e.violations()).filteredOn(v -> v.path().startsWith("secrets.kafka")).allSatisfy(v ->
        assertThat(v.message()).contains("JAAS"));
    assertThat(e.getMessage()).doesNotContain("two words").doesNotContain("inside-0123");
    DeploymentSpec fine = DeploymentSpec.builder("im")
        .secret(SecretKey.ETCD_PASSWORD, Secret.of("punctuation-is:fine!0123"))
        .secret(SecretKey.KAFKA_PASSWORD, Secret.of("dashes-and_under.scores0123")).build();
    assertThat(fine.secret(SecretKey.ETCD_PASSWORD).generated()).isFalse();
  }

  @Test
  @DisplayName("of an in-cluster store are refused when that store is external, as MongoDB's are")
  void inClusterOnly() {
    InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> DeploymentSpec.builder("im")
        .dependency(DependencyKind.KAFKA, Dependency.external(List.of("kafka:9092"), "im", Secret.of("kafka-pass-0123")))
        .secret(SecretKey.KAFKA_PASSWORD, Secret.of("given-kafka-pass-0123"))
        .build());
    assertThat(e.violations()).singleElement().satisfies(v -> {
      assertThat(v.path()).isEqualTo("secrets.kafka-password");
      assertThat(v.message()).contains("kafka is external");
    });
  }
}
