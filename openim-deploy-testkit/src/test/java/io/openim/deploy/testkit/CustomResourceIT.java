/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.kubernetes.client.openapi.apis.ApiextensionsV1Api;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.kubernetes.client.util.generic.dynamic.Dynamics;
import io.openim.deploy.local.LocalCluster;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@WithLocalCluster
@DisplayName("CustomResourceDefinitions on the local cluster")
class CustomResourceIT {

  @Test
  @DisplayName("a CRD is installed, becomes Established, and a custom resource of it is created")
  void crdAndCustomResource(LocalCluster cluster, TestNamespace namespace) throws Exception {
    // DynamicKubernetesApi replaces its client's Gson, so it gets a client of its own
    var client = cluster.newAdminClient();
    var crds = new ApiextensionsV1Api(client);
    // Sent as a dynamic object: client-java's typed V1JSONSchemaProps serializes an empty
    // "dependencies" map, which the API server rejects for CRDs.
    DynamicKubernetesApi crdApi =
        new DynamicKubernetesApi(
            "apiextensions.k8s.io", "v1", "customresourcedefinitions", client);
    var installed =
        crdApi.create(
            Dynamics.newFromYaml(
                String.join(
                    "\n",
                    "apiVersion: apiextensions.k8s.io/v1",
                    "kind: CustomResourceDefinition",
                    "metadata:",
                    "  name: imclusters.test.openim.io",
                    "spec:",
                    "  group: test.openim.io",
                    "  scope: Namespaced",
                    "  names: {kind: ImCluster, listKind: ImClusterList, plural: imclusters,"
                        + " singular: imcluster}",
                    "  versions:",
                    "  - name: v1",
                    "    served: true",
                    "    storage: true",
                    "    schema:",
                    "      openAPIV3Schema:",
                    "        type: object",
                    "        properties:",
                    "          spec:",
                    "            type: object",
                    "            properties:",
                    "              replicas: {type: integer, minimum: 1}",
                    "              image: {type: string}")));
    assertThat(installed.isSuccess()).as("CRD create: %s", installed.getStatus()).isTrue();
    Eventually.await(
        Duration.ofSeconds(30),
        "CRD imclusters.test.openim.io Established",
        () -> crds.readCustomResourceDefinition("imclusters.test.openim.io").execute(),
        crd ->
            crd.getStatus() != null
                && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                    .anyMatch(
                        c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())));

    DynamicKubernetesApi api = new DynamicKubernetesApi("test.openim.io", "v1", "imclusters", client);
    DynamicKubernetesObject resource =
        Dynamics.newFromYaml(
            "apiVersion: test.openim.io/v1\nkind: ImCluster\nmetadata:\n  name: demo\n  namespace: "
                + namespace.name()
                + "\nspec:\n  replicas: 2\n  image: openim/openim-server:v3.8.3-patch.15\n");
    var created = api.create(resource);
    assertThat(created.isSuccess()).as("create: %s", created.getStatus()).isTrue();

    DynamicKubernetesObject read = api.get(namespace.name(), "demo").throwsApiException().getObject();
    JsonObject spec = read.getRaw().getAsJsonObject("spec");
    assertThat(spec.get("replicas").getAsInt()).isEqualTo(2);
    assertThat(spec.get("image").getAsString()).isEqualTo("openim/openim-server:v3.8.3-patch.15");

    DynamicKubernetesObject invalid =
        Dynamics.newFromYaml(
            "apiVersion: test.openim.io/v1\nkind: ImCluster\nmetadata:\n  name: bad\n  namespace: "
                + namespace.name()
                + "\nspec:\n  replicas: 0\n");
    var rejected = api.create(invalid);
    assertThat(rejected.getHttpStatusCode()).isEqualTo(422);
  }
}
