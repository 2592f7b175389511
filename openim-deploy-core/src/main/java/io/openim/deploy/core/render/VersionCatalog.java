/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render;

import io.openim.deploy.Component;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.InvalidSpecException;
import io.openim.deploy.Violation;
import io.openim.deploy.core.render.internal.Yamls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The OpenIM version lines openim-deploy knows, read from {@code versions.yaml} next to this class.
 * Adding a line is adding an entry to that file.
 *
 * @since 0.1
 */
public final class VersionCatalog {
  private static final String RESOURCE = "versions.yaml";
  private static final VersionCatalog BUILT_IN = load();

  private final List<VersionLine> lines;
  private final VersionLine defaultLine;
  private final Map<String, String> withdrawn;
  private final Map<String, ImageFacts> imageFacts;

  private VersionCatalog(List<VersionLine> lines, VersionLine defaultLine,
      Map<String, String> withdrawn, Map<String, ImageFacts> imageFacts) {
    this.lines = List.copyOf(lines);
    this.defaultLine = defaultLine;
    this.withdrawn = Collections.unmodifiableMap(new LinkedHashMap<>(withdrawn));
    this.imageFacts = Map.copyOf(imageFacts);
  }

  /** The catalog that ships with openim-deploy. */
  public static VersionCatalog builtIn() {
    return BUILT_IN;
  }

  /** Every line that can be deployed, in file order. */
  public List<VersionLine> lines() {
    return lines;
  }

  /** The line used when a spec names none. */
  public VersionLine defaultLine() {
    return defaultLine;
  }

  /** The line called {@code name}. */
  public Optional<VersionLine> find(String name) {
    return lines.stream().filter(l -> l.name().equals(name)).findFirst();
  }

  /**
   * The line called {@code name}.
   *
   * @throws InvalidSpecException naming the known lines when there is none by that name
   */
  public VersionLine require(String name) {
    return find(name).orElseThrow(() -> new InvalidSpecException(List.of(new Violation("version",
        withdrawn.containsKey(name)
            ? "version line '" + name + "' cannot be deployed: " + withdrawn.get(name) + "; use "
                + defaultLine.name() + " (known: " + String.join(", ", names()) + ")"
            : "unknown version line '" + name + "'; known: " + String.join(", ", names())))));
  }

  /**
   * The lines that are known but cannot be deployed, each with the reason, in file order. Specs
   * naming one are refused with that reason.
   */
  public Map<String, String> withdrawn() {
    return withdrawn;
  }

  /**
   * What {@code image} runs by default, for the images the catalog's lines and Jobs use.
   *
   * @param image an image reference as the catalog writes it, registry included
   */
  public Optional<ImageFacts> imageFacts(String image) {
    return Optional.ofNullable(imageFacts.get(image));
  }

  /** The names of every line, for error messages. */
  public List<String> names() {
    return lines.stream().map(VersionLine::name).toList();
  }

  private static VersionCatalog load() {
    try (InputStream in = VersionCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from openim-deploy-core");
      }
      Map<String, Object> root = Yamls.safeLoader().load(in);
      List<VersionLine> lines = new ArrayList<>();
      VersionLine defaultLine = null;
      for (Map.Entry<String, Object> entry : map(root.get("lines"), "lines").entrySet()) {
        Map<String, Object> line = map(entry.getValue(), entry.getKey());
        VersionLine parsed = parse(entry.getKey(), line);
        lines.add(parsed);
        if (Boolean.TRUE.equals(line.get("default"))) {
          defaultLine = parsed;
        }
      }
      if (defaultLine == null) {
        throw new IllegalStateException(RESOURCE + " marks no line as default");
      }
      Map<String, String> withdrawn = new LinkedHashMap<>();
      map(root.get("withdrawn"), "withdrawn").forEach((k, v) -> withdrawn.put(k, (String) v));
      Map<String, ImageFacts> facts = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : map(root.get("imageFacts"), "imageFacts").entrySet()) {
        facts.put(e.getKey(), imageFacts(e.getKey(), map(e.getValue(), "imageFacts." + e.getKey())));
      }
      return new VersionCatalog(lines, defaultLine, withdrawn, facts);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + RESOURCE, e);
    }
  }

  private static VersionLine parse(String name, Map<String, Object> line) {
    Map<String, Object> discovery = map(line.get("discovery"), name + ".discovery");
    Map<Component, Map<String, Integer>> ports = new EnumMap<>(Component.class);
    for (Map.Entry<String, Object> e : map(line.get("ports"), name + ".ports").entrySet()) {
      Component component =
          Component.byKey(e.getKey())
              .orElseThrow(() -> new IllegalStateException(name + ": unknown component " + e.getKey()));
      Map<String, Integer> named = new LinkedHashMap<>();
      map(e.getValue(), name + ".ports." + e.getKey()).forEach((k, v) -> named.put(k, (Integer) v));
      ports.put(component, named);
    }
    Map<DependencyKind, String> images = new EnumMap<>(DependencyKind.class);
    for (DependencyKind kind : DependencyKind.values()) {
      images.put(kind, text(map(line.get("images"), name + ".images"), kind.key()));
    }
    return new VersionLine(
        name,
        release(map(line.get("server"), name + ".server")),
        release(map(line.get("chat"), name + ".chat")),
        text(discovery, "etcd"),
        kubernetesRefusal(name, map(discovery.get("kubernetes"), name + ".discovery.kubernetes")),
        ports,
        images);
  }

  private static ImageFacts imageFacts(String image, Map<String, Object> f) {
    return new ImageFacts(image, texts(f, "entrypoint"), texts(f, "cmd"), text(f, "user"),
        text(f, "workdir"), texts(f, "setsUp"), number(f, "runAsUser"), number(f, "runAsGroup"));
  }

  private static int number(Map<String, Object> map, String key) {
    if (!(map.get(key) instanceof Integer i)) {
      throw new IllegalStateException(RESOURCE + ": " + key + " must be a whole number");
    }
    return i;
  }

  private static List<String> texts(Map<String, Object> map, String key) {
    if (!(map.get(key) instanceof List<?> list)) {
      throw new IllegalStateException(RESOURCE + ": " + key + " must be a list");
    }
    return list.stream().map(String::valueOf).toList();
  }

  /**
   * Why a line cannot run Kubernetes discovery. openim-deploy renders etcd discovery only (no line
   * it knows works in OpenIM's Kubernetes mode), so a line that claims support is a catalog error.
   */
  private static String kubernetesRefusal(String name, Map<String, Object> kubernetes) {
    if (!Boolean.FALSE.equals(kubernetes.get("supported"))) {
      throw new IllegalStateException(RESOURCE + ": " + name + ".discovery.kubernetes.supported must be"
          + " false: openim-deploy renders no Kubernetes-mode objects (ServiceAccount, RBAC,"
          + " rpcRegisterName), so a line that works in that mode needs that rendering first");
    }
    return text(kubernetes, "why");
  }

  private static Release release(Map<String, Object> r) {
    return new Release(
        text(r, "image"),
        text(r, "version"),
        text(r, "home"),
        text(r, "binaries"),
        text(r, "config"),
        text(r, "envPrefix"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(@Nullable Object value, String where) {
    if (!(value instanceof Map)) {
      throw new IllegalStateException(RESOURCE + ": " + where + " must be a mapping");
    }
    return (Map<String, Object>) value;
  }

  private static String text(Map<String, Object> map, String key) {
    Object value = map.get(key);
    if (!(value instanceof String s)) {
      throw new IllegalStateException(RESOURCE + ": " + key + " must be a string");
    }
    return s;
  }
}
