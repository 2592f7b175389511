/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.release.internal;

import io.openim.deploy.Manifest;
import io.openim.deploy.core.engine.Applier;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.engine.KubeObject;
import io.openim.deploy.core.engine.KubeResponse;
import io.openim.deploy.core.engine.ObjectRef;
import io.openim.deploy.core.engine.ResourceType;
import io.openim.deploy.core.engine.RolloutException;
import io.openim.deploy.core.engine.Selector;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The live objects of a batch's kinds that carry the release's member labels, read with one list
 * per kind and namespace instead of one read per object: what an apply compares its answer with
 * to say created, changed or unchanged. An object outside the lists (not yet made, or made without
 * the labels, which the apply then adopts) is absent.
 */
final class LiveObjects {
  private record Key(ResourceType type, String namespace) {}

  private final Set<Key> listed;
  private final Map<ObjectRef, KubeObject> byRef;

  private LiveObjects(Set<Key> listed, Map<ObjectRef, KubeObject> byRef) {
    this.listed = listed;
    this.byRef = byRef;
  }

  /**
   * Lists the namespaced kinds of {@code manifests} in their namespaces, selected by {@code labels}.
   *
   * @throws RolloutException if a list is refused; a kind the cluster does not serve lists as empty
   *     (its apply then says what is missing)
   */
  static LiveObjects list(ClusterConnection connection, List<Manifest> manifests, Map<String, String> labels) {
    Selector selector = Selector.ofLabels(labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .sorted().collect(Collectors.joining(",")));
    Map<Key, String> kinds = new LinkedHashMap<>();
    for (Manifest m : manifests) {
      String namespace = m.namespace();
      // a Job is read by name: one that failed is run again, whoever made it (ServerSideDelivery)
      if (namespace != null && !m.kind().equals("Job")) {
        kinds.putIfAbsent(new Key(new ResourceType(m.apiVersion(), m.kind()), namespace), m.kind());
      }
    }
    Map<ObjectRef, KubeObject> byRef = new HashMap<>();
    kinds.forEach((key, kind) -> {
      KubeResponse<List<KubeObject>> response = connection.list("list the " + kind + "s of namespace " + key.namespace(),
          key.type(), key.namespace(), selector);
      if (!response.success() && !response.notFound()) {
        throw new RolloutException(kind + "/" + key.namespace(), "could not list the " + kind + "s before applying them: HTTP "
            + response.status() + " " + response.message());
      }
      for (KubeObject item : response.body().orElse(List.of())) {
        byRef.put(new ObjectRef(key.type().apiVersion(), key.type().kind(), key.namespace(), item.name()), item);
      }
    });
    return new LiveObjects(Set.copyOf(kinds.keySet()), byRef);
  }

  /**
   * The live object of {@code ref} as the lists found it, or as {@code applier} reads it when no
   * list covered its kind: a Job, or a cluster-scoped object such as the foundation's Namespace,
   * which the deployer's role may only read by name.
   */
  Optional<KubeObject> before(ObjectRef ref, Applier applier) {
    String namespace = ref.namespace();
    boolean covered = namespace != null && listed.contains(new Key(new ResourceType(ref.apiVersion(), ref.kind()),
        namespace));
    return covered ? Optional.ofNullable(byRef.get(ref)) : applier.read(ref);
  }
}
