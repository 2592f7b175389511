/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template;

import static io.openim.deploy.sealos.template.TemplateFile.APP;
import static io.openim.deploy.sealos.template.TemplateFile.HOST;
import static io.openim.deploy.sealos.template.TemplateFile.IN_CLUSTER;
import static io.openim.deploy.sealos.template.TemplateFile.at;
import static io.openim.deploy.sealos.template.TemplateFile.containers;
import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.Autoscaling;
import io.openim.deploy.Component;
import io.openim.deploy.Dependency;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Secret;
import io.openim.deploy.SecretKey;
import io.openim.deploy.core.render.Topology;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("SealosTemplate: a plan exported as a Sealos App Store template")
class SealosTemplateTest {
  private static DeploymentSpec spec() {
    return DeploymentSpec.builder("openim").build();
  }

  private static TemplateFile export(DeploymentSpec spec, TemplateOptions options) {
    return TemplateFile.read(SealosTemplate.export(spec, options));
  }

  @Nested
  @DisplayName("the Template document and the App link")
  class TemplateAndApp {
    @Test
    @DisplayName("the Template comes first, with what the store shows, app_name and app_host generated, and the inputs")
    void templateFirst() {
      TemplateFile file = export(spec(), TemplateOptions.defaults());
      Map<String, Object> template = file.documents().get(0).object();
      assertThat(template).containsEntry("apiVersion", "app.sealos.io/v1").containsEntry("kind", "Template");
      Map<String, Object> spec = at(template, "spec");
      assertThat(spec).containsEntry("title", "OpenIM").containsEntry("templateType", "inline")
          .containsEntry("icon", "https://github.com/openimsdk.png").containsEntry("categories", List.of("backend"))
          .containsKey("readme");
      assertThat((Map<String, Object>) at(spec, "defaults")).containsEntry("app_name",
          Map.of("type", "string", "value", "openim-${{ random(8) }}"))
          .containsEntry("app_host", Map.of("type", "string", "value", "${{ random(8) }}"))
          .containsEntry("openim_secret", Map.of("type", "string", "value", "${{ random(32) }}"));
      assertThat((Map<String, Object>) at(spec, "inputs")).containsOnlyKeys("chat", "chat_admin_password", "chat_super_code");
      assertThat((Map<String, Object>) at(spec, "inputs", "chat")).containsEntry("type", "boolean").containsEntry("default", "true");
      assertThat(file.ofKind("Template")).hasSize(1);
    }

    @Test
    @DisplayName("the last object is an App of type link to the cloud host")
    void appLast() {
      List<TemplateFile.Document> documents = export(spec(), TemplateOptions.defaults()).documents();
      Map<String, Object> app = documents.get(documents.size() - 1).object();
      assertThat(app).containsEntry("kind", "App").containsEntry("apiVersion", "app.sealos.io/v1");
      assertThat((Map<String, Object>) app.get("spec")).containsEntry("type", "link")
          .containsEntry("data", Map.of("url", "https://" + HOST)).containsEntry("name", "OpenIM");
    }

    @Test
    @DisplayName("every expression is one our renderer accepts, and rendering as Sealos would succeeds")
    void acceptedByOurRenderer() {
      for (TemplateOptions options : List.of(TemplateOptions.defaults(), IN_CLUSTER)) {
        String template = SealosTemplate.export(spec(), options);
        TemplateRenderer.check(template);
        var rendered = TemplateRenderer.render(template, Map.of("SEALOS_NAMESPACE", "ns-test"), Map.of());
        assertThat(rendered.yaml()).doesNotContain("${{").contains(".ns-test.svc:");
      }
    }
  }

  @Nested
  @DisplayName("credentials")
  class Credentials {
    @Test
    @DisplayName("no credential of the plan, generated or given, appears anywhere in the template")
    void noPasswordLiteral() {
      DeploymentSpec spec = DeploymentSpec.builder("openim")
          .secret(SecretKey.OPENIM_SECRET, Secret.of("given-openim-secret-value"))
          .secret(SecretKey.CHAT_ADMIN_PASSWORD, Secret.of("given-chat-admin-password"))
          .dependency(DependencyKind.KAFKA, Dependency.external(List.of("kafka.example:9092"), "im",
              Secret.of("given-kafka-password")))
          .build();
      for (TemplateOptions options : List.of(TemplateOptions.defaults(), IN_CLUSTER)) {
        DeploymentPlan plan = Topology.plan(SealosTemplate.spec(spec));
        String template = SealosTemplate.export(plan, options);
        for (Secret secret : plan.spec().secrets().values()) {
          assertThat(template).doesNotContain(secret.reveal());
        }
        assertThat(template).doesNotContain("given-kafka-password").doesNotContain("given-openim-secret-value");
      }
    }

    @Test
    @DisplayName("each credential is a base64 of a default or input, the external password an input the user must give")
    void secretValues() {
      DeploymentSpec spec = DeploymentSpec.builder("openim").dependency(DependencyKind.KAFKA,
          Dependency.external(List.of("kafka.example:9092"), "im", Secret.of("kafka-pass"))).build();
      TemplateFile file = export(spec, IN_CLUSTER);
      Map<String, Object> data = at(file.named("Secret", APP + "-credentials").object(), "data");
      assertThat(data).containsEntry("openim-secret", "${{ base64(defaults.openim_secret) }}")
          .containsEntry("mongodb-root-password", "${{ base64(defaults.mongodb_root_password) }}")
          .containsEntry("chat-admin-password", "${{ base64(inputs.chat_admin_password) }}")
          .containsEntry("kafka-external-password", "${{ base64(inputs.kafka_external_password) }}");
      assertThat(data.values()).allSatisfy(v -> assertThat((String) v).matches("\\$\\{\\{ base64\\((defaults|inputs)\\.[a-z_]+\\) }}"));
      Map<String, Object> input = at(file.documents().get(0).object(), "spec", "inputs", "kafka_external_password");
      assertThat(input).containsEntry("required", true).containsEntry("default", "");
    }
  }

  @Nested
  @DisplayName("the conventions")
  class ConventionsOnObjects {
    @Test
    @DisplayName("no object has a namespace, and there is no Namespace: everything lands in the user's")
    void noNamespace() {
      TemplateFile file = export(spec(), TemplateOptions.defaults());
      assertThat(file.ofKind("Namespace")).isEmpty();
      assertThat(file.documents()).allSatisfy(d ->
          assertThat((Map<String, Object>) d.object().get("metadata")).doesNotContainKey("namespace"));
    }

    @Test
    @DisplayName("every Deployment and StatefulSet: labels app and app-deploy-manager, container named like it, annotations")
    void workloads() {
      DeploymentSpec spec = DeploymentSpec.builder("openim")
          .autoscaling(Component.API, new Autoscaling(2, 5, 70, null)).build();
      TemplateFile file = export(spec, IN_CLUSTER);
      List<TemplateFile.Document> workloads = file.where(d -> d.kind().equals("Deployment") || d.kind().equals("StatefulSet"));
      assertThat(workloads).hasSizeGreaterThan(20);
      for (TemplateFile.Document w : workloads) {
        String name = w.name();
        assertThat(name).startsWith(APP + "-");
        assertThat((Map<String, Object>) at(w.object(), "metadata", "labels"))
            .containsEntry("app", name).containsEntry("cloud.sealos.io/app-deploy-manager", name);
        assertThat((Map<String, Object>) at(w.object(), "spec", "template", "metadata", "labels")).containsEntry("app", name);
        assertThat(containers(w.object())).hasSize(1);
        Map<String, Object> container = containers(w.object()).get(0);
        assertThat(container).containsEntry("name", name);
        Map<String, Object> annotations = at(w.object(), "metadata", "annotations");
        assertThat(annotations).containsEntry("originImageName", container.get("image"));
        Object replicas = at(w.object(), "spec", "replicas");
        assertThat(annotations.get("deploy.cloud.sealos.io/minReplicas"))
            .isEqualTo(name.equals(APP + "-api") ? "2" : String.valueOf(replicas));
        assertThat(annotations.get("deploy.cloud.sealos.io/maxReplicas"))
            .isEqualTo(name.equals(APP + "-api") ? "5" : String.valueOf(replicas));
      }
    }

    @Test
    @DisplayName("every container, Jobs' too, has CPU and memory requests and limits, no limit below its request")
    void resources() {
      TemplateFile file = export(spec(), IN_CLUSTER);
      List<TemplateFile.Document> pods = file.where(d -> List.of("Deployment", "StatefulSet", "Job").contains(d.kind()));
      assertThat(pods).anyMatch(d -> d.kind().equals("Job"));
      for (TemplateFile.Document d : pods) {
        for (Map<String, Object> c : containers(d.object())) {
          assertThat((Map<String, Object>) at(c, "resources", "requests")).containsKeys("cpu", "memory");
          assertThat((Map<String, Object>) at(c, "resources", "limits")).as(d.name()).containsKeys("cpu", "memory");
        }
      }
      Map<String, Object> kafka = containers(file.named("StatefulSet", APP + "-kafka").object()).get(0);
      assertThat((Map<String, Object>) at(kafka, "resources", "limits")).containsEntry("memory", "512Mi");
    }

    @Test
    @DisplayName("no data on emptyDir (only the scratch folders of read-only root filesystems); config files under vn- keys, mounted by them")
    void configFiles() {
      String template = SealosTemplate.export(spec(), IN_CLUSTER);
      java.util.regex.Matcher emptyDirs = java.util.regex.Pattern.compile("- name: (\\S+)\\s+emptyDir:").matcher(template);
      List<String> scratch = emptyDirs.results().map(r -> r.group(1)).toList();
      assertThat(template.split("emptyDir:", -1)).as("every emptyDir is named").hasSize(scratch.size() + 1);
      assertThat(scratch).isNotEmpty().allMatch(List.of("tmp", "logs", "config")::contains);
      TemplateFile file = TemplateFile.read(template);
      Map<String, Object> data = at(file.named("ConfigMap", APP + "-config").object(), "data");
      assertThat(data).containsOnlyKeys("vn-openim-servervn-configvn-logvn-yml", "vn-openim-chatvn-configvn-logvn-yml");
      Map<String, Object> api = containers(file.named("Deployment", APP + "-api").object()).get(0);
      assertThat((List<Map<String, Object>>) api.get("volumeMounts")).containsExactly(Map.of("name", "config-files",
          "mountPath", "/openim-server/config/log.yml", "subPath", "vn-openim-servervn-configvn-logvn-yml", "readOnly", true));
    }

    @Test
    @DisplayName("the Ingress: class nginx by annotation, the cloud host with its certificate, chat's paths under the chat input")
    void ingress() {
      TemplateFile file = export(spec(), TemplateOptions.defaults());
      Map<String, Object> main = file.named("Ingress", APP).object();
      assertThat((Map<String, Object>) at(main, "metadata", "annotations")).containsEntry("kubernetes.io/ingress.class", "nginx")
          .containsEntry("nginx.ingress.kubernetes.io/rewrite-target", "/$2");
      assertThat((Map<String, Object>) at(main, "metadata", "labels"))
          .containsEntry("cloud.sealos.io/app-deploy-manager-domain", "${{ defaults.app_host }}");
      assertThat((Map<String, Object>) main.get("spec")).doesNotContainKey("ingressClassName")
          .containsEntry("tls", List.of(Map.of("hosts", List.of(HOST), "secretName", "${{ SEALOS_CERT_SECRET_NAME }}")));
      assertThat((String) at(main, "spec", "rules", 0, "host")).isEqualTo(HOST);
      List<Map<String, Object>> paths = at(main, "spec", "rules", 0, "http", "paths");
      assertThat(paths).extracting(p -> p.get("path")).containsExactly("/api(/|$)(.*)", "/msg_gateway(/|$)(.*)");
      TemplateFile.Document chat = file.named("Ingress", APP + "-chat");
      assertThat(chat.condition()).isEqualTo("${{ if(inputs.chat === 'true') }}");
      assertThat((List<Map<String, Object>>) at(chat.object(), "spec", "rules", 0, "http", "paths"))
          .extracting(p -> p.get("path")).containsExactly("/chat(/|$)(.*)", "/complete_admin(/|$)(.*)");
    }

    @Test
    @DisplayName("chat's objects are kept only while the chat input is true; without chat, no input and no conditional")
    void chatConditional() {
      TemplateFile file = export(spec(), TemplateOptions.defaults());
      assertThat(file.where(d -> d.condition() != null)).extracting(TemplateFile.Document::name)
          // each component's Deployment, Service and NetworkPolicy; the Job and its policy; chat's Ingress
          .containsExactlyInAnyOrder(APP + "-chat-api", APP + "-chat-api", APP + "-chat-api", APP + "-admin-api",
              APP + "-admin-api", APP + "-admin-api", APP + "-chat-rpc", APP + "-chat-rpc", APP + "-chat-rpc",
              APP + "-admin-rpc", APP + "-admin-rpc", APP + "-admin-rpc", APP + "-chat", APP + "-chat-admin-password",
              file.ofKind("Job").stream().map(TemplateFile.Document::name).filter(n -> n.contains("chat-admin")).findFirst().orElseThrow());
      String without = SealosTemplate.export(DeploymentSpec.builder("openim").chat(false).build(), TemplateOptions.defaults());
      assertThat(without).doesNotContain("${{ if(").doesNotContain("inputs.chat");
    }
  }
}
