/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openim.deploy.core.images.ImageReport.Status;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ImageReportTest {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  @Test
  @DisplayName("pinning keeps the tag and replaces any digest the reference had")
  void pinned() {
    assertThat(new ImageReport("r.example.com/a:1", "r.example.com/a:1", Status.FOUND, DIGEST, List.of("linux/amd64"), "")
        .pinned()).isEqualTo("r.example.com/a:1@" + DIGEST);
    assertThat(new ImageReport("a:1@sha256:00", "docker.io/library/a:1@sha256:00", Status.FOUND, DIGEST, List.of(), "")
        .pinned()).isEqualTo("a:1@" + DIGEST);
    assertThat(new ImageReport("a:1", "docker.io/library/a:1", Status.NOT_FOUND, null, List.of(), "not found")
        .pinned()).isEqualTo("a:1");
  }

  @Test
  @DisplayName("a found image needs its digest; a problem describes itself with its reference")
  void invariants() {
    assertThatThrownBy(() -> new ImageReport("a:1", "docker.io/library/a:1", Status.FOUND, null, List.of(), ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a:1");
    ImageReport problem = new ImageReport("a:1", "docker.io/library/a:1", Status.UNREACHABLE, null, List.of(), "cannot reach");
    assertThat(problem.ok()).isFalse();
    assertThat(problem.describe()).isEqualTo("a:1: cannot reach");
    assertThat(ImageCheck.problems(List.of(problem))).containsExactly("a:1: cannot reach");
  }

  @Test
  @DisplayName("platforms set on a builder after build() do not reach the built check")
  void builtCheckIsImmutable() {
    ImageCheck.Builder builder = ImageCheck.builder();
    ImageCheck check = builder.build();
    builder.platforms(List.of("linux/s390x"));
    assertThat(check.platforms()).isEqualTo(ImageCheck.DEFAULT_PLATFORMS);
  }
}
