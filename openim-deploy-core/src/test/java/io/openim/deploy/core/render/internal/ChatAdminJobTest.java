/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import io.openim.deploy.core.release.internal.ReleasePods;
import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Images;
import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import io.openim.deploy.core.render.PlanYaml;
import io.openim.deploy.core.render.Topology;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The chat admin password Job, rendered")
class ChatAdminJobTest {
  @Test
  @DisplayName("runs with chat from the chat image, reads the new password from the Secret, is no admin-api pod")
  @SuppressWarnings("unchecked")
  void rendered() {
    DeploymentPlan plan = Topology.plan(DeploymentSpec.builder("im").namespace("chat")
        .images(new Images("mirror.corp", List.of("pull"))).build());
    List<Manifest> jobs = plan.manifests().stream().filter(ChatAdminJob::is).toList();
    assertThat(jobs).hasSize(1);
    Manifest job = jobs.get(0);
    assertThat(job.phase()).isEqualTo(Phase.CHAT);
    assertThat(job.name()).startsWith("im-chat-admin-password-");
    String yaml = PlanYaml.export(job);
    assertThat(yaml).contains("image: mirror.corp/openim/openim-chat:v1.8.4-patch.5")
        .containsPattern("name: ADMIN_API\\n +value: http://im-admin-api:10009\\n")
        .containsPattern("name: ADMIN_ACCOUNT\\n +value: chatAdmin\\n")
        .containsPattern("name: NEW_PASSWORD\\n +valueFrom:\\n +secretKeyRef:\\n +name: im-credentials\\n +key: chat-admin-password")
        .contains("restartPolicy: Never", "automountServiceAccountToken: false", "- name: pull")
        .contains("/account/change_password");
    Map<String, Object> admin = (Map<String, Object>) ((Map<String, Object>) plan.find("Service", "im-admin-api")
        .orElseThrow().body().get("spec")).get("selector");
    Map<String, Object> labels = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
        ((Map<String, Object>) job.body().get("spec")).get("template")).get("metadata")).get("labels");
    assertThat(labels.entrySet().containsAll(admin.entrySet())).as("the admin-api Service selects the Job's pod")
        .isFalse();
    assertThat(labels).doesNotContainEntry("app.kubernetes.io/part-of", "openim-chat");
    assertThat(Topology.plan(DeploymentSpec.builder("im").namespace("chat").images(new Images("mirror.corp",
        List.of("pull"))).build()).manifests().stream().filter(ChatAdminJob::is).map(Manifest::name))
        .as("the same spec names the Job alike").containsExactly(job.name());
  }

  @Test
  @DisplayName("no chat, no Job; OpenIM at zero replicas (restore, migration) has no Job that waits for it")
  void absent() {
    assertThat(Topology.plan(DeploymentSpec.builder("im").chat(false).build()).manifests())
        .noneMatch(ChatAdminJob::is);
    DeploymentPlan plan = Topology.plan(DeploymentSpec.builder("im").build());
    assertThat(plan.manifests()).anyMatch(ChatAdminJob::is);
    assertThat(ReleasePods.scaledDown(plan).manifests()).noneMatch(ChatAdminJob::is)
        .anyMatch(m -> m.kind().equals("Job"));
  }
}
