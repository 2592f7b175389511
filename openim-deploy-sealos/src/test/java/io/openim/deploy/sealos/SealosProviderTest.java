/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openim.deploy.Host;
import io.openim.deploy.Support;
import io.openim.deploy.Target;
import io.openim.deploy.sealos.clusterfile.Clusterfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The sealos provider on hosts: which settings it needs, decided without I/O")
class SealosProviderTest {
  private static final Path KEY = Path.of("/root/.ssh/id_ed25519");

  @Test
  @DisplayName("without provisioning settings, hosts are declined saying what to give")
  void hostsNeedSettings() {
    assertThat(new SealosProvider().supports(Target.hosts(Host.ssh("10.0.0.11", "root"))))
        .isInstanceOfSatisfying(Support.Unsupported.class, no -> assertThat(no.reason())
            .contains("needs provisioning settings", "SealosProvisioning.builder()", "--ssh-key or --ssh-password-file"));
    assertThat(new SealosProvider().supports(Target.kubernetes("apiVersion: v1"))).isInstanceOf(Support.Supported.class);
  }

  @Test
  @DisplayName("hosts a Clusterfile cannot hold are declined with the Clusterfile's reasons, all of them")
  void hostsChecked() {
    SealosProvider provider = new SealosProvider(SealosOptions.DEFAULT,
        SealosProvisioning.builder().privateKey(KEY).masters(3).build());
    Support support = provider.supports(Target.hosts(Host.ssh("im-1.example.com", "root"), Host.ssh("10.0.0.12",
        "admin")));
    assertThat(support).isInstanceOfSatisfying(Support.Unsupported.class, no -> assertThat(no.reason())
        .startsWith("cannot set a cluster up with sealos on these hosts: ")
        .contains("im-1.example.com", "admin", "masters"));
    assertThat(provider.supports(Target.hosts(Host.ssh("10.0.0.11", "root"), Host.ssh("10.0.0.12", "root"),
        Host.ssh("10.0.0.13", "root")))).isInstanceOf(Support.Supported.class);
  }

  @Test
  @DisplayName("a password file is read at apply, not when support is decided")
  void passwordReadLater() {
    SealosProvider provider = new SealosProvider(SealosOptions.DEFAULT,
        SealosProvisioning.builder().passwordFile(Path.of("/nonexistent/ssh-password")).build());
    assertThat(provider.supports(Target.hosts(Host.ssh("10.0.0.11", "root")))).isInstanceOf(Support.Supported.class);
  }

  @Test
  @DisplayName("the Clusterfile: the first hosts masters, the rest nodes, the images in sealos's order")
  void clusterfile() {
    Clusterfile file = SealosProvisioning.builder().privateKey(KEY).masters(1).build()
        .clusterfile(List.of(Host.ssh("10.0.0.11", "root"), new Host("10.0.0.12", 2222, "root")));
    assertThat(file.masters()).containsExactly("10.0.0.11");
    assertThat(file.nodes()).containsExactly("10.0.0.12:2222");
    assertThat(file.images()).isEqualTo(SealosProvisioning.DEFAULT_IMAGES);
    assertThat(file.images().get(0)).contains("/kubernetes:");
    assertThat(Clusterfile.parse(file.toYaml())).isEqualTo(file);
  }

  @Test
  @DisplayName("settings that cannot work are refused with every problem at once")
  void badSettings() {
    assertThatThrownBy(() -> SealosProvisioning.builder().passphraseFile(Path.of("/p")).images(List.of())
        .stepTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly one of privateKey(...) and passwordFile(...)")
        .hasMessageContaining("no privateKey(...) was given")
        .hasMessageContaining("images(...) is empty")
        .hasMessageContaining("stepTimeout must be positive");
  }

  @Test
  @DisplayName("sealos's defaults: OpenEBS's hostpath storage and Higress ingress where the spec names none")
  void defaults() {
    io.openim.deploy.DeploymentSpec spec = io.openim.deploy.DeploymentSpec.builder("openim")
        .ingress(new io.openim.deploy.Ingress("im.example.com", null, null)).build();
    io.openim.deploy.DeploymentSpec fitted = SealosOptions.DEFAULT.flavour().spec(spec);
    assertThat(fitted.storageClass()).isEqualTo("openebs-hostpath");
    assertThat(fitted.ingress().className()).isEqualTo("higress");
  }
}
