/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.helm.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Fetches one chart version from a Helm chart repository (its {@code index.yaml}, then the archive
 * it lists) and unpacks it, what {@code helm pull --untar} does; helm-java has no pull. The JDK's
 * gzip reader is used because Helm writes a gzip extra field that commons-compress refuses.
 */
public final class ChartRepository {
  private static final OkHttpClient HTTP = new OkHttpClient.Builder()
      .callTimeout(2, TimeUnit.MINUTES).build();

  private ChartRepository() {}

  /** Unpacks {@code chart} at {@code version} from {@code repository} into {@code dir}; returns its folder. */
  @SuppressWarnings("unchecked")
  public static Path fetch(URI repository, String chart, String version, Path dir) throws IOException {
    String base = repository.toString().endsWith("/") ? repository.toString() : repository + "/";
    Map<String, Object> index = new Yaml(new SafeConstructor(new LoaderOptions())).load(get(base + "index.yaml"));
    Map<String, Object> entries = (Map<String, Object>) index.getOrDefault("entries", Map.of());
    List<Map<String, Object>> versions = (List<Map<String, Object>>) entries.get(chart);
    if (versions == null) {
      throw new IOException("repository " + repository + " has no chart " + chart + "; it has " + entries.keySet());
    }
    Map<String, Object> entry = versions.stream().filter(v -> version.equals(String.valueOf(v.get("version"))))
        .findFirst().orElseThrow(() -> new IOException("repository " + repository + " has no version " + version
            + " of " + chart + "; it has " + versions.stream().map(v -> v.get("version")).toList()));
    if (!(entry.get("urls") instanceof List<?> urls) || urls.isEmpty()) {
      throw new IOException("repository " + repository + " lists version " + version + " of " + chart
          + " without a download URL");
    }
    String url = String.valueOf(urls.get(0));
    URI archive = URI.create(base).resolve(url);
    Request request = new Request.Builder().url(archive.toString()).build();
    try (Response response = HTTP.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new IOException("GET " + archive + ": HTTP " + response.code());
      }
      untar(response.body().byteStream(), dir);
    }
    Path folder = dir.resolve(chart);
    if (!Files.isRegularFile(folder.resolve("Chart.yaml"))) {
      throw new IOException(archive + " holds no chart folder " + chart);
    }
    return folder;
  }

  private static String get(String url) throws IOException {
    try (Response response = HTTP.newCall(new Request.Builder().url(url).build()).execute()) {
      if (!response.isSuccessful()) {
        throw new IOException("GET " + url + ": HTTP " + response.code());
      }
      return response.body().string();
    }
  }

  private static void untar(InputStream gzipped, Path dir) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(gzipped))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        Path target = dir.resolve(entry.getName()).normalize();
        if (!target.startsWith(dir)) {
          throw new IOException("the chart archive has an entry outside its folder: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target);
        }
      }
    }
  }
}
