/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.helm.internal;

import com.google.gson.Gson;
import io.openim.deploy.core.chart.ChartExport;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rebuilds the chart folder and the values of one stored Helm revision from its release record:
 * what Helm's own rollback re-installs, except that the credentials keep their current values, as
 * with openim-deploy's own rollback: a rollback restores what is deployed, not passwords that
 * were changed since.
 */
public final class ChartFromRecord {
  private ChartFromRecord() {}

  /**
   * Writes the chart of {@code record} into {@code <work>/<name>} and the values into {@code
   * <work>/values.yaml}, with the {@code credentials} values of {@code current} (the release's
   * latest record) in place of the stored ones; without any in {@code current}, none, so that the
   * chart keeps those of the live Secret.
   */
  @SuppressWarnings("unchecked")
  public static Path write(JsonObject record, JsonObject current, Workspace work) throws IOException {
    Path dir = work.dir();
    JsonObject chart = record.getAsJsonObject("chart");
    Gson gson = new Gson();
    Map<String, Object> metadata = gson.fromJson(chart.get("metadata"), Map.class);
    Path folder = dir.resolve(String.valueOf(metadata.get("name")));
    Files.createDirectories(folder.resolve("templates"));
    Files.writeString(folder.resolve("Chart.yaml"), ChartExport.toYaml(metadata));
    JsonElement values = chart.get("values");
    Files.writeString(folder.resolve("values.yaml"),
        values == null || values.isJsonNull() ? "{}\n" : ChartExport.toYaml(gson.fromJson(values, Map.class)));
    if (chart.has("schema") && !chart.get("schema").isJsonNull()) {
      Files.write(folder.resolve("values.schema.json"), Base64.getDecoder().decode(chart.get("schema").getAsString()));
    }
    for (JsonElement template : chart.getAsJsonArray("templates")) {
      JsonObject t = template.getAsJsonObject();
      Path file = folder.resolve(t.get("name").getAsString()).normalize();
      if (!file.startsWith(folder)) {
        throw new IOException("a stored template escapes the chart folder: " + t.get("name").getAsString());
      }
      Files.createDirectories(file.getParent());
      Files.write(file, Base64.getDecoder().decode(t.get("data").getAsString()));
    }
    Map<String, Object> config = config(gson, record);
    Object credentials = config(gson, current).get("credentials");
    if (credentials != null) {
      config.put("credentials", credentials);
    } else {
      config.remove("credentials");
    }
    // the values hold credentials: owner-only, like the folder
    work.writePrivate("values.yaml", config.isEmpty() ? "{}\n" : ChartExport.toYaml(config));
    return folder;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> config(Gson gson, JsonObject record) {
    JsonElement config = record.get("config");
    return config == null || config.isJsonNull() ? new LinkedHashMap<>()
        : new LinkedHashMap<>(gson.fromJson(config, Map.class));
  }
}
