/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.Objects;

/**
 * An installed OpenIM release: its namespace and release name.
 *
 * @param namespace the namespace
 * @param release the release name
 * @since 0.1
 */
public record ReleaseRef(String namespace, String release) {
  /** Checks both are given. */
  public ReleaseRef {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(release, "release");
  }

  /** The release a spec describes. */
  public static ReleaseRef of(DeploymentSpec spec) {
    return new ReleaseRef(spec.namespace(), spec.release());
  }

  @Override
  public String toString() {
    return namespace + "/" + release;
  }
}
