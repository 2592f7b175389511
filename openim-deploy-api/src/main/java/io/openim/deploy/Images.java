/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where images are pulled from.
 *
 * @param registryMirror a registry that mirrors Docker Hub and quay.io ({@code
 *     registry.example.com/mirror}); every image reference is prefixed with it; null for none
 * @param pullSecrets names of Secrets of type {@code kubernetes.io/dockerconfigjson} in the target
 *     namespace
 * @since 0.1
 */
public record Images(@Nullable String registryMirror, List<String> pullSecrets) {
  /** Docker Hub and quay.io directly, without pull secrets. */
  public static final Images DEFAULT = new Images(null, List.of());

  /** Copies the list. */
  public Images {
    pullSecrets = Copies.list(pullSecrets, "pullSecrets");
  }
}
