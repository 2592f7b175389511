/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The engine's own types for what the cluster answers")
class KubeObjectTest {
  private static final String POD = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"api-0\","
      + "\"namespace\":\"im\",\"uid\":\"u-1\",\"resourceVersion\":\"42\","
      + "\"labels\":{\"app.kubernetes.io/name\":\"api\",\"odd\":7},\"annotations\":{\"note\":\"x\"}},"
      + "\"spec\":{\"replicas\":3,\"ratio\":1.5,\"big\":1e3,\"paused\":false,\"nothing\":null},"
      + "\"status\":{\"containerStatuses\":[{\"name\":\"api\",\"restartCount\":2},\"not an object\"]}}";

  private static KubeObject pod() {
    return KubeObject.wrap(JsonParser.parseString(POD).getAsJsonObject());
  }

  @Nested
  @DisplayName("a KubeObject")
  class Trees {
    @Test
    @DisplayName("reads its metadata, and an object without any answers empty strings")
    void metadata() {
      KubeObject pod = pod();
      assertThat(pod.apiVersion()).isEqualTo("v1");
      assertThat(pod.kind()).isEqualTo("Pod");
      assertThat(pod.namespace()).contains("im");
      assertThat(pod.name()).isEqualTo("api-0");
      assertThat(pod.uid()).isEqualTo("u-1");
      assertThat(pod.resourceVersion()).isEqualTo("42");
      assertThat(pod.labels()).as("string values only").containsExactly(Map.entry("app.kubernetes.io/name", "api"));
      assertThat(pod.annotations()).containsExactly(Map.entry("note", "x"));
      KubeObject spec = pod.object("spec").orElseThrow();
      assertThat(spec.name()).isEmpty();
      assertThat(spec.namespace()).isEmpty();
      assertThat(spec.labels()).isEmpty();
    }

    @Test
    @DisplayName("reads typed values by path, one key per level, and answers empty for a missing or other type")
    void paths() {
      KubeObject pod = pod();
      assertThat(pod.string("metadata", "labels", "app.kubernetes.io/name")).contains("api");
      assertThat(pod.string("metadata", "labels", "odd")).as("a number is no string").isEmpty();
      assertThat(pod.integer("spec", "replicas")).hasValue(3);
      assertThat(pod.integer("spec", "big")).hasValue(1000);
      assertThat(pod.integer("spec", "ratio")).as("a fraction is no whole number").isEmpty();
      assertThat(pod.integer("metadata", "resourceVersion")).as("a string is no number").isEmpty();
      assertThat(pod.bool("spec", "paused")).contains(false);
      assertThat(pod.has("spec", "nothing")).isTrue();
      assertThat(pod.string("spec", "nothing")).isEmpty();
      assertThat(pod.has("spec", "missing", "deeper")).isFalse();
      assertThat(pod.string("kind", "below a string")).isEmpty();
      assertThat(pod.object()).contains(pod);
      assertThat(pod.objects("status", "containerStatuses")).as("objects only").singleElement()
          .satisfies(c -> assertThat(c.integer("restartCount")).hasValue(2));
      assertThat(pod.list("status", "containerStatuses"))
          .containsExactly(Map.of("name", "api", "restartCount", 2L), "not an object");
      assertThat(pod.strings("metadata", "labels")).isEqualTo(pod.labels());
    }

    @Test
    @DisplayName("gives plain copies that change nothing in it: whole numbers as Long, others as Double")
    @SuppressWarnings("unchecked")
    void copies() {
      KubeObject pod = pod();
      Map<String, Object> map = pod.toMap();
      Map<String, Object> spec = (Map<String, Object>) map.get("spec");
      assertThat(spec).containsEntry("replicas", 3L).containsEntry("ratio", 1.5).containsEntry("big", 1000.0)
          .containsEntry("paused", false).containsEntry("nothing", null);
      spec.put("replicas", 9L);
      pod.list("status", "containerStatuses").clear();
      assertThat(pod.integer("spec", "replicas")).hasValue(3);
      assertThat(pod.list("status", "containerStatuses")).hasSize(2);
      assertThat(KubeObject.of(map)).as("a changed copy is another object").isNotEqualTo(pod);
    }

    @Test
    @DisplayName("is built from plain values, copied, and refuses others, naming where they are")
    void built() {
      Map<String, Object> metadata = new LinkedHashMap<>(Map.of("name", "web"));
      Map<String, Object> tree = new LinkedHashMap<>(Map.of("kind", "Service", "metadata", metadata,
          "spec", Map.of("ports", List.of(Map.of("port", 80)))));
      KubeObject service = KubeObject.of(tree);
      metadata.put("name", "changed");
      assertThat(service.name()).isEqualTo("web");
      assertThat(service.objects("spec", "ports").get(0).integer("port")).hasValue(80);
      assertThat(service).isEqualTo(KubeObject.of(Map.of("kind", "Service", "metadata", Map.of("name", "web"),
          "spec", Map.of("ports", List.of(Map.of("port", 80L))))));
      assertThat(service.hashCode()).as("equal objects, equal hashes").isEqualTo(KubeObject.of(Map.of(
          "kind", "Service", "metadata", Map.of("name", "web"), "spec", Map.of("ports", List.of(Map.of("port", 80)))))
          .hashCode());
      assertThatIllegalArgumentException()
          .isThrownBy(() -> KubeObject.of(Map.of("spec", Map.of("at", List.of(Instant.EPOCH)))))
          .withMessageContaining("spec.at[0]").withMessageContaining("java.time.Instant");
    }

    @Test
    @DisplayName("names itself without showing its contents, which may be a Secret's")
    void hidesContents() {
      KubeObject secret = KubeObject.of(Map.of("kind", "Secret",
          "metadata", Map.of("name", "db", "namespace", "im"), "data", Map.of("password", "c2VjcmV0")));
      assertThat(secret).hasToString("KubeObject[Secret/im/db]");
    }
  }

  @Nested
  @DisplayName("a KubeResponse")
  class Responses {
    @Test
    @DisplayName("holds the object of a success, and the status and message of a failure")
    void statusAndBody() {
      KubeResponse<KubeObject> found = KubeResponse.of(new KubernetesApiResponse<>(
          new DynamicKubernetesObject(JsonParser.parseString(POD).getAsJsonObject())), o -> KubeObject.wrap(o.getRaw()));
      assertThat(found.success()).isTrue();
      assertThat(found.status()).isEqualTo(200);
      assertThat(found.body()).contains(pod());
      KubeResponse<KubeObject> missing = KubeResponse.of(new KubernetesApiResponse<DynamicKubernetesObject>(
          new V1Status().message("pods \"api-0\" not found"), 404), o -> KubeObject.wrap(o.getRaw()));
      assertThat(missing.success()).isFalse();
      assertThat(missing.notFound()).isTrue();
      assertThat(missing.body()).isEmpty();
      assertThat(missing.message()).isEqualTo("pods \"api-0\" not found");
      assertThat(missing).hasToString("HTTP 404 pods \"api-0\" not found");
      KubeResponse<KubeObject> bare = KubeResponse.of(new KubernetesApiResponse<DynamicKubernetesObject>(null, 503),
          o -> KubeObject.wrap(o.getRaw()));
      assertThat(bare).hasToString("HTTP 503");
      assertThat(bare.notFound()).isFalse();
    }
  }
}
