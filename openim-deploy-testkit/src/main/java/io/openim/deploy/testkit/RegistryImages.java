/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
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
  private final Registry registry;
  private final String host;

  RegistryImages(String host, String username, String password) {
    this.host = host;
    this.registry = Registry.builder().insecure(host, username, password).build();
  }

  /**
   * Pushes {@code repository:tag} as an OCI index over one image per platform ({@code
   * linux/amd64}), each also tagged {@code <tag>-<architecture>}, and returns the index digest.
   */
  public String pushIndex(String repository, String tag, String... platforms) {
    List<String> entries = new ArrayList<>();
    for (String platform : platforms) {
      String[] parts = platform.split("/");
      String json = manifest(repository, parts[0], parts[1]);
      Descriptor pushed = pushManifest(repository, tag + "-" + parts[1], json);
      entries.add("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + pushed.getDigest()
          + "\",\"size\":" + pushed.getSize() + ",\"platform\":{\"os\":\""
          + parts[0] + "\",\"architecture\":\"" + parts[1] + "\"}}");
    }
    String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
        + "\"manifests\":[" + String.join(",", entries) + "]}";
    registry.pushIndex(ContainerRef.parse(host + "/" + repository + ":" + tag), Index.fromJson(index));
    return registry.getDescriptor(ContainerRef.parse(host + "/" + repository + ":" + tag)).getDigest();
  }

  /**
   * Pushes {@code repository:tag} as one OCI image manifest for {@code os/arch} and returns its
   * digest.
   */
  public String pushSingle(String repository, String tag, String platform) {
    String[] parts = platform.split("/");
    return pushManifest(repository, tag, manifest(repository, parts[0], parts[1])).getDigest();
  }

  private String manifest(String repository, String os, String arch) {
    byte[] config = ("{\"architecture\":\"" + arch + "\",\"os\":\"" + os
        + "\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}").getBytes(StandardCharsets.UTF_8);
    byte[] layer = ("a layer for " + os + "/" + arch).getBytes(StandardCharsets.UTF_8);
    ContainerRef repo = ContainerRef.parse(host + "/" + repository);
    registry.pushBlob(repo, config);
    registry.pushBlob(repo, layer);
    return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + sha256(config)
        + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
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
