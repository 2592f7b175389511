/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.images.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.openim.deploy.core.images.ImageReport;
import io.openim.deploy.core.images.ImageReport.Status;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLException;
import land.oras.ContainerRef;
import land.oras.Descriptor;
import land.oras.Registry;
import land.oras.exception.OrasException;
import org.jspecify.annotations.Nullable;

/**
 * Resolves one image reference in its registry through the ORAS Java SDK: the manifest or index
 * the tag points at, its digest, and the platforms it offers.
 *
 * <p>Media types (OCI image-spec v1.1 {@code media-types.md}; distribution's {@code
 * manifest/manifestlist} and {@code manifest/schema2}): an OCI index or a Docker manifest list
 * names its platforms per entry; an OCI or Docker v2 image manifest has one platform, in its config
 * blob's {@code os}, {@code architecture} and {@code variant}.
 */
public final class ImageResolver {
  private static final Set<String> INDEXES = Set.of(
      "application/vnd.oci.image.index.v1+json",
      "application/vnd.docker.distribution.manifest.list.v2+json");
  private static final Set<String> MANIFESTS = Set.of(
      "application/vnd.oci.image.manifest.v1+json",
      "application/vnd.docker.distribution.manifest.v2+json");

  private final RegistryCredentials credentials;
  private final Set<String> plainHttp;

  /** A resolver that authenticates with {@code credentials} and speaks HTTP to {@code plainHttp}. */
  public ImageResolver(RegistryCredentials credentials, Set<String> plainHttp) {
    this.credentials = credentials;
    this.plainHttp = Set.copyOf(plainHttp);
  }

  /** Resolves {@code reference} and checks it offers every one of {@code platforms}. */
  public ImageReport resolve(String reference, List<String> platforms) {
    String resolved = ImageReferences.normalize(reference);
    String host = ImageReferences.registry(resolved);
    ContainerRef ref;
    try {
      ref = ContainerRef.parse(resolved);
    } catch (IllegalArgumentException e) {
      return problem(reference, resolved, Status.FAILED, "not an image reference (" + e.getMessage() + ")");
    }
    Registry registry = Registry.builder().withAuthProvider(credentials).withInsecure(plainHttp(host)).build();
    try {
      Descriptor descriptor = registry.getDescriptor(ref);
      String mediaType = mediaType(descriptor.getMediaType());
      String json = descriptor.getJson();
      String digest = descriptor.getDigest() != null ? descriptor.getDigest() : sha256(json);
      List<String> offered;
      if (INDEXES.contains(mediaType)) {
        offered = indexPlatforms(json);
      } else if (MANIFESTS.contains(mediaType)) {
        offered = List.of(configPlatform(registry, ref, json));
      } else {
        return problem(reference, resolved, Status.FAILED, "the registry returned " + mediaType
            + ", not an image manifest or index");
      }
      List<String> missing = new ArrayList<>();
      for (String platform : platforms) {
        if (offered.stream().noneMatch(p -> p.equals(platform) || p.startsWith(platform + "/"))) {
          missing.add(platform);
        }
      }
      if (!missing.isEmpty()) {
        return new ImageReport(reference, resolved, Status.MISSING_PLATFORM, digest, offered,
            "has no " + String.join(", ", missing) + " image (it offers " + String.join(", ", offered)
                + "); nodes of that architecture that its pods can be scheduled on cannot run it. Use an image"
                + " built for it, keep its pods off those nodes (a taint they do not tolerate, or the spec's"
                + " component nodeSelector), or state the platforms to check");
      }
      return new ImageReport(reference, resolved, Status.FOUND, digest, offered, "");
    } catch (RuntimeException e) { // any answer that is not an image is this image's problem, not the run's
      return failure(reference, resolved, host, ref, e);
    }
  }

  /**
   * Loopback registries over HTTP, as Docker treats 127.0.0.0/8 as insecure by default (moby/moby@017282b
   * registry/config.go NewServiceConfig), plus the hosts the caller named.
   */
  private boolean plainHttp(String host) {
    String name = host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
    return plainHttp.contains(host) || name.equals("localhost") || name.startsWith("127.") || name.equals("[::1]");
  }

  private ImageReport failure(String reference, String resolved, String host, ContainerRef ref, RuntimeException e) {
    Integer code = null;
    String registryError = null;
    boolean refusedChallenge = false;
    Throwable unreachable = null;
    boolean plaintext = false;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof OrasException oras && oras.getStatusCode() > 0 && code == null) {
        code = oras.getStatusCode();
        registryError = oras.getError() == null ? null : oras.getError().code();
      }
      // land.oras:oras-java-sdk 0.2.15 auth/HttpClient.java: on a 401 or 403, redoRequest parses
      // the challenge as a Bearer one; a Basic challenge (htpasswd) or none at all (a token server
      // that refuses) throws "Invalid WWW-Authenticate header value" / "No WWW-Authenticate header"
      String message = String.valueOf(t.getMessage());
      if (message.contains("WWW-Authenticate")) {
        refusedChallenge = true;
      }
      // the JDK's SSLEngineInputRecord says "Unrecognized SSL message, plaintext connection?" when
      // an HTTPS request is answered in plain HTTP
      if (t instanceof SSLException && message.contains("plaintext")) {
        plaintext = true;
      }
      if (t instanceof ConnectException || t instanceof UnknownHostException
          || t instanceof HttpConnectTimeoutException || t instanceof UnresolvedAddressException) {
        unreachable = t;
      }
    }
    if (unreachable != null) {
      return problem(reference, resolved, Status.UNREACHABLE, "cannot reach the registry " + host + " ("
          + unreachable.getClass().getSimpleName() + (unreachable.getMessage() == null ? "" : ": "
          + unreachable.getMessage()) + "). Check the address and images.registryMirror, or, air-gapped"
          + " with the images already on the nodes, skip the check");
    }
    if (refusedChallenge || (code != null && (code == 401 || code == 403))) {
      String whose = credentials.forRegistry(host)
          .map(c -> "refused the credentials of " + c.username() + " from " + c.source())
          .orElse("asks for credentials and none were given for " + host);
      List<String> helpers = credentials.helperSources();
      String unread = helpers.isEmpty() ? "" : " (" + String.join(", ", helpers) + " keeps credentials in"
          + " credsStore/credHelpers, which are not read)";
      return problem(reference, resolved, Status.AUTH_REFUSED, "the registry " + host + " " + whose + unread
          + ". Name a kubernetes.io/dockerconfigjson Secret with access in images.pullSecrets, or give a"
          + " docker config whose \"auths\" hold the credentials inline (--docker-config)");
    }
    if (code != null && code == 404) {
      String what = "NAME_UNKNOWN".equals(registryError)
          ? "no repository " + ref.getFullRepository()
          : "no tag " + (ref.getDigest() != null ? ref.getDigest() : ref.getTag()) + " in " + ref.getFullRepository();
      return problem(reference, resolved, Status.NOT_FOUND, "not found: the registry " + host + " has " + what
          + ". Pick a version whose images were published, or fix images.registryMirror");
    }
    if (plaintext) {
      return problem(reference, resolved, Status.FAILED, "the registry " + host + " answers HTTPS in plain HTTP."
          + " If the nodes' runtime reaches it over HTTP (an insecure registry), say so: --insecure-registry "
          + host);
    }
    return problem(reference, resolved, Status.FAILED, "could not be resolved in " + host + ": "
        + (code != null ? "HTTP " + code + (registryError == null ? "" : " " + registryError) : rootMessage(e)));
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + root;
  }

  private static ImageReport problem(String reference, String resolved, Status status, String detail) {
    return new ImageReport(reference, resolved, status, null, List.of(), detail);
  }

  /** The media type without parameters ({@code ; charset=...}). */
  static String mediaType(@Nullable String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
  }

  /**
   * The platforms of an OCI index or Docker manifest list; entries for {@code unknown/unknown}
   * (the build attestations Docker's buildx adds) are not platforms.
   */
  static List<String> indexPlatforms(String json) {
    List<String> platforms = new ArrayList<>();
    JsonArray manifests = JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("manifests");
    if (manifests == null) {
      return platforms;
    }
    for (JsonElement manifest : manifests) {
      JsonObject platform = manifest.getAsJsonObject().getAsJsonObject("platform");
      if (platform == null) {
        continue;
      }
      String name = platform(platform);
      if (!name.startsWith("unknown/") && !platforms.contains(name)) {
        platforms.add(name);
      }
    }
    return platforms;
  }

  private static String configPlatform(Registry registry, ContainerRef ref, String json) {
    JsonObject config = JsonParser.parseString(json).getAsJsonObject().getAsJsonObject("config");
    if (config == null || !config.has("digest")) {
      throw new IllegalStateException("the image manifest has no config");
    }
    byte[] blob = registry.getBlob(ref.withDigest(config.get("digest").getAsString()));
    return platform(JsonParser.parseString(new String(blob, StandardCharsets.UTF_8)).getAsJsonObject());
  }

  /** {@code os/architecture}, with {@code /variant} when there is one. */
  static String platform(JsonObject platform) {
    String os = platform.has("os") ? platform.get("os").getAsString() : "unknown";
    String arch = platform.has("architecture") ? platform.get("architecture").getAsString() : "unknown";
    String variant = platform.has("variant") ? platform.get("variant").getAsString() : "";
    return os + "/" + arch + (variant.isEmpty() ? "" : "/" + variant);
  }

  private static String sha256(String json) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
