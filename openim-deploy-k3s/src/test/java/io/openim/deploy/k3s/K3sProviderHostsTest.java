/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openim.deploy.ProvisioningException;
import io.openim.deploy.Deployer;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Host;
import io.openim.deploy.Support;
import io.openim.deploy.Target;
import io.openim.deploy.spi.ProviderContext;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The k3s provider on hosts: which settings it needs, decided without I/O")
class K3sProviderHostsTest {
  private static final Target TWO_HOSTS = Target.hosts(Host.ssh("im-1.example.invalid", "root"),
      Host.ssh("im-2.example.invalid", "root"));
  @TempDir Path temp;

  private K3sProvisioning.Builder settings() {
    // files that do not exist: supports() must not look at them
    return K3sProvisioning.builder(temp.resolve("no-key"), temp.resolve("no-known-hosts"));
  }

  @Test
  @DisplayName("without provisioning settings, hosts are declined, saying what is missing and how to give it")
  void declinedWithoutSettings() {
    assertThat(new K3sProvider().supports(TWO_HOSTS)).isInstanceOfSatisfying(Support.Unsupported.class,
        no -> assertThat(no.reason()).contains("needs provisioning settings").contains("K3sProvisioning.builder")
            .contains("--ssh-key").contains("--known-hosts"));
    assertThat(new K3sProvider().supports(Target.kubernetes("apiVersion: v1"))).isEqualTo(Support.yes());
  }

  @Test
  @DisplayName("with settings: the first host is the server and the rest agents, without the key or known hosts being read")
  void supportedWithSettings() {
    assertThat(new K3sProvider(K3sOptions.DEFAULT, settings().build()).supports(TWO_HOSTS)).isEqualTo(Support.yes());
  }

  @Test
  @DisplayName("server counts the hosts cannot give, or that have no etcd quorum, are declined with the reason")
  void serverCounts() {
    assertThat(new K3sProvider(K3sOptions.DEFAULT, settings().servers(3).build()).supports(TWO_HOSTS))
        .isInstanceOfSatisfying(Support.Unsupported.class, no -> assertThat(no.reason())
            .isEqualTo("cannot set k3s up on these hosts: servers(3) asks for 3 k3s servers, but the target has 2"
                + " hosts; give more hosts or fewer servers"));
    assertThat(new K3sProvider(K3sOptions.DEFAULT, settings().servers(2).build()).supports(TWO_HOSTS))
        .isInstanceOfSatisfying(Support.Unsupported.class, no -> assertThat(no.reason()).contains("odd number"));
    assertThatThrownBy(() -> settings().servers(0)).hasMessage("servers must be at least 1, but was 0");
  }

  @Test
  @DisplayName("opening contacts no host; planning with a key that is not there says so before any host is contacted")
  void openContactsNothing() {
    try (Deployer deployer = new K3sProvider(K3sOptions.DEFAULT, settings().build())
        .open(ProviderContext.of(TWO_HOSTS, event -> { }))) {
      assertThat(deployer.provider()).isEqualTo("k3s");
      assertThatThrownBy(() -> deployer.plan(DeploymentSpec.builder("openim").build()))
          .isInstanceOfSatisfying(ProvisioningException.class, e -> assertThat(e.host())
              .isEqualTo("root@im-1.example.invalid:22"))
          .hasMessageContaining("cannot read the SSH key " + temp.resolve("no-key") + " on this machine, so no host"
              + " was contacted");
    }
  }

  @Test
  @DisplayName("the settings' text never shows the token")
  void tokenNotShown() {
    K3sProvisioning provisioning = settings().token(io.openim.deploy.Secret.of("very-secret-token-42")).build();
    assertThat(provisioning.toString()).doesNotContain("very-secret-token-42").contains("1 server");
  }
}
