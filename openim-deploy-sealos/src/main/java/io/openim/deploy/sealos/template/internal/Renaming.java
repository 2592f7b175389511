/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template.internal;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a plan's objects land in any user's namespace under any instance's name: the release's
 * name becomes {@code ${{ defaults.app_name }}}, the namespace {@code ${{ SEALOS_NAMESPACE }}} (and
 * objects carry none: they land where Sealos applies them), and the ingress host the cloud host.
 *
 * <p>Names are replaced where they are names, never by plain text search: with release {@code
 * openim}, the Service {@code openim-api} and OpenIM's binary {@code openim-api} are the same word.
 * So: a whole value equal to an object's name; the release as value of label {@code
 * app.kubernetes.io/instance}; a Service's name inside a value only as an address, followed by
 * {@code :<port>} or {@code .<namespace>.svc}; a StatefulSet pod's name ({@code <name>-<n>}) only
 * before its headless Service. Images and the other app.kubernetes.io labels are left alone.
 */
public final class Renaming {
  private static final Set<String> UNTOUCHED = Set.of("image", "app.kubernetes.io/name",
      "app.kubernetes.io/part-of", "app.kubernetes.io/component", "app.kubernetes.io/version",
      "app.kubernetes.io/managed-by");

  private final String release;
  private final String namespace;
  private final Set<String> names = new LinkedHashSet<>();
  private final Pattern addresses;
  private final Pattern hostWord;

  /** A renaming for the plan's {@code objects}, made by release {@code release} in {@code namespace}. */
  public Renaming(String release, String namespace, String host, List<Map<String, Object>> objects) {
    this.release = release;
    this.namespace = namespace;
    Set<String> services = new LinkedHashSet<>();
    Set<String> pods = new LinkedHashSet<>();
    for (Map<String, Object> object : objects) {
      String name = Trees.name(object);
      if (name.equals(release) || name.startsWith(release + "-")) {
        names.add(name);
      }
      if (Trees.kind(object).equals("Service")) {
        services.add(name);
      }
      String headless = Trees.string(Trees.at(object, "spec"), "serviceName");
      if (Trees.kind(object).equals("StatefulSet") && headless != null && names.contains(name)) {
        pods.add(Pattern.quote(name) + "-[0-9]+(?=\\." + Pattern.quote(headless) + "\\.)");
      }
    }
    String ns = Pattern.quote(namespace);
    StringBuilder alternatives = new StringBuilder();
    services.stream().filter(names::contains).sorted(Comparator.comparingInt(String::length).reversed())
        .forEach(s -> alternatives.append(alternatives.length() == 0 ? "" : "|")
            .append(Pattern.quote(s)).append("(?=:[0-9]|\\.").append(ns).append("\\.svc\\b)"));
    pods.forEach(p -> alternatives.append(alternatives.length() == 0 ? "" : "|").append(p));
    this.hostWord = Pattern.compile("(?:https?://)?(?<![A-Za-z0-9.-])" + Pattern.quote(host) + "(?![A-Za-z0-9-])");
    this.addresses = Pattern.compile(alternatives.length() == 0 ? "(?!)"
        : "(?<![A-Za-z0-9-])(?:" + alternatives + ")");
  }

  /** Renames everything in {@code object} and drops its namespace. */
  @SuppressWarnings("unchecked")
  public void apply(Map<String, Object> object) {
    Map<String, Object> metadata = Trees.at(object, "metadata");
    if (metadata != null) {
      metadata.remove("namespace");
    }
    Trees.rewrite(object, "", (key, value) -> value instanceof String s ? rename(key, s) : value);
  }

  /** What {@code value}, stored under {@code key}, becomes. */
  String rename(String key, String value) {
    if (UNTOUCHED.contains(key)) {
      return value;
    }
    if (key.equals("app.kubernetes.io/instance")) {
      return value.equals(release) ? Placeholders.APP : value;
    }
    if (key.equals("namespace") && value.equals(namespace)) {
      return Placeholders.NAMESPACE;
    }
    if (names.contains(value)) {
      return Placeholders.APP + value.substring(release.length());
    }
    String out = replaceAll(addresses, value, m -> Placeholders.APP + m.group().substring(release.length()));
    out = out.replace("." + namespace + ".svc", "." + Placeholders.NAMESPACE + ".svc");
    // the cloud serves every host over TLS with its wildcard certificate
    return replaceAll(hostWord, out, m -> m.group().contains("://") ? "https://" + Placeholders.HOST : Placeholders.HOST);
  }

  private static String replaceAll(Pattern pattern, String value, Function<Matcher, String> f) {
    Matcher m = pattern.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(f.apply(m)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
