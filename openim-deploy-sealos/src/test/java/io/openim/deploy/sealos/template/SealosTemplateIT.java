/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.core.engine.Applier;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.engine.KubeObject;
import io.openim.deploy.core.engine.ObjectRef;
import io.openim.deploy.core.engine.Rollout;
import io.openim.deploy.core.engine.RolloutException;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.WithLocalCluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The exported template rendered by our renderer as Sealos Cloud would (built-ins {@code
 * SEALOS_NAMESPACE=ns-test-…}, its service account the namespace without {@code ns-}, a cloud
 * domain and certificate Secret) and every resulting object applied, all at once as Sealos applies
 * a template, to the local cluster through the engine's own loop ({@link Rollout}), with our test
 * CRDs for Template, App, KubeBlocks Cluster and ObjectStorageBucket and the test playing the
 * KubeBlocks and object-storage controllers by creating the Secrets they would.
 *
 * <p>What this proves: the API server accepts every object (and keeps every field: nothing is
 * silently dropped), every Secret key a process reads exists once the controllers have run, the
 * credentials are the template's generated defaults and inputs, and OpenIM's Deployments,
 * StatefulSets and Jobs report ready. It does not prove that OpenIM's processes start or reach
 * MongoDB, Redis or the bucket: KWOK marks pods ready without running any container, there is no
 * KubeBlocks or object-storage controller (only the Secrets they would write, from docs/sealos.md),
 * and our CRDs are written from the facts, not taken from sealos or KubeBlocks.
 */
@WithLocalCluster
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("A Sealos template rendered as Sealos Cloud would, applied to the local cluster")
class SealosTemplateIT {
  private ClusterConnection connection;
  private LocalCluster cluster;

  @BeforeAll
  void crds(LocalCluster cluster) throws Exception {
    this.cluster = cluster;
    connection = ClusterConnection.fromKubeconfig(cluster.adminKubeconfig());
    SealosCloud.installCrds(connection);
  }

  private Map<String, String> builtIns(String namespace) {
    return Map.of("SEALOS_NAMESPACE", namespace, "SEALOS_CLOUD_DOMAIN", SealosCloud.DOMAIN,
        "SEALOS_CERT_SECRET_NAME", "wildcard-cert");
  }

  private DeploymentResult rollOut(List<Manifest> objects, String namespace) {
    try (Rollout rollout = new Rollout(connection, SealosCloud.OBJECT_TIMEOUT, SealosCloud.TIMEOUT, 4)) {
      return rollout.run(new ReleaseRef(namespace, "openim"), SealosCloud.delivery(objects, namespace), event -> { });
    }
  }

  @Test
  @DisplayName("with KubeBlocks MongoDB and Redis and a bucket: accepted, wired to the controllers' Secrets, ready")
  void managedServices() {
    String namespace = cluster.createNamespace("ns-test");
    try {
      String template = SealosTemplate.export(DeploymentSpec.builder("openim").build(), TemplateOptions.defaults());
      TemplateRenderer.Rendered rendered = TemplateRenderer.render(template, builtIns(namespace), Map.of());
      List<Manifest> objects = SealosCloud.objects(rendered.yaml(), namespace);
      assertThat(objects).extracting(Manifest::kind).contains("Cluster", "ObjectStorageBucket", "App", "Ingress");

      DeploymentResult result = rollOut(objects, namespace);
      assertThat(result).as("%s", result).isInstanceOf(DeploymentResult.Succeeded.class);

      assertKept(objects);
      assertSecretsResolve(objects, namespace);
      String app = rendered.defaults().get("app_name");
      assertThat(SealosCloud.secretData(connection, namespace, app + "-credentials"))
          .containsEntry("openim-secret", rendered.defaults().get("openim_secret"))
          .containsEntry("chat-admin-password", rendered.inputs().get("chat_admin_password"))
          .doesNotContainKeys("mongodb-password", "redis-password", "minio-secret-key");
      assertThat(objects).allSatisfy(o -> assertThat(labels(o)).containsEntry("cloud.sealos.io/deploy-on-sealos", app));
      assertThat(objects).filteredOn(o -> o.kind().equals("Deployment")).hasSize(16);
    } finally {
      new Applier(connection, false).delete(new ObjectRef("v1", "Namespace", null, namespace));
    }
  }

  @Test
  @DisplayName("in-cluster dependencies and the chat input false: chat's objects left out, the rest ready")
  void inClusterWithoutChat() {
    String namespace = cluster.createNamespace("ns-test");
    try {
      String template = SealosTemplate.export(DeploymentSpec.builder("openim").build(), TemplateFile.IN_CLUSTER);
      TemplateRenderer.Rendered rendered = TemplateRenderer.render(template, builtIns(namespace), Map.of("chat", "false"));
      List<Manifest> objects = SealosCloud.objects(rendered.yaml(), namespace);
      assertThat(objects).extracting(Manifest::kind).doesNotContain("Cluster", "ObjectStorageBucket");
      assertThat(objects).extracting(Manifest::name).noneMatch(n -> n.contains("chat") || n.contains("admin"));

      DeploymentResult result = rollOut(objects, namespace);
      assertThat(result).as("%s", result).isInstanceOf(DeploymentResult.Succeeded.class);
      assertKept(objects);
      assertSecretsResolve(objects, namespace);
      assertThat(objects).filteredOn(o -> o.kind().equals("StatefulSet")).hasSize(5);
    } finally {
      new Applier(connection, false).delete(new ObjectRef("v1", "Namespace", null, namespace));
    }
  }

  @Test
  @DisplayName("the Template document is accepted as the App Store stores it; one without app_name is refused")
  @SuppressWarnings("unchecked")
  void templateDocument() {
    String namespace = cluster.createNamespace("ns-test");
    try {
      String template = SealosTemplate.export(DeploymentSpec.builder("openim").build(), TemplateOptions.defaults());
      Map<String, Object> document = TemplateFile.read(template).documents().get(0).object();
      Applier applier = new Applier(connection, false);
      applier.apply(templateManifest(document, namespace, "openim"), Map.of());

      Map<String, Object> broken = new LinkedHashMap<>(document);
      Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) broken.get("spec"));
      Map<String, Object> defaults = new LinkedHashMap<>((Map<String, Object>) spec.get("defaults"));
      defaults.remove("app_name");
      spec.put("defaults", defaults);
      broken.put("spec", spec);
      RolloutException refused = catchThrowableOfType(RolloutException.class,
          () -> applier.apply(templateManifest(broken, namespace, "broken"), Map.of()));
      assertThat(refused.getMessage()).contains("defaults must include app_name");
    } finally {
      new Applier(connection, false).delete(new ObjectRef("v1", "Namespace", null, namespace));
    }
  }

  @SuppressWarnings("unchecked")
  private static Manifest templateManifest(Map<String, Object> document, String namespace, String name) {
    Map<String, Object> body = new LinkedHashMap<>(document);
    Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) body.get("metadata"));
    metadata.put("name", name);
    metadata.put("namespace", namespace);
    body.put("metadata", metadata);
    return new Manifest(Phase.FOUNDATION, "app.sealos.io/v1", "Template", namespace, name, body);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> labels(Manifest m) {
    return (Map<String, Object>) ((Map<String, Object>) m.body().get("metadata")).get("labels");
  }

  /** The API server kept every field of every object: nothing unknown to its schema was dropped. */
  private void assertKept(List<Manifest> objects) {
    Applier reader = new Applier(connection, false);
    for (Manifest m : objects) {
      KubeObject live = reader.read(ObjectRef.of(m)).orElseThrow();
      List<String> dropped = new ArrayList<>();
      missing(m.body(), live.toMap(), m.id(), dropped);
      assertThat(dropped).as("fields the API server dropped").isEmpty();
    }
  }

  private static void missing(Object sent, Object live, String path, List<String> dropped) {
    if (sent instanceof Map<?, ?> map) {
      if (!(live instanceof Map<?, ?> kept)) {
        dropped.add(path);
        return;
      }
      map.forEach((k, v) -> {
        if (!kept.containsKey(k)) {
          dropped.add(path + "." + k);
        } else {
          missing(v, kept.get(k), path + "." + k, dropped);
        }
      });
    } else if (sent instanceof List<?> list) {
      if (!(live instanceof List<?> kept) || kept.size() != list.size()) {
        dropped.add(path);
        return;
      }
      for (int i = 0; i < list.size(); i++) {
        missing(list.get(i), kept.get(i), path + "[" + i + "]", dropped);
      }
    }
  }

  /** Every Secret key a container reads from its environment exists in the namespace. */
  @SuppressWarnings("unchecked")
  private void assertSecretsResolve(List<Manifest> objects, String namespace) {
    for (Manifest m : objects) {
      List<Map<String, Object>> pod = new ArrayList<>();
      if (List.of("Deployment", "StatefulSet", "Job").contains(m.kind())) {
        pod.addAll(TemplateFile.containers(m.body()));
      }
      for (Map<String, Object> container : pod) {
        for (Map<String, Object> env : (List<Map<String, Object>>) container.getOrDefault("env", List.of())) {
          Map<String, Object> ref = env.get("valueFrom") == null ? null : TemplateFile.at(env, "valueFrom", "secretKeyRef");
          if (ref != null) {
            assertThat(SealosCloud.secretData(connection, namespace, (String) ref.get("name")))
                .as("%s env %s", m.id(), env.get("name")).containsKey((String) ref.get("key"));
          }
        }
      }
    }
  }
}
