/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Secret;
import io.openim.deploy.Target;
import io.openim.deploy.core.KubernetesDeployer;
import io.openim.deploy.core.images.ImageCheck;
import io.openim.deploy.core.OpenImDeploy;
import io.openim.deploy.local.LocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.jspecify.annotations.Nullable;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The JUnit Jupiter extension behind {@link WithOpenImCluster}.
 *
 * @since 0.1
 */
public final class OpenImClusterExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
  private static final Logger LOG = LoggerFactory.getLogger(OpenImClusterExtension.class);
  private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(OpenImClusterExtension.class);
  private static final String IMAGES = "/var/lib/rancher/k3s/agent/images/";
  /**
   * The k3s provider's id, found by OpenImDeploy's ServiceLoader discovery; where openim-deploy-k3s
   * is not on the class path, the deploy fails with a NoSuitableProviderException naming the ids it
   * found. Not K3sProvider.ID: this module cannot depend on openim-deploy-k3s, whose tests use the
   * testkit.
   */
  private static final String K3S_PROVIDER = "k3s";
  /** How long the real node's apply waits when its images cannot be pulled: enough to create the pods. */
  private static final Duration UNPULLABLE_WAIT = Duration.ofSeconds(45);

  /** Used by JUnit through {@link WithOpenImCluster}. */
  public OpenImClusterExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    WithOpenImCluster settings = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), WithOpenImCluster.class)
        .orElseThrow(() -> new IllegalStateException("OpenImClusterExtension needs @WithOpenImCluster"));
    WithOpenImCluster.Mode mode = settings.mode();
    String reason;
    if (mode == WithOpenImCluster.Mode.LOCAL_CLUSTER) {
      reason = "asked for the local cluster";
    } else if (mode == WithOpenImCluster.Mode.LOCAL_REAL_NODE) {
      Optional<String> unavailable = LocalCluster.realNodeUnavailable();
      if (unavailable.isPresent()) {
        // each test is then reported as skipped with this reason (see beforeEach)
        String skipped = "this machine cannot run the local cluster's real node: " + unavailable.get();
        LOG.warn("skipping {}: {}", context.getDisplayName(), skipped);
        context.getStore(STORE).put("skipped", skipped);
        return;
      }
      reason = "asked for the local cluster with a real node";
    } else {
      String docker = dockerUnavailable();
      if (mode == WithOpenImCluster.Mode.K3S_CONTAINER) {
        if (docker != null) {
          // each test is then reported as skipped with this reason (see beforeEach)
          String skipped = "a k3s container needs Docker, and " + docker;
          LOG.warn("skipping {}: {}", context.getDisplayName(), skipped);
          context.getStore(STORE).put("skipped", skipped);
          return;
        }
        reason = "asked for a k3s container";
      } else if (docker == null) {
        mode = WithOpenImCluster.Mode.K3S_CONTAINER;
        reason = "Docker is available";
      } else {
        mode = WithOpenImCluster.Mode.LOCAL_CLUSTER;
        reason = docker + "; using the testkit's local cluster (real control plane, pods simulated by KWOK)";
      }
    }
    LOG.info("OpenIM test cluster: {} ({})", mode, reason);
    WithOpenImCluster.Mode chosen = mode;
    String why = reason;
    OpenImCluster cluster = context.getRoot().getStore(STORE).getOrComputeIfAbsent("cluster-" + chosen + settings.k3sImage(),
        key -> chosen == WithOpenImCluster.Mode.K3S_CONTAINER ? container(settings, why)
            : chosen == WithOpenImCluster.Mode.LOCAL_REAL_NODE ? realNode(why) : local(context, why),
        Holder.class).cluster();
    context.getStore(STORE).put(OpenImCluster.class, cluster);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
      String skipped = c.getStore(STORE).get("skipped", String.class);
      if (skipped != null) {
        Assumptions.abort(skipped);
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == OpenImCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
      OpenImCluster cluster = c.getStore(STORE).get(OpenImCluster.class, OpenImCluster.class);
      if (cluster != null) {
        return cluster;
      }
    }
    throw new IllegalStateException("no OpenIM cluster was started for " + context.getDisplayName());
  }

  /** Why Docker cannot be used, or null if it can. */
  private static @Nullable String dockerUnavailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable() ? null : "no Docker engine is reachable";
    } catch (RuntimeException | LinkageError e) {
      return "no Docker engine is reachable (" + e.getMessage() + ")";
    }
  }

  private static Holder local(ExtensionContext context, String reason) {
    LocalCluster cluster = LocalClusterExtension.sharedCluster(context);
    String namespace = cluster.createNamespace("openim");
    String kubeconfig = cluster.adminKubeconfig();
    deploy(Target.kubernetes(kubeconfig), namespace, "kubernetes");
    return new Holder(new OpenImCluster(Secret.of(kubeconfig), new ReleaseRef(namespace, "openim"),
        WithOpenImCluster.Mode.LOCAL_CLUSTER, reason), null);
  }

  /**
   * A cluster of its own whose one node is real, with OpenIM applied. Its images are checked in
   * their registries first: where some cannot be pulled from this machine, the rollout cannot
   * finish, so OpenIM is applied with a short wait (the pods are created, scheduled and try their
   * pulls) and the cluster is given with the reason in {@link OpenImCluster#rolloutFailure()}, for
   * tests of what a real node reports; else it rolls out as in the other modes, or fails.
   */
  private static Holder realNode(String reason) {
    LocalCluster cluster = LocalCluster.builder().nodes(0).realNodes(1).start();
    try {
      String kubeconfig = cluster.adminKubeconfig();
      DeploymentSpec spec = DeploymentSpec.builder("openim").namespace("openim").build();
      String failure = null;
      try (KubernetesDeployer probe = KubernetesDeployer.builder().kubeconfig(kubeconfig).build()) {
        DeploymentPlan plan = probe.plan(spec);
        List<String> problems = ImageCheck.problems(ImageCheck.builder().cluster(probe.connection(), spec).build()
            .check(plan));
        if (!problems.isEmpty()) {
          LOG.warn("{} of OpenIM's images cannot be pulled from this machine, so its pods will stay in"
              + " ImagePullBackOff; applying with a short wait: {}", problems.size(), problems);
          DeploymentResult result = OpenImDeploy.builder().target(Target.kubernetes(kubeconfig)).provider("kubernetes")
              .timeout(UNPULLABLE_WAIT).build().apply(plan);
          failure = problems.size() + " of OpenIM's images cannot be pulled from this machine (" + problems.get(0)
              + "), so its pods stay in ImagePullBackOff"
              + (result instanceof DeploymentResult.Failed failed ? "; the apply stopped at " + failed.reason() : "");
        }
      }
      if (failure == null) {
        deploy(Target.kubernetes(kubeconfig), "openim", "kubernetes");
      }
      return new Holder(new OpenImCluster(Secret.of(kubeconfig), new ReleaseRef("openim", "openim"),
          WithOpenImCluster.Mode.LOCAL_REAL_NODE, reason, failure), cluster);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private static Holder container(WithOpenImCluster settings, String reason) {
    K3sContainer k3s = new K3sContainer(DockerImageName.parse(settings.k3sImage()));
    for (String tarball : settings.imageTarballs()) {
      Path file = Path.of(tarball);
      k3s.withCopyToContainer(MountableFile.forHostPath(file), IMAGES + file.getFileName());
    }
    k3s.start();
    String kubeconfig = k3s.getKubeConfigYaml();
    deploy(Target.kubernetes(kubeconfig), "openim", K3S_PROVIDER);
    return new Holder(new OpenImCluster(Secret.of(kubeconfig), new ReleaseRef("openim", "openim"),
        WithOpenImCluster.Mode.K3S_CONTAINER, reason), k3s::stop);
  }

  private static void deploy(Target target, String namespace, String provider) {
    OpenImDeploy.builder().target(target).provider(provider).objectTimeout(Duration.ofMinutes(10)).build()
        .deploy(DeploymentSpec.builder("openim").namespace(namespace).build()).orThrow();
  }

  /** Keeps the container or the real node's cluster, if any, until the JVM's tests are done. */
  private record Holder(OpenImCluster cluster, @Nullable AutoCloseable owned) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      if (owned != null) {
        owned.close();
      }
    }
  }
}
