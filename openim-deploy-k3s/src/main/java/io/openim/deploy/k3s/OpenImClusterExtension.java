/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s;

import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Secret;
import io.openim.deploy.Target;
import io.openim.deploy.core.OpenImDeploy;
import io.openim.deploy.testkit.LocalCluster;
import io.openim.deploy.testkit.LocalClusterExtension;
import java.nio.file.Path;
import java.time.Duration;
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
        key -> chosen == WithOpenImCluster.Mode.K3S_CONTAINER ? container(settings, why) : local(context, why),
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

  private static Holder container(WithOpenImCluster settings, String reason) {
    K3sContainer k3s = new K3sContainer(DockerImageName.parse(settings.k3sImage()));
    for (String tarball : settings.imageTarballs()) {
      Path file = Path.of(tarball);
      k3s.withCopyToContainer(MountableFile.forHostPath(file), IMAGES + file.getFileName());
    }
    k3s.start();
    String kubeconfig = k3s.getKubeConfigYaml();
    deploy(Target.kubernetes(kubeconfig), "openim", K3sProvider.ID);
    return new Holder(new OpenImCluster(Secret.of(kubeconfig), new ReleaseRef("openim", "openim"),
        WithOpenImCluster.Mode.K3S_CONTAINER, reason), k3s);
  }

  private static void deploy(Target target, String namespace, String provider) {
    OpenImDeploy.builder().target(target).provider(provider).objectTimeout(Duration.ofMinutes(10)).build()
        .deploy(DeploymentSpec.builder("openim").namespace(namespace).build()).orThrow();
  }

  /** Keeps the container, if any, until the JVM's tests are done. */
  private record Holder(OpenImCluster cluster, @Nullable K3sContainer container) implements AutoCloseable {
    @Override
    public void close() {
      if (container != null) {
        container.stop();
      }
    }
  }
}
