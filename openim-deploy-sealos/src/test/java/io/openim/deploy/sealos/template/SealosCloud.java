/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.Manifest;
import io.openim.deploy.ObjectResult;
import io.openim.deploy.Phase;
import io.openim.deploy.core.engine.Applier;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.engine.Delivery;
import io.openim.deploy.core.engine.ObjectRef;
import io.openim.deploy.core.engine.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * What Sealos Cloud does with a rendered template, played on the local cluster: our test CRDs for
 * the Template, App, KubeBlocks Cluster and ObjectStorageBucket installed; every object applied into
 * the user's namespace; and the KubeBlocks and object-storage controllers played by creating the
 * Secrets they would (docs/sealos.md: {@code <cluster>-<component>-account-root} and {@code
 * -account-default} with username and password, {@code object-storage-key-<user>-<bucket>} with
 * accessKey, secretKey, internal, external and bucket, the bucket named {@code <user>-<bucket>}).
 */
final class SealosCloud {
  static final String DOMAIN = "cloud.example.test";
  private static final List<String> CRDS = List.of("app.sealos.io", "kubeblocks", "objectstorage");

  private SealosCloud() {}

  /** Installs our test CRDs, idempotently, and waits until the API server serves each kind. */
  @SuppressWarnings("unchecked")
  static void installCrds(ClusterConnection connection) throws IOException, InterruptedException {
    Applier applier = new Applier(connection, true);
    List<Map<String, Object>> crds = new ArrayList<>();
    for (String file : CRDS) {
      try (InputStream in = SealosCloud.class.getResourceAsStream("/crds/" + file + ".yaml")) {
        new Yaml().loadAll(new String(in.readAllBytes(), StandardCharsets.UTF_8))
            .forEach(o -> crds.add((Map<String, Object>) o));
      }
    }
    for (Map<String, Object> crd : crds) {
      String name = TemplateFile.at(crd, "metadata", "name");
      applier.apply(new Manifest(Phase.FOUNDATION, "apiextensions.k8s.io/v1", "CustomResourceDefinition", null,
          name, crd), Map.of());
    }
    Instant deadline = Instant.now().plusSeconds(60);
    for (Map<String, Object> crd : crds) {
      String apiVersion = TemplateFile.at(crd, "spec", "group") + "/" + TemplateFile.at(crd, "spec", "versions", 0, "name");
      String kind = TemplateFile.at(crd, "spec", "names", "kind");
      while (!connection.serves(apiVersion, kind)) {
        assertThat(Instant.now()).as("%s %s served within a minute", apiVersion, kind).isBefore(deadline);
        Thread.sleep(200); // polls the condition above, bounded by the deadline
      }
    }
  }

  /** The objects of {@code yaml}, rendered, as manifests in {@code namespace}, where Sealos applies them. */
  @SuppressWarnings("unchecked")
  static List<Manifest> objects(String yaml, String namespace) {
    List<Manifest> out = new ArrayList<>();
    for (Object loaded : new Yaml().loadAll(yaml)) {
      Map<String, Object> body = new LinkedHashMap<>((Map<String, Object>) loaded);
      Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) body.get("metadata"));
      metadata.put("namespace", namespace);
      body.put("metadata", metadata);
      out.add(new Manifest(Phase.FOUNDATION, (String) body.get("apiVersion"), (String) body.get("kind"), namespace,
          (String) metadata.get("name"), body));
    }
    return out;
  }

  /** A delivery of every object at once, as Sealos applies a template, then the controllers' Secrets. */
  static Delivery delivery(List<Manifest> objects, String namespace) {
    return new Delivery() {
      @Override
      public List<Batch> batches() {
        return List.of(new Batch(Phase.FOUNDATION, objects));
      }

      @Override
      public List<ObjectResult> deliver(Batch batch, Operation operation) {
        Applier applier = new Applier(operation.connection(), false);
        List<ObjectResult> results = new ArrayList<>();
        for (Manifest object : batch.objects()) {
          results.add(applier.apply(object, Map.of()));
        }
        for (Manifest secret : controllerSecrets(batch.objects(), namespace)) {
          results.add(applier.apply(secret, Map.of()));
        }
        return results;
      }

      @Override
      public int record(List<ObjectResult> results, Operation operation) {
        return 1;
      }
    };
  }

  /** The Secrets KubeBlocks and object storage would create for the Clusters and buckets among {@code objects}. */
  static List<Manifest> controllerSecrets(List<Manifest> objects, String namespace) {
    String user = namespace.substring("ns-".length());
    List<Manifest> out = new ArrayList<>();
    for (Manifest m : objects) {
      if (m.kind().equals("Cluster")) {
        List<Map<String, Object>> components = TemplateFile.at(m.body(), "spec", "componentSpecs");
        for (Map<String, Object> component : components) {
          String account = switch (String.valueOf(component.get("componentDef"))) {
            case "mongodb" -> "root";
            case "redis-7" -> "default";
            default -> null;
          };
          if (account != null) {
            out.add(secret(namespace, m.name() + "-" + component.get("name") + "-account-" + account,
                Map.of("username", account, "password", "kb-generated-" + account)));
          }
        }
      } else if (m.kind().equals("ObjectStorageBucket")) {
        out.add(secret(namespace, "object-storage-key-" + user + "-" + m.name(), Map.of(
            "accessKey", "oss-access", "secretKey", "oss-secret",
            "internal", "object-storage.objectstorage-system.svc.cluster.local",
            "external", "objectstorageapi." + DOMAIN, "bucket", user + "-" + m.name())));
      }
    }
    return out;
  }

  private static Manifest secret(String namespace, String name, Map<String, String> values) {
    Map<String, Object> data = new LinkedHashMap<>();
    values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return new Manifest(Phase.CONFIGURATION, "v1", "Secret", namespace, name, Map.of("apiVersion", "v1",
        "kind", "Secret", "metadata", Map.of("name", name, "namespace", namespace), "data", data));
  }

  /** The Secret {@code name} of {@code namespace} as the API server holds it: its data, decoded. */
  static Map<String, String> secretData(ClusterConnection connection, String namespace, String name) {
    var secret = new Applier(connection, false).read(new ObjectRef("v1", "Secret", namespace, name))
        .orElseThrow(() -> new AssertionError("no Secret " + name + " in " + namespace));
    Map<String, String> out = new LinkedHashMap<>();
    secret.strings("data").forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    return out;
  }

  /** How long the loop gives each object, and all of them. */
  static final Duration OBJECT_TIMEOUT = Duration.ofMinutes(3);
  static final Duration TIMEOUT = Duration.ofMinutes(10);
}
