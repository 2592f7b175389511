/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Namespace prefixes")
class ClusterObjectsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "WorkloadsIT, workloadsit",
    "deploymentBecomesAvailable, deploymentbecomesavailable",
    "'--Weird name!_x--', weird-name-x",
    "'!!!', test",
    "aVeryLongTestMethodNameThatGoesOnAndOnForeverAndEverMore, averylongtestmethodnamethatgoesonandonforeverandev"
  })
  void sanitize(String prefix, String expected) {
    assertThat(ClusterObjects.sanitize(prefix)).isEqualTo(expected).hasSizeLessThanOrEqualTo(50);
  }
}
