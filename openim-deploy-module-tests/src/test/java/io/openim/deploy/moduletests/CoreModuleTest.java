/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.moduletests;

import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.core.OpenImDeploy;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The module descriptor in core's jar (or classes folder), as the module system reads it. */
@DisplayName("openim-deploy-core's module descriptor")
class CoreModuleTest {

  private static ModuleDescriptor core() throws Exception {
    Path location = Path.of(OpenImDeploy.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<ModuleDescriptor> found = ModuleFinder.of(location).findAll().stream().map(m -> m.descriptor()).toList();
    assertThat(found).as("modules in %s", location).hasSize(1);
    return found.get(0);
  }

  @Test
  @DisplayName("is the named module io.openim.deploy.core, not an automatic one")
  void isNamed() throws Exception {
    ModuleDescriptor core = core();

    assertThat(core.name()).isEqualTo("io.openim.deploy.core");
    assertThat(core.isAutomatic()).isFalse();
    assertThat(core.isOpen()).isFalse();
  }

  @Test
  @DisplayName("exports no internal package, except to a named module")
  void exportsNoInternals() throws Exception {
    ModuleDescriptor core = core();

    assertThat(core.exports()).extracting(ModuleDescriptor.Exports::source)
        .contains("io.openim.deploy.core", "io.openim.deploy.core.engine", "io.openim.deploy.core.render");
    assertThat(core.exports()).filteredOn(e -> e.source().contains(".internal"))
        .allSatisfy(e -> assertThat(e.isQualified()).as("%s is exported to everyone", e.source()).isTrue());
    assertThat(core.packages()).as("core has internal packages, which the check above is about")
        .contains("io.openim.deploy.core.internal", "io.openim.deploy.core.render.internal");
  }

  @Test
  @DisplayName("uses and provides DeploymentProvider, as its META-INF/services does")
  void usesAndProvidesTheSpi() throws Exception {
    ModuleDescriptor core = core();

    assertThat(core.uses()).contains("io.openim.deploy.spi.DeploymentProvider");
    assertThat(core.provides()).singleElement().satisfies(p -> {
      assertThat(p.service()).isEqualTo("io.openim.deploy.spi.DeploymentProvider");
      assertThat(p.providers()).containsExactly("io.openim.deploy.core.KubernetesProvider");
    });
    assertThat(core.opens()).isEmpty();
  }
}
