/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.migrate.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.core.migrate.internal.ComposeFiles.Images;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reading compose files the way Compose does")
class ComposeFilesTest {

  @Test
  @DisplayName(".env: comments, quotes, inline comments after a space only, export, empty values")
  void env() {
    Map<String, String> env = ComposeFiles.parseEnv(String.join("\n",
        "# comment", "A=1 # one", "B=\"quoted # kept\"  # dropped", "C='single'", "D=a#b",
        "export E=e", "F=", "not a variable"));
    assertThat(env).containsExactly(Map.entry("A", "1"), Map.entry("B", "quoted # kept"),
        Map.entry("C", "single"), Map.entry("D", "a#b"), Map.entry("E", "e"), Map.entry("F", ""));
  }

  @Test
  @DisplayName(".env: escapes in double quotes, earlier variables expanded except in single quotes, $$ kept")
  void envEscapesAndExpansion() {
    Map<String, String> env = ComposeFiles.parseEnv(String.join("\n",
        "HOST=10.0.0.5", "URL=http://${HOST}:10005", "Q=\"say \\\"hi\\\" \\\\ ${HOST}\"", "S='${HOST}'",
        "P=pa$$word"));
    assertThat(env).containsEntry("URL", "http://10.0.0.5:10005").containsEntry("Q", "say \"hi\" \\ 10.0.0.5")
        .containsEntry("S", "${HOST}").containsEntry("P", "pa$word");
  }

  @Test
  @DisplayName("interpolation: ${VAR}, $VAR, ${VAR:-d} when unset or empty, ${VAR-d} when unset, $$")
  void interpolation() {
    Map<String, String> env = Map.of("A", "x", "EMPTY", "");
    assertThat(ComposeFiles.interpolate("${A}-$A-${EMPTY:-d}-${UNSET:-u}-${UNSET}.", env))
        .isEqualTo("x-x-d-u-.");
    assertThat(ComposeFiles.interpolate("${EMPTY-d}|${UNSET-u}|$$A", env)).isEqualTo("|u|$A");
  }

  @Test
  @DisplayName("images expand to Docker Hub's full names; tags and repositories split at the right colon")
  void images() {
    assertThat(Images.normalize("mongo:7.0")).isEqualTo("docker.io/library/mongo:7.0");
    assertThat(Images.normalize("openim/openim-server:v3.8.3")).isEqualTo("docker.io/openim/openim-server:v3.8.3");
    assertThat(Images.normalize("registry.local:5000/im/server:v1")).isEqualTo("registry.local:5000/im/server:v1");
    assertThat(Images.repository("registry.local:5000/im/server")).isEqualTo("registry.local:5000/im/server");
    assertThat(Images.tag("registry.local:5000/im/server")).isEqualTo("latest");
    assertThat(Images.tag("openim/openim-chat:v1.8.4-patch.2")).isEqualTo("v1.8.4-patch.2");
  }
}
