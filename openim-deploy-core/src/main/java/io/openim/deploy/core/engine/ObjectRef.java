/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import io.openim.deploy.Manifest;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where one Kubernetes object lives: its type and its name.
 *
 * @param apiVersion {@code group/version}, or {@code v1} for the core group
 * @param kind the kind
 * @param namespace the namespace, or null for cluster-scoped objects
 * @param name the name
 * @since 0.1
 */
public record ObjectRef(String apiVersion, String kind, @Nullable String namespace, String name) {
  /** Checks the parts. */
  public ObjectRef {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  /** The object a manifest describes. */
  public static ObjectRef of(Manifest manifest) {
    return new ObjectRef(manifest.apiVersion(), manifest.kind(), manifest.namespace(), manifest.name());
  }

  /** The object's type. */
  public ResourceType type() {
    return new ResourceType(apiVersion, kind);
  }

  /** The API group, empty for the core group. */
  public String group() {
    return type().group();
  }

  /** The API version without the group. */
  public String version() {
    return type().version();
  }

  /** {@code Kind/namespace/name}, or {@code Kind/name}: the id used in results and events. */
  public String id() {
    return namespace == null ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }

  /** One line that {@link #parse(String)} reads back. */
  public String encode() {
    return apiVersion + " " + kind + " " + (namespace == null ? "-" : namespace) + " " + name;
  }

  /** Reads what {@link #encode()} wrote. */
  public static ObjectRef parse(String line) {
    String[] parts = line.trim().split(" ");
    if (parts.length != 4) {
      throw new IllegalArgumentException("not an object reference: '" + line + "'");
    }
    return new ObjectRef(parts[0], parts[1], parts[2].equals("-") ? null : parts[2], parts[3]);
  }

  @Override
  public String toString() {
    return id();
  }
}
