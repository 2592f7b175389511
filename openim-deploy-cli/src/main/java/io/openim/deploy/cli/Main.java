/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point: {@code java -jar openim-deploy.jar <command>}.
 *
 * @since 0.1
 */
@Command(
    name = "openim-deploy",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Deploys OpenIM onto Kubernetes.",
    subcommands = {PlanCommand.class, ChartCommand.class, SealosTemplateCommand.class, SealosImageCommand.class, ImportComposeCommand.class, DiffCommand.class, ImagesCommand.class, UpCommand.class, ScaleCommand.class, StatusCommand.class, HistoryCommand.class,
        RollbackCommand.class, BackupCommand.class, RestoreCommand.class, VerifyBackupCommand.class, MigrateCommand.class,
        DownCommand.class, RbacCommand.class,
        CommandLine.HelpCommand.class})
public final class Main {
  /** Used by picocli. */
  public Main() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for embedding and tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
  }
}
