/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import io.openim.deploy.Autoscaling;
import io.openim.deploy.Component;
import io.openim.deploy.ComponentSpec;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.Dependency;
import io.openim.deploy.Manifest;
import io.openim.deploy.Monitoring;
import io.openim.deploy.Phase;
import io.openim.deploy.core.render.Release;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Deployment per OpenIM process, run from the release's all-in-one image with the command
 * overridden to start just that binary, plus its Service, HPA and PodDisruptionBudget.
 */
public final class OpenImWorkloads {
  private static final List<String> MAIN_PORTS = List.of("http", "ws", "grpc", "metrics");

  private final RenderContext ctx;
  private final OpenImEnv env;

  public OpenImWorkloads(RenderContext ctx) {
    this.ctx = ctx;
    this.env = new OpenImEnv(ctx);
  }

  /** Objects for every enabled component, grouped by phase. */
  public List<Manifest> render() {
    List<Manifest> out = new ArrayList<>();
    for (Component component : ctx.spec().enabledComponents()) {
      Phase phase = phase(component);
      out.add(deployment(component, phase));
      if (!servicePorts(component).isEmpty()) {
        out.add(service(component, phase));
      }
      if (ctx.metricsService(component)) {
        out.add(metricsService(component, phase));
      }
      ComponentSpec spec = ctx.spec().component(component);
      if (spec.autoscaling() != null) {
        out.add(autoscaler(component, phase, spec.autoscaling()));
      }
      int least = spec.autoscaling() != null ? spec.autoscaling().minReplicas() : spec.replicas();
      if (ctx.spec().profile().highlyAvailable() && least >= 2) {
        out.add(disruptionBudget(component, phase));
      }
    }
    return out;
  }

  static Phase phase(Component component) {
    if (component.chat()) {
      return Phase.CHAT;
    }
    return component.key().startsWith("rpc-") ? Phase.OPENIM_RPC : Phase.OPENIM_EDGE;
  }

  private Manifest deployment(Component component, Phase phase) {
    Names names = ctx.names();
    Release release = ctx.line().release(component);
    ComponentSpec spec = ctx.spec().component(component);
    String name = names.of(component);
    Map<String, Object> labels = names.labels(component, release.version());
    Map<String, Object> selector = names.selector(component.id());

    List<Object> ports = new ArrayList<>();
    ctx.line().ports(component).forEach((portName, port) ->
        ports.add(Tree.map("name", portName, "containerPort", port, "protocol", "TCP")));
    String probePort = MAIN_PORTS.stream().filter(ctx.line().ports(component)::containsKey).findFirst().orElse(null);

    List<Object> mounts = new ArrayList<>();
    List<Object> volumes = new ArrayList<>();
    String prefix = component.chat() ? "chat/" : "server/";
    ctx.configFiles().keySet().stream().filter(f -> f.startsWith(prefix)).forEach(file -> {
      mounts.add(Tree.map("name", "config-files", "mountPath",
          release.configFolder() + file.substring(prefix.length()), "subPath",
          Credentials.configMapKey(file), "readOnly", true));
    });
    if (!mounts.isEmpty()) {
      volumes.add(Tree.map("name", "config-files", "configMap", Tree.map("name", names.configFiles())));
    }
    Dependency.External kafka = ctx.external(DependencyKind.KAFKA);
    if (!component.chat() && kafka != null && kafka.tlsSecret() != null) {
      mounts.add(Tree.map("name", "kafka-tls", "mountPath", OpenImEnv.KAFKA_TLS_DIR, "readOnly", true));
      volumes.add(Tree.map("name", "kafka-tls", "secret", Tree.map("secretName", kafka.tlsSecret())));
    }
    // the root filesystem is read-only: an emptyDir where a process writes
    LogFiles.location(ctx, component.chat(), release).ifPresent(logs -> {
      mounts.add(Tree.map("name", "logs", "mountPath", logs));
      volumes.add(PodParts.emptyDir("logs"));
    });
    if (component == Component.ADMIN_API) {
      // Go's temporary folder: admin-api's user import (chat@v1.8.4-patch.5 internal/api/admin/admin.go
      // ImportUserByXlsx) takes a multipart upload, which gin spills to os.TempDir past 32 MiB, and
      // excelize@v2.8.0 (lib.go, rows.go) unzips large sheets into temporary files there
      mounts.add(Tree.map("name", "tmp", "mountPath", "/tmp"));
      volumes.add(PodParts.emptyDir("tmp"));
    }

    Map<String, Object> container = Tree.map(
        "name", component.key(),
        "image", ctx.image(release.image()),
        "command", Tree.list("sh", "-c",
            "exec " + release.binary(component) + " -i 0 -c " + release.configFolder()),
        "ports", ports,
        "env", env.of(component),
        "resources", PodParts.resources(spec.resources()),
        "readinessProbe", probePort == null ? null : PodParts.tcpProbe(probePort, 5, 10),
        "livenessProbe", probePort == null ? null : PodParts.tcpProbe(probePort, 30, 20),
        "securityContext", PodParts.containerSecurity(),
        "volumeMounts", mounts);
    Map<String, Object> podSpec = Tree.map(
        // no token: chat@v1.8.4-patch.5 (internal/api/chat/start.go) and newer OpenIM code switch
        // themselves to Kubernetes mode when they find one (openimsdk/tools@v0.0.50-alpha.113
        // utils/runtimeenv/runtime.go); etcd discovery needs none
        "automountServiceAccountToken", false,
        "enableServiceLinks", false,
        // the catalog's user for the release image (versions.yaml imageFacts says why that one);
        // the config files are mounted read-only and the emptyDirs are writable by anyone
        "securityContext", PodParts.podSecurity(PodParts.facts(release.image()), false),
        "imagePullSecrets", PodParts.pullSecrets(ctx),
        "nodeSelector", spec.placement().nodeSelector().isEmpty() ? null : spec.placement().nodeSelector(),
        "tolerations", PodParts.tolerations(spec.placement()),
        "topologySpreadConstraints", ctx.spec().profile().highlyAvailable()
            ? Tree.list(PodParts.spreadAcrossNodes(selector)) : null,
        "terminationGracePeriodSeconds", 30,
        "containers", Tree.list(container),
        "volumes", volumes);
    Map<String, Object> podLabels = Tree.map();
    podLabels.putAll(labels);
    Map<String, Object> annotations = Tree.map("openim-deploy.io/config-hash", configHash(prefix));
    Integer metrics = ctx.line().ports(component).get("metrics");
    if (metrics != null && ctx.spec().monitoring().enabled() && ctx.monitoringMode() == Monitoring.Mode.ANNOTATIONS) {
      annotations.put("prometheus.io/scrape", "true");
      annotations.put("prometheus.io/port", Integer.toString(metrics));
      annotations.put("prometheus.io/path", "/metrics");
    }
    Map<String, Object> template = Tree.map(
        "metadata", Tree.map("labels", podLabels, "annotations", annotations),
        "spec", podSpec);
    Map<String, Object> deploymentSpec = Tree.map(
        "replicas", spec.autoscaling() != null ? null : spec.replicas(),
        "revisionHistoryLimit", 5,
        "selector", Tree.map("matchLabels", selector),
        // crontask must never run twice, not even during a rollout
        "strategy", component == Component.CRONTASK ? Tree.map("type", "Recreate") : null,
        "template", template);
    return new Manifest(phase, "apps/v1", "Deployment", ctx.spec().namespace(), name,
        Tree.object("apps/v1", "Deployment", names.metadata(name, labels), "spec", deploymentSpec));
  }

  /**
   * The ports of a component's Service: every named port but metrics. OpenIM's Kubernetes-mode
   * resolver and other clients that dial a Service without a port take the first port of its
   * EndpointSlice, which the EndpointSlice controller orders by hash (k8s.io/endpointslice@v0.36.3
   * util/controller_utils.go NewPortMapKey), so a gRPC Service lists its grpc port alone (the
   * gateway adds ws, api has http). Metrics have a Service of their own where monitoring needs one.
   */
  private Map<String, Integer> servicePorts(Component component) {
    Map<String, Integer> ports = new LinkedHashMap<>(ctx.line().ports(component));
    ports.remove("metrics");
    return ports;
  }

  private Manifest service(Component component, Phase phase) {
    String name = ctx.names().of(component);
    Map<String, Object> labels = ctx.names().labels(component, ctx.line().release(component).version());
    return service(component, phase, name, labels, servicePorts(component));
  }

  /** The metrics port alone, labelled with the job name its ServiceMonitor gives the targets. */
  private Manifest metricsService(Component component, Phase phase) {
    String name = ctx.names().metrics(component);
    Map<String, Object> labels = ctx.names().labels(component, ctx.line().release(component).version());
    labels.put(RenderContext.PROMETHEUS_JOB, RenderContext.prometheusJob(component));
    return service(component, phase, name, labels, Map.of("metrics", ctx.line().ports(component).get("metrics")));
  }

  private Manifest service(Component component, Phase phase, String name, Map<String, Object> labels,
      Map<String, Integer> named) {
    List<Object> ports = new ArrayList<>();
    named.forEach((portName, port) ->
        ports.add(Tree.map("name", portName, "port", port, "targetPort", portName, "protocol", "TCP")));
    return new Manifest(phase, "v1", "Service", ctx.spec().namespace(), name,
        Tree.object("v1", "Service", ctx.names().metadata(name, labels), "spec", Tree.map(
            "type", "ClusterIP",
            "selector", ctx.names().selector(component.id()),
            "ports", ports)));
  }

  private Manifest autoscaler(Component component, Phase phase, Autoscaling hpa) {
    Names names = ctx.names();
    String name = names.of(component);
    List<Object> metrics = new ArrayList<>();
    if (hpa.cpuUtilization() != null) {
      metrics.add(resourceMetric("cpu", hpa.cpuUtilization()));
    }
    if (hpa.memoryUtilization() != null) {
      metrics.add(resourceMetric("memory", hpa.memoryUtilization()));
    }
    Map<String, Object> labels = names.labels(component, ctx.line().release(component).version());
    return new Manifest(phase, "autoscaling/v2", "HorizontalPodAutoscaler", ctx.spec().namespace(), name,
        Tree.object("autoscaling/v2", "HorizontalPodAutoscaler", names.metadata(name, labels),
            "spec", Tree.map(
                "scaleTargetRef", Tree.map("apiVersion", "apps/v1", "kind", "Deployment", "name", name),
                "minReplicas", hpa.minReplicas(),
                "maxReplicas", hpa.maxReplicas(),
                "metrics", metrics)));
  }

  private static Map<String, Object> resourceMetric(String resource, int utilization) {
    return Tree.map("type", "Resource", "resource", Tree.map("name", resource,
        "target", Tree.map("type", "Utilization", "averageUtilization", utilization)));
  }

  private Manifest disruptionBudget(Component component, Phase phase) {
    Names names = ctx.names();
    String name = names.of(component);
    Map<String, Object> labels = names.labels(component, ctx.line().release(component).version());
    return new Manifest(phase, "policy/v1", "PodDisruptionBudget", ctx.spec().namespace(), name,
        Tree.object("policy/v1", "PodDisruptionBudget", names.metadata(name, labels),
            "spec", Tree.map("maxUnavailable", 1,
                "selector", Tree.map("matchLabels", names.selector(component.id())))));
  }

  /** A digest of the config files a release's pods mount, so a changed file rolls them. */
  private String configHash(String prefix) {
    List<String> parts = new ArrayList<>();
    ctx.configFiles().forEach((file, content) -> {
      if (file.startsWith(prefix)) {
        parts.add(file);
        parts.add(content);
      }
    });
    return Digest.sha256(16, parts.toArray(String[]::new));
  }

}
