/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The jar users run, as {@code package} shaded it: failsafe runs after {@code package}, so it is
 * in {@code target/}.
 */
@DisplayName("The shaded openim-deploy.jar")
class ShadedJarIT {
  private static final Path JAR = Path.of("target", "openim-deploy.jar");
  private static final List<String> TEST_LIBRARIES =
      List.of("org/junit/", "org/assertj/", "org/opentest4j/", "org/testcontainers/", "io/openim/deploy/testkit/");

  @Test
  @DisplayName("carries the embedded local cluster and no test library")
  void noTestLibraries() throws Exception {
    assertThat(JAR).as("built by the shade plugin in the package phase").isRegularFile();
    List<String> entries;
    try (JarFile jar = new JarFile(JAR.toFile())) {
      entries = jar.stream().map(ZipEntry::getName).toList();
    }

    assertThat(entries).contains("io/openim/deploy/local/LocalCluster.class", "io/openim/deploy/cli/Main.class");
    assertThat(TEST_LIBRARIES)
        .as("folders of test libraries in the jar (JUnit, AssertJ, opentest4j, Testcontainers, the testkit)")
        .filteredOn(folder -> entries.stream().anyMatch(name -> name.startsWith(folder)))
        .isEmpty();
  }
}
