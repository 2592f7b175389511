/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.core.render.VersionCatalog;
import io.openim.deploy.core.render.VersionLine;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Prints the tool's version and the OpenIM version lines it knows. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String own = Main.class.getPackage().getImplementationVersion();
    VersionCatalog catalog = VersionCatalog.builtIn();
    StringBuilder lines = new StringBuilder();
    for (VersionLine line : catalog.lines()) {
      lines.append(line.name()).append(" (server ").append(line.server().version())
          .append(", chat ").append(line.chat().version()).append(')')
          .append(line.equals(catalog.defaultLine()) ? " default" : "").append(' ');
    }
    List<String> out = new ArrayList<>(List.of(
        "openim-deploy " + (own == null ? "(development build)" : own),
        "OpenIM version lines: " + lines.toString().strip()));
    catalog.withdrawn().forEach((name, why) -> out.add("Not deployable: " + name + ": " + why));
    return out.toArray(String[]::new);
  }
}
