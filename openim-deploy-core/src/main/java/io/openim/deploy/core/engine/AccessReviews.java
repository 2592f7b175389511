/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.openim.deploy.DeploymentException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** SelfSubjectAccessReviews, for {@link ClusterConnection#allows}. */
final class AccessReviews {
  private AccessReviews() {}

  /** The authorizer's answer for one right of {@code connection}'s identity, or empty. */
  static Optional<Boolean> ask(ClusterConnection connection, String verb, String apiGroup, String resource,
      @Nullable String namespace, @Nullable String name) {
    JsonObject attributes = new JsonObject();
    attributes.addProperty("verb", Objects.requireNonNull(verb, "verb"));
    attributes.addProperty("group", Objects.requireNonNull(apiGroup, "apiGroup"));
    String[] parts = Objects.requireNonNull(resource, "resource").split("/", 2);
    attributes.addProperty("resource", parts[0]);
    if (parts.length == 2) {
      attributes.addProperty("subresource", parts[1]);
    }
    if (namespace != null) {
      attributes.addProperty("namespace", namespace);
    }
    if (name != null) {
      attributes.addProperty("name", name);
    }
    JsonObject spec = new JsonObject();
    spec.add("resourceAttributes", attributes);
    JsonObject review = new JsonObject();
    review.addProperty("apiVersion", "authorization.k8s.io/v1");
    review.addProperty("kind", "SelfSubjectAccessReview");
    review.add("metadata", new JsonObject());
    review.add("spec", spec);
    DynamicKubernetesApi api;
    try {
      api = connection.api(new ResourceType("authorization.k8s.io/v1", "SelfSubjectAccessReview"));
    } catch (DeploymentException e) {
      return Optional.empty();
    }
    KubernetesApiResponse<DynamicKubernetesObject> response = connection.request(
        "review access: " + verb + " " + resource, () -> api.create(new DynamicKubernetesObject(review)));
    DynamicKubernetesObject answer = response.isSuccess() ? response.getObject() : null;
    JsonObject status = answer == null ? null : answer.getRaw().getAsJsonObject("status");
    if (status == null) {
      return Optional.empty();
    }
    JsonElement allowed = status.get("allowed");
    return Optional.of(allowed != null && allowed.isJsonPrimitive() && allowed.getAsBoolean());
  }
}
