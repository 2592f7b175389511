/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The public API of one module as text: every public or protected type of its packages outside
 * {@code internal}, with its public and protected members, as the JDK's {@code javap -protected}
 * prints them. Members are sorted within each type, so moving a method in its file changes
 * nothing; types are sorted by name.
 */
final class ApiDump {
  private ApiDump() {}

  /** The dump of the module {@code module} ({@link Modules#moduleOf}) among {@code classes}. */
  static String of(JavaClasses classes, String module) {
    List<String> names =
        StreamSupport.stream(classes.spliterator(), false)
            .filter(c -> module.equals(Modules.moduleOf(c.getPackageName())))
            .filter(c -> !c.getPackageName().matches(".*\\.internal(\\..*)?"))
            .filter(ApiDump::visibleOutside)
            .map(JavaClass::getName)
            .sorted()
            .collect(Collectors.toList());
    if (names.isEmpty()) {
      throw new IllegalStateException("no public type in module " + module + " on the class path");
    }
    return sortMembers(javap(names));
  }

  /** Public or protected, and so is every class it is nested in; no local or anonymous class. */
  private static boolean visibleOutside(JavaClass javaClass) {
    if (javaClass.isAnonymousClass()
        || javaClass.isLocalClass()
        || javaClass.getSimpleName().equals("package-info")
        || javaClass.getSimpleName().equals("module-info")) {
      return false;
    }
    for (Optional<JavaClass> c = Optional.of(javaClass);
        c.isPresent();
        c = c.get().getEnclosingClass()) {
      if (!c.get().getModifiers().contains(JavaModifier.PUBLIC)
          && !c.get().getModifiers().contains(JavaModifier.PROTECTED)) {
        return false;
      }
    }
    return true;
  }

  private static String javap(List<String> classNames) {
    ToolProvider javap =
        ToolProvider.findFirst("javap")
            .orElseThrow(() -> new IllegalStateException("javap not found: run the tests on a JDK"));
    List<String> args =
        new ArrayList<>(List.of("-protected", "-classpath", System.getProperty("java.class.path")));
    args.addAll(classNames);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        javap.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    if (exit != 0) {
      throw new IllegalStateException("javap failed (" + exit + "): " + err + out);
    }
    return out.toString();
  }

  /**
   * Drops javap's "Compiled from" lines and sorts the member lines of each type; types are
   * separated by an empty line.
   */
  private static String sortMembers(String javapOutput) {
    StringBuilder dump = new StringBuilder();
    List<String> members = new ArrayList<>();
    for (String line : javapOutput.split("\\R")) {
      if (line.startsWith("Compiled from ") || line.isBlank()) {
        continue;
      }
      if (line.startsWith(" ")) {
        members.add(line);
      } else if (line.equals("}")) {
        members.stream().sorted().forEach(m -> dump.append(m).append('\n'));
        dump.append("}\n\n");
        members.clear();
      } else {
        dump.append(line).append('\n');
      }
    }
    return dump.toString().stripTrailing() + "\n";
  }
}
