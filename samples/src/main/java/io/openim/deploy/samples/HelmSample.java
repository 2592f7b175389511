/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.samples;

import io.openim.deploy.Deployer;
import io.openim.deploy.Component;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Target;
import io.openim.deploy.core.OpenImDeploy;
import io.openim.deploy.helm.HelmProvider;
import java.nio.file.Files;
import java.nio.file.Path;

/** OpenIM as a Helm release: install, upgrade, roll back. The README's Helm snippet. */
public final class HelmSample {
  private HelmSample() {}

  /** Arguments: the kubeconfig file, and optionally the namespace (default openim). */
  public static void main(String[] args) throws Exception {
    DeploymentResult result = run(Files.readString(Path.of(args[0])), args.length > 1 ? args[1] : "openim");
    System.exit(result instanceof DeploymentResult.Succeeded ? 0 : 1);
  }

  /** Installs, upgrades to two API replicas, then rolls back to the first revision. */
  public static DeploymentResult run(String kubeconfig, String namespace) {
    DeploymentSpec spec = DeploymentSpec.builder("openim").namespace(namespace).chat(false).build();
    Target cluster = Target.kubernetes(kubeconfig);
    try (Deployer helm = OpenImDeploy.builder()
        .target(cluster)
        .provider(HelmProvider.ID)                      // openim-deploy-helm on the class path
        .build()) {
      helm.deploy(spec).orThrow();                      // helm install, then wait: revision 1
      helm.deploy(spec.toBuilder().replicas(Component.API, 2).build()).orThrow();   // helm upgrade: 2
      return helm.rollback(ReleaseRef.of(spec), 1);     // like helm rollback: revision 3
    }
  }
}
