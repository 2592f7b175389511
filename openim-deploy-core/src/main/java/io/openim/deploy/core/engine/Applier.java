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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Server-side apply of manifests with the field manager {@value #FIELD_MANAGER}. The whole desired
 * state is sent, so the server decides what changes; but when the live object a caller already
 * has (from a list) holds every field the apply would send, with the same values and the same
 * {@value #APPLIED_DIGEST} annotation, nothing is sent at all: a re-apply of what is there costs
 * no request, while a field another manager changed, or one the last apply set and this one drops,
 * still gets the apply.
 *
 * @since 0.1
 */
public final class Applier {
  /** The field manager every apply uses. */
  public static final String FIELD_MANAGER = "openim-deploy";

  /**
   * The annotation every applied object carries: a digest of the body that was applied (its
   * Secret values left out, so the digest reveals none), which changes whenever a field is added
   * or removed.
   *
   * @since 0.4
   */
  public static final String APPLIED_DIGEST = "deploy.openim.io/applied-digest";

  /**
   * What one apply did and the object as it left it: the API server's answer, or the live object
   * given when the apply was left out because that object already held it.
   *
   * @param result created, changed or unchanged
   * @param live the object after the apply
   * @since 0.4
   */
  public record Applied(ObjectResult result, KubeObject live) {
    /** Checks both are there. */
    public Applied {
      Objects.requireNonNull(result, "result");
      Objects.requireNonNull(live, "live");
    }
  }

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
    return apply(manifest, labels, read(ObjectRef.of(manifest))).result();
  }

  /**
   * Applies {@code manifest} with {@code labels} added to its metadata, given the live object as a
   * read or a list made just before found it ({@code before}, empty when it found none), without a
   * read of its own; when {@code before} already holds all of it, nothing is sent and the result is
   * unchanged. An object a list could not see (one of the same name made without the labels
   * it selected by) counts as created: the apply adopts it. The API server's 201 for a created
   * object would tell the two apart, but client-java's generic API answers every success as 200
   * (GenericKubernetesApi.getKubernetesApiResponse at client-java v27.0.0).
   *
   * @throws RolloutException if the server refuses it; a conflict names the other managers' fields
   */
  public Applied apply(Manifest manifest, Map<String, String> labels, Optional<KubeObject> before) {
    ObjectRef ref = ObjectRef.of(manifest);
    Manifest sent = asApplied(manifest, labels);
    if (before.isPresent() && Settled.holds(KubeObject.of(revealed(sent.body())).json(), before.get().json())) {
      return new Applied(new ObjectResult(ref.id(), Outcome.UNCHANGED, null), before.get());
    }
    PatchOptions options = new PatchOptions();
    options.setForce(force);
    KubernetesApiResponse<DynamicKubernetesObject> response = serverSideApply("apply", sent, options);
    if (!response.isSuccess()) {
      throw refusal(ref, response);
    }
    KubeObject after = KubeObject.wrap(response.getObject().getRaw());
    Outcome outcome = before.isEmpty() ? Outcome.CREATED
        : before.get().resourceVersion().equals(after.resourceVersion()) ? Outcome.UNCHANGED : Outcome.CHANGED;
    return new Applied(new ObjectResult(ref.id(), outcome, null), after);
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
    return yaml(revealed(manifest.body()));
  }

  private static String yaml(Object tree) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(0);
    options.setWidth(Integer.MAX_VALUE);
    options.setSplitLines(false);
    options.setLineBreak(DumperOptions.LineBreak.UNIX);
    return new Yaml(options).dump(tree);
  }

  /** A copy of a manifest's tree with each {@link Secret} replaced by its value. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> revealed(Map<String, Object> body) {
    return (Map<String, Object>) secrets(body, Secret::reveal);
  }

  /** A copy of {@code value}'s tree with each {@link Secret} replaced by what {@code as} makes of it. */
  private static Object secrets(Object value, Function<Secret, Object> as) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, secrets(v, as)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(secrets(v, as)));
      return out;
    }
    return value instanceof Secret secret ? as.apply(secret) : value;
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

  /**
   * {@code manifest} as an apply sends it: {@code labels} added to its metadata, and the {@value
   * #APPLIED_DIGEST} annotation of the result. What a dry run compares with the live object must be
   * this too, or it reports the annotation as removed.
   *
   * @since 0.4
   */
  public static Manifest asApplied(Manifest manifest, Map<String, String> labels) {
    Manifest labelled = merged(manifest, "labels", labels);
    // the Secret values stay out: a digest of a short password could be searched for
    String digest = sha256(yaml(secrets(labelled.body(), secret -> "(secret)"))).substring(0, 32);
    return merged(labelled, "annotations", Map.of(APPLIED_DIGEST, digest));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** A copy of {@code manifest} with {@code entries} added to the metadata map {@code field}. */
  @SuppressWarnings("unchecked")
  private static Manifest merged(Manifest manifest, String field, Map<String, String> entries) {
    if (entries.isEmpty()) {
      return manifest;
    }
    Map<String, Object> body = new LinkedHashMap<>(manifest.body());
    Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) body.get("metadata"));
    Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) metadata.getOrDefault(field, Map.of()));
    merged.putAll(entries);
    metadata.put(field, merged);
    body.put("metadata", metadata);
    return new Manifest(manifest.phase(), manifest.apiVersion(), manifest.kind(), manifest.namespace(),
        manifest.name(), body);
  }
}
