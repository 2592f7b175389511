/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template;

import static io.openim.deploy.sealos.template.TemplateFile.APP;
import static io.openim.deploy.sealos.template.TemplateFile.IN_CLUSTER;
import static io.openim.deploy.sealos.template.TemplateFile.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.DeploymentSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SealosTemplate: the plan's NetworkPolicies go with what they select")
class TemplatePoliciesTest {
  private static final String WITH_CHAT = "${{ if(inputs.chat === 'true') }}";

  @Test
  @DisplayName("chat's policies only with the chat input; the release-wide ones, server's and the stores' always")
  void chatPolicies() {
    TemplateFile file = TemplateFile.read(SealosTemplate.export(DeploymentSpec.builder("openim").build(), IN_CLUSTER));
    List<TemplateFile.Document> policies = file.ofKind("NetworkPolicy");
    assertThat(policies).filteredOn(d -> WITH_CHAT.equals(d.condition())).extracting(TemplateFile.Document::name)
        .containsExactlyInAnyOrder(APP + "-chat-api", APP + "-chat-rpc", APP + "-admin-api", APP + "-admin-rpc",
            APP + "-chat-admin-password");
    assertThat(policies).filteredOn(d -> d.condition() == null).extracting(TemplateFile.Document::name)
        .contains(APP + "-default-deny", APP + "-dns", APP + "-api", APP + "-rpc-user", APP + "-mongodb",
            APP + "-backup-jobs");
  }

  @Test
  @DisplayName("with managed services: no policy for the replaced stores, and OpenIM may reach the services that replace them")
  void managedServices() {
    TemplateFile file = TemplateFile.read(SealosTemplate.export(DeploymentSpec.builder("openim").build(),
        TemplateOptions.defaults()));
    List<TemplateFile.Document> policies = file.ofKind("NetworkPolicy");
    assertThat(policies).extracting(TemplateFile.Document::name)
        .doesNotContain(APP + "-mongodb", APP + "-redis", APP + "-minio", APP + "-mongo-user")
        .contains(APP + "-kafka", APP + "-etcd");
    for (TemplateFile.Document policy : policies) {
      for (Map<String, Object> rule : rules(policy, "egress")) {
        assertThat(rule.get("to") == null ? List.of() : (List<Map<String, Object>>) rule.get("to"))
            .as("%s: no peer selects a replaced store's pods", policy.name())
            .noneMatch(peer -> List.of("mongodb", "redis", "minio").contains(name(peer)));
      }
    }
    assertThat(rules(file.named("NetworkPolicy", APP + "-rpc-user"), "egress")).as("MongoDB and Redis at any address")
        .contains(Map.of("ports", List.of(Map.of("protocol", "TCP", "port", 27017))),
            Map.of("ports", List.of(Map.of("protocol", "TCP", "port", 6379))));
    assertThat(rules(file.named("NetworkPolicy", APP + "-rpc-third"), "egress")).as("the bucket on HTTP and HTTPS")
        .contains(Map.of("ports", List.of(Map.of("protocol", "TCP", "port", 80), Map.of("protocol", "TCP", "port", 443))));
  }

  private static List<Map<String, Object>> rules(TemplateFile.Document policy, String direction) {
    List<Map<String, Object>> rules = at(policy.object(), "spec", direction);
    return rules == null ? List.of() : rules;
  }

  private static Object name(Map<String, Object> peer) {
    Map<String, Object> labels = peer.get("podSelector") == null ? null : at(peer, "podSelector", "matchLabels");
    return labels == null ? "" : labels.getOrDefault("app.kubernetes.io/name", "");
  }
}
