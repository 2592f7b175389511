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

@DisplayName("openim-deploy chart")
class ChartCommandTest {
  @TempDir Path temp;
  private final Console console = new Console();

  private Path spec(String secrets) throws Exception {
    Files.writeString(temp.resolve("openim.secret"), "openim-from-a-file-4242\n");
    Files.writeString(temp.resolve("redis.password"), "external-redis-from-a-file-4242\n");
    return Files.writeString(temp.resolve("spec.yaml"), "chat: false\n" + secrets);
  }

  @Test
  @DisplayName("names the credentials the spec gives that the chart leaves out, never their values")
  void namesGivenCredentials() throws Exception {
    Path spec = spec("dependencies:\n  redis:\n    external:\n      addresses: [redis.corp.example:6379]\n"
        + "      password: {file: ./redis.password}\nsecrets:\n  openim-secret: {file: ./openim.secret}\n");
    assertThat(console.run("chart", "-f", spec.toString(), "-o", temp.resolve("charts").toString())).isZero();
    assertThat(console.err()).contains("warning: the spec gives credentials the chart does not hold"
        + " (openim-secret, redis-external-password)");
    assertThat(console.out() + console.err()).doesNotContain("from-a-file-4242");
    assertThat(temp.resolve("charts/openim/values.yaml")).content().doesNotContain("from-a-file-4242");
  }

  @Test
  @DisplayName("says nothing of credentials when the spec gives none, or when they are exported")
  void quietOtherwise() throws Exception {
    assertThat(console.run("chart", "-f", spec("").toString(), "-o", temp.resolve("a").toString())).isZero();
    assertThat(console.err()).doesNotContain("credentials");
    Path given = spec("secrets:\n  openim-secret: {file: ./openim.secret}\n");
    assertThat(console.run("chart", "-f", given.toString(), "-o", temp.resolve("b").toString(), "--include-secrets"))
        .isZero();
    assertThat(console.err()).doesNotContain("credentials");
    assertThat(temp.resolve("b/openim/values.yaml")).content().contains("openim-from-a-file-4242");
  }
}
