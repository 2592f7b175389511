/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.samples;

import io.openim.deploy.Deployer;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.Target;
import io.openim.deploy.core.KubernetesProvider;
import io.openim.deploy.core.OpenImDeploy;
import io.openim.deploy.spi.DeploymentProvider;
import io.openim.deploy.spi.ProviderContext;
import io.openim.deploy.Support;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * An internal platform's provider: it applies through the built-in Kubernetes provider, but
 * refuses plans that would create objects outside an allowed list of kinds, the kind of policy
 * gate a platform team adds. Its deployer forwards plan and apply; every other verb declines with
 * {@link io.openim.deploy.NotSupportedException}, as a provider's unimplemented verbs do. Registered explicitly here; a provider jar would instead list itself
 * in {@code META-INF/services/io.openim.deploy.spi.DeploymentProvider}.
 */
public final class CustomProviderSample {
  private CustomProviderSample() {}

  /** Arguments: the kubeconfig file, and optionally the namespace (default openim). */
  public static void main(String[] args) throws Exception {
    DeploymentResult result = run(Files.readString(Path.of(args[0])), args.length > 1 ? args[1] : "openim",
        System.out::println);
    System.exit(result instanceof DeploymentResult.Succeeded ? 0 : 1);
  }

  /** Deploys through the gated provider. */
  public static DeploymentResult run(String kubeconfig, String namespace, Consumer<String> log) {
    GatedProvider gate = new GatedProvider(List.of("Namespace", "Secret", "ConfigMap", "NetworkPolicy", "Service",
        "StatefulSet", "Job", "Deployment"), log);
    try (Deployer openim = OpenImDeploy.builder()
        .target(Target.kubernetes(kubeconfig))
        .provider(gate)                                     // explicit registration replaces discovery
        .build()) {
      return openim.deploy(DeploymentSpec.builder("openim").namespace(namespace).chat(false).build());
    }
  }

  /** Delegates to the built-in provider after checking every object's kind. */
  public static final class GatedProvider implements DeploymentProvider {
    private final DeploymentProvider delegate = new KubernetesProvider();
    private final List<String> allowedKinds;
    private final Consumer<String> log;

    /** A gate that lets {@code allowedKinds} through. */
    public GatedProvider(List<String> allowedKinds, Consumer<String> log) {
      this.allowedKinds = List.copyOf(allowedKinds);
      this.log = log;
    }

    @Override
    public String id() {
      return "gated";
    }

    @Override
    public Support supports(Target target) {
      return delegate.supports(target);
    }

    @Override
    public Deployer open(ProviderContext context) {
      Deployer built = delegate.open(context);
      return new Deployer() {
        @Override
        public String provider() {
          return id();
        }

        @Override
        public DeploymentPlan plan(DeploymentSpec spec) {
          DeploymentPlan plan = built.plan(spec);
          List<String> refused = plan.manifests().stream().map(Manifest::kind)
              .filter(kind -> !allowedKinds.contains(kind)).distinct().toList();
          if (!refused.isEmpty()) {
            throw new IllegalStateException("policy: kinds " + refused + " are not allowed on this platform");
          }
          log.accept("policy: " + plan.manifests().size() + " objects allowed");
          return plan.madeBy(id());
        }

        @Override
        public DeploymentResult apply(DeploymentPlan plan) {
          // checked, then handed to the built-in provider as its own
          return built.apply(plan.requireMadeBy(id()).madeBy(built.provider()));
        }

        @Override
        public void close() {
          built.close();
        }
      };  // every other verb declines: the gate forwards plan and apply only
    }
  }
}
