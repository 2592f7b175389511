/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import org.jspecify.annotations.Nullable;
import io.openim.deploy.NotSupportedException;
import io.openim.deploy.DeploymentListener;
import io.openim.deploy.Deployer;
import io.openim.deploy.InvalidSpecException;
import io.openim.deploy.ObjectDiff;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code openim-deploy diff}: what {@code up} would change, computed by the API server. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Shows what 'up' would change: objects to create (+), fields to change (~),"
        + " objects to prune (-). The API server computes it with a server-side dry run;"
        + " secret values are redacted. Changes nothing."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no differences", "1:differences", "2:the spec is invalid"})
final class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @Mixin ClusterOptions target;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    try (Deployer deployer = target.open(target.helmLookup(), DeploymentListener.NONE)) {
      List<ObjectDiff> diffs;
      try {
        diffs = deployer.diff(deployer.plan(target.spec()));
      } catch (InvalidSpecException | NotSupportedException e) {
        return Failures.report(command.commandLine().getErr(), e.getMessage(), PlanCommand.INVALID_SPEC);
      }
      int changes = 0;
      for (ObjectDiff diff : diffs) {
        switch (diff.change()) {
          case CREATE -> out.println("+ " + diff.object());
          case PRUNE -> out.println("- " + diff.object());
          case UPDATE -> {
            out.println("~ " + diff.object());
            diff.fields().forEach(f -> out.println("    " + f.path() + ": " + show(f.before()) + " -> " + show(f.after())));
          }
          default -> {
            continue;
          }
        }
        changes++;
      }
      out.println(changes == 0 ? "no differences" : changes + " of " + diffs.size() + " objects would change");
      out.flush();
      return changes == 0 ? 0 : 1;
    }
  }

  private static String show(@Nullable String value) {
    return value == null ? "(absent)" : value;
  }
}
