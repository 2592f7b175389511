/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the spec fuzzer (openim-deploy-core's SpecFuzzTest and openim-deploy-core-it's SpecFuzzIT)
 * found, fixed, each case kept here with the seed that found it.
 */
@DisplayName("Spec cases the fuzzer found")
class FuzzFoundTest {

  @Test
  @DisplayName("a null in a list or map of a value names where it is (seed 20261238: a null external address)")
  void nullElementsAreNamed() {
    assertThat(catchThrowableOfType(NullPointerException.class,
        () -> new Dependency.External(Arrays.asList("db:27017", null), null, null, null)))
        .hasMessage("addresses[1]");
    assertThat(catchThrowableOfType(NullPointerException.class,
        () -> new Images(null, Arrays.asList((String) null)))).hasMessage("pullSecrets[0]");
    Map<String, String> selector = new HashMap<>();
    selector.put("disktype", null);
    assertThat(catchThrowableOfType(NullPointerException.class,
        () -> new Placement(selector, List.of()))).hasMessage("nodeSelector[disktype]");
    assertThat(catchThrowableOfType(NullPointerException.class,
        () -> new Placement(Map.of(), Arrays.asList((Toleration) null)))).hasMessage("tolerations[0]");
  }
}
