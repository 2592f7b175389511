/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openim.deploy.local.LocalClusterException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("ImageBuild")
class ImageBuildTest {
  @TempDir Path temp;

  private static ImageRecipe recipe(List<String> packages, List<ImageRecipe.GoBinary> go) {
    return new ImageRecipe("docker.io/library/x:1", packages, List.of(), false, go, List.of(), List.of(),
        List.of(), List.of(), "", "", List.of("PATH=/bin"));
  }

  @Test
  @DisplayName("says in one sentence to install debootstrap when a Debian image needs it")
  void debootstrapMissing() {
    ImageBuild build = new ImageBuild(temp, Map.of("PATH", temp.resolve("empty").toString()), line -> {});
    assertThatThrownBy(() -> build.archive(recipe(List.of("redis-server"), List.of())))
        .isInstanceOf(LocalClusterException.class)
        .hasMessageStartingWith("debootstrap is needed to build the Debian bookworm base of test images")
        .hasMessageEndingWith("install it (apt-get install debootstrap).");
  }

  @Test
  @DisplayName("says in one sentence to install Go when an image has a Go program")
  void goMissing() {
    ImageBuild build = new ImageBuild(temp, Map.of("PATH", temp.resolve("empty").toString()), line -> {});
    ImageRecipe.GoBinary etcd = new ImageRecipe.GoBinary("go.etcd.io/etcd/server/v3", "v3.5.13", "/etcd", List.of());
    assertThatThrownBy(() -> build.archive(recipe(List.of(), List.of(etcd))))
        .isInstanceOf(LocalClusterException.class)
        .hasMessageStartingWith("Go is needed to build go.etcd.io/etcd/server/v3@v3.5.13 for a test image")
        .hasMessageContaining("install Go");
  }

  @Test
  @DisplayName("caches under $XDG_CACHE_HOME/openim-deploy/images, ~/.cache when unset")
  void cacheFolder() {
    Properties properties = new Properties();
    properties.setProperty("user.home", "/home/u");
    assertThat(ImageBuild.defaultCache(Map.of("XDG_CACHE_HOME", "/x"), properties))
        .isEqualTo(Path.of("/x/openim-deploy/images"));
    assertThat(ImageBuild.defaultCache(Map.of(), properties)).isEqualTo(Path.of("/home/u/.cache/openim-deploy/images"));
  }
}
