/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The checks behind {@link DeploymentSpec.Builder#build()}; each adds to one list of problems. */
final class SpecChecks {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern QUANTITY =
      Pattern.compile("[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+:[0-9]{1,5}");
  /** An S3 endpoint: OpenIM passes http(s):// on and enables TLS for https only (tools s3/minio/minio.go). */
  private static final Pattern S3_ENDPOINT = Pattern.compile("https?://[A-Za-z0-9.\\-\\[\\]:]+(:[0-9]{1,5})?");
  private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_\\-]{1,63}");
  private static final Pattern CONFIG_FILE = Pattern.compile("(server|chat)/[a-z0-9][a-z0-9-]*\\.yml");
  private static final int RELEASE_MAX = 24;

  private final List<Violation> violations;
  private final KubernetesChecks kubernetes;

  SpecChecks(List<Violation> violations) {
    this.violations = violations;
    this.kubernetes = new KubernetesChecks(this::add);
  }

  void names(String release, String namespace, String version, @Nullable String storageClass, Images images) {
    if (!DNS_LABEL.matcher(release).matches() || release.length() > RELEASE_MAX) {
      add("release", "must be a lower-case DNS label of at most " + RELEASE_MAX
          + " characters (letters, digits, '-'), since every object name starts with it, but was '"
          + release + "'");
    }
    if (!DNS_LABEL.matcher(namespace).matches() || namespace.length() > 63) {
      add("namespace", "must be a lower-case DNS label of at most 63 characters, but was '" + namespace + "'");
    }
    if (version.isBlank()) {
      add("version", "must name a version line, for example " + DeploymentSpec.DEFAULT_VERSION);
    }
    if (storageClass != null && !KubernetesChecks.dnsSubdomain(storageClass)) {
      add("storageClass", "must be a StorageClass name, but was '" + storageClass + "'");
    }
    for (int i = 0; i < images.pullSecrets().size(); i++) {
      String name = images.pullSecrets().get(i);
      if (!KubernetesChecks.dnsSubdomain(name)) {
        add("images.pullSecrets[" + i + "]", "must be a Secret name, but was '" + name + "'");
      }
    }
    String mirror = images.registryMirror();
    if (mirror != null && (mirror.isBlank() || mirror.contains("://") || mirror.endsWith("/")
        || mirror.chars().anyMatch(Character::isWhitespace))) {
      add("images.registryMirror", "must be a registry host with an optional path and no scheme or"
          + " trailing '/', for example registry.example.com/dockerhub, but was '" + mirror + "'");
    }
  }

  void components(Map<Component, ComponentSpec> components, int kafkaPartitions) {
    for (Map.Entry<Component, ComponentSpec> entry : components.entrySet()) {
      Component component = entry.getKey();
      ComponentSpec spec = entry.getValue();
      String path = "components." + component.key();
      if (!spec.enabled() && !component.chat()) {
        add(path + ".enabled", "OpenIM Server needs every one of its processes; only chat can be left out");
      }
      if (spec.replicas() < 1) {
        add(path + ".replicas", "must be at least 1, but was " + spec.replicas());
      }
      if (component == Component.CRONTASK && spec.replicas() > 1) {
        add(path + ".replicas", "must be 1: OpenIM's crontask takes no lock, so every replica would run"
            + " every cleanup job; but was " + spec.replicas());
      }
      quantity(path + ".resources.cpuRequest", spec.resources().cpuRequest());
      quantity(path + ".resources.memoryRequest", spec.resources().memoryRequest());
      quantity(path + ".resources.cpuLimit", spec.resources().cpuLimit());
      quantity(path + ".resources.memoryLimit", spec.resources().memoryLimit());
      kubernetes.requestsWithinLimits(path + ".resources", spec.resources());
      kubernetes.placement(path + ".placement", spec.placement());
      for (String name : spec.env().keySet()) {
        if (!ENV_NAME.matcher(name).matches()) {
          add(path + ".env." + name, "is not a valid environment variable name");
        }
      }
      Autoscaling hpa = spec.autoscaling();
      if (hpa != null) {
        autoscaling(path + ".autoscaling", component, hpa);
      }
    }
  }

  private void autoscaling(String path, Component component, Autoscaling hpa) {
    if (component == Component.CRONTASK) {
      add(path, "crontask cannot autoscale: it must run as exactly one replica");
      return;
    }
    if (hpa.minReplicas() < 1) {
      add(path + ".minReplicas", "must be at least 1, but was " + hpa.minReplicas());
    }
    if (hpa.maxReplicas() < hpa.minReplicas()) {
      add(path + ".maxReplicas", "must be at least minReplicas (" + hpa.minReplicas() + "), but was "
          + hpa.maxReplicas());
    }
    if (hpa.cpuUtilization() == null && hpa.memoryUtilization() == null) {
      add(path, "needs a CPU or a memory target");
    }
    percent(path + ".cpuUtilization", hpa.cpuUtilization());
    percent(path + ".memoryUtilization", hpa.memoryUtilization());
  }

  void dependencies(Map<DependencyKind, Dependency> dependencies, int kafkaPartitions) {
    if (kafkaPartitions < 1) {
      add("kafkaPartitions", "must be at least 1, but was " + kafkaPartitions);
    }
    for (Map.Entry<DependencyKind, Dependency> entry : dependencies.entrySet()) {
      String path = "dependencies." + entry.getKey().key();
      if (entry.getValue() instanceof Dependency.InCluster in) {
        quantity(path + ".storageSize", in.storageSize());
        quantity(path + ".resources.cpuRequest", in.resources().cpuRequest());
        quantity(path + ".resources.memoryRequest", in.resources().memoryRequest());
        quantity(path + ".resources.cpuLimit", in.resources().cpuLimit());
        quantity(path + ".resources.memoryLimit", in.resources().memoryLimit());
        kubernetes.requestsWithinLimits(path + ".resources", in.resources());
        kubernetes.positive(path + ".storageSize", in.storageSize());
        kubernetes.image(path + ".image", in.image());
      } else if (entry.getValue() instanceof Dependency.External ext) {
        boolean minio = entry.getKey() == DependencyKind.MINIO;
        if (ext.addresses().isEmpty()) {
          add(path + ".addresses", minio ? "must give the S3 endpoint, for example https://s3.example.com"
              : "must list at least one host:port");
        }
        if (minio && ext.addresses().size() > 1) {
          add(path + ".addresses", "must give exactly one S3 endpoint: OpenIM talks to one MinIO or S3 address,"
              + " but " + ext.addresses().size() + " were given");
        }
        for (int i = 0; i < ext.addresses().size(); i++) {
          String address = ext.addresses().get(i);
          if (minio && !HOST_PORT.matcher(address).matches() && !S3_ENDPOINT.matcher(address).matches()) {
            add(path + ".addresses[" + i + "]", "must be https://host[:port] (TLS), http://host[:port] or host:port"
                + " (plain HTTP), without a path, but was '" + address + "'");
          } else if (!minio && !HOST_PORT.matcher(address).matches()) {
            add(path + ".addresses[" + i + "]", "must be host:port, but was '" + address + "'");
          }
        }
        if (ext.authSource() != null && entry.getKey() != DependencyKind.MONGODB) {
          add(path + ".authSource", "only MongoDB has an authentication database; " + entry.getKey().key()
              + " has none");
        } else if (ext.authSource() != null && !DATABASE.matcher(ext.authSource()).matches()) {
          add(path + ".authSource", "must be a MongoDB database name such as admin, but was '"
              + ext.authSource() + "'");
        }
        if (ext.tlsSecret() != null && entry.getKey() != DependencyKind.KAFKA) {
          add(path + ".tlsSecret", "OpenIM supports TLS only for Kafka; " + entry.getKey().key()
              + " has no TLS setting in its config");
        }
        if (entry.getKey() == DependencyKind.MINIO && (ext.username() == null || ext.password() == null)) {
          add(path, "an external MinIO needs username (access key id) and password (secret key)");
        }
      }
    }
  }

  void ingress(@Nullable Ingress ingress, @Nullable String minioExternalAddress, Dependency minio) {
    // Clients fetch files from the URLs OpenIM presigns for minio.yml externalAddress
    // (open-im-server v3.8.3-patch.15 pkg/common/config/config.go Minio.Build: SignEndpoint). The
    // Ingress routes its MinIO path only to an in-cluster MinIO, so an external one has no address
    // to derive; without one, clients would get URLs naming a Service that does not exist.
    if (minio instanceof Dependency.External && minioExternalAddress == null) {
      add("minioExternalAddress", "is required with an external MinIO: set it to the URL clients reach that"
          + " MinIO or S3 endpoint at (https:// for TLS), for example https://files.example.com; the"
          + (ingress == null ? " spec has no ingress, and an ingress" : " ingress") + " serves only an in-cluster MinIO");
    }
    if (ingress != null) {
      if (!KubernetesChecks.dnsSubdomain(ingress.host())) {
        add("ingress.host", "must be a DNS name, but was '" + ingress.host() + "'");
      }
      if (ingress.tlsSecret() != null && !KubernetesChecks.dnsSubdomain(ingress.tlsSecret())) {
        add("ingress.tlsSecret", "must be a Secret name, but was '" + ingress.tlsSecret() + "'");
      }
      if (ingress.className() != null && !KubernetesChecks.dnsSubdomain(ingress.className())) {
        add("ingress.className", "must be an IngressClass name, but was '" + ingress.className() + "'");
      }
    }
    if (minioExternalAddress != null
        && !(minioExternalAddress.startsWith("http://") || minioExternalAddress.startsWith("https://"))) {
      add("minioExternalAddress", "must be an http:// or https:// URL that clients can reach, but was '"
          + minioExternalAddress + "'");
    }
  }

  void logLevel(int level) {
    if (level < 1 || level > 6) {
      add("logLevel", "must be 1 to 6 (OpenIM's remainLogLevel), but was " + level);
    }
  }

  void secrets(Map<SecretKey, Secret> secrets, Map<DependencyKind, Dependency> dependencies) {
    for (Map.Entry<SecretKey, Secret> entry : secrets.entrySet()) {
      SecretKey key = entry.getKey();
      if (entry.getValue().reveal().equals(key.publicDefault())) {
        add("secrets." + key.secretKey(), "is OpenIM's published default, which anyone can"
            + " look up; give another value or leave it out to have a random one generated");
      }
      String unusable = unusableCharacters(key, entry.getValue().reveal());
      if (unusable != null) {
        add("secrets." + key.secretKey(), unusable + "; give another value or leave it out to have a random"
            + " one generated");
      }
      // one generated for an earlier spec (toBuilder) is dropped, not refused: nobody gave it
      key.inClusterOnly().filter(kind -> dependencies.get(kind) instanceof Dependency.External)
          .filter(kind -> !entry.getValue().generated()).ifPresent(kind ->
          add("secrets." + key.secretKey(), "is a credential of the in-cluster " + kind.key() + ", but " + kind.key()
              + " is external, so nothing would use it; give the external one's credentials as dependencies."
              + kind.key() + ".external.username and password, and leave this out"));
    }
  }

  /**
   * Why {@code value} cannot serve as {@code key}, or null. etcdctl reads a new user's password
   * as one word (etcd v3.5.13 etcdctl/ctlv3/command/user_command.go: fmt.Scanf("%s"), also behind
   * the Bitnami image's root user, libetcd.sh etcd_configure_rbac). The Bitnami Kafka image splits
   * KAFKA_CLIENT_PASSWORDS at white space, ',' and ';' and writes each password between double
   * quotes into a JAAS line (libkafka.sh kafka_configure_server_jaas), where '"' and '\' would
   * end or escape it; the topics Job writes it the same way.
   */
  private static @Nullable String unusableCharacters(SecretKey key, String value) {
    boolean etcd = key == SecretKey.ETCD_ROOT_PASSWORD || key == SecretKey.ETCD_PASSWORD;
    boolean kafka = key == SecretKey.KAFKA_PASSWORD || key == SecretKey.KAFKA_BROKER_PASSWORD;
    if (etcd && value.chars().anyMatch(Character::isWhitespace)) {
      return "holds white space, which etcdctl cuts the password at when it creates the user";
    }
    if (kafka && value.chars().anyMatch(c -> Character.isWhitespace(c) || ",;\"\\".indexOf(c) >= 0)) {
      return "holds white space or one of , ; \" \\ which the Kafka image splits passwords at or"
          + " cannot quote in its JAAS configuration";
    }
    return null;
  }

  void configFiles(Map<String, String> files) {
    kubernetes.configFilesFit(files);
    for (Map.Entry<String, String> entry : files.entrySet()) {
      if (!CONFIG_FILE.matcher(entry.getKey()).matches()) {
        add("configFiles." + entry.getKey(), "must be named server/<file>.yml or chat/<file>.yml");
      }
      if (entry.getValue().isBlank()) {
        add("configFiles." + entry.getKey(), "is empty");
      }
    }
  }

  private void quantity(String path, @Nullable String value) {
    if (value != null && !QUANTITY.matcher(value).matches()) {
      add(path, "must be a Kubernetes quantity such as 250m, 1 or 512Mi, but was '" + value + "'");
    }
  }

  private void percent(String path, @Nullable Integer value) {
    if (value != null && (value < 1 || value > 1000)) {
      add(path, "must be a percentage from 1 to 1000, but was " + value);
    }
  }

  private void add(String path, String message) {
    violations.add(new Violation(path, message));
  }
}
