/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A resource type")
class ResourceTypeTest {

  @Test
  @DisplayName("splits group and version, the core group being empty, as an object reference of it does")
  void groupAndVersion() {
    assertThat(new ResourceType("v1", "Pod").group()).isEmpty();
    assertThat(new ResourceType("v1", "Pod").version()).isEqualTo("v1");
    ResourceType deployments = new ResourceType("apps/v1", "Deployment");
    assertThat(deployments.group()).isEqualTo("apps");
    assertThat(deployments.version()).isEqualTo("v1");
    ObjectRef one = new ObjectRef("apps/v1", "Deployment", "im", "im-api");
    assertThat(one.type()).isEqualTo(deployments);
    assertThat(one.group()).isEqualTo("apps");
    assertThat(deployments).hasToString("Deployment (apps/v1)");
    assertThatNullPointerException().isThrownBy(() -> new ResourceType(null, "Pod"));
  }
}
