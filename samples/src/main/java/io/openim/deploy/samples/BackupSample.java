/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.samples;

import io.openim.deploy.Deployer;
import io.openim.deploy.Target;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.BackupReport;
import io.openim.deploy.BackupTarget;
import io.openim.deploy.core.OpenImDeploy;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Backs up a release's data and restores it into a second release beside it, printing each
 * step: the README's backup and restore snippet.
 */
public final class BackupSample {
  private BackupSample() {}

  /** Arguments: the kubeconfig file, and optionally the namespace (default openim). */
  public static void main(String[] args) throws Exception {
    String kubeconfig = Files.readString(Path.of(args[0]));
    DeploymentResult result = run(kubeconfig, args.length > 1 ? args[1] : "openim", System.out);
    System.exit(result instanceof DeploymentResult.Succeeded ? 0 : 1);
  }

  /** The sample itself: deploys {@code openim}, backs it up, restores it as {@code copy}. */
  public static DeploymentResult run(String kubeconfig, String namespace, PrintStream out) {
    DeploymentSpec spec = DeploymentSpec.builder("openim").namespace(namespace).build();
    DeploymentSpec newSpec = DeploymentSpec.builder("copy").namespace(namespace).build();
    try (Deployer deployer = OpenImDeploy.builder().target(Target.kubernetes(kubeconfig))
        .listener(event -> {
          if (event instanceof DeploymentEvent.StepStarted step) {
            out.println(step.operation() + ": " + step.step());
          }
        })
        .build()) {
      deployer.deploy(spec).orThrow();
      BackupReport backup = deployer.backup(spec, BackupTarget.volume("openim-backups", "20Gi"));
      out.println("backup " + backup.id() + " is in " + backup.target().describe());
      return deployer.restore(newSpec, BackupTarget.volume("openim-backups"), backup.id());
    }
  }
}
