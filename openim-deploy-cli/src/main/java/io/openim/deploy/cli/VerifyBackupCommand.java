/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import io.openim.deploy.core.data.BackupManifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code openim-deploy verify-backup DIR}: checks a copied backup folder against its manifest. */
@Command(name = "verify-backup", mixinStandardHelpOptions = true,
    description = {"Checks a backup folder (copied out of a volume or bucket) against its MANIFEST:",
        "every file present, of the recorded size and SHA-256, and no file the manifest does not list."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:intact", "1:damaged: every problem is listed", "2:not a backup folder"})
final class VerifyBackupCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Parameters(index = "0", paramLabel = "DIR", description = "The backup folder, holding MANIFEST.")
  Path dir;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    return Failures.guard(err, () -> {
      BackupManifest manifest = BackupManifest.read(dir);
      List<String> problems = manifest.verify(dir);
      if (!problems.isEmpty()) {
        problems.forEach(problem -> err.println("  " + problem));
        return Failures.report(err, dir + " is damaged: " + problems.size() + " problem(s)", 1);
      }
      return intact(out, manifest);
    });
  }

  private int intact(PrintWriter out, BackupManifest manifest) {
    out.printf("%s is intact: backup %s of %s, %d files, %d bytes%n", dir, manifest.header().getOrDefault("id", "?"),
        manifest.header().getOrDefault("release", "?"), manifest.files().size(), manifest.totalBytes());
    out.flush();
    return 0;
  }
}
