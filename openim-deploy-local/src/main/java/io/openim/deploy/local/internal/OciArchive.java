/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes an OCI image layout as one tar file (what {@code ctr images import} and {@code docker
 * load} read): {@code oci-layout}, {@code index.json} naming the image by its full reference in the
 * {@code io.containerd.image.name} annotation (containerd keeps it as it is) and by its tag in
 * {@code org.opencontainers.image.ref.name}, and the manifest, config and single layer blobs.
 */
public final class OciArchive {
  static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String CONFIG = "application/vnd.oci.image.config.v1+json";
  static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
  static final String INDEX = "application/vnd.oci.image.index.v1+json";
  private static final String EPOCH = "1970-01-01T00:00:00Z";
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private OciArchive() {}

  /** This JVM's architecture in OCI words ({@code amd64}, {@code arm64}). */
  public static String architecture() {
    String arch = System.getProperty("os.arch", "");
    return switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
  }

  /** The image config JSON of {@code recipe} with one layer. */
  public static byte[] config(ImageRecipe recipe, String diffId) {
    Map<String, Object> config = new LinkedHashMap<>();
    if (!recipe.user().isEmpty()) {
      config.put("User", recipe.user());
    }
    config.put("Env", recipe.env());
    if (!recipe.entrypoint().isEmpty()) {
      config.put("Entrypoint", recipe.entrypoint());
    }
    if (!recipe.cmd().isEmpty()) {
      config.put("Cmd", recipe.cmd());
    }
    if (!recipe.workdir().isEmpty()) {
      config.put("WorkingDir", recipe.workdir());
    }
    Map<String, Object> image = new LinkedHashMap<>();
    image.put("created", EPOCH);
    image.put("architecture", architecture());
    image.put("os", "linux");
    image.put("config", config);
    image.put("rootfs", Map.of("type", "layers", "diff_ids", List.of(diffId)));
    image.put("history", List.of(Map.of("created", EPOCH,
        "created_by", "openim-deploy-testkit ContainerImage (a test stand-in for " + recipe.reference() + ")")));
    return GSON.toJson(image).getBytes(StandardCharsets.UTF_8);
  }

  /** Writes the archive to {@code out} and returns the manifest's digest. */
  static String write(ImageRecipe recipe, Path layerFile, LayerTar.Written layer, Path out) throws IOException {
    byte[] config = config(recipe, layer.diffId());
    String configDigest = "sha256:" + Hashes.sha256(config);
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", MANIFEST);
    manifest.put("config", descriptor(CONFIG, configDigest, config.length));
    manifest.put("layers", List.of(descriptor(LAYER, layer.digest(), layer.size())));
    byte[] manifestJson = GSON.toJson(manifest).getBytes(StandardCharsets.UTF_8);
    String manifestDigest = "sha256:" + Hashes.sha256(manifestJson);

    Map<String, Object> entry = descriptor(MANIFEST, manifestDigest, manifestJson.length);
    entry.put("platform", Map.of("architecture", architecture(), "os", "linux"));
    entry.put("annotations", Map.of(
        "io.containerd.image.name", recipe.reference(),
        "org.opencontainers.image.ref.name", tag(recipe.reference())));
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("schemaVersion", 2);
    index.put("mediaType", INDEX);
    index.put("manifests", List.of(entry));

    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
        new BufferedOutputStream(Files.newOutputStream(out), 1 << 16))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      directory(tar, "blobs/");
      directory(tar, "blobs/sha256/");
      file(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
      file(tar, "index.json", GSON.toJson(index).getBytes(StandardCharsets.UTF_8));
      file(tar, blob(manifestDigest), manifestJson);
      file(tar, blob(configDigest), config);
      TarArchiveEntry layerEntry = entry(blob(layer.digest()), TarConstants.LF_NORMAL, 0100644);
      layerEntry.setSize(layer.size());
      tar.putArchiveEntry(layerEntry);
      try (InputStream in = Files.newInputStream(layerFile)) {
        in.transferTo(tar);
      }
      tar.closeArchiveEntry();
      tar.finish();
    }
    return manifestDigest;
  }

  /** The tag of {@code host/path:tag}. */
  static String tag(String reference) {
    return reference.substring(reference.lastIndexOf(':') + 1);
  }

  private static String blob(String digest) {
    return "blobs/sha256/" + digest.substring("sha256:".length());
  }

  private static Map<String, Object> descriptor(String mediaType, String digest, long size) {
    Map<String, Object> descriptor = new LinkedHashMap<>();
    descriptor.put("mediaType", mediaType);
    descriptor.put("digest", digest);
    descriptor.put("size", size);
    return descriptor;
  }

  private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
    tar.putArchiveEntry(entry(name, TarConstants.LF_DIR, 040755));
    tar.closeArchiveEntry();
  }

  private static void file(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
    TarArchiveEntry entry = entry(name, TarConstants.LF_NORMAL, 0100644);
    entry.setSize(bytes.length);
    tar.putArchiveEntry(entry);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  private static TarArchiveEntry entry(String name, byte flag, int mode) {
    TarArchiveEntry entry = new TarArchiveEntry(name, flag);
    entry.setMode(mode);
    entry.setUserId(0);
    entry.setGroupId(0);
    entry.setUserName("");
    entry.setGroupName("");
    entry.setModTime(0L);
    return entry;
  }
}
