/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.samples.benchmark.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Requests counted from API server audit events (audit.k8s.io/v1 {@code Event}, one JSON object a
 * line, as {@code --audit-log-path} writes them), by client and verb. A request is counted once, at
 * its {@code RequestReceived} event: every request has exactly one (k8s.io/apiserver
 * pkg/endpoints/filters/audit.go logs it before the handler runs), while a watch also has {@code
 * ResponseStarted} and only a finished request has {@code ResponseComplete}.
 *
 * <p>The client is the user agent up to its first {@code /}: {@code Helm} for {@code Helm/3.21.4},
 * {@code kubectl} for {@code kubectl/v1.36.3 (linux/amd64) kubernetes/…}, {@code Kubernetes Java
 * Client} for client-java, which openim-deploy uses.
 */
public final class AuditCounts {
  /** The clients that run the cluster itself rather than a deploy, left out of a tool's counts. */
  public static final Set<String> CLUSTER_CLIENTS =
      Set.of("kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok", "kwok-controller");

  private final Map<String, Map<String, Integer>> byClient = new TreeMap<>();
  private int events;

  /** Counts one audit log line; lines that are not an audit event are refused, naming the line. */
  public void add(String line) {
    JsonObject event;
    try {
      JsonElement parsed = JsonParser.parseString(line);
      if (!parsed.isJsonObject() || !parsed.getAsJsonObject().has("stage")) {
        throw new IllegalArgumentException("not an audit event (no stage): " + abbreviate(line));
      }
      event = parsed.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new IllegalArgumentException("not JSON, so not an audit event: " + abbreviate(line), e);
    }
    events++;
    if (!"RequestReceived".equals(string(event, "stage"))) {
      return;
    }
    String client = client(string(event, "userAgent"));
    String verb = string(event, "verb");
    byClient.computeIfAbsent(client, c -> new TreeMap<>()).merge(verb.isEmpty() ? "?" : verb, 1, Integer::sum);
  }

  /** How many audit events were read, at any stage. */
  public int events() {
    return events;
  }

  /** Requests by client, then verb, both sorted. */
  public Map<String, Map<String, Integer>> byClient() {
    Map<String, Map<String, Integer>> copy = new TreeMap<>();
    byClient.forEach((client, verbs) -> copy.put(client, Collections.unmodifiableMap(new TreeMap<>(verbs))));
    return Collections.unmodifiableMap(copy);
  }

  /**
   * Requests by verb of every client but {@link #CLUSTER_CLIENTS} and {@code ignored}: what a tool
   * that ran alone in the counted window sent.
   */
  public Map<String, Integer> tool(Set<String> ignored) {
    Map<String, Integer> verbs = new TreeMap<>();
    byClient.forEach((client, counts) -> {
      if (!CLUSTER_CLIENTS.contains(client) && !ignored.contains(client)) {
        counts.forEach((verb, n) -> verbs.merge(verb, n, Integer::sum));
      }
    });
    return Collections.unmodifiableMap(verbs);
  }

  /** The clients {@link #tool(Set)} counts. */
  public Set<String> toolClients(Set<String> ignored) {
    Set<String> clients = new TreeSet<>(byClient.keySet());
    clients.removeIf(c -> CLUSTER_CLIENTS.contains(c) || ignored.contains(c));
    return Collections.unmodifiableSet(clients);
  }

  /** The client name of a user agent: the part before the first {@code /}, trimmed; "?" if none. */
  static String client(String userAgent) {
    int slash = userAgent.indexOf('/');
    String name = (slash < 0 ? userAgent : userAgent.substring(0, slash)).strip();
    return name.isEmpty() ? "?" : name;
  }

  private static String string(JsonObject event, String field) {
    JsonElement value = event.get(field);
    return value == null || value.isJsonNull() ? "" : value.getAsString();
  }

  private static String abbreviate(String line) {
    return line.length() <= 120 ? line : line.substring(0, 120) + "…";
  }
}
