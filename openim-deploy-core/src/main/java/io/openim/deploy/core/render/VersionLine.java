/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render;

import io.openim.deploy.Component;
import io.openim.deploy.DependencyKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An OpenIM Server release, the Chat release that goes with it, and the facts needed to run them:
 * ports, discovery values and the dependency images the official compose setup pins.
 *
 * @param name the line's name, which specs refer to ({@code v3.8.3-patch.15})
 * @param server OpenIM Server
 * @param chat OpenIM Chat
 * @param etcdDiscovery the {@code discovery.enable} value for etcd
 * @param kubernetesDiscoveryRefusal why OpenIM's Kubernetes discovery mode does not work on this
 *     line, found in the line's code; openim-deploy renders etcd discovery only, so every line has
 *     one, and a spec asking for {@link io.openim.deploy.Discovery#KUBERNETES} is refused with it
 * @param ports each component's named ports ({@code http}, {@code ws}, {@code grpc}, {@code
 *     metrics})
 * @param images the image of each in-cluster dependency
 * @since 0.1
 */
public record VersionLine(
    String name,
    Release server,
    Release chat,
    String etcdDiscovery,
    String kubernetesDiscoveryRefusal,
    Map<Component, Map<String, Integer>> ports,
    Map<DependencyKind, String> images) {

  /** Checks every part is given and every component and dependency is covered. */
  public VersionLine {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(chat, "chat");
    Objects.requireNonNull(etcdDiscovery, "etcdDiscovery");
    Objects.requireNonNull(kubernetesDiscoveryRefusal, "kubernetesDiscoveryRefusal");
    if (kubernetesDiscoveryRefusal.isBlank()) {
      throw new IllegalArgumentException(name + ": kubernetesDiscoveryRefusal is blank; say why"
          + " Kubernetes discovery does not work on this line");
    }
    EnumMap<Component, Map<String, Integer>> portCopy = new EnumMap<>(Component.class);
    for (Component component : Component.values()) {
      Map<String, Integer> named = ports.get(component);
      if (named == null) {
        throw new IllegalArgumentException(name + ": no ports for " + component.id());
      }
      portCopy.put(component, Collections.unmodifiableMap(new LinkedHashMap<>(named)));
    }
    ports = Collections.unmodifiableMap(portCopy);
    EnumMap<DependencyKind, String> imageCopy = new EnumMap<>(DependencyKind.class);
    for (DependencyKind kind : DependencyKind.values()) {
      imageCopy.put(
          kind,
          Objects.requireNonNull(images.get(kind), () -> name + ": no image for " + kind.key()));
    }
    images = Collections.unmodifiableMap(imageCopy);
  }

  /** The release a component belongs to. */
  public Release release(Component component) {
    return component.chat() ? chat : server;
  }

  /** A component's named ports, in the catalog's order; empty for one without ports. */
  public Map<String, Integer> ports(Component component) {
    return ports.getOrDefault(component, Map.of());
  }

  /** The image of a dependency; the line has one for every kind (checked when it is made). */
  public String image(DependencyKind kind) {
    return Objects.requireNonNull(images.get(kind), kind::key);
  }
}
