/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.moduletests;

import io.openim.deploy.Deployer;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.Target;
import io.openim.deploy.core.OpenImDeploy;
import io.openim.deploy.core.render.Topology;
import io.openim.deploy.core.render.VersionCatalog;

/**
 * Uses core as an application on the module path would, and prints what it saw: core's module,
 * a rendered plan (the version catalog and the Job scripts are resources of core's packages), and
 * the provider found by ServiceLoader, whose deployer builds a client-java ApiClient from a
 * kubeconfig without contacting the cluster.
 */
public final class ModulePathMain {
  /** An API server nobody listens on: building a deployer makes no request. */
  private static final String KUBECONFIG = """
      apiVersion: v1
      kind: Config
      clusters:
      - name: nowhere
        cluster:
          server: https://127.0.0.1:1
      users:
      - name: nobody
        user:
          token: not-a-token
      contexts:
      - name: nowhere
        context:
          cluster: nowhere
          user: nobody
      current-context: nowhere
      """;

  private ModulePathMain() {}

  /** Prints one line per check; a failure ends the JVM with its exception. */
  public static void main(String[] args) {
    Module core = OpenImDeploy.class.getModule();
    System.out.println("core: " + (core.isNamed() ? core.getDescriptor().toNameAndVersion() + " (named)" : core));
    System.out.println("caller: " + ModulePathMain.class.getModule().getName());

    System.out.println("versions: default " + VersionCatalog.builtIn().defaultLine().name());
    DeploymentPlan plan = Topology.plan(DeploymentSpec.builder("openim").build());
    System.out.println("plan: " + plan.manifests().size() + " manifests");
    plan.manifests().stream().filter(m -> m.kind().equals("Job")).map(Manifest::name).sorted()
        .forEach(name -> System.out.println("job: " + name));

    try (Deployer deployer = OpenImDeploy.builder().target(Target.kubernetes(KUBECONFIG)).build()) {
      System.out.println("deployer: " + deployer.provider() + " (" + deployer.getClass().getName() + ")");
    }
  }
}
