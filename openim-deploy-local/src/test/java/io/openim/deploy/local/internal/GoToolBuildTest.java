/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openim.deploy.local.LocalClusterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("GoToolBuild: a Go command-line tool in its own cache folder")
class GoToolBuildTest {
  private static final GoToolBuild TRIVY = new GoToolBuild("trivy", "github.com/aquasecurity/trivy/cmd/trivy",
      "v0.74.0", "trivy", List.of("github.com/aquasecurity/trivy/pkg/version/app.ver=0.74.0"),
      Map.of("GOEXPERIMENT", "jsonv2"), "about ten minutes");

  @TempDir Path temp;

  @Test
  @DisplayName("names its folder after the tool, the version and a hash of the whole recipe")
  void folderPerRecipe() {
    GoToolBuild otherEnvironment = new GoToolBuild("trivy", TRIVY.packagePath(), "v0.74.0", "trivy",
        TRIVY.variables(), Map.of(), "about ten minutes");
    GoToolBuild otherVariables = new GoToolBuild("trivy", TRIVY.packagePath(), "v0.74.0", "trivy",
        List.of(), TRIVY.buildEnvironment(), "about ten minutes");
    assertThat(TRIVY.directory(temp).getFileName().toString()).startsWith("trivy-v0.74.0-").hasSize(26);
    assertThat(TRIVY.key()).isEqualTo(TRIVY.key())
        .isNotEqualTo(otherEnvironment.key()).isNotEqualTo(otherVariables.key());
  }

  @Test
  @DisplayName("takes a finished build from the cache without asking for Go")
  void cached() throws Exception {
    Path bin = Files.createDirectories(TRIVY.directory(temp).resolve("bin"));
    Files.writeString(bin.resolve("trivy"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(bin.resolve("trivy"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(TRIVY.directory(temp).resolve("VERSIONS"), TRIVY.key() + "\n");
    List<String> progress = new ArrayList<>();

    assertThat(TRIVY.binary(temp, Map.of("PATH", ""), progress::add)).isEqualTo(bin.resolve("trivy"));
    assertThat(progress).isEmpty();
  }

  @Test
  @DisplayName("without Go on PATH, says what to install and where the tool would go")
  void noGo() throws Exception {
    Path stale = Files.createDirectories(TRIVY.directory(temp));
    Files.writeString(stale.resolve("VERSIONS"), "an older recipe\n");

    assertThatThrownBy(() -> TRIVY.binary(temp, Map.of("PATH", temp.resolve("empty").toString()), line -> { }))
        .isInstanceOf(LocalClusterException.class)
        .hasMessageContaining("Go is needed to build trivy (github.com/aquasecurity/trivy/cmd/trivy@v0.74.0) into "
            + stale)
        .hasMessageContaining("https://go.dev/doc/install");
  }
}
