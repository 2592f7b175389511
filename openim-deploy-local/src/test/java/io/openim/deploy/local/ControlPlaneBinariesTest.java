/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("ControlPlaneBinaries.locate()")
class ControlPlaneBinariesTest {
  @TempDir Path temp;

  @Nested
  @DisplayName("with a configured folder")
  class Configured {
    @Test
    @DisplayName("takes the system property over the environment variable")
    void propertyWins() throws IOException {
      Path fromProperty = complete(temp.resolve("property"), null);
      Path fromEnvironment = complete(temp.resolve("environment"), null);
      Properties properties = new Properties();
      properties.setProperty(ControlPlaneBinaries.PROPERTY, fromProperty.toString());

      ControlPlaneBinaries found =
          ControlPlaneBinaries.locator()
              .systemProperties(properties)
              .environment(
                  Map.of(ControlPlaneBinaries.ENVIRONMENT_VARIABLE, fromEnvironment.toString()))
              .cacheRoot(temp.resolve("cache"))
              .locate();

      assertThat(found.directory()).isEqualTo(fromProperty);
      assertThat(found.file("kube-apiserver")).isEqualTo(fromProperty.resolve("kube-apiserver"));
    }

    @Test
    @DisplayName("takes the environment variable when no property is set")
    void environmentVariable() throws IOException {
      Path fromEnvironment = complete(temp.resolve("environment"), null);

      ControlPlaneBinaries found =
          ControlPlaneBinaries.locator()
              .systemProperties(new Properties())
              .environment(
                  Map.of(ControlPlaneBinaries.ENVIRONMENT_VARIABLE, fromEnvironment.toString()))
              .cacheRoot(temp.resolve("cache"))
              .locate();

      assertThat(found.directory()).isEqualTo(fromEnvironment);
    }

    @Test
    @DisplayName("names every missing file and never builds")
    void incompleteFolder() throws IOException {
      Path partial = complete(temp.resolve("partial"), null);
      Files.delete(partial.resolve("kwok"));
      Files.delete(partial.resolve("etcd"));

      assertThatThrownBy(
              () ->
                  ControlPlaneBinaries.locator()
                      .systemProperties(new Properties())
                      .environment(
                          Map.of(
                              ControlPlaneBinaries.ENVIRONMENT_VARIABLE,
                              partial.toString(),
                              "PATH",
                              "/nonexistent"))
                      .cacheRoot(temp.resolve("cache"))
                      .locate())
          .isInstanceOf(LocalClusterException.class)
          .hasMessageContaining("lacks etcd, kwok")
          .hasMessageContaining(ControlPlaneBinaries.ENVIRONMENT_VARIABLE);
      assertThat(temp.resolve("cache")).doesNotExist();
    }
  }

  @Nested
  @DisplayName("with the cache")
  class Cache {
    @Test
    @DisplayName("reuses a finished build of the same versions")
    void reusesFinishedBuild() throws IOException {
      ControlPlaneBinaries.Locator locator =
          ControlPlaneBinaries.locator()
              .systemProperties(new Properties())
              .environment(Map.of("PATH", "/nonexistent"))
              .cacheRoot(temp);
      complete(locator.cacheDirectory(), "v1.36.3 v3.6.14 v0.8.0 recipe-" + ControlPlaneVersions.RECIPE);

      assertThat(locator.locate().directory()).isEqualTo(temp.resolve(
          "v1.36.3-etcd-v3.6.14-kwok-v0.8.0"));
    }

    @Test
    @DisplayName("says in one sentence to install Go when a build is needed and Go is missing")
    void goMissing() throws IOException {
      ControlPlaneBinaries.Locator locator =
          ControlPlaneBinaries.locator()
              .systemProperties(new Properties())
              .environment(Map.of("PATH", temp.resolve("empty-bin").toString()))
              .cacheRoot(temp);
      // a build of other versions or of an older recipe does not count
      complete(locator.cacheDirectory(), "v1.36.3 v3.6.14 v0.8.0 recipe-1");

      assertThatThrownBy(locator::locate)
          .isInstanceOf(LocalClusterException.class)
          .hasMessageStartingWith("Go 1.26 or newer is needed to build the local Kubernetes")
          .hasMessageContaining("install Go")
          .hasMessageContaining(ControlPlaneBinaries.ENVIRONMENT_VARIABLE);
    }

    @Test
    @DisplayName("lives under XDG_CACHE_HOME, else ~/.cache")
    void cacheRoot() {
      Properties properties = new Properties();
      properties.setProperty("user.home", "/home/someone");
      assertThat(
              ControlPlaneBinaries.locator()
                  .systemProperties(properties)
                  .environment(Map.of("XDG_CACHE_HOME", "/var/cache/me"))
                  .cacheDirectory())
          .isEqualTo(Path.of("/var/cache/me/openim-deploy/control-plane/v1.36.3-etcd-v3.6.14-kwok-v0.8.0"));
      assertThat(ControlPlaneBinaries.defaultCacheRoot(Map.of(), properties))
          .isEqualTo(Path.of("/home/someone/.cache/openim-deploy/control-plane"));
    }
  }

  @Test
  @DisplayName("rejects versions that are not vMAJOR.MINOR.PATCH")
  void versionsAreChecked() {
    assertThatThrownBy(() -> new ControlPlaneVersions("1.36.3", "v3.6.14", "v0.8.0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("kubernetes version must look like v1.2.3, but was '1.36.3'");
  }

  private static Path complete(Path dir, String marker) throws IOException {
    Files.createDirectories(dir);
    List<String> files = new ArrayList<>(ControlPlaneBinaries.FILES);
    for (String file : files) {
      Path path = dir.resolve(file);
      Files.writeString(path, "");
      if (!file.endsWith(".yaml")) {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
    if (marker != null) {
      Files.writeString(dir.resolve("VERSIONS"), marker + "\n");
    }
    return dir;
  }
}
