/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.images.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ImageResolverTest {
  @Test
  @DisplayName("a Docker manifest list names its platforms like an OCI index; attestation entries are not platforms")
  void dockerManifestList() {
    // the shape of Docker Hub's answer for a multi-platform tag (distribution manifest/manifestlist)
    String list = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.list.v2+json\","
        + "\"manifests\":["
        + "{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"digest\":\"sha256:a\",\"size\":1,"
        + "\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}},"
        + "{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"digest\":\"sha256:b\",\"size\":1,"
        + "\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}},"
        + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:c\",\"size\":1,"
        + "\"platform\":{\"architecture\":\"unknown\",\"os\":\"unknown\"}}]}";
    assertThat(ImageResolver.indexPlatforms(list)).containsExactly("linux/amd64", "linux/arm64/v8");
  }

  @Test
  @DisplayName("content types lose their parameters")
  void mediaType() {
    assertThat(ImageResolver.mediaType("application/vnd.oci.image.index.v1+json; charset=utf-8"))
        .isEqualTo("application/vnd.oci.image.index.v1+json");
    assertThat(ImageResolver.mediaType(null)).isEmpty();
  }
}
