/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import java.util.Objects;

/**
 * A type of Kubernetes object, the part of an {@link ObjectRef} that lists and API discovery need:
 * {@code new ResourceType("v1", "Pod")} names every pod, where an object reference names one.
 *
 * @param apiVersion {@code group/version}, or {@code version} for the core group
 * @param kind the kind
 * @since 0.1
 */
public record ResourceType(String apiVersion, String kind) {
  /** Checks the parts. */
  public ResourceType {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
  }

  /** The API group, empty for the core group. */
  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** The API version without the group. */
  public String version() {
    return apiVersion.substring(apiVersion.indexOf('/') + 1);
  }

  @Override
  public String toString() {
    return kind + " (" + apiVersion + ")";
  }
}
