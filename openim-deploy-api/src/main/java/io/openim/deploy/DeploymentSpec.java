/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Everything that decides what an OpenIM deployment looks like. Immutable and thread-safe; make
 * one with {@link #builder(String)}, change a copy with {@link #toBuilder()}.
 *
 * <pre>{@code
 * DeploymentSpec spec = DeploymentSpec.builder("openim")
 *     .namespace("im")
 *     .profile(Profile.PRODUCTION)
 *     .replicas(Component.API, 3)
 *     .ingress(new Ingress("im.example.com", "nginx", "im-example-tls"))
 *     .secret(SecretKey.OPENIM_SECRET, Secret.of(System.getenv("OPENIM_SECRET")))
 *     .build();
 * }</pre>
 *
 * @param release the release name, a prefix of every object's name
 * @param namespace the namespace everything goes into
 * @param version the OpenIM version line, a name from the version catalog ({@value
 *     #DEFAULT_VERSION} by default)
 * @param profile the profile the defaults came from
 * @param discovery how OpenIM processes find each other
 * @param components every component, enabled or not, in {@link Component} order
 * @param dependencies every dependency, in {@link DependencyKind} order
 * @param kafkaPartitions the partition count of each OpenIM Kafka topic
 * @param ingress how clients reach OpenIM from outside, or null for no Ingress
 * @param images registry mirror and pull secrets
 * @param storageClass the StorageClass of every data volume, or null for the cluster's default
 * @param minioExternalAddress the URL clients use for MinIO, or null to derive it from the ingress
 *     (required with an external MinIO)
 * @param logLevel OpenIM's {@code remainLogLevel}, 1 (least) to 6 (everything)
 * @param secrets every credential the spec uses, given or generated: none of an external
 *     dependency's in-cluster credentials ({@link SecretKey#inClusterOnly()})
 * @param configFiles whole config files that replace the image's own, by {@code server/<file>} or
 *     {@code chat/<file>}, in name order
 * @param monitoring Prometheus scraping, alert rules and dashboard
 * @param networkPolicies whether the plan holds NetworkPolicies (on unless turned off): a default deny
 *     for the release's pods, then by port only what its processes, Jobs, ingress and monitoring need
 * @since 0.1
 */
public record DeploymentSpec(
    String release,
    String namespace,
    String version,
    Profile profile,
    Discovery discovery,
    Map<Component, ComponentSpec> components,
    Map<DependencyKind, Dependency> dependencies,
    int kafkaPartitions,
    @Nullable Ingress ingress,
    Images images,
    @Nullable String storageClass,
    @Nullable String minioExternalAddress,
    int logLevel,
    Map<SecretKey, Secret> secrets,
    Map<String, String> configFiles,
    Monitoring monitoring,
    boolean networkPolicies) {

  /**
   * The version line used when none is given: OpenIM Server v3.8.3-patch.15 with Chat
   * v1.8.4-patch.5, the newest releases with published images.
   */
  public static final String DEFAULT_VERSION = "v3.8.3-patch.15";

  /** Checks every part is given and copies the collections, keeping their order. */
  public DeploymentSpec {
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(discovery, "discovery");
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(monitoring, "monitoring");
    components = Collections.unmodifiableMap(new EnumMap<>(components));
    dependencies = Collections.unmodifiableMap(new EnumMap<>(dependencies));
    secrets = Collections.unmodifiableMap(new EnumMap<>(secrets));
    configFiles = Collections.unmodifiableMap(new TreeMap<>(configFiles));
    for (Component component : Component.values()) {
      if (!components.containsKey(component)) {
        throw new IllegalArgumentException("components lacks " + component);
      }
    }
    for (DependencyKind kind : DependencyKind.values()) {
      if (!dependencies.containsKey(kind)) {
        throw new IllegalArgumentException("dependencies lacks " + kind);
      }
    }
    for (SecretKey key : SecretKey.values()) {
      boolean used = key.usedWith(dependencies);
      if (used && !secrets.containsKey(key)) {
        throw new IllegalArgumentException("secrets lacks " + key);
      }
      if (!used && secrets.containsKey(key)) {
        throw new IllegalArgumentException("secrets holds " + key + ", which is not used: "
            + key.inClusterOnly().map(DependencyKind::key).orElse("") + " is external");
      }
    }
  }

  /** A builder for release {@code release} in namespace {@code openim}, profile MINIMAL. */
  public static Builder builder(String release) {
    return new Builder(release);
  }

  /** A builder that starts from this spec; secrets generated for this spec are kept. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The settings of one component. */
  public ComponentSpec component(Component component) {
    return Objects.requireNonNull(components.get(component), component::key); // every component has one
  }

  /** Where one dependency comes from. */
  public Dependency dependency(DependencyKind kind) {
    return Objects.requireNonNull(dependencies.get(kind), kind::key); // every dependency has one
  }

  /**
   * One credential the spec uses.
   *
   * @throws IllegalArgumentException if the spec does not use {@code key} (see {@link #uses})
   */
  public Secret secret(SecretKey key) {
    Secret secret = secrets.get(key);
    if (secret == null) {
      throw new IllegalArgumentException(key.secretKey() + " is not used by this spec: "
          + key.inClusterOnly().map(DependencyKind::key).orElse("") + " is external");
    }
    return secret;
  }

  /**
   * Whether the spec uses the credential {@code key}: every credential except those of an
   * in-cluster dependency that is external here ({@link SecretKey#inClusterOnly()}).
   */
  public boolean uses(SecretKey key) {
    return secrets.containsKey(key);
  }

  /** The enabled components, in {@link Component} order. */
  public List<Component> enabledComponents() {
    return components.entrySet().stream()
        .filter(e -> e.getValue().enabled())
        .map(Map.Entry::getKey)
        .toList();
  }

  /** Like the generated form, but config files are named, not shown: they may hold secrets. */
  @Override
  public String toString() {
    return "DeploymentSpec[release=" + release + ", namespace=" + namespace + ", version=" + version
        + ", profile=" + profile + ", discovery=" + discovery + ", components=" + components
        + ", dependencies=" + dependencies + ", kafkaPartitions=" + kafkaPartitions + ", ingress=" + ingress
        + ", images=" + images + ", storageClass=" + storageClass + ", minioExternalAddress=" + minioExternalAddress
        + ", logLevel=" + logLevel + ", secrets=" + secrets + ", configFiles=" + configFiles.keySet()
        + ", monitoring=" + monitoring + ", networkPolicies=" + networkPolicies + "]";
  }

  /**
   * Builds a {@link DeploymentSpec}. Start from {@link DeploymentSpec#builder(String)}. Settings
   * given here win over the profile's defaults, whatever the order of the calls. Secrets not given
   * are generated at random when {@link #build()} runs. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private String release;
    private String namespace = "openim";
    private String version = DEFAULT_VERSION;
    private Profile profile = Profile.MINIMAL;
    private Discovery discovery = Discovery.ETCD;
    private final Map<Component, ComponentOverrides> overrides = new EnumMap<>(Component.class);
    private final Map<DependencyKind, Dependency> dependencies = new EnumMap<>(DependencyKind.class);
    private int kafkaPartitions = 8;
    private @Nullable Ingress ingress;
    private Images images = Images.DEFAULT;
    private @Nullable String storageClass;
    private @Nullable String minioExternalAddress;
    private @Nullable Integer logLevel;
    private final Map<SecretKey, Secret> secrets = new EnumMap<>(SecretKey.class);
    private final Map<String, String> configFiles = new TreeMap<>();
    private Monitoring monitoring = Monitoring.DISABLED;
    private boolean networkPolicies = true;

    private Builder(String release) {
      this.release = Objects.requireNonNull(release, "release");
    }

    private Builder(DeploymentSpec spec) {
      this(spec.release());
      namespace = spec.namespace();
      version = spec.version();
      profile = spec.profile();
      discovery = spec.discovery();
      for (Map.Entry<Component, ComponentSpec> e : spec.components().entrySet()) {
        overrides.put(e.getKey(), ComponentOverrides.of(e.getValue()));
      }
      dependencies.putAll(spec.dependencies());
      kafkaPartitions = spec.kafkaPartitions();
      ingress = spec.ingress();
      images = spec.images();
      storageClass = spec.storageClass();
      minioExternalAddress = spec.minioExternalAddress();
      logLevel = spec.logLevel();
      secrets.putAll(spec.secrets());
      configFiles.putAll(spec.configFiles());
      monitoring = spec.monitoring();
      networkPolicies = spec.networkPolicies();
    }

    /** The release name: a DNS label of at most 24 characters, the prefix of every object. */
    public Builder release(String release) {
      this.release = Objects.requireNonNull(release, "release");
      return this;
    }

    /** The namespace; {@code openim} unless set. */
    public Builder namespace(String namespace) {
      this.namespace = Objects.requireNonNull(namespace, "namespace");
      return this;
    }

    /** The version line, a name from the version catalog; {@value #DEFAULT_VERSION} unless set. */
    public Builder version(String version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /** The profile the defaults come from; {@link Profile#MINIMAL} unless set. */
    public Builder profile(Profile profile) {
      this.profile = Objects.requireNonNull(profile, "profile");
      return this;
    }

    /** How OpenIM processes find each other; {@link Discovery#ETCD} unless set. */
    public Builder discovery(Discovery discovery) {
      this.discovery = Objects.requireNonNull(discovery, "discovery");
      return this;
    }

    /** The replica count of {@code component}. */
    public Builder replicas(Component component, int replicas) {
      overrides(component).replicas = replicas;
      return this;
    }

    /** The CPU and memory of {@code component}. */
    public Builder resources(Component component, Resources resources) {
      overrides(component).resources = Objects.requireNonNull(resources, "resources");
      return this;
    }

    /** An extra environment variable of {@code component}; it wins over openim-deploy's own. */
    public Builder env(Component component, String name, String value) {
      overrides(component).env.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Where the pods of {@code component} may run. */
    public Builder placement(Component component, Placement placement) {
      overrides(component).placement = Objects.requireNonNull(placement, "placement");
      return this;
    }

    /** A HorizontalPodAutoscaler for {@code component}. */
    public Builder autoscaling(Component component, Autoscaling autoscaling) {
      overrides(component).autoscaling = Objects.requireNonNull(autoscaling, "autoscaling");
      return this;
    }

    /** Whether OpenIM Chat (its four components) is deployed; it is unless set. */
    public Builder chat(boolean enabled) {
      for (Component component : Component.chatComponents()) {
        overrides(component).enabled = enabled;
      }
      return this;
    }

    /** Where {@code kind} comes from; in the cluster, sized by the profile, unless set. */
    public Builder dependency(DependencyKind kind, Dependency dependency) {
      dependencies.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(dependency, "dependency"));
      return this;
    }

    /** The partition count of each OpenIM Kafka topic; 8 unless set. */
    public Builder kafkaPartitions(int kafkaPartitions) {
      this.kafkaPartitions = kafkaPartitions;
      return this;
    }

    /** How clients reach OpenIM from outside; no Ingress unless set. */
    public Builder ingress(Ingress ingress) {
      this.ingress = Objects.requireNonNull(ingress, "ingress");
      return this;
    }

    /** Registry mirror and pull secrets; Docker Hub directly unless set. */
    public Builder images(Images images) {
      this.images = Objects.requireNonNull(images, "images");
      return this;
    }

    /** The StorageClass of every data volume; the cluster's default unless set. */
    public Builder storageClass(String storageClass) {
      this.storageClass = Objects.requireNonNull(storageClass, "storageClass");
      return this;
    }

    /** The URL clients use for MinIO; derived from the ingress unless set. */
    public Builder minioExternalAddress(String minioExternalAddress) {
      this.minioExternalAddress = Objects.requireNonNull(minioExternalAddress, "minioExternalAddress");
      return this;
    }

    /** OpenIM's log level, 1 to 6; the profile's unless set. */
    public Builder logLevel(int logLevel) {
      this.logLevel = logLevel;
      return this;
    }

    /**
     * A credential; generated at random unless set. An in-cluster dependency's own credential is
     * refused by {@link #build()} when that dependency is external.
     */
    public Builder secret(SecretKey key, Secret secret) {
      secrets.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(secret, "secret"));
      return this;
    }

    /**
     * A whole config file that replaces the image's own, named {@code server/<file>.yml} or
     * {@code chat/<file>.yml}. Environment overrides still apply on top of it.
     */
    public Builder configFile(String name, String content) {
      configFiles.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(content, "content"));
      return this;
    }

    /** Prometheus scraping, alert rules and a dashboard; none unless set. */
    public Builder monitoring(Monitoring monitoring) {
      this.monitoring = Objects.requireNonNull(monitoring, "monitoring");
      return this;
    }

    /**
     * Whether the plan holds NetworkPolicies; it does unless set to false. They take effect where the
     * network plugin enforces them; turn them off to manage the release's network rules yourself.
     */
    public Builder networkPolicies(boolean enabled) {
      this.networkPolicies = enabled;
      return this;
    }

    /**
     * Checks everything, generates missing secrets, and builds the spec.
     *
     * @throws InvalidSpecException listing every problem, if there is any
     */
    public DeploymentSpec build() {
      Map<Component, ComponentSpec> components = SpecDefaults.components(profile, overrides);
      Map<DependencyKind, Dependency> deps = SpecDefaults.dependencies(profile, dependencies);
      int level = logLevel != null ? logLevel : profile.logLevel();
      List<Violation> violations = new ArrayList<>();
      SpecChecks checks = new SpecChecks(violations);
      checks.names(release, namespace, version, storageClass, images);
      checks.components(components, kafkaPartitions);
      checks.dependencies(deps, kafkaPartitions);
      checks.ingress(ingress, minioExternalAddress, Objects.requireNonNull(deps.get(DependencyKind.MINIO), "minio"));
      checks.logLevel(level);
      checks.secrets(secrets, deps);
      checks.configFiles(configFiles);
      if (!violations.isEmpty()) {
        throw new InvalidSpecException(violations);
      }
      return new DeploymentSpec(release, namespace, version, profile, discovery, components, deps,
          kafkaPartitions, ingress, images, storageClass, minioExternalAddress, level,
          SpecDefaults.secrets(secrets, deps), configFiles, monitoring, networkPolicies);
    }

    private ComponentOverrides overrides(Component component) {
      return overrides.computeIfAbsent(Objects.requireNonNull(component, "component"), c -> new ComponentOverrides());
    }
  }
}
