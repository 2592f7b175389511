/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.images.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.openim.deploy.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import land.oras.ContainerRef;
import land.oras.auth.AuthProvider;
import land.oras.auth.AuthScheme;
import org.jspecify.annotations.Nullable;

/**
 * Registry credentials by registry host, from docker config JSON: the {@code .dockerconfigjson} of
 * a {@code kubernetes.io/dockerconfigjson} Secret, or a user's {@code ~/.docker/config.json}. The
 * first source that names a registry wins, as kubelet takes the first pull secret that matches.
 *
 * <p>As an ORAS {@link AuthProvider} it sends HTTP basic credentials to the registry of each
 * request, and to the token server a registry's bearer challenge names (ORAS's {@code HttpClient}
 * asks the same provider for the token request), as {@code docker login} credentials are used.
 */
public final class RegistryCredentials implements AuthProvider {
  /** One registry's user and password, and where they came from. */
  public record Entry(String username, Secret password, String source) {}

  private final Map<String, Entry> byRegistry = new LinkedHashMap<>();
  private final Set<String> helperSources = new LinkedHashSet<>();

  /**
   * Adds every {@code auths} entry of {@code json}; {@code source} says where it came from
   * (for messages, never the credentials). Entries with neither {@code auth} nor a username are
   * skipped (a credential helper holds those, which is not read).
   *
   * @throws IllegalArgumentException if {@code json} is not docker config JSON
   */
  public void add(String json, String source) {
    JsonObject root;
    try {
      JsonElement parsed = JsonParser.parseString(json);
      if (!parsed.isJsonObject()) {
        throw new IllegalArgumentException(source + " is not docker config JSON (an object with \"auths\")");
      }
      root = parsed.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(source + " is not valid JSON: " + e.getMessage(), e);
    }
    // docker/cli@0b4503c cli/config/configfile/file.go getConfiguredCredentialStore: with
    // "credHelpers" (per registry) or "credsStore", docker login's credentials go to a helper
    // program, not into "auths"
    if (root.has("credsStore") || root.has("credHelpers")) {
      helperSources.add(source);
    }
    JsonObject auths = root.has("auths") && root.get("auths").isJsonObject() ? root.getAsJsonObject("auths") : null;
    if (auths == null) {
      return;
    }
    for (Map.Entry<String, JsonElement> e : auths.entrySet()) {
      if (!e.getValue().isJsonObject()) {
        continue;
      }
      credentials(e.getValue().getAsJsonObject(), source)
          .ifPresent(entry -> byRegistry.putIfAbsent(host(e.getKey()), entry));
    }
  }

  /** A copy that later {@link #add} calls on this one do not change. */
  public RegistryCredentials copy() {
    RegistryCredentials copy = new RegistryCredentials();
    copy.byRegistry.putAll(byRegistry);
    copy.helperSources.addAll(helperSources);
    return copy;
  }

  /** The credentials for {@code registry} ({@code docker.io} for Docker Hub), if any source had some. */
  public Optional<Entry> forRegistry(String registry) {
    return Optional.ofNullable(byRegistry.get(registry));
  }

  /**
   * The sources that name a credential helper ({@code credsStore} or {@code credHelpers}), whose
   * credentials are not read: a registry that {@code docker login} reached through them has no
   * credentials here.
   */
  public List<String> helperSources() {
    return List.copyOf(helperSources);
  }

  @Override
  public @Nullable String getAuthHeader(ContainerRef registry) {
    Entry entry = byRegistry.get(host(registry.getRegistry()));
    if (entry == null) {
      return null;
    }
    String pair = entry.username() + ":" + entry.password().reveal();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public AuthScheme getAuthScheme() {
    return AuthScheme.BASIC;
  }

  @Override
  public String toString() {
    return "RegistryCredentials" + byRegistry.keySet();
  }

  /**
   * The registry host a docker config key names: {@code https://index.docker.io/v1/} (what {@code
   * docker login} writes for Docker Hub) and its other spellings become {@code docker.io}; a
   * scheme and a path are dropped. (moby/moby@017282b registry/config.go: GetAuthConfigKey keys
   * Docker Hub's credentials by INDEXSERVER "https://index.docker.io/v1/", others by host[:port].)
   */
  static String host(String key) {
    String host = key.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
    int slash = host.indexOf('/');
    if (slash >= 0) {
      host = host.substring(0, slash);
    }
    return switch (host) {
      case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" -> "docker.io";
      default -> host;
    };
  }

  private static Optional<Entry> credentials(JsonObject auth, String source) {
    String username = text(auth, "username");
    String password = text(auth, "password");
    String encoded = text(auth, "auth");
    if (encoded != null && !encoded.isBlank()) {
      String pair;
      try {
        pair = new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ": an \"auth\" value is not base64", e);
      }
      int colon = pair.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(source + ": an \"auth\" value is not base64 of user:password");
      }
      username = pair.substring(0, colon);
      password = pair.substring(colon + 1);
    }
    if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Entry(username, Secret.of(password), source));
  }

  private static @Nullable String text(JsonObject object, String key) {
    JsonElement value = object.get(key);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
  }
}
