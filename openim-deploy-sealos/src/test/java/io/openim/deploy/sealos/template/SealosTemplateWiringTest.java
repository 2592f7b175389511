/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template;

import static io.openim.deploy.sealos.template.TemplateFile.APP;
import static io.openim.deploy.sealos.template.TemplateFile.IN_CLUSTER;
import static io.openim.deploy.sealos.template.TemplateFile.NS;
import static io.openim.deploy.sealos.template.TemplateFile.at;
import static io.openim.deploy.sealos.template.TemplateFile.containers;
import static io.openim.deploy.sealos.template.TemplateFile.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.core.render.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("SealosTemplate: managed services, names for any instance, and plans it refuses")
class SealosTemplateWiringTest {
  private static TemplateFile export(DeploymentSpec spec, TemplateOptions options) {
    return TemplateFile.read(SealosTemplate.export(spec, options));
  }

  private static Map<String, Object> secretRef(String name, String key) {
    return Map.of("secretKeyRef", Map.of("name", name, "key", key));
  }

  @Nested
  @DisplayName("Sealos Cloud's services in place of the in-cluster ones")
  class Managed {
    private final TemplateFile file = export(DeploymentSpec.builder("openim").build(), TemplateOptions.defaults());

    @Test
    @DisplayName("no in-cluster MongoDB, Redis or MinIO, nor the MongoDB user Job; Kafka and etcd stay")
    void replaced() {
      assertThat(file.ofKind("StatefulSet")).extracting(TemplateFile.Document::name)
          .containsExactlyInAnyOrder(APP + "-kafka", APP + "-etcd");
      assertThat(file.ofKind("Job")).extracting(TemplateFile.Document::name).noneMatch(n -> n.contains("mongo"));
      Map<String, Object> template = file.documents().get(0).object();
      assertThat((Map<String, Object>) at(template, "spec", "defaults")).doesNotContainKeys(
          "mongodb_root_password", "mongodb_password", "redis_password", "minio_access_key", "minio_secret_key");
    }

    @Test
    @DisplayName("a KubeBlocks MongoDB and Redis, each with its ServiceAccount, Role and RoleBinding, and a bucket")
    void objects() {
      Map<String, Object> mongo = file.named("Cluster", APP + "-mongo").object();
      assertThat((String) mongo.get("apiVersion")).isEqualTo("apps.kubeblocks.io/v1alpha1");
      assertThat((Map<String, Object>) at(mongo, "spec", "componentSpecs", 0)).containsEntry("name", "mongodb")
          .containsEntry("componentDef", "mongodb").containsEntry("serviceVersion", "8.0.4");
      assertThat((String) at(mongo, "spec", "terminationPolicy")).isEqualTo("Delete");
      Map<String, Object> redis = file.named("Cluster", APP + "-redis").object();
      assertThat((String) at(redis, "spec", "clusterDefinitionRef")).isEqualTo("redis");
      assertThat((List<Map<String, Object>>) at(redis, "spec", "componentSpecs")).extracting(c -> c.get("componentDef"))
          .containsExactly("redis-7", "redis-sentinel-7");
      for (String db : List.of(APP + "-mongo", APP + "-redis")) {
        assertThat((Map<String, Object>) at(file.named("Cluster", db).object(), "metadata", "labels"))
            .containsEntry("sealos-db-provider-cr", db);
        file.named("ServiceAccount", db);
        file.named("Role", db);
        assertThat((List<Map<String, Object>>) at(file.named("RoleBinding", db).object(), "subjects"))
            .containsExactly(Map.of("kind", "ServiceAccount", "name", db, "namespace", NS));
      }
      assertThat((Map<String, Object>) file.named("ObjectStorageBucket", APP).object().get("spec"))
          .containsEntry("policy", "private");
    }

    @Test
    @DisplayName("server and chat processes read MongoDB and Redis from the KubeBlocks Secrets, at their addresses")
    void databases() {
      for (String workload : List.of(APP + "-rpc-user", APP + "-chat-rpc")) {
        Map<String, Object> c = containers(file.named("Deployment", workload).object()).get(0);
        String p = workload.endsWith("chat-rpc") ? "CHATENV_" : "IMENV_";
        assertThat(env(c, p + "MONGODB_ADDRESS")).containsEntry("value", APP + "-mongo-mongodb." + NS + ".svc:27017");
        assertThat(env(c, p + "MONGODB_USERNAME")).containsEntry("valueFrom",
            secretRef(APP + "-mongo-mongodb-account-root", "username"));
        assertThat(env(c, p + "MONGODB_PASSWORD")).containsEntry("valueFrom",
            secretRef(APP + "-mongo-mongodb-account-root", "password"));
        assertThat(env(c, p + "MONGODB_AUTHSOURCE")).containsEntry("value", "admin");
        assertThat(env(c, p + "REDIS_ADDRESS")).containsEntry("value", APP + "-redis-redis-redis." + NS + ".svc:6379");
        assertThat(env(c, p + "REDIS_PASSWORD")).containsEntry("valueFrom",
            secretRef(APP + "-redis-redis-account-default", "password"));
      }
    }

    @Test
    @DisplayName("rpc-third reads the bucket's generated name, keys and endpoints from the bucket's Secret")
    void bucket() {
      String secret = "object-storage-key-${{ SEALOS_SERVICE_ACCOUNT }}-" + APP;
      Map<String, Object> c = containers(file.named("Deployment", APP + "-rpc-third").object()).get(0);
      assertThat(env(c, "IMENV_MINIO_BUCKET")).containsEntry("valueFrom", secretRef(secret, "bucket"));
      assertThat(env(c, "IMENV_MINIO_ACCESSKEYID")).containsEntry("valueFrom", secretRef(secret, "accessKey"));
      assertThat(env(c, "IMENV_MINIO_SECRETACCESSKEY")).containsEntry("valueFrom", secretRef(secret, "secretKey"));
      assertThat(env(c, "IMENV_MINIO_INTERNALADDRESS")).containsEntry("valueFrom", secretRef(secret, "internal"));
      assertThat(env(c, "IMENV_MINIO_EXTERNALADDRESS")).containsEntry("value", "https://$(OBJECT_STORAGE_EXTERNAL)");
      List<Map<String, Object>> env = (List<Map<String, Object>>) c.get("env");
      assertThat(env.get(0)).as("defined before the variable that refers to it")
          .isEqualTo(Map.of("name", "OBJECT_STORAGE_EXTERNAL", "valueFrom", secretRef(secret, "external")));
      List<Map<String, Object>> paths = at(file.named("Ingress", APP).object(), "spec", "rules", 0, "http", "paths");
      assertThat(paths).extracting(p -> p.get("path")).doesNotContain("/im-minio-api(/|$)(.*)");
    }

    @Test
    @DisplayName("each option alone: the in-cluster ones stay, with their credentials as defaults and MinIO behind the Ingress")
    void inCluster() {
      TemplateFile mongoOnly = export(DeploymentSpec.builder("openim").build(),
          IN_CLUSTER.toBuilder().managedMongo(true).build());
      assertThat(mongoOnly.ofKind("StatefulSet")).extracting(TemplateFile.Document::name)
          .containsExactlyInAnyOrder(APP + "-redis", APP + "-kafka", APP + "-minio", APP + "-etcd");
      assertThat(mongoOnly.ofKind("Cluster")).extracting(TemplateFile.Document::name).containsExactly(APP + "-mongo");
      assertThat(mongoOnly.ofKind("ObjectStorageBucket")).isEmpty();
      Map<String, Object> c = containers(mongoOnly.named("Deployment", APP + "-rpc-third").object()).get(0);
      assertThat(env(c, "IMENV_MINIO_EXTERNALADDRESS")).containsEntry("value",
          "https://${{ defaults.app_host }}.${{ SEALOS_CLOUD_DOMAIN }}/im-minio-api");
      assertThat(env(c, "IMENV_REDIS_PASSWORD")).containsEntry("valueFrom", secretRef(APP + "-credentials", "redis-password"));
      assertThat((Map<String, Object>) at(mongoOnly.documents().get(0).object(), "spec", "defaults"))
          .containsKeys("redis_password", "minio_access_key", "minio_secret_key").doesNotContainKey("mongodb_password");
    }
  }

  @Nested
  @DisplayName("names for any instance in any namespace")
  class Names {
    @Test
    @DisplayName("neither the release's name nor the namespace is left anywhere; the instance's name and namespace instead")
    void nothingLeft() {
      String template = SealosTemplate.export(DeploymentSpec.builder("imrel").namespace("imns").build(), IN_CLUSTER);
      assertThat(template).doesNotContain("imrel").doesNotContain("imns")
          .doesNotContain(SealosTemplate.PLACEHOLDER_HOST).doesNotContain(SealosTemplate.PLACEHOLDER_TLS_SECRET)
          .contains("value: 0@" + APP + "-kafka-0." + APP + "-kafka-headless." + NS + ".svc:9093")
          .contains("value: http://" + APP + "-etcd." + NS + ".svc:2379");
    }

    @Test
    @DisplayName("with release openim, OpenIM's images, binaries and config paths keep their openim- names")
    void releaseNamedLikeTheBinaries() {
      DeploymentSpec spec = SealosTemplate.spec(DeploymentSpec.builder("openim").build());
      DeploymentPlan plan = Topology.plan(spec);
      TemplateFile file = TemplateFile.read(SealosTemplate.export(plan, IN_CLUSTER));
      Map<String, Object> api = containers(file.named("Deployment", APP + "-api").object()).get(0);
      Manifest original = plan.find("Deployment", "openim-api").orElseThrow();
      Map<String, Object> before = containers(original.body()).get(0);
      assertThat(api.get("image")).isEqualTo(before.get("image"));
      assertThat(api.get("command")).isEqualTo(before.get("command")).asString().contains("/openim-api -i 0 -c ");
      assertThat((Map<String, Object>) at(file.named("Deployment", APP + "-api").object(), "metadata", "labels"))
          .containsEntry("app.kubernetes.io/name", "openim-api").containsEntry("app.kubernetes.io/instance", APP);
      assertThat(env(api, "IMENV_DISCOVERY_ETCD_ADDRESS")).containsEntry("value", APP + "-etcd:2379");
    }
  }

  @Nested
  @DisplayName("plans it refuses, every reason at once")
  class Refused {
    @Test
    @DisplayName("a plan without an Ingress, and strings Sealos would misread")
    void refused() {
      DeploymentSpec spec = DeploymentSpec.builder("openim")
          .configFile("server/openim-push.yml", "enable: ${{ inputs.push }}\n")
          .configFile("server/webhooks.yml", "url: x\n---\nurl: y\n")
          .build();
      assertThatThrownBy(() -> SealosTemplate.export(Topology.plan(spec), TemplateOptions.defaults()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("the plan has no Ingress")
          .hasMessageContaining("ConfigMap/openim/openim-config server.openim-push.yml: holds ${{, which Sealos would"
              + " evaluate as an expression")
          .hasMessageContaining("ConfigMap/openim/openim-config server.webhooks.yml: has a line ending in ---");
    }

    @Test
    @DisplayName("a credential outside a Secret's data")
    void credentialOutsideSecret() {
      DeploymentPlan plan = Topology.plan(SealosTemplate.spec(DeploymentSpec.builder("openim").build()));
      List<Manifest> manifests = new ArrayList<>(plan.manifests());
      Manifest configMap = plan.find("ConfigMap", "openim-config").orElseThrow();
      manifests.set(manifests.indexOf(configMap), new Manifest(configMap.phase(), "v1", "ConfigMap", "openim",
          "openim-config", Map.of("apiVersion", "v1", "kind", "ConfigMap",
              "metadata", Map.of("name", "openim-config"), "data", Map.of("token", io.openim.deploy.Secret.of("t0ken")))));
      DeploymentPlan doctored = new DeploymentPlan(plan.spec(), manifests, plan.warnings());
      assertThatThrownBy(() -> SealosTemplate.export(doctored, TemplateOptions.defaults()))
          .hasMessageContaining("ConfigMap/" + APP + "-config token: a credential outside a Secret's data");
    }
  }
}
