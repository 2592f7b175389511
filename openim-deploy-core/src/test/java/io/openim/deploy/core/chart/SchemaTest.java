/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The chart's values schema")
class SchemaTest {
  @Test
  @DisplayName("takes any credential, but etcd's and Kafka's only as their stores can keep them, as a spec does")
  void storeCredentials() {
    JsonObject credentials = JsonParser.parseString(Schema.of(Map.of("credentials", Map.of()))).getAsJsonObject()
        .getAsJsonObject("properties").getAsJsonObject("credentials");
    assertThat(credentials.getAsJsonObject("additionalProperties").get("minLength").getAsInt()).isEqualTo(1);
    JsonObject properties = credentials.getAsJsonObject("properties");
    Pattern kafka = Pattern.compile(properties.getAsJsonObject("kafka-password").get("pattern").getAsString());
    Pattern etcd = Pattern.compile(properties.getAsJsonObject("etcd-root-password").get("pattern").getAsString());
    assertThat(properties.getAsJsonObject("kafka-broker-password").get("pattern").getAsString()).isEqualTo(kafka.pattern());
    assertThat(properties.getAsJsonObject("etcd-password").get("pattern").getAsString()).isEqualTo(etcd.pattern());
    assertThat(kafka.matcher("Abc-123_x.y:z!").matches()).isTrue();
    for (String bad : new String[] {"a b", "a,b", "a;b", "a\"b", "a\\b", "a\tb"}) {
      assertThat(kafka.matcher(bad).matches()).as(bad).isFalse();
    }
    assertThat(etcd.matcher("a,b;c\"d").matches()).isTrue();
    assertThat(etcd.matcher("a b").matches()).isFalse();
  }
}
