/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("DeploymentSpec and its builder")
class DeploymentSpecTest {

  @Test
  @DisplayName("defaults: release openim in namespace openim, MINIMAL, etcd, every component once")
  void defaults() {
    DeploymentSpec spec = DeploymentSpec.builder("openim").build();
    assertThat(spec.namespace()).isEqualTo("openim");
    assertThat(spec.version()).isEqualTo(DeploymentSpec.DEFAULT_VERSION);
    assertThat(spec.profile()).isEqualTo(Profile.MINIMAL);
    assertThat(spec.discovery()).isEqualTo(Discovery.ETCD);
    assertThat(spec.enabledComponents()).containsExactly(Component.values());
    assertThat(spec.components().values()).allSatisfy(c -> assertThat(c.replicas()).isEqualTo(1));
    assertThat(spec.dependencies().values()).allMatch(d -> d instanceof Dependency.InCluster);
    assertThat(spec.logLevel()).isEqualTo(6);
  }

  @Test
  @DisplayName("explicit settings win over the profile, whatever the call order")
  void explicitWinsOverProfile() {
    DeploymentSpec spec = DeploymentSpec.builder("im")
        .replicas(Component.API, 5)
        .profile(Profile.PRODUCTION)
        .build();
    assertThat(spec.component(Component.API).replicas()).isEqualTo(5);
    assertThat(spec.component(Component.RPC_USER).replicas()).isEqualTo(2);
    assertThat(spec.component(Component.CRONTASK).replicas()).isEqualTo(1);
    assertThat(spec.logLevel()).isEqualTo(3);
  }

  @Nested
  @DisplayName("validation")
  class Validation {
    @Test
    @DisplayName("asking for two crontask replicas is an error that says why")
    void crontaskIsASingleton() {
      InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
          () -> DeploymentSpec.builder("openim").replicas(Component.CRONTASK, 2).build());
      assertThat(e.violations()).singleElement().satisfies(v -> {
        assertThat(v.path()).isEqualTo("components.crontask.replicas");
        assertThat(v.message()).contains("must be 1").contains("every replica would run");
      });
    }

    @Test
    @DisplayName("lists every problem at once, each with its path")
    void everyProblemAtOnce() {
      InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
          () -> DeploymentSpec.builder("Not_A_Label")
              .namespace("")
              .replicas(Component.CRONTASK, 3)
              .replicas(Component.API, 0)
              .resources(Component.PUSH, Resources.requests("lots", "512Mi"))
              .autoscaling(Component.RPC_MSG, new Autoscaling(3, 2, null, null))
              .kafkaPartitions(0)
              .dependency(DependencyKind.REDIS, new Dependency.External(List.of("redis"), null, null, "tls"))
              .ingress(new Ingress("Bad Host", null, null))
              .secret(SecretKey.OPENIM_SECRET, Secret.of("openIM123"))
              .configFile("openim-push.yml", "x: 1")
              .logLevel(9)
              .build());
      assertThat(e.violations()).extracting(Violation::path).containsExactlyInAnyOrder(
          "release", "namespace", "components.api.replicas", "components.crontask.replicas",
          "components.push.resources.cpuRequest", "components.rpc-msg.autoscaling.maxReplicas",
          "components.rpc-msg.autoscaling", "kafkaPartitions", "dependencies.redis.addresses[0]",
          "dependencies.redis.tlsSecret", "ingress.host", "secrets.openim-secret",
          "configFiles.openim-push.yml", "logLevel");
      assertThat(e.getMessage()).startsWith("The deployment spec has 14 problems; nothing was changed:")
          .contains("  - components.crontask.replicas: must be 1");
    }

    @Test
    @DisplayName("refuses to disable a server component, allows leaving chat out")
    void onlyChatIsOptional() {
      DeploymentSpec spec = DeploymentSpec.builder("openim").chat(false).build();
      assertThat(spec.enabledComponents()).containsExactlyElementsOf(Component.server());
    }
  }

  @Nested
  @DisplayName("secrets")
  class Secrets {
    @Test
    @DisplayName("are generated strong and random unless given, and kept by toBuilder()")
    void generated() {
      DeploymentSpec first = DeploymentSpec.builder("openim").build();
      DeploymentSpec second = DeploymentSpec.builder("openim").build();
      for (SecretKey key : SecretKey.values()) {
        assertThat(first.secret(key).generated()).isTrue();
        assertThat(first.secret(key).reveal()).hasSizeGreaterThanOrEqualTo(20).matches("[A-Za-z0-9]+");
        assertThat(first.secret(key)).isNotEqualTo(second.secret(key));
      }
      assertThat(first.toBuilder().replicas(Component.API, 2).build().secrets())
          .isEqualTo(first.secrets());
    }

    @Test
    @DisplayName("never show in toString(), nor do config files that may hold them")
    void redacted() {
      DeploymentSpec spec = DeploymentSpec.builder("openim")
          .secret(SecretKey.REDIS_PASSWORD, Secret.of("hunter2-but-longer"))
          .configFile("server/webhooks.yml", "url: https://user:config-password@hooks.example.com")
          .build();
      String text = spec.toString();
      assertThat(text).doesNotContain("hunter2-but-longer").doesNotContain("config-password")
          .contains("Secret[****]").contains("server/webhooks.yml");
      for (SecretKey key : SecretKey.values()) {
        assertThat(text).doesNotContain(spec.secret(key).reveal());
      }
      assertThat(Secret.of("x")).hasToString("Secret[****]");
    }
  }
}
