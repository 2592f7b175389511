/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.release.internal;

import io.openim.deploy.core.render.internal.Names;
import io.openim.deploy.core.render.internal.Tree;
import io.openim.deploy.core.render.internal.Yamls;
import io.openim.deploy.DeploymentException;
import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Revision;
import io.openim.deploy.Secret;
import io.openim.deploy.core.engine.Applier;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.engine.KubeObject;
import io.openim.deploy.core.engine.KubeResponse;
import io.openim.deploy.core.engine.ObjectRef;
import io.openim.deploy.core.engine.ResourceType;
import io.openim.deploy.core.engine.Selector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The revisions of a release, one ConfigMap each ({@code <release>-openim-deploy-rev-<n>}), holding
 * the applied manifests gzipped. Secret values are never stored: they are redacted, and a
 * rollback takes them from the live Secret. At most {@value #KEEP} revisions are kept.
 */
public final class History {
  /** How many revisions are kept. */
  public static final int KEEP = 10;
  private static final String LABEL = "openim-deploy.io/history-of";

  private final ClusterConnection connection;
  private final Applier applier;

  public History(ClusterConnection connection, Applier applier) {
    this.connection = connection;
    this.applier = applier;
  }

  private static ObjectRef ref(ReleaseRef release, int revision) {
    return new ObjectRef("v1", "ConfigMap", release.namespace(), release.release() + "-openim-deploy-rev-" + revision);
  }

  /** Deletes every kept revision of {@code release}; returns the ids of the ConfigMaps deleted. */
  public List<String> deleteAll(ReleaseRef release) {
    List<String> deleted = new ArrayList<>();
    for (Revision revision : list(release)) {
      ObjectRef ref = ref(release, revision.number());
      if (applier.delete(ref)) {
        deleted.add(ref.id());
      }
    }
    return deleted;
  }

  /** Stores a revision and drops the oldest beyond {@value #KEEP}. */
  public void record(ReleaseRef release, int revision, String version, String description, List<Manifest> manifests) {
    List<Object> stored = new ArrayList<>();
    for (Manifest manifest : manifests) {
      stored.add(Tree.map("phase", manifest.phase().name(), "body", Yamls.plain(manifest.body(), false)));
    }
    ObjectRef ref = ref(release, revision);
    Map<String, Object> metadata = Tree.map("name", ref.name(), "namespace", ref.namespace(),
        "labels", Tree.map(LABEL, release.release(), "openim-deploy.io/revision", Integer.toString(revision),
            "app.kubernetes.io/managed-by", Names.MANAGED_BY),
        "annotations", Tree.map("openim-deploy.io/applied-at", Instant.now().toString(),
            "openim-deploy.io/version", version, "openim-deploy.io/description", description,
            "openim-deploy.io/objects", Integer.toString(manifests.size())));
    Manifest configMap = new Manifest(Phase.CONFIGURATION, "v1", "ConfigMap", ref.namespace(), ref.name(),
        Tree.object("v1", "ConfigMap", metadata, "binaryData", Map.of("manifests.yaml.gz", gzip(yaml().dump(stored)))));
    applier.apply(configMap, Map.of());
    List<Revision> all = list(release);
    for (int i = 0; i < all.size() - KEEP; i++) {
      applier.delete(ref(release, all.get(i).number()));
    }
  }

  /** Whether the history holds revision {@code revision} of {@code release}. */
  public boolean has(ReleaseRef release, int revision) {
    return applier.read(ref(release, revision)).isPresent();
  }

  /** Every kept revision, oldest first. */
  public List<Revision> list(ReleaseRef release) {
    KubeResponse<List<KubeObject>> response = connection.list("list the revisions of " + release,
        new ResourceType("v1", "ConfigMap"), release.namespace(), Selector.ofLabels(LABEL + "=" + release.release()));
    if (response.notFound()) {
      return List.of();
    }
    if (!response.success()) {
      throw new DeploymentException("could not list the revisions of " + release + ": " + response);
    }
    List<Revision> revisions = new ArrayList<>();
    for (KubeObject item : response.body().orElseThrow()) {
      Map<String, String> labels = item.labels();
      Map<String, String> notes = item.annotations();
      revisions.add(new Revision(
          Integer.parseInt(recorded(labels, "openim-deploy.io/revision", item)),
          Instant.parse(recorded(notes, "openim-deploy.io/applied-at", item)),
          recorded(notes, "openim-deploy.io/version", item),
          Integer.parseInt(recorded(notes, "openim-deploy.io/objects", item)),
          recorded(notes, "openim-deploy.io/description", item)));
    }
    revisions.sort(Comparator.comparingInt(Revision::number));
    return revisions;
  }

  /**
   * The manifests of a revision. Secret values come back as {@code liveSecrets} gives them for
   * that Secret's name; a Secret the cluster no longer has cannot be restored.
   */
  /** A value every history ConfigMap openim-deploy writes has; one without it was changed by hand. */
  private static String recorded(Map<String, String> values, String key, KubeObject item) {
    String value = values.get(key);
    if (value == null) {
      throw new DeploymentException("the history ConfigMap " + item.name() + " has no " + key + "; it was not"
          + " written by openim-deploy or was changed since: delete it, and the revision it held is forgotten");
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  public List<Manifest> manifests(ReleaseRef release, int revision, Map<String, Map<String, Secret>> liveSecrets) {
    KubeObject stored = applier.read(ref(release, revision)).orElseThrow(() -> new DeploymentException(
        "release " + release + " has no revision " + revision + "; see its history for the kept ones"));
    String packed = stored.string("binaryData", "manifests.yaml.gz").orElseThrow();
    List<Object> items = Yamls.safeLoader().load(gunzip(packed));
    List<Manifest> manifests = new ArrayList<>();
    for (Object item : items) {
      Map<String, Object> entry = (Map<String, Object>) item;
      Map<String, Object> body = new LinkedHashMap<>((Map<String, Object>) stored(entry, "body"));
      Map<String, Object> metadata = (Map<String, Object>) stored(body, "metadata");
      String kind = (String) stored(body, "kind");
      String name = (String) stored(metadata, "name");
      if (kind.equals("Secret")) {
        Map<String, Secret> live = liveSecrets.get(name);
        if (live == null) {
          throw new DeploymentException("revision " + revision + " of " + release + " has Secret " + name
              + ", which the cluster no longer has; its values were never stored, so it cannot be restored");
        }
        body.put("stringData", new LinkedHashMap<String, Object>(live));
      }
      manifests.add(new Manifest(Phase.valueOf((String) stored(entry, "phase")), (String) stored(body, "apiVersion"),
          kind, (String) metadata.get("namespace"), name, body));
    }
    return manifests;
  }

  /** A part every stored manifest has (openim-deploy wrote it). */
  private static Object stored(Map<String, Object> map, String key) {
    return Objects.requireNonNull(map.get(key), () -> "a stored manifest has no " + key);
  }

  private static Yaml yaml() {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(options), options);
  }

  private static String gzip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  private static String gunzip(String base64) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("a stored revision is damaged", e);
    }
  }
}
