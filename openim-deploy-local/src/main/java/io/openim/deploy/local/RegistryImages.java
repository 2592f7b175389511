/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local;

import org.jspecify.annotations.Nullable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import land.oras.ContainerRef;
import land.oras.Descriptor;
import land.oras.Index;
import land.oras.Manifest;
import land.oras.Registry;

/**
 * Pushes tiny images into a {@link LocalRegistry} with the ORAS Java SDK, as its own credentials
 * allow: a config blob naming the platform, one layer blob, an OCI image manifest per platform,
 * and an OCI index over several. The images run nothing; they are for resolving.
 *
 * @since 0.1
 */
public final class RegistryImages {
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  private static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

  private final Registry registry;
  private final String host;
  private final String basicAuth;

  RegistryImages(String host, String username, String password) {
    this.host = host;
    this.registry = Registry.builder().insecure(host, username, password).build();
    this.basicAuth = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Pushes {@code repository:tag} as an OCI index over one image per platform ({@code
   * linux/amd64}), each also tagged {@code <tag>-<architecture>}, and returns the index digest.
   */
  public String pushIndex(String repository, String tag, String... platforms) {
    List<String> entries = new ArrayList<>();
    for (String platform : platforms) {
      String[] parts = platform.split("/");
      String json = manifest(repository, parts[0], parts[1], false);
      Descriptor pushed = pushManifest(repository, tag + "-" + parts[1], json);
      entries.add("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + pushed.getDigest()
          + "\",\"size\":" + pushed.getSize() + ",\"platform\":{\"os\":\""
          + parts[0] + "\",\"architecture\":\"" + parts[1] + "\"}}");
    }
    String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
        + "\"manifests\":[" + String.join(",", entries) + "]}";
    registry.pushIndex(ContainerRef.parse(host + "/" + repository + ":" + tag), Index.fromJson(index));
    return digest(registry.getDescriptor(ContainerRef.parse(host + "/" + repository + ":" + tag)).getDigest(),
        repository, tag);
  }

  /**
   * Pushes {@code repository:tag} as one OCI image manifest for {@code os/arch} and returns its
   * digest.
   */
  public String pushSingle(String repository, String tag, String platform) {
    String[] parts = platform.split("/");
    return digest(pushManifest(repository, tag, manifest(repository, parts[0], parts[1], false)).getDigest(),
        repository, tag);
  }

  /** A digest the registry answered with; it always sends one for a manifest it stored. */
  private String digest(@Nullable String digest, String repository, String tag) {
    if (digest == null) {
      throw new IllegalStateException("the registry " + host + " stored " + repository + ":" + tag
          + " but gave no digest for it");
    }
    return digest;
  }

  /**
   * Pushes {@code repository:tag} as a Docker manifest list over one Docker v2 image manifest per
   * platform, the media types Docker Hub serves (distribution {@code manifest/manifestlist} and
   * {@code manifest/schema2}), each also tagged {@code <tag>-<architecture>}, and returns the list's
   * digest. The ORAS SDK pushes OCI types only,
   * so these are put with plain HTTP requests.
   */
  public String pushDockerList(String repository, String tag, String... platforms) {
    List<String> entries = new ArrayList<>();
    for (String platform : platforms) {
      String[] parts = platform.split("/");
      byte[] json = manifest(repository, parts[0], parts[1], true).getBytes(StandardCharsets.UTF_8);
      String digest = put(repository, tag + "-" + parts[1], DOCKER_MANIFEST, json);
      entries.add("{\"mediaType\":\"" + DOCKER_MANIFEST + "\",\"digest\":\"" + digest + "\",\"size\":" + json.length
          + ",\"platform\":{\"os\":\"" + parts[0] + "\",\"architecture\":\"" + parts[1] + "\"}}");
    }
    byte[] list = ("{\"schemaVersion\":2,\"mediaType\":\"" + DOCKER_LIST + "\",\"manifests\":["
        + String.join(",", entries) + "]}").getBytes(StandardCharsets.UTF_8);
    return put(repository, tag, DOCKER_LIST, list);
  }

  private String put(String repository, String reference, String mediaType, byte[] body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + "/v2/" + repository + "/manifests/" + reference))
        .header("Content-Type", mediaType).header("Authorization", basicAuth)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201) {
        throw new IllegalStateException("the registry refused " + repository + ":" + reference + " (HTTP "
            + response.statusCode() + "): " + response.body());
      }
      return sha256(body);
    } catch (IOException e) {
      throw new UncheckedIOException("could not push " + repository + ":" + reference, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while pushing " + repository + ":" + reference, e);
    }
  }

  private String manifest(String repository, String os, String arch, boolean docker) {
    byte[] config = ("{\"architecture\":\"" + arch + "\",\"os\":\"" + os
        + "\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}").getBytes(StandardCharsets.UTF_8);
    byte[] layer = ("a layer for " + os + "/" + arch).getBytes(StandardCharsets.UTF_8);
    ContainerRef repo = ContainerRef.parse(host + "/" + repository);
    registry.pushBlob(repo, config);
    registry.pushBlob(repo, layer);
    String configType = docker ? "application/vnd.docker.container.image.v1+json" : "application/vnd.oci.image.config.v1+json";
    String layerType = docker ? "application/vnd.docker.image.rootfs.diff.tar.gzip" : "application/vnd.oci.image.layer.v1.tar";
    return "{\"schemaVersion\":2,\"mediaType\":\"" + (docker ? DOCKER_MANIFEST : OCI_MANIFEST) + "\","
        + "\"config\":{\"mediaType\":\"" + configType + "\",\"digest\":\"" + sha256(config)
        + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"" + layerType + "\","
        + "\"digest\":\"" + sha256(layer) + "\",\"size\":" + layer.length + "}]}";
  }

  private Descriptor pushManifest(String repository, String tag, String json) {
    ContainerRef ref = ContainerRef.parse(host + "/" + repository + ":" + tag);
    registry.pushManifest(ref, Manifest.fromJson(json));
    return registry.getDescriptor(ref);
  }

  private static String sha256(byte[] data) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
