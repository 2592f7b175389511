/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.util.PatchUtils;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@WithLocalCluster
@DisplayName("Server-side apply on the local cluster")
class ServerSideApplyIT {
  private final ApiClient client;
  private final CoreV1Api core;
  private final String ns;

  ServerSideApplyIT(ApiClient client, TestNamespace namespace) {
    this.client = client;
    this.core = new CoreV1Api(client);
    this.ns = namespace.name();
  }

  @Test
  @DisplayName("an apply records its field manager, and another manager's change is a conflict")
  void conflictingManagersAreReported() throws Exception {
    V1ConfigMap applied = apply("settings", "openim-deploy", "blue", false);
    assertThat(applied.getData()).containsEntry("colour", "blue");
    assertThat(managers("settings")).contains("openim-deploy");

    ApiException conflict =
        catchThrowableOfType(
            ApiException.class, () -> apply("settings", "someone-else", "red", false));
    assertThat(conflict.getCode()).isEqualTo(409);
    JsonObject status = JsonParser.parseString(conflict.getResponseBody()).getAsJsonObject();
    assertThat(status.get("reason").getAsString()).isEqualTo("Conflict");
    JsonObject cause =
        status.getAsJsonObject("details").getAsJsonArray("causes").get(0).getAsJsonObject();
    assertThat(cause.get("reason").getAsString()).isEqualTo("FieldManagerConflict");
    assertThat(cause.get("message").getAsString()).contains("openim-deploy");
    assertThat(cause.get("field").getAsString()).isEqualTo(".data.colour");
    assertThat(core.readNamespacedConfigMap("settings", ns).execute().getData())
        .containsEntry("colour", "blue");

    V1ConfigMap forced = apply("settings", "someone-else", "red", true);
    assertThat(forced.getData()).containsEntry("colour", "red");
  }

  @Test
  @DisplayName("re-applying the same object as the same manager changes nothing")
  void reapplyIsANoOp() throws Exception {
    V1ConfigMap first = apply("stable", "openim-deploy", "green", false);
    V1ConfigMap second = apply("stable", "openim-deploy", "green", false);
    assertThat(second.getMetadata().getResourceVersion())
        .isEqualTo(first.getMetadata().getResourceVersion());
  }

  private V1ConfigMap apply(String name, String manager, String colour, boolean force)
      throws ApiException {
    String body =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
            + name
            + "\n  namespace: "
            + ns
            + "\ndata:\n  colour: "
            + colour
            + "\n";
    return PatchUtils.patch(
        V1ConfigMap.class,
        () ->
            core.patchNamespacedConfigMap(name, ns, new V1Patch(body))
                .fieldManager(manager)
                .force(force)
                .buildCall(null),
        V1Patch.PATCH_FORMAT_APPLY_YAML,
        client);
  }

  private List<String> managers(String name) throws Exception {
    // managedFields are hidden from the typed model by default, so read the raw object
    Request request =
        new Request.Builder()
            .url(client.getBasePath() + "/api/v1/namespaces/" + ns + "/configmaps/" + name)
            .build();
    try (Response response = client.getHttpClient().newCall(request).execute()) {
      JsonObject object = JsonParser.parseString(response.body().string()).getAsJsonObject();
      List<String> managers = new ArrayList<>();
      object
          .getAsJsonObject("metadata")
          .getAsJsonArray("managedFields")
          .forEach(e -> managers.add(e.getAsJsonObject().get("manager").getAsString()));
      return managers;
    }
  }
}
