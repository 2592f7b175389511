/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ClusterConnection.request: what is asked again")
class ClusterConnectionTest {
  /**
   * A cluster nothing listens for: a connection reads its kubeconfig but sends no request. For the
   * engine's tests that need a connection and no cluster.
   */
  static final String UNREACHABLE = """
      apiVersion: v1
      kind: Config
      clusters: [{name: c, cluster: {server: "https://127.0.0.1:9"}}]
      users: [{name: u, user: {token: t}}]
      contexts: [{name: c, context: {cluster: c, user: u}}]
      current-context: c
      """;

  @Test
  @DisplayName("a success without an object (an API server killed while it answered) is asked again, not handed on")
  void successWithoutObjectIsRetried() {
    ClusterConnection connection = ClusterConnection.fromKubeconfig(UNREACHABLE);
    JsonObject live = new JsonObject();
    live.addProperty("kind", "ConfigMap");
    AtomicInteger calls = new AtomicInteger();

    KubernetesApiResponse<DynamicKubernetesObject> response = connection.request("read ConfigMap/ns/x",
        () -> calls.incrementAndGet() == 1 ? new KubernetesApiResponse<>((DynamicKubernetesObject) null)
            : new KubernetesApiResponse<>(new DynamicKubernetesObject(live)));

    assertThat(calls).hasValue(2);
    assertThat(response.getObject()).isNotNull();
    assertThat(response.getObject().getRaw()).isEqualTo(live);
    assertThat(connection.requestCount()).isEqualTo(2);
  }
}
