/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.internal;

import io.openim.deploy.DeploymentException;
import io.openim.deploy.NoSuitableProviderException;
import io.openim.deploy.Target;
import io.openim.deploy.spi.DeploymentProvider;
import io.openim.deploy.Support;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the provider for a target. Explicit instances replace discovery; otherwise ServiceLoader
 * on the given class loader. A provider asked for by id wins; otherwise the supporting providers
 * are ranked by priority, and a tie at the top is an error. Every failure lists each candidate
 * and why it was passed over.
 */
public final class ProviderSelection {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderSelection.class);

  private ProviderSelection() {}

  public static DeploymentProvider select(Target target, @Nullable String id, List<DeploymentProvider> explicit,
      ClassLoader loader) {
    Map<String, String> rejected = new LinkedHashMap<>();
    List<DeploymentProvider> candidates = explicit.isEmpty() ? discover(loader, rejected) : List.copyOf(explicit);
    Map<String, DeploymentProvider> byId = new LinkedHashMap<>();
    for (DeploymentProvider provider : candidates) {
      DeploymentProvider twin = byId.putIfAbsent(provider.id(), provider);
      if (twin != null) {
        throw new DeploymentException("Two providers share the id '" + provider.id() + "': "
            + twin.getClass().getName() + " and " + provider.getClass().getName()
            + ". Remove one from the class path, or register the one you want explicitly.");
      }
    }
    if (id != null) {
      DeploymentProvider chosen = byId.get(id);
      if (chosen == null) {
        throw new NoSuitableProviderException("No provider has the id '" + id + "'; found: "
            + (byId.isEmpty() ? "none" : String.join(", ", byId.keySet())) + describe(rejected)
            + ". Add the provider's module to the class path.", rejected);
      }
      Support support = chosen.supports(target);
      if (support instanceof Support.Unsupported no) {
        rejected.put(id, no.reason());
        throw new NoSuitableProviderException("Provider '" + id + "' does not support "
            + target.getClass().getSimpleName() + ": " + no.reason(), rejected);
      }
      return chosen;
    }
    List<DeploymentProvider> supporting = new ArrayList<>();
    for (DeploymentProvider provider : byId.values()) {
      Support support = provider.supports(target);
      if (support instanceof Support.Unsupported no) {
        rejected.put(provider.id(), no.reason());
        LOG.debug("provider {} declines {}: {}", provider.id(), target.getClass().getSimpleName(), no.reason());
      } else {
        supporting.add(provider);
      }
    }
    if (supporting.isEmpty()) {
      throw new NoSuitableProviderException("No provider supports " + target.getClass().getSimpleName()
          + describe(rejected) + ". Add a provider module that does, or register one explicitly.", rejected);
    }
    supporting.sort(Comparator.comparingInt(DeploymentProvider::priority).reversed());
    if (supporting.size() > 1 && supporting.get(0).priority() == supporting.get(1).priority()) {
      String tied = supporting.stream().filter(p -> p.priority() == supporting.get(0).priority())
          .map(DeploymentProvider::id).collect(Collectors.joining(", "));
      throw new NoSuitableProviderException("Providers " + tied + " all support "
          + target.getClass().getSimpleName() + " with priority " + supporting.get(0).priority()
          + "; choose one by id", rejected);
    }
    LOG.debug("provider {} chosen for {}", supporting.get(0).id(), target.getClass().getSimpleName());
    return supporting.get(0);
  }

  private static List<DeploymentProvider> discover(ClassLoader loader, Map<String, String> rejected) {
    List<DeploymentProvider> found = new ArrayList<>();
    ServiceLoader<DeploymentProvider> services = ServiceLoader.load(DeploymentProvider.class, loader);
    var iterator = services.stream().iterator();
    while (true) {
      ServiceLoader.Provider<DeploymentProvider> next;
      try {
        if (!iterator.hasNext()) {
          break;
        }
        next = iterator.next();
      } catch (ServiceConfigurationError e) {
        rejected.put("(broken registration)", e.getMessage());
        continue;
      }
      try {
        found.add(next.get());
      } catch (ServiceConfigurationError | RuntimeException e) {
        rejected.put(next.type().getName(), "could not be created: " + e.getMessage());
      }
    }
    return found;
  }

  private static String describe(Map<String, String> rejected) {
    if (rejected.isEmpty()) {
      return "";
    }
    return " (" + rejected.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
        .collect(Collectors.joining("; ")) + ")";
  }
}
