/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.release.internal;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.Manifest;
import io.openim.deploy.ObjectDiff;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.core.render.PlanYaml;
import io.openim.deploy.core.engine.Applier;
import io.openim.deploy.core.engine.KubeObject;
import io.openim.deploy.core.engine.ObjectRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Computes what an apply would change, by asking the API server: each object is sent as a
 * server-side apply with {@code dryRun=All} and the result is compared with the live object,
 * field by field, ignoring what the server manages (status, resourceVersion, managedFields, ...)
 * and the digest an apply records.
 */
public final class Differ {
  private static final Set<String> SERVER_FIELDS = Set.of("metadata.resourceVersion", "metadata.generation",
      "metadata.uid", "metadata.creationTimestamp", "metadata.managedFields", "metadata.selfLink",
      // the apply's own bookkeeping: it changes with every field that does, which the diff lists
      "metadata.annotations." + Applier.APPLIED_DIGEST);

  private final Applier applier;
  private final Inventory inventory;

  public Differ(Applier applier, Inventory inventory) {
    this.applier = applier;
    this.inventory = inventory;
  }

  public List<ObjectDiff> diff(DeploymentPlan plan) {
    ReleaseRef release = ReleaseRef.of(plan.spec());
    Map<String, String> labels = Inventory.memberLabels(release);
    List<ObjectDiff> diffs = new ArrayList<>();
    Set<ObjectRef> planned = new HashSet<>();
    for (Manifest manifest : plan.manifests()) {
      ObjectRef ref = ObjectRef.of(manifest);
      planned.add(ref);
      Optional<KubeObject> live = applier.read(ref);
      if (live.isEmpty()) {
        diffs.add(new ObjectDiff(ref.id(), ObjectDiff.Change.CREATE, List.of()));
        continue;
      }
      KubeObject after = applier.dryRun(Applier.asApplied(manifest, labels));
      List<ObjectDiff.FieldChange> changes =
          compare(live.get().toMap(), after.toMap(), manifest.kind().equals("Secret"));
      diffs.add(new ObjectDiff(ref.id(), changes.isEmpty() ? ObjectDiff.Change.NONE : ObjectDiff.Change.UPDATE, changes));
    }
    for (Inventory.Entry entry : inventory.read(release).map(Inventory.State::entries).orElse(List.of())) {
      if (!planned.contains(entry.ref()) && !entry.ref().kind().equals("Namespace")) {
        diffs.add(new ObjectDiff(entry.ref().id(), ObjectDiff.Change.PRUNE, List.of()));
      }
    }
    return diffs;
  }

  /** The fields that differ between two versions of an object, in path order. */
  static List<ObjectDiff.FieldChange> compare(Map<String, ?> before, Map<String, ?> after, boolean secret) {
    Map<String, String> a = flatten(before);
    Map<String, String> b = flatten(after);
    Set<String> paths = new TreeSet<>(a.keySet());
    paths.addAll(b.keySet());
    List<ObjectDiff.FieldChange> changes = new ArrayList<>();
    for (String path : paths) {
      String x = a.get(path);
      String y = b.get(path);
      if (x == null ? y == null : x.equals(y)) {
        continue;
      }
      boolean hidden = secret && (path.startsWith("data.") || path.startsWith("stringData."));
      changes.add(new ObjectDiff.FieldChange(path, hidden && x != null ? PlanYaml.REDACTED : x, hidden && y != null ? PlanYaml.REDACTED : y));
    }
    return changes;
  }

  private static Map<String, String> flatten(Map<String, ?> object) {
    Map<String, String> out = new TreeMap<>();
    flatten("", object, out);
    return out;
  }

  private static void flatten(String path, @Nullable Object element, Map<String, String> out) {
    if (path.equals("status") || SERVER_FIELDS.contains(path)) {
      return;
    }
    if (element instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        flatten(path.isEmpty() ? (String) e.getKey() : path + "." + e.getKey(), e.getValue(), out);
      }
    } else if (element instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        flatten(path + "[" + i + "]", list.get(i), out);
      }
    } else if (element != null) {
      out.put(path, String.valueOf(element));
    }
  }
}
