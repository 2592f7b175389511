/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.EnumMap;
import java.util.Map;

/**
 * What {@link DeploymentSpec.Builder#build()} fills in where the builder was given nothing: the
 * profile's component and dependency defaults, and credentials generated at random.
 */
final class SpecDefaults {
  private SpecDefaults() {}

  /** Every component: the profile's defaults, under what the builder set for it. */
  static Map<Component, ComponentSpec> components(
      Profile profile, Map<Component, ComponentOverrides> overrides) {
    Map<Component, ComponentSpec> components = new EnumMap<>(Component.class);
    for (Component component : Component.values()) {
      ComponentOverrides o = overrides.get(component);
      ComponentSpec base = profile.defaults(component);
      components.put(component, o == null ? base : o.over(base));
    }
    return components;
  }

  /** Every dependency: as given, else the profile's in-cluster one. */
  static Map<DependencyKind, Dependency> dependencies(
      Profile profile, Map<DependencyKind, Dependency> given) {
    Map<DependencyKind, Dependency> dependencies = new EnumMap<>(DependencyKind.class);
    for (DependencyKind kind : DependencyKind.values()) {
      dependencies.put(kind, given.getOrDefault(kind, profile.defaults(kind)));
    }
    return dependencies;
  }

  /** Every credential {@code dependencies} use: as given, else generated at random. */
  static Map<SecretKey, Secret> secrets(
      Map<SecretKey, Secret> given, Map<DependencyKind, Dependency> dependencies) {
    Map<SecretKey, Secret> secrets = new EnumMap<>(SecretKey.class);
    for (SecretKey key : SecretKey.values()) {
      if (key.usedWith(dependencies)) {
        Secret secret = given.get(key);
        secrets.put(
            key,
            secret != null ? secret : Secret.random(key == SecretKey.MINIO_ACCESS_KEY ? 20 : 32));
      }
    }
    return secrets;
  }
}
