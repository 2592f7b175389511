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

  @Test
  @DisplayName("values the API server refuses are refused by build(), all at once (seeds 20261213 and 20261214)")
  void whatTheServerRefusesIsRefusedFirst() {
    String longName = ("abc." + "d".repeat(60)).repeat(5);
    InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> DeploymentSpec.builder("im")
        .storageClass(longName)
        .placement(Component.CHAT_API, new Placement(Map.of("disktype", "bad value"),
            List.of(new Toleration("example.com/" + "y".repeat(63), "Bogus", "ssd", "NoSchedule"))))
        .build());
    assertThat(e.violations()).extracting(Violation::path).containsExactlyInAnyOrder("storageClass",
        "components.chat-api.placement.nodeSelector.disktype", "components.chat-api.placement.tolerations[0].operator");
  }

  @Test
  @DisplayName("tolerations, node selectors, requests over limits, zero storage, bad images and oversized config"
      + " files follow the API server's rules")
  void serverRules() {
    InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, () -> DeploymentSpec.builder("im")
        .placement(Component.API, new Placement(Map.of("bad key", "ssd"), List.of(
            new Toleration(null, "Equal", null, null),
            new Toleration("dedicated", "Exists", "im", "Sometimes"))))
        .resources(Component.PUSH, new Resources("2", "1Gi", "1500m", "512Mi"))
        .dependency(DependencyKind.REDIS, new Dependency.InCluster("0", Resources.requests("100m", "64Mi"), " redis:7"))
        .configFile("server/openim-api.yml", "x: " + "y".repeat(KubernetesChecks.MAX_CONFIG_MAP_BYTES))
        .build());
    assertThat(e.violations()).extracting(Violation::path).containsExactlyInAnyOrder(
        "components.api.placement.nodeSelector",
        "components.api.placement.tolerations[0].operator",
        "components.api.placement.tolerations[1].value",
        "components.api.placement.tolerations[1].effect",
        "components.push.resources.cpuRequest",
        "components.push.resources.memoryRequest",
        "dependencies.redis.storageSize",
        "dependencies.redis.image",
        "configFiles");
    assertThat(DeploymentSpec.builder("im").resources(Component.PUSH, new Resources("500m", "512Mi", "1", "1Gi"))
        .placement(Component.API, new Placement(Map.of("kubernetes.io/os", "linux"),
            List.of(new Toleration(null, "Exists", null, "NoSchedule")))).build()).isNotNull();
  }

  @Test
  @DisplayName("quantities compare by amount across suffixes")
  void amounts() {
    assertThat(KubernetesChecks.amount("1500m")).isEqualByComparingTo("1.5");
    assertThat(KubernetesChecks.amount("1Gi")).isEqualByComparingTo("1073741824");
    assertThat(KubernetesChecks.amount("2k")).isEqualByComparingTo("2000");
    assertThat(KubernetesChecks.amount("abc")).isNull();
  }
}
