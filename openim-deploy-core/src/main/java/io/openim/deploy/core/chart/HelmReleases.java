/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.chart;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.openim.deploy.DeploymentException;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Revision;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.engine.KubeObject;
import io.openim.deploy.core.engine.KubeResponse;
import io.openim.deploy.core.engine.ResourceType;
import io.openim.deploy.core.engine.Selector;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Reads Helm releases the way Helm stores them: one Secret per revision, of type {@code
 * helm.sh/release.v1}, labelled {@code owner=helm} and {@code name=<release>}, whose {@code release}
 * field is base64 of gzip of the release's JSON. Works for releases made by any Helm client.
 *
 * @since 0.1
 */
public final class HelmReleases {
  private HelmReleases() {}

  /**
   * One stored revision of a Helm release.
   *
   * @param revision the revision number
   * @param status deployed, superseded, failed, uninstalled, ...
   * @param chart the chart name and version
   * @param appVersion the chart's appVersion
   * @param description what made it ({@code Install complete}, {@code Upgrade complete}, ...)
   * @param deployedAt when it was deployed
   * @param json the whole release record, for tools that need more
   * @since 0.1
   */
  public record Record(int revision, String status, String chart, String appVersion, String description,
      Instant deployedAt, JsonObject json) {
    /** One line that names this revision of {@code release}: {@code Helm release ns/name: revision 2, deployed, chart openim-0.1.0}. */
    public String describe(ReleaseRef release) {
      return "Helm release " + release + ": revision " + revision + ", " + status + ", chart " + chart;
    }

    /** The chart's name alone ({@code openim}), as its {@code Chart.yaml} gives it. */
    public String chartName() {
      return json.getAsJsonObject("chart").getAsJsonObject("metadata").get("name").getAsString();
    }
  }

  /** Every stored revision of {@code release}, oldest first; empty if there is none. */
  public static List<Record> records(ClusterConnection connection, ReleaseRef release) {
    KubeResponse<List<KubeObject>> response = connection.list("list the Helm revisions of " + release,
        new ResourceType("v1", "Secret"), release.namespace(),
        Selector.ofLabels("owner=helm,name=" + release.release()));
    if (response.notFound()) {
      return List.of();
    }
    if (!response.success()) {
      throw new DeploymentException("could not read the Helm revisions of " + release + ": " + response);
    }
    List<Record> records = new ArrayList<>();
    for (KubeObject secret : response.body().orElseThrow()) {
      if (!"helm.sh/release.v1".equals(secret.string("type").orElse(null))) {
        continue;
      }
      String outer = secret.string("data", "release").orElseThrow();
      JsonObject json = JsonParser.parseString(decode(outer)).getAsJsonObject();
      JsonObject info = json.getAsJsonObject("info");
      JsonObject metadata = json.getAsJsonObject("chart").getAsJsonObject("metadata");
      records.add(new Record(json.get("version").getAsInt(), info.get("status").getAsString(),
          metadata.get("name").getAsString() + "-" + metadata.get("version").getAsString(),
          metadata.has("appVersion") ? metadata.get("appVersion").getAsString() : "",
          info.has("description") ? info.get("description").getAsString() : "",
          OffsetDateTime.parse(info.get("last_deployed").getAsString()).toInstant(), json));
    }
    records.sort(Comparator.comparingInt(Record::revision));
    return records;
  }

  /**
   * The latest of {@code records} (oldest first, as {@link #records} gives them), unless there is
   * none or Helm uninstalled the release and kept its history.
   */
  public static Optional<Record> latest(List<Record> records) {
    if (records.isEmpty()) {
      return Optional.empty();
    }
    Record last = records.get(records.size() - 1);
    // helm.sh/helm/v3@v3.21.4 pkg/release/status.go: StatusUninstalled, kept by uninstall --keep-history
    return last.status().equals("uninstalled") ? Optional.empty() : Optional.of(last);
  }

  /** The stored revision {@code revision} of {@code release}, if there is one. */
  public static Optional<Record> record(ClusterConnection connection, ReleaseRef release, int revision) {
    return records(connection, release).stream().filter(r -> r.revision() == revision).findFirst();
  }

  /** The stored revisions as openim-deploy {@link Revision}s. */
  public static List<Revision> history(ClusterConnection connection, ReleaseRef release) {
    return records(connection, release).stream()
        .map(r -> new Revision(r.revision(), r.deployedAt(), r.appVersion(),
            r.json().has("manifest") ? (int) r.json().get("manifest").getAsString().lines()
                .filter(l -> l.startsWith("kind: ")).count() : 0,
            r.status() + ": " + r.description()))
        .toList();
  }

  /** base64 (as the Secret API gives it) of base64 of gzip of JSON; old records are not gzipped. */
  static String decode(String secretData) {
    byte[] helm = Base64.getDecoder().decode(Base64.getDecoder().decode(secretData));
    if (helm.length > 2 && (helm[0] & 0xff) == 0x1f && (helm[1] & 0xff) == 0x8b) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(helm))) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("a Helm release record is damaged", e);
      }
    }
    return new String(helm, StandardCharsets.UTF_8);
  }
}
