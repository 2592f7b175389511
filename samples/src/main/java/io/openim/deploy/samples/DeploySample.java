/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.samples;

import io.openim.deploy.Deployer;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Target;
import io.openim.deploy.core.OpenImDeploy;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Deploys OpenIM to the cluster of a kubeconfig, printing progress: the README's Java snippet. */
public final class DeploySample {
  private DeploySample() {}

  /** Arguments: the kubeconfig file, and optionally the namespace (default openim). */
  public static void main(String[] args) throws Exception {
    String kubeconfig = Files.readString(Path.of(args[0]));
    DeploymentResult result = run(kubeconfig, args.length > 1 ? args[1] : "openim", System.out);
    System.exit(result instanceof DeploymentResult.Succeeded ? 0 : 1);
  }

  /** The sample itself. */
  public static DeploymentResult run(String kubeconfig, String namespace, PrintStream out) {
    DeploymentSpec spec = DeploymentSpec.builder("openim").namespace(namespace).build();
    try (Deployer openim = OpenImDeploy.builder()
        .target(Target.kubernetes(kubeconfig))             // the kubeconfig is held as a Secret
        .listener(event -> {
          if (event instanceof DeploymentEvent.ObjectReady ready) {
            out.println("ready: " + ready.object());
          } else if (event instanceof DeploymentEvent.Finished finished) {
            out.println("finished: " + finished.result().getClass().getSimpleName());
          }
        })
        .build()) {                                        // picks the provider, or says why none fits
      return openim.deploy(spec);                          // plan, apply, wait; safe to run again
    }
  }
}
