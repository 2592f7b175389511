/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Secret;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Images;
import io.openim.deploy.core.ImageReport.Status;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.testkit.LocalCluster;
import io.openim.deploy.testkit.LocalRegistry;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@WithLocalCluster
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("ImageCheck reads the cluster: node architectures and pull secrets")
class ImageCheckClusterIT {
  private LocalRegistry locked;
  private String image;
  private ClusterConnection connection;
  private String ns;

  @BeforeAll
  void setUp(LocalCluster cluster, TestNamespace namespace) throws Exception {
    ns = namespace.name();
    locked = LocalRegistry.builder().user("bob", "pull-me").start();
    locked.images().pushIndex("openim/openim-server", "v1", "linux/amd64");
    image = locked.host() + "/openim/openim-server:v1";
    connection = ClusterConnection.fromKubeconfig(cluster.adminKubeconfig());
    ApiClient admin = cluster.newAdminClient();
    String json = ImageCheckIT.config(locked.host(), "bob", "pull-me");
    new CoreV1Api(admin).createNamespacedSecret(ns, new V1Secret()
        .metadata(new V1ObjectMeta().name("hub-credentials"))
        .type("kubernetes.io/dockerconfigjson")
        .data(Map.of(".dockerconfigjson", json.getBytes(StandardCharsets.UTF_8)))).execute();
    new CoreV1Api(admin).createNamespacedSecret(ns, new V1Secret()
        .metadata(new V1ObjectMeta().name("opaque")).type("Opaque")
        .data(Map.of("x", "y".getBytes(StandardCharsets.UTF_8)))).execute();
  }

  @AfterAll
  void tearDown() {
    locked.close();
  }

  private DeploymentSpec spec(String... pullSecrets) {
    return DeploymentSpec.builder("im").namespace(ns).images(new Images(null, List.of(pullSecrets))).build();
  }

  @Test
  @DisplayName("the credentials of a kubernetes.io/dockerconfigjson pull secret open the registry")
  void pullSecret() {
    ImageCheck check = ImageCheck.builder().cluster(connection, spec("hub-credentials")).build();
    ImageReport report = check.check(image);
    assertThat(report.status()).as(report.detail()).isEqualTo(Status.FOUND);
    assertThat(check.notes()).isEmpty();
  }

  @Test
  @DisplayName("a missing pull secret or one of another type is a note, and the registry refuses")
  void missingPullSecret() {
    ImageCheck check = ImageCheck.builder().cluster(connection, spec("absent", "opaque")).build();
    assertThat(check.notes()).hasSize(2)
        .anySatisfy(n -> assertThat(n).startsWith("pull secret " + ns + "/absent is not there (HTTP 404)"))
        .anySatisfy(n -> assertThat(n).startsWith("pull secret " + ns + "/opaque is of type Opaque"));
    ImageReport report = check.check(image);
    assertThat(report.status()).isEqualTo(Status.AUTH_REFUSED);
  }

  @Test
  @DisplayName("the nodes' architecture decides: KWOK's linux/amd64 nodes accept an amd64-only image")
  void nodeArchitectures() {
    // KWOK's node-initialize stage reports nodeInfo linux/amd64 (sigs.k8s.io/kwok@v0.8.0
    // kustomize/stage/node/fast/node-initialize.yaml)
    ImageCheck connected = ImageCheck.builder().cluster(connection, spec("hub-credentials")).build();
    assertThat(connected.platforms()).containsExactly("linux/amd64");
    assertThat(connected.check(image).status()).isEqualTo(Status.FOUND);

    ImageCheck unconnected = ImageCheck.builder()
        .dockerConfig(ImageCheckIT.config(locked.host(), "bob", "pull-me"), "test").build();
    assertThat(unconnected.platforms()).isEqualTo(ImageCheck.DEFAULT_PLATFORMS);
    assertThat(unconnected.check(image).status()).isEqualTo(Status.MISSING_PLATFORM);
  }
}
