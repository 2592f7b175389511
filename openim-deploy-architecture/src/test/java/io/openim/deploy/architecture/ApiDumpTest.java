/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each published module's public API matches the dump committed beside its pom, {@code
 * <module>/api/<module>.api}, so every API change shows in review as a diff of that file. After an
 * intended change, rewrite the dumps and commit them:
 *
 * <pre>{@code
 * ./mvnw -B test -pl openim-deploy-architecture -am -Dtest=ApiDumpTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dapi.update=true
 * }</pre>
 */
@DisplayName("The public API of each published module matches its committed dump")
class ApiDumpTest {
  private static final String REGENERATE =
      "./mvnw -B test -pl openim-deploy-architecture -am -Dtest=ApiDumpTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dapi.update=true";

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(new Modules.NotCoreIt())
            .importPackages(Modules.ROOT);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "openim-deploy-api, api",
    "openim-deploy-core, core",
    "openim-deploy-helm, helm",
    "openim-deploy-k3s, k3s",
    "openim-deploy-sealos, sealos"
  })
  void matchesTheCommittedDump(String artifact, String module) throws IOException {
    String dump = ApiDump.of(classes, module);
    Path rendered = Path.of("target", "api", artifact + ".api");
    Files.createDirectories(rendered.getParent());
    Files.writeString(rendered, dump, StandardCharsets.UTF_8);
    // The working directory is this module's; the dumps live beside the other modules' poms.
    Path committed = Path.of("..", artifact, "api", artifact + ".api");
    if (Boolean.getBoolean("api.update")) {
      Files.createDirectories(committed.getParent());
      Files.writeString(committed, dump, StandardCharsets.UTF_8);
    }

    assertThat(committed).as("API dump %s; create it with %s", committed, REGENERATE).exists();
    assertThat(rendered)
        .as(
            "the public API of %s differs from %s (the lines below). If the change is intended,"
                + " regenerate the dump with %s and commit it",
            artifact, committed, REGENERATE)
        .hasSameTextualContentAs(committed, StandardCharsets.UTF_8);
  }
}
