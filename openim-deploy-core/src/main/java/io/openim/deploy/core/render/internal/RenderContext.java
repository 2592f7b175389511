/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import org.jspecify.annotations.Nullable;
import java.util.Objects;
import io.openim.deploy.Component;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.Dependency;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Ingress;
import io.openim.deploy.Monitoring;
import io.openim.deploy.core.render.VersionLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What every renderer needs: the spec, its version line, names, and derived addresses. */
public final class RenderContext {
  private static final Map<DependencyKind, Integer> PORTS =
      Map.of(
          DependencyKind.MONGODB, 27017,
          DependencyKind.REDIS, 6379,
          DependencyKind.KAFKA, 9092,
          DependencyKind.MINIO, 9000,
          DependencyKind.ETCD, 2379);

  private final DeploymentSpec spec;
  private final VersionLine line;
  private final Names names;
  private final List<String> warnings = new ArrayList<>();

  public RenderContext(DeploymentSpec spec, VersionLine line) {
    this.spec = spec;
    this.line = line;
    this.names = new Names(spec);
  }

  public DeploymentSpec spec() {
    return spec;
  }

  public VersionLine line() {
    return line;
  }

  public Names names() {
    return names;
  }

  /**
   * Every config file mounted over an image's own, in name order: the spec's, plus the log.yml
   * files openim-deploy supplies where the spec replaces none ({@link LogFiles}).
   */
  public Map<String, String> configFiles() {
    Map<String, String> files = new TreeMap<>(spec.configFiles());
    files.putAll(LogFiles.supplied(this));
    return files;
  }

  /** The port a dependency's client Service listens on. */
  public static int port(DependencyKind kind) {
    return Objects.requireNonNull(PORTS.get(kind), kind::key);
  }

  /** Whether openim-deploy runs {@code kind} in the cluster. */
  public boolean inCluster(DependencyKind kind) {
    return spec.dependency(kind) instanceof Dependency.InCluster;
  }

  /** The addresses OpenIM uses for a dependency, comma-separated as OpenIM's lists accept them. */
  public String address(DependencyKind kind) {
    if (spec.dependency(kind) instanceof Dependency.External external) {
      return String.join(",", external.addresses());
    }
    return names.of(kind) + ":" + port(kind);
  }

  /** The external dependency, or null when it runs in the cluster. */
  public Dependency.@Nullable External external(DependencyKind kind) {
    return spec.dependency(kind) instanceof Dependency.External e ? e : null;
  }

  /**
   * The URL clients use for MinIO: the spec's, else derived from the ingress, else the in-cluster
   * Service (a plan warning says clients outside cannot reach it). An external MinIO always has
   * the spec's: the spec refuses one without it.
   */
  public String minioExternalAddress() {
    if (spec.minioExternalAddress() != null) {
      return spec.minioExternalAddress();
    }
    Ingress ingress = spec.ingress();
    if (ingress != null && inCluster(DependencyKind.MINIO)) {
      return ingress.minioExternalAddress();
    }
    return "http://" + names.of(DependencyKind.MINIO) + "." + spec.namespace() + ".svc:9000";
  }

  /**
   * MinIO's S3 endpoint as a URL: an external one as given when it has a scheme ({@code https://}
   * gives TLS), else {@code http://host:port}, as OpenIM itself reads a bare address
   * (open-im-server v3.8.3-patch.15 pkg/common/config/config.go Minio.Build formatEndpoint; tools
   * v0.0.50-alpha.113 s3/minio/minio.go NewMinio: {@code Secure: u.Scheme == "https"}).
   */
  public String minioEndpoint() {
    String address = address(DependencyKind.MINIO);
    return address.startsWith("http://") || address.startsWith("https://") ? address : "http://" + address;
  }

  /**
   * The database OpenIM's MongoDB user authenticates against: an external MongoDB's {@code
   * authSource} when given, else {@code openim_v3}, where the in-cluster user is created (and
   * OpenIM's own default, config/mongodb.yml {@code authSource: openim_v3}).
   */
  public String mongoAuthSource() {
    Dependency.External mongo = external(DependencyKind.MONGODB);
    return mongo != null && mongo.authSource() != null ? mongo.authSource() : "openim_v3";
  }

  /**
   * The image of an in-cluster dependency: the spec's own when it names one (an imported setup keeps
   * the image that wrote its data), else the version line's; on the registry mirror if any.
   */
  public String dependencyImage(DependencyKind kind, Dependency.InCluster in) {
    String given = in.image();
    return image(given != null ? given : line.image(kind));
  }

  /** An image reference, rewritten onto the registry mirror when the spec has one. */
  public String image(String reference) {
    String mirror = spec.images().registryMirror();
    if (mirror == null) {
      return reference;
    }
    int slash = reference.indexOf('/');
    return mirror + "/" + (slash < 0 ? reference : reference.substring(slash + 1));
  }

  /** The label whose value Prometheus Operator takes as the job name of a Service's targets. */
  public static final String PROMETHEUS_JOB = "openim-deploy.io/prometheus-job";

  private Monitoring.@Nullable Mode resolved;

  /**
   * How Prometheus finds targets; AUTO, unresolved because rendering reads no cluster, becomes
   * annotations with a warning. The deployer resolves AUTO against the cluster before rendering.
   */
  public Monitoring.Mode monitoringMode() {
    Monitoring.@Nullable Mode mode = resolved;
    if (mode == null) {
      mode = spec.monitoring().mode();
      if (spec.monitoring().enabled() && mode == Monitoring.Mode.AUTO) {
        mode = Monitoring.Mode.ANNOTATIONS;
        warn("monitoring mode AUTO needs a cluster to look for the Prometheus Operator; rendered scrape"
            + " annotations (deploying through the Deployer detects it)");
      }
      resolved = mode;
    }
    return mode;
  }

  /**
   * Whether {@code component} gets a {@code <name>-metrics} Service: only where a ServiceMonitor
   * selects it (monitoring through the Prometheus Operator) and the component has a metrics port.
   * The component's own Service never lists the metrics port: OpenIM's resolvers may take the first
   * port an EndpointSlice lists, and the EndpointSlice controller orders ports by hash.
   */
  public boolean metricsService(Component component) {
    return spec.component(component).enabled() && line.ports(component).containsKey("metrics")
        && spec.monitoring().enabled() && monitoringMode() == Monitoring.Mode.OPERATOR;
  }

  /** The job name OpenIM's own Grafana dashboard and alert rules expect for a component. */
  public static String prometheusJob(Component component) {
    return "openimserver-" + component.id();
  }

  /** Adds a warning to the plan. */
  public void warn(String warning) {
    warnings.add(warning);
  }

  public List<String> warnings() {
    return List.copyOf(warnings);
  }
}
