/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.library.modules.syntax.AllowedModuleDependencies.allow;
import static com.tngtech.archunit.library.modules.syntax.DescriptorFunction.describe;
import static com.tngtech.archunit.library.modules.syntax.ModuleDependencyScope.consideringOnlyDependenciesBetweenModules;
import static com.tngtech.archunit.library.modules.syntax.ModuleRuleDefinition.modules;
import static io.openim.deploy.architecture.Modules.API;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.modules.ArchModule;
import com.tngtech.archunit.library.modules.syntax.GivenModules;

/**
 * The layering of openim-deploy, checked on the main classes of every module at once: api ← core
 * ← providers, the CLI and samples on top, {@code internal} packages private to their module, and
 * no package cycles; and on openim-deploy-core-it's tests, which have no main classes.
 */
@AnalyzeClasses(
    packages = Modules.ROOT,
    importOptions = {ImportOption.DoNotIncludeTests.class, Modules.NotCoreIt.class})
class LayeringTest {

  private static GivenModules<ArchModule.Descriptor> artifacts() {
    return modules()
        .definedBy(Modules.byPackageRoot())
        .derivingModule(
            describe(
                "named after it", (id, classes) -> ArchModule.Descriptor.create(id.getPart(1))));
  }

  /**
   * Which module may use which (a module not listed may use none). Providers (helm, k3s, sealos)
   * use the api and core, never each other; the CLI and samples sit on top. {@code local} (the
   * local cluster) uses none; the CLI uses it, and no test library: not the testkit. The testkit
   * uses core ({@code @WithOpenImCluster} deploys with it), which is why core's tests that use the
   * testkit are in openim-deploy-core-it. {@code moduletests} (openim-deploy-module-tests) uses
   * core from a named module, as an application would.
   */
  @ArchTest
  static final ArchRule modules_depend_only_downwards =
      artifacts()
          .should()
          .respectTheirAllowedDependencies(
              allow()
                  .fromModule("core")
                  .toModules(API)
                  .fromModule("helm")
                  .toModules(API, "core")
                  .fromModule("k3s")
                  .toModules(API, "core")
                  .fromModule("sealos")
                  .toModules(API, "core")
                  .fromModule("testkit")
                  .toModules(API, "local", "core")
                  .fromModule("cli")
                  .toModules(API, "core", "helm", "k3s", "sealos", "local")
                  .fromModule("moduletests")
                  .toModules(API, "core")
                  .fromModule("samples")
                  .toModules(API, "core", "helm", "k3s", "sealos", "testkit", "local", "cli"),
              consideringOnlyDependenciesBetweenModules())
          .because(
              "api depends on nothing of openim-deploy, core on the api only, providers on the api"
                  + " and core, never on each other");

  /**
   * {@code …internal} packages are not API: nothing outside their own module uses them, so
   * providers reach core only through its public packages ({@code io.openim.deploy.core}, {@code
   * .core.engine}, {@code .core.chart}, {@code .core.render}, ...).
   */
  @ArchTest
  static final ArchRule internal_packages_are_used_only_inside_their_module =
      artifacts()
          .should()
          .onlyDependOnEachOtherThroughClassesThat(resideOutsideOfPackage("..internal.."))
          .because("internal means: may change in any release");

  /**
   * The engine applies and waits; it knows nothing of how OpenIM is rendered ({@code core.render}),
   * released, backed up, migrated or exported as a chart, nor of the front door.
   */
  @ArchTest
  static final ArchRule engine_does_not_depend_on_rendering =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("core.engine")
          .definedBy("io.openim.deploy.core.engine..")
          .layer("the rest of core")
          .definedBy(
              "io.openim.deploy.core",
              "io.openim.deploy.core.internal..",
              "io.openim.deploy.core.render..",
              "io.openim.deploy.core.release..",
              "io.openim.deploy.core.data..",
              "io.openim.deploy.core.migrate..",
              "io.openim.deploy.core.images..",
              "io.openim.deploy.core.chart..")
          .whereLayer("core.engine")
          .mayNotAccessAnyLayer()
          .because("providers reuse the engine without core's rendering");

  /**
   * openim-deploy-core-it, core's tests against a real control plane (a module of tests only, in
   * core's packages), may use every module but the CLI, which is built on top of them.
   */
  @ArchTest
  static void core_it_uses_anything_but_the_cli(JavaClasses mainClasses) throws Exception {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage(Modules.ROOT + ".cli..")
        .because("the CLI is a client of core, not something core's tests build on")
        .check(Modules.coreIt());
  }

  /** No cycle between packages, a package and its own {@code internal} counting as one. */
  @ArchTest
  static final ArchRule packages_are_free_of_cycles =
      slices()
          .assignedFrom(Modules.packagesWithTheirInternals())
          .should()
          .beFreeOfCycles();
}
