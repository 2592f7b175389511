/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.ComponentStatus;
import io.openim.deploy.Revision;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Plain-text tables for the terminal. */
final class Tables {
  private Tables() {}

  static void status(PrintWriter out, List<ComponentStatus> components) {
    out.printf("%-32s %-12s %-7s %s%n", "NAME", "KIND", "READY", "AGE");
    for (ComponentStatus c : components) {
      out.printf("%-32s %-12s %-7s %s%n", c.name(), c.kind(), c.ready() + "/" + c.desired(), age(c.created()));
    }
    out.flush();
  }

  /** Lines after a blank one, each saying where a credential is and how to read it. */
  static void access(PrintWriter out, List<String> lines) {
    out.println();
    lines.forEach(out::println);
    out.flush();
  }

  static void history(PrintWriter out, List<Revision> revisions) {
    out.printf("%-9s %-21s %-17s %-8s %s%n", "REVISION", "APPLIED", "VERSION", "OBJECTS", "DESCRIPTION");
    for (Revision r : revisions) {
      out.printf("%-9d %-21s %-17s %-8d %s%n", r.number(), r.appliedAt().toString().replaceFirst("\\.\\d+Z$", "Z"),
          r.version(), r.objects(), r.description());
    }
    out.flush();
  }

  static String age(Instant created) {
    if (created.equals(Instant.EPOCH)) {
      return "missing";
    }
    Duration age = Duration.between(created, Instant.now());
    if (age.toDays() > 0) {
      return age.toDays() + "d";
    }
    if (age.toHours() > 0) {
      return age.toHours() + "h";
    }
    return age.toMinutes() > 0 ? age.toMinutes() + "m" : age.toSeconds() + "s";
  }
}
