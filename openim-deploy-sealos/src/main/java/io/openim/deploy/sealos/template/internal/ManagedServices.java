/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template.internal;

import static io.openim.deploy.sealos.template.internal.Placeholders.APP;
import static io.openim.deploy.sealos.template.internal.Placeholders.NAMESPACE;

import io.openim.deploy.Dependency;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Sealos Cloud's own services in place of the in-cluster MongoDB, Redis and MinIO: a KubeBlocks
 * MongoDB and Redis, an ObjectStorageBucket, and OpenIM's processes wired to the Secrets their
 * controllers create. Facts from docs/sealos.md "Conventions every template follows" (labring-actions
 * templates, kb-0.9 branch): names, Secret keys and addresses are theirs.
 */
public final class ManagedServices {
  /** The KubeBlocks MongoDB cluster: {@code <app>-mongo}. */
  public static final String MONGO = APP + "-mongo";
  /** Its root account's Secret, {@code <cluster>-mongodb-account-root}, keys username and password. */
  public static final String MONGO_SECRET = MONGO + "-mongodb-account-root";
  /** Its address, {@code <cluster>-mongodb.<ns>.svc:27017}. */
  public static final String MONGO_ADDRESS = MONGO + "-mongodb." + NAMESPACE + ".svc:27017";
  /** The KubeBlocks Redis cluster: {@code <app>-redis}. */
  public static final String REDIS = APP + "-redis";
  /** Its default account's Secret, {@code <cluster>-redis-account-default}. */
  public static final String REDIS_SECRET = REDIS + "-redis-account-default";
  /** Its address, {@code <cluster>-redis-redis.<ns>.svc:6379}. */
  public static final String REDIS_ADDRESS = REDIS + "-redis-redis." + NAMESPACE + ".svc:6379";
  /** The bucket: {@code <app>}, which object storage turns into the real bucket {@code <user>-<app>}. */
  public static final String BUCKET = APP;
  /**
   * The bucket's Secret, {@code object-storage-key-<user>-<bucket>}: accessKey, secretKey, internal,
   * external, bucket (the generated bucket name, which OpenIM's minio.yml {@code bucket} must take).
   */
  public static final String BUCKET_SECRET = "object-storage-key-" + Placeholders.SERVICE_ACCOUNT + "-" + BUCKET;

  /** Where the bucket's external host is put, so the external address can prefix it with https://. */
  static final String EXTERNAL_HOST = "OBJECT_STORAGE_EXTERNAL";

  // how much a database gets when the spec gives no limit: typical template resources (docs/sealos.md)
  private static final String LIMIT_CPU = "500m";
  private static final String LIMIT_MEMORY = "512Mi";

  private ManagedServices() {}

  /** The KubeBlocks clusters (each with its ServiceAccount, Role and RoleBinding) and the bucket. */
  public static List<Map<String, Object>> objects(Set<DependencyKind> managed,
      Map<DependencyKind, Dependency> dependencies, String storageClass) {
    // the spec's size and resources for each database it would have run in the cluster
    List<Map<String, Object>> out = new ArrayList<>();
    if (managed.contains(DependencyKind.MONGODB)) {
      // componentDef mongodb, serviceVersion 8.0.4 (templates kb-0.9, docs/sealos.md "KubeBlocks databases")
      Map<String, Object> component = component("mongodb", "mongodb", "8.0.4", 1,
          dependencies.get(DependencyKind.MONGODB), storageClass, MONGO);
      out.add(cluster(MONGO, Trees.map("componentSpecs", List.of(component))));
      out.addAll(access(MONGO));
    }
    if (managed.contains(DependencyKind.REDIS)) {
      @Nullable Dependency redis = dependencies.get(DependencyKind.REDIS);
      // clusterDefinitionRef redis, redis-7 and redis-sentinel-7 at 7.2.7, replication (templates kb-0.9,
      // docs/sealos.md); one replica of each here, the spec's size and resources for the data
      Map<String, Object> data = component("redis", "redis-7", "7.2.7", 1, redis, storageClass, REDIS);
      Map<String, Object> sentinel = component("redis-sentinel", "redis-sentinel-7", "7.2.7", 1, null, storageClass, REDIS);
      out.add(cluster(REDIS, Trees.map("clusterDefinitionRef", "redis", "topology", "replication",
          "componentSpecs", List.of(data, sentinel))));
      out.addAll(access(REDIS));
    }
    if (managed.contains(DependencyKind.MINIO)) {
      // spec.policy private (docs/sealos.md), as OpenIM's own bucket is (minio.yml publicRead: false; clients
      // get presigned URLs built on the external address, openim-facts.md 2.2)
      out.add(Trees.map("apiVersion", "objectstorage.sealos.io/v1", "kind", "ObjectStorageBucket",
          "metadata", Trees.map("name", BUCKET), "spec", Trees.map("policy", "private")));
    }
    return out;
  }

  private static Map<String, Object> cluster(String name, Map<String, Object> spec) {
    // terminationPolicy Delete and the label sealos-db-provider-cr, as every template's (docs/sealos.md)
    Map<String, Object> full = Trees.map("terminationPolicy", "Delete");
    full.putAll(spec);
    return Trees.map("apiVersion", "apps.kubeblocks.io/v1alpha1", "kind", "Cluster",
        "metadata", Trees.map("name", name, "labels", Trees.map("sealos-db-provider-cr", name)),
        "spec", full);
  }

  private static Map<String, Object> component(String name, String definition, String version, int replicas,
      @Nullable Dependency dependency, String storageClass, String account) {
    Resources r = dependency instanceof Dependency.InCluster in ? in.resources() : Resources.requests("50m", "51Mi");
    String size = dependency instanceof Dependency.InCluster in ? in.storageSize() : "1Gi";
    return Trees.map(
        "name", name,
        "componentDef", definition,
        "serviceVersion", version,
        "replicas", replicas,
        "serviceAccountName", account,
        "resources", Trees.map(
            "limits", Trees.map("cpu", Conventions.atLeast(r.cpuLimit() != null ? r.cpuLimit() : LIMIT_CPU, r.cpuRequest()),
                "memory", Conventions.atLeast(r.memoryLimit() != null ? r.memoryLimit() : LIMIT_MEMORY, r.memoryRequest())),
            "requests", Trees.map("cpu", r.cpuRequest(), "memory", r.memoryRequest())),
        "volumeClaimTemplates", List.of(Trees.map("name", "data", "spec", Trees.map(
            "accessModes", List.of("ReadWriteOnce"),
            "resources", Trees.map("requests", Trees.map("storage", size)),
            "storageClassName", storageClass))));
  }

  /** The ServiceAccount, Role and RoleBinding every database of a template gets, named after it. */
  private static List<Map<String, Object>> access(String name) {
    Map<String, Object> labels = Trees.map("sealos-db-provider-cr", name, "app.kubernetes.io/instance", name,
        "app.kubernetes.io/managed-by", "kbcli");
    return List.of(
        Trees.map("apiVersion", "v1", "kind", "ServiceAccount", "metadata", Trees.map("name", name, "labels", labels)),
        Trees.map("apiVersion", "rbac.authorization.k8s.io/v1", "kind", "Role",
            "metadata", Trees.map("name", name, "labels", Trees.copy(labels)),
            "rules", List.of(Trees.map("apiGroups", List.of(""), "resources", List.of("events"),
                "verbs", List.of("create")))),
        Trees.map("apiVersion", "rbac.authorization.k8s.io/v1", "kind", "RoleBinding",
            "metadata", Trees.map("name", name, "labels", Trees.copy(labels)),
            "roleRef", Trees.map("apiGroup", "rbac.authorization.k8s.io", "kind", "Role", "name", name),
            "subjects", List.of(Trees.map("kind", "ServiceAccount", "name", name, "namespace", NAMESPACE))));
  }

  /**
   * Points every OpenIM process of {@code object} at the managed services: the variables of
   * mongodb.yml, redis.yml and minio.yml (openim-facts.md 3.2: {@code <PREFIX>_<FILE>_<KEY>}, found
   * by the address variable each process has, so server and chat prefixes both work).
   */
  public static void rewire(Map<String, Object> object, Set<DependencyKind> managed) {
    for (Map<String, Object> container : Trees.containers(object)) {
      List<Map<String, Object>> env = Trees.maps(container, "env");
      for (String prefix : prefixes(env, "MONGODB_ADDRESS")) {
        if (managed.contains(DependencyKind.MONGODB)) {
          set(env, prefix + "MONGODB_ADDRESS", MONGO_ADDRESS);
          fromSecret(env, prefix + "MONGODB_USERNAME", MONGO_SECRET, "username");
          fromSecret(env, prefix + "MONGODB_PASSWORD", MONGO_SECRET, "password");
          // KubeBlocks' root user lives in admin, not in openim_v3 (mongodb.yml authSource)
          set(env, prefix + "MONGODB_AUTHSOURCE", "admin");
        }
      }
      for (String prefix : prefixes(env, "REDIS_ADDRESS")) {
        if (managed.contains(DependencyKind.REDIS)) {
          set(env, prefix + "REDIS_ADDRESS", REDIS_ADDRESS);
          // the password alone authenticates as Redis's default user, whose account this is
          env.removeIf(e -> (prefix + "REDIS_USERNAME").equals(e.get("name")));
          fromSecret(env, prefix + "REDIS_PASSWORD", REDIS_SECRET, "password");
        }
      }
      for (String prefix : prefixes(env, "MINIO_INTERNALADDRESS")) {
        if (managed.contains(DependencyKind.MINIO)) {
          if (env.stream().noneMatch(e -> EXTERNAL_HOST.equals(e.get("name")))) {
            // first: a $(VAR) reference sees only the variables before it
            env.add(0, Trees.map("name", EXTERNAL_HOST, "valueFrom", secretKey(BUCKET_SECRET, "external")));
          }
          fromSecret(env, prefix + "MINIO_INTERNALADDRESS", BUCKET_SECRET, "internal");
          // the external endpoint is a host name that clients reach over TLS (inference: templates
          // prefix it with https://)
          set(env, prefix + "MINIO_EXTERNALADDRESS", "https://$(" + EXTERNAL_HOST + ")");
          fromSecret(env, prefix + "MINIO_ACCESSKEYID", BUCKET_SECRET, "accessKey");
          fromSecret(env, prefix + "MINIO_SECRETACCESSKEY", BUCKET_SECRET, "secretKey");
          fromSecret(env, prefix + "MINIO_BUCKET", BUCKET_SECRET, "bucket");
        }
      }
    }
  }

  private static List<String> prefixes(List<Map<String, Object>> env, String suffix) {
    List<String> out = new ArrayList<>();
    for (Map<String, Object> e : env) {
      String name = String.valueOf(e.get("name"));
      if (name.endsWith("_" + suffix)) {
        out.add(name.substring(0, name.length() - suffix.length()));
      }
    }
    return out;
  }

  private static void set(List<Map<String, Object>> env, String name, String value) {
    put(env, Trees.map("name", name, "value", value));
  }

  private static void fromSecret(List<Map<String, Object>> env, String name, String secret, String key) {
    put(env, Trees.map("name", name, "valueFrom", secretKey(secret, key)));
  }

  private static Map<String, Object> secretKey(String secret, String key) {
    return Trees.map("secretKeyRef", Trees.map("name", secret, "key", key));
  }

  private static void put(List<Map<String, Object>> env, Map<String, Object> entry) {
    for (int i = 0; i < env.size(); i++) {
      if (Objects.equals(entry.get("name"), env.get(i).get("name"))) {
        env.set(i, entry);
        return;
      }
    }
    env.add(entry);
  }
}
