/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.openapi.models.V1StatusCause;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.kubernetes.client.util.generic.options.DeleteOptions;
import io.kubernetes.client.util.generic.options.PatchOptions;
import io.openim.deploy.Manifest;
import io.openim.deploy.ObjectResult;
import io.openim.deploy.Outcome;
import io.openim.deploy.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Server-side apply of manifests with the field manager {@value #FIELD_MANAGER}. The whole desired
 * state is sent each time, so the server decides what changed; an object already matching is not
 * written at all.
 *
 * @since 0.1
 */
public final class Applier {
  /** The field manager every apply uses. */
  public static final String FIELD_MANAGER = "openim-deploy";

  private final ClusterConnection connection;
  private final boolean force;

  /**
   * An applier on {@code connection}.
   *
   * @param force take over fields another manager owns instead of reporting a conflict
   */
  public Applier(ClusterConnection connection, boolean force) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.force = force;
  }

  /**
   * Applies {@code manifest} with {@code labels} added to its metadata.
   *
   * @throws RolloutException if the server refuses it; a conflict names the other managers' fields
   */
  public ObjectResult apply(Manifest manifest, Map<String, String> labels) {
    return apply(manifest, labels, read(ObjectRef.of(manifest)));
  }

  /**
   * Applies {@code manifest} with {@code labels} added to its metadata, given the live object as a
   * read or a list made just before found it ({@code before}, empty when it found none), without a
   * read of its own. An object a list could not see (one of the same name made without the labels
   * it selected by) counts as created: the apply adopts it. The API server's 201 for a created
   * object would tell the two apart, but client-java's generic API answers every success as 200
   * (GenericKubernetesApi.getKubernetesApiResponse at client-java v27.0.0).
   *
   * @throws RolloutException if the server refuses it; a conflict names the other managers' fields
   */
  public ObjectResult apply(Manifest manifest, Map<String, String> labels, Optional<KubeObject> before) {
    ObjectRef ref = ObjectRef.of(manifest);
    PatchOptions options = new PatchOptions();
    options.setForce(force);
    KubernetesApiResponse<DynamicKubernetesObject> after = serverSideApply("apply", withLabels(manifest, labels), options);
    if (!after.isSuccess()) {
      throw refusal(ref, after);
    }
    if (before.isEmpty()) {
      return new ObjectResult(ref.id(), Outcome.CREATED, null);
    }
    String now = KubeObject.wrap(after.getObject().getRaw()).resourceVersion();
    boolean same = before.get().resourceVersion().equals(now);
    return new ObjectResult(ref.id(), same ? Outcome.UNCHANGED : Outcome.CHANGED, null);
  }

  /**
   * What the API server would make of {@code manifest}: a server-side apply with dryRun=All,
   * never forced, that changes nothing.
   *
   * @throws RolloutException if the server refuses it
   */
  public KubeObject dryRun(Manifest manifest) {
    PatchOptions options = new PatchOptions();
    options.setDryRun("All");
    KubernetesApiResponse<DynamicKubernetesObject> response = serverSideApply("dry-run", manifest, options);
    if (!response.isSuccess()) {
      throw new RolloutException(ObjectRef.of(manifest).id(), "the API server refused it in a dry run: HTTP "
          + response.getHttpStatusCode() + " " + ClusterConnection.message(response.getStatus()));
    }
    return KubeObject.wrap(response.getObject().getRaw());
  }

  /** One server-side apply patch of {@code manifest} as field manager {@value #FIELD_MANAGER}. */
  private KubernetesApiResponse<DynamicKubernetesObject> serverSideApply(
      String what, Manifest manifest, PatchOptions options) {
    ObjectRef ref = ObjectRef.of(manifest);
    options.setFieldManager(FIELD_MANAGER);
    V1Patch body = new V1Patch(applyBody(manifest));
    DynamicKubernetesApi api = connection.api(ref);
    return connection.request(what + " " + ref.id(), () -> ref.namespace() == null
        ? api.patch(ref.name(), V1Patch.PATCH_FORMAT_APPLY_YAML, body, options)
        : api.patch(ref.namespace(), ref.name(), V1Patch.PATCH_FORMAT_APPLY_YAML, body, options));
  }

  /**
   * The live object, or empty if it does not exist.
   *
   * @throws RolloutException if the server refuses to give it (403, ...)
   */
  public Optional<KubeObject> read(ObjectRef ref) {
    DynamicKubernetesApi api = connection.api(ref);
    KubernetesApiResponse<DynamicKubernetesObject> response = connection.request("read " + ref.id(), () ->
        ref.namespace() == null ? api.get(ref.name()) : api.get(ref.namespace(), ref.name()));
    if (response.getHttpStatusCode() == 404) {
      return Optional.empty();
    }
    if (!response.isSuccess()) {
      throw refusal(ref, response);
    }
    return Optional.of(KubeObject.wrap(response.getObject().getRaw()));
  }

  /** Deletes an object, its dependents in the background; an absent object is fine. */
  public boolean delete(ObjectRef ref) {
    DynamicKubernetesApi api = connection.api(ref);
    DeleteOptions options = new DeleteOptions();
    options.setPropagationPolicy("Background");
    KubernetesApiResponse<DynamicKubernetesObject> response = connection.request("delete " + ref.id(), () ->
        ref.namespace() == null ? api.delete(ref.name(), options) : api.delete(ref.namespace(), ref.name(), options));
    if (response.getHttpStatusCode() == 404) {
      return false;
    }
    if (!response.isSuccess()) {
      throw refusal(ref, response);
    }
    return true;
  }

  /**
   * The body of a server-side apply of {@code manifest}: its YAML with every {@link Secret} in
   * clear. Handle it as a secret.
   */
  static String applyBody(Manifest manifest) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(0);
    options.setWidth(Integer.MAX_VALUE);
    options.setSplitLines(false);
    options.setLineBreak(DumperOptions.LineBreak.UNIX);
    return new Yaml(options).dump(revealed(manifest.body()));
  }

  /** A copy of a manifest's tree with each {@link Secret} replaced by its value. */
  private static Object revealed(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, revealed(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(revealed(v)));
      return out;
    }
    return value instanceof Secret secret ? secret.reveal() : value;
  }

  private static RolloutException refusal(ObjectRef ref, KubernetesApiResponse<?> response) {
    V1Status status = response.getStatus();
    int code = response.getHttpStatusCode();
    if (code == 409 && status != null && status.getDetails() != null && status.getDetails().getCauses() != null) {
      List<V1StatusCause> causes = status.getDetails().getCauses();
      String conflicts = causes.stream()
          .map(c -> (c.getField() == null ? "" : c.getField() + ": ") + c.getMessage())
          .collect(Collectors.joining("; "));
      return new RolloutException(ref.id(), "conflicts with fields owned by other managers (" + conflicts
          + "). Apply with force to take them over, or change them through their owner");
    }
    return new RolloutException(ref.id(), "the API server refused it: HTTP " + code + " "
        + ClusterConnection.message(status));
  }

  /** A copy of {@code manifest} with {@code labels} added to its metadata. */
  @SuppressWarnings("unchecked")
  public static Manifest withLabels(Manifest manifest, Map<String, String> labels) {
    if (labels.isEmpty()) {
      return manifest;
    }
    Map<String, Object> body = new LinkedHashMap<>(manifest.body());
    Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) body.get("metadata"));
    Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) metadata.getOrDefault("labels", Map.of()));
    merged.putAll(labels);
    metadata.put("labels", merged);
    body.put("metadata", metadata);
    return new Manifest(manifest.phase(), manifest.apiVersion(), manifest.kind(), manifest.namespace(),
        manifest.name(), body);
  }
}
