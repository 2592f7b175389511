/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.architecture;

import com.tngtech.archunit.base.DescribedFunction;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.modules.ArchModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which artifact a class belongs to, read from its package: every artifact owns one package root
 * ({@code io.openim.deploy} and {@code .spi} for the api, {@code io.openim.deploy.<name>} for the
 * others), so the package says the module without looking at jars.
 */
final class Modules {
  static final String ROOT = "io.openim.deploy";

  /** The module id of the api artifact (packages {@code io.openim.deploy} and {@code .spi}). */
  static final String API = "api";

  /** A package inside an {@code internal} one; group 1 is the package that owns it. */
  private static final Pattern INTERNAL = Pattern.compile("(.+?)\\.internal(\\..+)?");

  private Modules() {}

  /**
   * {@code api}, {@code core}, {@code helm}, …, {@code testkit} for {@code
   * io.openim.deploy.testkit}; null for a package outside {@code ROOT}.
   */
  static String moduleOf(String packageName) {
    if (packageName.equals(ROOT)
        || packageName.equals(ROOT + ".spi")
        || packageName.startsWith(ROOT + ".spi.")) {
      return API;
    }
    if (!packageName.startsWith(ROOT + ".")) {
      return null;
    }
    String rest = packageName.substring(ROOT.length() + 1);
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  /**
   * openim-deploy-core-it's test classes, from its tests' jar (or its test-classes folder), found
   * from one of its classes on this test's class path.
   */
  static JavaClasses coreIt() throws Exception {
    Class<?> anyTest = Class.forName(ROOT + ".core.DeployerIT", false, Modules.class.getClassLoader());
    Path location = Path.of(anyTest.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (!Files.isRegularFile(location)) {
      return new ClassFileImporter().importPath(location);
    }
    try (JarFile jar = new JarFile(location.toFile())) {
      return new ClassFileImporter().importJar(jar);
    }
  }

  /**
   * Leaves out openim-deploy-core-it's tests, which are in core's packages but are tests (in a jar
   * of their own, which {@link ImportOption.DoNotIncludeTests} does not recognise).
   */
  public static final class NotCoreIt implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("openim-deploy-core-it");
    }
  }

  /** The module of a class, for ArchUnit's {@code modules()} rules. */
  static DescribedFunction<JavaClass, ArchModule.Identifier> byPackageRoot() {
    return DescribedFunction.describe(
        "the artifact that owns the package root",
        javaClass -> {
          String module = moduleOf(javaClass.getPackageName());
          return module == null
              ? ArchModule.Identifier.ignore()
              : ArchModule.Identifier.from(module);
        });
  }

  /**
   * One slice per package under {@code io.openim.deploy}, a package's {@code internal} subpackages
   * counted as part of it: {@code io.openim.deploy.core.internal} is in the slice {@code
   * io.openim.deploy.core}.
   */
  static SliceAssignment packagesWithTheirInternals() {
    return new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        if (!name.equals(ROOT) && !name.startsWith(ROOT + ".")) {
          return SliceIdentifier.ignore();
        }
        Matcher internal = INTERNAL.matcher(name);
        return SliceIdentifier.of(internal.matches() ? internal.group(1) : name);
      }

      @Override
      public String getDescription() {
        return "packages under io.openim.deploy, each with its internal subpackages";
      }
    };
  }
}
