/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render;

import io.openim.deploy.Autoscaling;
import io.openim.deploy.Component;
import io.openim.deploy.ComponentSpec;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Discovery;
import io.openim.deploy.InvalidSpecException;
import io.openim.deploy.Manifest;
import io.openim.deploy.Violation;
import io.openim.deploy.core.render.internal.ChatAdminJob;
import io.openim.deploy.core.render.internal.Credentials;
import io.openim.deploy.core.render.internal.DependencyWorkloads;
import io.openim.deploy.core.render.internal.Exposure;
import io.openim.deploy.core.render.internal.Foundation;
import io.openim.deploy.core.render.internal.InitJobs;
import io.openim.deploy.core.render.internal.LogFiles;
import io.openim.deploy.core.render.internal.NetworkPolicies;
import io.openim.deploy.core.render.internal.Observability;
import io.openim.deploy.core.render.internal.OfflinePush;
import io.openim.deploy.core.render.internal.OpenImWorkloads;
import io.openim.deploy.core.render.internal.RenderContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Renders an OpenIM deployment: spec in, ordered Kubernetes objects out. Pure: it reads nothing
 * but the spec and the version catalog, and the same spec always gives the same plan.
 *
 * @since 0.1
 */
public final class Topology {
  private final VersionCatalog catalog;

  private Topology(VersionCatalog catalog) {
    this.catalog = catalog;
  }

  /** A renderer that uses the built-in version catalog. */
  public static Topology create() {
    return new Topology(VersionCatalog.builtIn());
  }

  /** A renderer that uses {@code catalog}. */
  public static Topology create(VersionCatalog catalog) {
    return new Topology(Objects.requireNonNull(catalog, "catalog"));
  }

  /** Renders {@code spec} with the built-in catalog. */
  public static DeploymentPlan plan(DeploymentSpec spec) {
    return create().render(spec);
  }

  /**
   * Renders {@code spec}.
   *
   * @throws InvalidSpecException if the spec's version line is unknown or the spec asks for
   *     something that line cannot do (such as KUBERNETES discovery, which no known line runs);
   *     every such problem is listed
   */
  public DeploymentPlan render(DeploymentSpec spec) {
    Objects.requireNonNull(spec, "spec");
    VersionLine line = catalog.require(spec.version());
    List<Violation> violations = new ArrayList<>();
    if (spec.discovery() == Discovery.KUBERNETES) {
      violations.add(new Violation("discovery", "KUBERNETES discovery does not work with OpenIM Server "
          + line.server().version() + " (version line " + line.name() + "): "
          + line.kubernetesDiscoveryRefusal() + "; use ETCD discovery (the default), which"
          + " openim-deploy runs in the cluster"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidSpecException(violations);
    }
    RenderContext ctx = new RenderContext(spec, line);
    warnAboutScale(ctx);
    List<Manifest> manifests = new ArrayList<>();
    manifests.addAll(new Foundation(ctx).render());
    manifests.addAll(new Credentials(ctx).render());
    manifests.addAll(new NetworkPolicies(ctx).render());
    manifests.addAll(new DependencyWorkloads(ctx).render());
    manifests.addAll(new InitJobs(ctx).render());
    manifests.addAll(new OpenImWorkloads(ctx).render());
    manifests.addAll(new ChatAdminJob(ctx).render());
    manifests.addAll(new Exposure(ctx).render());
    manifests.addAll(new Observability(ctx).render());
    OfflinePush.note(ctx);
    LogFiles.warnAboutReplaced(ctx);
    manifests.sort(Comparator.comparing(Manifest::phase)); // stable: keeps order within a phase
    return new DeploymentPlan(spec, manifests, ctx.warnings());
  }

  private static void warnAboutScale(RenderContext ctx) {
    DeploymentSpec spec = ctx.spec();
    for (Component consumer : List.of(Component.MSG_TRANSFER, Component.PUSH)) {
      ComponentSpec c = spec.component(consumer);
      Autoscaling hpa = c.autoscaling();
      int most = hpa != null ? hpa.maxReplicas() : c.replicas();
      if (most > spec.kafkaPartitions()) {
        ctx.warn(consumer.key() + " may run " + most + " replicas but each Kafka topic has "
            + spec.kafkaPartitions() + " partitions: replicas beyond the partition count sit idle;"
            + " raise kafkaPartitions to at least " + most + " (the topics Job then adds partitions to"
            + " the existing topics; Kafka cannot remove them again)");
      }
    }
  }
}
