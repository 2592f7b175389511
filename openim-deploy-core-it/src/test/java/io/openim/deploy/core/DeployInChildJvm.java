/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The deployer in a JVM of its own, for {@link KilledDeployerIT}: deploys release {@code im} into
 * the namespace given, with the kubeconfig in the file given, and prints {@code EVENT <n> <type>}
 * for each event as it happens, then {@code DONE <outcome>}. The test kills it with SIGKILL
 * somewhere in between.
 */
public final class DeployInChildJvm {
  private DeployInChildJvm() {}

  /**
   * Deploys.
   *
   * @param args the kubeconfig file and the namespace
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    String kubeconfig = Files.readString(Path.of(args[0]));
    AtomicInteger events = new AtomicInteger();
    try (KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(kubeconfig)
        .listener(e -> out.println("EVENT " + events.incrementAndGet() + " " + e.getClass().getSimpleName()
            + (e instanceof DeploymentEvent.ObjectApplied a ? " " + a.object() : "")))
        .build()) {
      DeploymentResult result = deployer.deploy(DeploymentSpec.builder("im").namespace(args[1]).build());
      out.println("DONE " + (result instanceof DeploymentResult.Succeeded ? "succeeded" : "failed"));
    }
  }
}
