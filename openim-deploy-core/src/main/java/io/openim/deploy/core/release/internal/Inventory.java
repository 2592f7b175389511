/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.release.internal;

import io.openim.deploy.core.render.internal.Names;
import io.openim.deploy.core.render.internal.Tree;
import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.core.engine.Applier;
import io.openim.deploy.core.engine.KubeObject;
import io.openim.deploy.core.engine.ObjectRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The record, kept in the cluster, of which objects belong to a release: an ApplySet-style parent
 * ConfigMap listing every member with its phase, and the {@code applyset.kubernetes.io/part-of}
 * label on each member. Pruning deletes only objects that are both listed and labelled.
 */
public final class Inventory {
  /** The label every member carries. */
  public static final String PART_OF = "applyset.kubernetes.io/part-of";

  private final Applier applier;

  public Inventory(Applier applier) {
    this.applier = applier;
  }

  /** One member: the phase it was applied in and where it is. */
  public record Entry(Phase phase, ObjectRef ref) {
    String encode() {
      return phase + " " + ref.encode();
    }

    static Entry parse(String line) {
      int space = line.indexOf(' ');
      return new Entry(Phase.valueOf(line.substring(0, space)), ObjectRef.parse(line.substring(space + 1)));
    }
  }

  /** What the cluster holds for a release. */
  public record State(int revision, List<Entry> entries) {}

  /** The inventory ConfigMap of a release. */
  public static ObjectRef parent(ReleaseRef release) {
    return new ObjectRef("v1", "ConfigMap", release.namespace(), release.release() + "-openim-deploy");
  }

  /** The ApplySet id: a digest of the parent's name, namespace, kind and group. */
  public static String applySetId(ReleaseRef release) {
    ObjectRef parent = parent(release);
    String key = parent.name() + "." + parent.namespace() + ".ConfigMap.";
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "applyset-" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash) + "-v1";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The labels every member gets. */
  public static Map<String, String> memberLabels(ReleaseRef release) {
    return Map.of(PART_OF, applySetId(release));
  }

  /** The entries of a plan's manifests. */
  public static List<Entry> entries(List<Manifest> manifests) {
    List<Entry> entries = new ArrayList<>();
    for (Manifest manifest : manifests) {
      entries.add(new Entry(manifest.phase(), ObjectRef.of(manifest)));
    }
    return entries;
  }

  /** The stored inventory, if the release has one. */
  public Optional<State> read(ReleaseRef release) {
    Optional<KubeObject> live = applier.read(parent(release));
    if (live.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> data = live.get().strings("data");
    int revision = data.containsKey("revision") ? Integer.parseInt(data.get("revision")) : 0;
    List<Entry> entries = new ArrayList<>();
    if (data.containsKey("objects")) {
      data.get("objects").lines().filter(l -> !l.isBlank()).forEach(l -> entries.add(Entry.parse(l)));
    }
    return Optional.of(new State(revision, entries));
  }

  /** Stores the inventory; writes nothing when the cluster already holds exactly this. */
  public void write(ReleaseRef release, int revision, List<Entry> entries) {
    TreeSet<String> lines = new TreeSet<>();
    TreeSet<String> groupKinds = new TreeSet<>();
    for (Entry entry : entries) {
      lines.add(entry.encode());
      groupKinds.add(entry.ref().group().isEmpty() ? entry.ref().kind() : entry.ref().kind() + "." + entry.ref().group());
    }
    ObjectRef parent = parent(release);
    Map<String, Object> metadata = Tree.map(
        "name", parent.name(),
        "namespace", parent.namespace(),
        "labels", Tree.map("applyset.kubernetes.io/id", applySetId(release),
            "app.kubernetes.io/instance", release.release(),
            "app.kubernetes.io/managed-by", Names.MANAGED_BY),
        "annotations", Tree.map("applyset.kubernetes.io/tooling", "openim-deploy/v0.1",
            "applyset.kubernetes.io/contains-group-kinds", String.join(",", groupKinds)));
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("revision", Integer.toString(revision));
    data.put("objects", String.join("\n", lines) + "\n");
    Manifest manifest = new Manifest(Phase.CONFIGURATION, "v1", "ConfigMap", parent.namespace(), parent.name(),
        Tree.object("v1", "ConfigMap", metadata, "data", data));
    applier.apply(manifest, Map.of());
  }
}
