/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.images.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import land.oras.ContainerRef;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RegistryCredentialsTest {
  private static String auth(String pair) {
    return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("docker login's Docker Hub key and a plain host both match, from auth or username/password")
  void keys() {
    RegistryCredentials credentials = new RegistryCredentials();
    credentials.add("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + auth("hub:pw:with:colons") + "\"},"
        + "\"registry.example.com\":{\"username\":\"u\",\"password\":\"p\"},"
        + "\"helper.example.com\":{}}}", "config.json");
    assertThat(credentials.forRegistry("docker.io")).hasValueSatisfying(e -> {
      assertThat(e.username()).isEqualTo("hub");
      assertThat(e.password().reveal()).isEqualTo("pw:with:colons");
      assertThat(e.source()).isEqualTo("config.json");
    });
    assertThat(credentials.getAuthHeader(ContainerRef.parse("docker.io/library/mongo:7")))
        .isEqualTo("Basic " + auth("hub:pw:with:colons"));
    assertThat(credentials.getAuthHeader(ContainerRef.parse("registry.example.com/a/b:1"))).isEqualTo("Basic " + auth("u:p"));
    assertThat(credentials.forRegistry("helper.example.com")).as("a credential helper's entry has nothing to use").isEmpty();
    assertThat(credentials.getAuthHeader(ContainerRef.parse("quay.io/a/b:1"))).isNull();
    assertThat(credentials.toString()).doesNotContain("pw").doesNotContain("hub:");
  }

  @Test
  @DisplayName("the first source naming a registry wins, as kubelet takes the first matching pull secret")
  void firstWins() {
    RegistryCredentials credentials = new RegistryCredentials();
    credentials.add("{\"auths\":{\"r.example.com\":{\"auth\":\"" + auth("first:1") + "\"}}}", "secret a");
    credentials.add("{\"auths\":{\"https://r.example.com/v2/\":{\"auth\":\"" + auth("second:2") + "\"}}}", "secret b");
    assertThat(credentials.forRegistry("r.example.com")).hasValueSatisfying(e -> assertThat(e.source()).isEqualTo("secret a"));
  }

  @Test
  @DisplayName("JSON that is not docker config is refused, naming the source and not the value")
  void badJson() {
    RegistryCredentials credentials = new RegistryCredentials();
    assertThatThrownBy(() -> credentials.add("{not json", "secret x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("secret x is not valid JSON");
    assertThatThrownBy(() -> credentials.add("{\"auths\":{\"r\":{\"auth\":\"" + auth("nocolon") + "\"}}}", "secret y"))
        .hasMessage("secret y: an \"auth\" value is not base64 of user:password");
  }
}
