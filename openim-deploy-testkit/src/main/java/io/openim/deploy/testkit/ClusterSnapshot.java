/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.ApisApi;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.models.V1APIGroup;
import io.kubernetes.client.openapi.models.V1APIResource;
import io.kubernetes.client.openapi.models.V1APIResourceList;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesListObject;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every object the API server holds in some namespaces, and every cluster-scoped object, as read
 * through API discovery: each resource type of each group's preferred version that can be listed
 * and written. Two snapshots compare to the writes made between them.
 *
 * <p>An object is kept as its whole body less what the cluster itself keeps changing: {@code
 * status}, {@code metadata.resourceVersion} and {@code metadata.managedFields}. Left out are
 * Events and core Endpoints (the control plane writes them on its own), objects another object
 * controls (a controller {@code ownerReference}: Pods, ReplicaSets, EndpointSlices, ...), what
 * the volume controllers write as they bind a claim (a PersistentVolume's {@code
 * spec.claimRef}, a PersistentVolumeClaim's {@code spec.volumeName}, and the {@code
 * pv.kubernetes.io/} and {@code volume.kubernetes.io/} annotations of both), and the appearance
 * of what every new namespace gets (the {@code kube-root-ca.crt} ConfigMap and the {@code
 * default} ServiceAccount). In the namespaces under test, and for their Namespace objects, every
 * other creation, change and deletion counts. Elsewhere only creations and changes of objects not
 * being deleted count: earlier tests' namespaces are still being collected in the background,
 * and their volumes with them.
 */
final class ClusterSnapshot {
  private static final Set<String> UNWATCHED = Set.of("events", "events.events.k8s.io", "endpoints");
  /** Per kind, the spec field that names the other side of a volume binding. */
  private static final Map<String, String> VOLUME_BINDING = Map.of("PersistentVolume", "claimRef",
      "PersistentVolumeClaim", "volumeName");
  private static final List<String> VOLUME_ANNOTATIONS = List.of("pv.kubernetes.io/", "volume.kubernetes.io/",
      "volume.beta.kubernetes.io/");
  private static final Set<String> NAMESPACE_BOOTSTRAP = Set.of("ConfigMap/kube-root-ca.crt",
      "ServiceAccount/default");

  private final Set<String> namespaces;
  private final Map<String, JsonObject> inScope;
  private final Map<String, JsonObject> elsewhere;

  private ClusterSnapshot(Set<String> namespaces, Map<String, JsonObject> inScope,
      Map<String, JsonObject> elsewhere) {
    this.namespaces = namespaces;
    this.inScope = inScope;
    this.elsewhere = elsewhere;
  }

  /** Reads every object of {@code namespaces} and every cluster-scoped object. */
  static ClusterSnapshot take(ApiClient client, String... namespaces) {
    Set<String> tested = new TreeSet<>(List.of(namespaces));
    Map<String, JsonObject> inScope = new TreeMap<>();
    Map<String, JsonObject> elsewhere = new TreeMap<>();
    for (Type type : types(client)) {
      DynamicKubernetesApi api = new DynamicKubernetesApi(type.group(), type.version(), type.plural(), client);
      if (type.namespaced()) {
        for (String namespace : tested) {
          collect(type, api.list(namespace), inScope);
        }
      } else {
        Map<String, JsonObject> all = new TreeMap<>();
        collect(type, api.list(), all);
        all.forEach((id, body) -> {
          boolean testedNamespace = type.plural().equals("namespaces") && type.group().isEmpty()
              && tested.contains(body.getAsJsonObject("metadata").get("name").getAsString());
          (testedNamespace ? inScope : elsewhere).put(id, body);
        });
      }
    }
    return new ClusterSnapshot(tested, inScope, elsewhere);
  }

  /** Whether the snapshot saw Namespace {@code name}. */
  boolean hasNamespace(String name) {
    return inScope.containsKey("Namespace/" + name) || elsewhere.containsKey("Namespace/" + name);
  }

  /**
   * The writes between {@code before} and this snapshot, one line each ({@code created
   * ConfigMap/ns/name}, {@code changed Deployment.apps/ns/name: spec.replicas}, {@code deleted ...}); empty
   * when nothing was written.
   */
  List<String> changesSince(ClusterSnapshot before) {
    if (!before.namespaces.equals(namespaces)) {
      throw new IllegalArgumentException("snapshots of different namespaces: " + before.namespaces + ", " + namespaces);
    }
    List<String> changes = new ArrayList<>();
    inScope.forEach((id, body) -> {
      JsonObject old = before.inScope.get(id);
      if (old == null && !bootstrap(body)) {
        changes.add("created " + id);
      } else if (old != null && !old.equals(body)) {
        changes.add("changed " + id + ": " + differingKeys(old, body));
      }
    });
    before.inScope.keySet().stream().filter(id -> !inScope.containsKey(id)).forEach(id -> changes.add("deleted " + id));
    elsewhere.forEach((id, body) -> {
      JsonObject old = before.elsewhere.get(id);
      if (old == null) {
        changes.add("created " + id);
      } else if (!old.equals(body) && !body.getAsJsonObject("metadata").has("deletionTimestamp")) {
        changes.add("changed " + id + ": " + differingKeys(old, body));
      }
    });
    return changes;
  }

  private static boolean bootstrap(JsonObject body) {
    return NAMESPACE_BOOTSTRAP.contains(body.get("kind").getAsString() + "/"
        + body.getAsJsonObject("metadata").get("name").getAsString());
  }

  /** The paths of the fields that differ ({@code spec.claimRef.uid}), descending into objects. */
  private static String differingKeys(JsonObject old, JsonObject now) {
    List<String> paths = new ArrayList<>();
    differing("", old, now, paths);
    return String.join(", ", paths);
  }

  private static void differing(String path, JsonObject old, JsonObject now, List<String> into) {
    Set<String> keys = new TreeSet<>(old.keySet());
    keys.addAll(now.keySet());
    for (String key : keys) {
      JsonElement was = old.get(key);
      JsonElement is = now.get(key);
      if (was != null && is != null && was.isJsonObject() && is.isJsonObject()) {
        differing(path + key + ".", was.getAsJsonObject(), is.getAsJsonObject(), into);
      } else if (!Objects.equals(was, is)) {
        into.add(path + key);
      }
    }
  }

  private static void collect(Type type, KubernetesApiResponse<DynamicKubernetesListObject> response,
      Map<String, JsonObject> into) {
    if (!response.isSuccess()) {
      throw new IllegalStateException("cannot list " + type + ": HTTP " + response.getHttpStatusCode() + " "
          + response.getStatus());
    }
    for (DynamicKubernetesObject item : response.getObject().getItems()) {
      JsonObject body = item.getRaw().deepCopy();
      JsonObject metadata = body.getAsJsonObject("metadata");
      if (controlled(metadata)) {
        continue;
      }
      body.remove("status");
      metadata.remove("resourceVersion");
      metadata.remove("managedFields");
      if (type.group().isEmpty() && VOLUME_BINDING.containsKey(type.kind())) {
        withoutBinding(body, VOLUME_BINDING.get(type.kind()));
      }
      // items of a list carry no kind of their own on every server version
      body.addProperty("kind", type.kind());
      String namespace = metadata.has("namespace") ? metadata.get("namespace").getAsString() + "/" : "";
      into.put(type.kind() + (type.group().isEmpty() ? "" : "." + type.group()) + "/" + namespace
          + metadata.get("name").getAsString(), body);
    }
  }

  /** Drops what the volume controllers write as they bind and release claims. */
  private static void withoutBinding(JsonObject body, String specField) {
    JsonObject spec = body.getAsJsonObject("spec");
    if (spec != null) {
      spec.remove(specField);
    }
    JsonObject annotations = body.getAsJsonObject("metadata").getAsJsonObject("annotations");
    if (annotations != null) {
      annotations.keySet().removeIf(key -> VOLUME_ANNOTATIONS.stream().anyMatch(key::startsWith));
    }
  }

  private static boolean controlled(JsonObject metadata) {
    JsonElement owners = metadata.get("ownerReferences");
    if (owners == null || !owners.isJsonArray()) {
      return false;
    }
    for (JsonElement owner : owners.getAsJsonArray()) {
      JsonElement controller = owner.getAsJsonObject().get("controller");
      if (controller != null && controller.getAsBoolean()) {
        return true;
      }
    }
    return false;
  }

  /** The listable, writable resource types of each group's preferred version. */
  private static List<Type> types(ApiClient client) {
    List<Type> types = new ArrayList<>();
    try {
      addTypes(types, "", "v1", new CoreV1Api(client).getAPIResources().execute());
      CustomObjectsApi groups = new CustomObjectsApi(client);
      for (V1APIGroup group : new ApisApi(client).getAPIVersions().execute().getGroups()) {
        String version = Objects.requireNonNull(group.getPreferredVersion(), group.getName()).getVersion();
        addTypes(types, group.getName(), version, groups.getAPIResources(group.getName(), version).execute());
      }
    } catch (ApiException e) {
      throw new IllegalStateException("API discovery failed: HTTP " + e.getCode() + " " + e.getResponseBody(), e);
    }
    return types;
  }

  private static void addTypes(List<Type> types, String group, String version, V1APIResourceList resources) {
    for (V1APIResource resource : resources.getResources()) {
      List<String> verbs = resource.getVerbs();
      String qualified = resource.getName() + (group.isEmpty() ? "" : "." + group);
      if (resource.getName().contains("/") || UNWATCHED.contains(qualified) || !verbs.contains("list")
          || !(verbs.contains("create") || verbs.contains("patch"))) {
        continue;
      }
      types.add(new Type(group, version, resource.getName(), resource.getKind(), resource.getNamespaced()));
    }
  }

  private record Type(String group, String version, String plural, String kind, boolean namespaced) {
    @Override
    public String toString() {
      return plural + (group.isEmpty() ? "" : "." + group) + "/" + version;
    }
  }
}
