/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import io.openim.deploy.core.images.ImageCheck;
import io.openim.deploy.core.images.ImageReport;
import io.openim.deploy.core.render.Topology;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.util.PatchUtils;
import io.openim.deploy.Component;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Images;
import io.openim.deploy.Placement;
import io.openim.deploy.Toleration;
import io.openim.deploy.core.images.ImageReport.Status;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.local.LocalRegistry;
import io.openim.deploy.local.NodeCapacity;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
  private LocalCluster cluster;
  private ApiClient admin;

  @BeforeAll
  void setUp(LocalCluster cluster, TestNamespace namespace) throws Exception {
    ns = namespace.name();
    this.cluster = cluster;
    locked = LocalRegistry.builder().user("bob", "pull-me").start();
    locked.images().pushIndex("openim/openim-server", "v1", "linux/amd64");
    image = locked.host() + "/openim/openim-server:v1";
    connection = ClusterConnection.fromKubeconfig(cluster.adminKubeconfig());
    admin = cluster.newAdminClient();
    String json = DockerConfigs.login(locked.host(), "bob", "pull-me");
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
        .dockerConfig(DockerConfigs.login(locked.host(), "bob", "pull-me"), "test").build();
    assertThat(unconnected.platforms()).isEqualTo(ImageCheck.DEFAULT_PLATFORMS);
    assertThat(unconnected.check(image).status()).isEqualTo(Status.MISSING_PLATFORM);
  }

  @Test
  @DisplayName("only nodes OpenIM's pods can be scheduled on count: a tainted, cordoned or selected-away arm64 node"
      + " asks nothing of an amd64-only image, an arm64 node the pods tolerate and select does")
  void schedulableNodesOnly() throws Exception {
    Placement poolA = new Placement(Map.of("pool", "a"),
        List.of(new Toleration("openim-test/dedicated", "Exists", null, "NoSchedule")));
    DeploymentSpec.Builder builder = DeploymentSpec.builder("im").namespace(ns)
        .images(new Images(locked.host() + "/placed", List.of("hub-credentials")));
    for (Component component : Component.values()) {
      builder.placement(component, poolA);
    }
    DeploymentPlan plan = Topology.plan(builder.build());
    List<String> refs = ImageCheck.images(plan);
    for (String ref : refs) {
      String path = ref.substring(locked.host().length() + 1);
      locked.images().pushIndex(path.substring(0, path.lastIndexOf(':')), path.substring(path.lastIndexOf(':') + 1),
          "linux/amd64");
    }
    String server = refs.stream().filter(r -> r.contains("/openim/openim-server:")).findFirst().orElseThrow();
    String mongo = refs.stream().filter(r -> r.contains("/mongo:")).findFirst().orElseThrow();

    List<String> added = new ArrayList<>();
    try {
      // every added node has a NoSchedule taint, so no other test's pods land on it
      added.add(node("arm64", Map.of("pool", "a"), "example.com/control-plane", false));  // taint not tolerated
      added.add(node("arm64", Map.of("pool", "a"), "openim-test/dedicated", true));  // cordoned
      added.add(node("arm64", Map.of("pool", "b"), "openim-test/dedicated", false));  // nodeSelector keeps it out
      added.add(node("amd64", Map.of("pool", "a"), "openim-test/dedicated", false));  // where OpenIM's pods go
      ImageCheck check = ImageCheck.builder().cluster(connection, builder.build()).build();
      List<ImageReport> reports = check.check(plan);
      assertThat(ImageCheck.problems(reports)).as("no node the pods can use is arm64").isEmpty();
      assertThat(check.platforms(plan)).containsExactly("linux/amd64");

      added.add(node("arm64", Map.of("pool", "a"), "openim-test/dedicated", false));  // one the pods can use
      check = ImageCheck.builder().cluster(connection, builder.build()).build();
      reports = check.check(plan);
      assertThat(check.platforms(plan)).containsExactlyInAnyOrder("linux/amd64", "linux/arm64");
      assertThat(reports).filteredOn(r -> r.reference().equals(server)).singleElement()
          .satisfies(r -> assertThat(r.status()).isEqualTo(Status.MISSING_PLATFORM))
          .satisfies(r -> assertThat(r.detail()).startsWith("has no linux/arm64 image"));
      assertThat(reports).filteredOn(r -> r.reference().equals(mongo)).singleElement()
          .as("MongoDB has no placement: its pods cannot tolerate the arm64 node's taint")
          .satisfies(r -> assertThat(r.status()).as(r.detail()).isEqualTo(Status.FOUND));

      ImageCheck stated = ImageCheck.builder().cluster(connection, builder.build())
          .platforms(List.of("linux/amd64")).build();
      assertThat(ImageCheck.problems(stated.check(plan))).as("stated platforms win over the nodes'").isEmpty();
    } finally {
      for (String name : added) {
        new CoreV1Api(admin).deleteNode(name).execute();
      }
    }
  }

  /** A new Ready KWOK node of {@code arch} with {@code labels}, a NoSchedule taint {@code taintKey}, maybe cordoned. */
  private String node(String arch, Map<String, String> labels, String taintKey, boolean cordoned) throws Exception {
    String name = cluster.addNodes(1, NodeCapacity.DEFAULT).get(0);
    StringBuilder labelJson = new StringBuilder();
    labels.forEach((k, v) -> labelJson.append(labelJson.length() == 0 ? "" : ",").append('"').append(k)
        .append("\":\"").append(v).append('"'));
    String spec = "{\"metadata\":{\"labels\":{" + labelJson + "}},\"spec\":{\"unschedulable\":" + cordoned
        + ",\"taints\":[{\"key\":\"" + taintKey + "\",\"value\":\"x\",\"effect\":\"NoSchedule\"}]}}";
    CoreV1Api core = new CoreV1Api(admin);
    PatchUtils.patch(V1Node.class, () -> core.patchNode(name, new V1Patch(spec)).buildCall(null),
        V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, admin);
    // KWOK's node-initialize stage keeps a nodeInfo.architecture that is set (sigs.k8s.io/kwok@v0.8.0
    // kustomize/stage/node/fast/node-initialize.yaml)
    String status = "{\"status\":{\"nodeInfo\":{\"architecture\":\"" + arch + "\"}}}";
    PatchUtils.patch(V1Node.class, () -> core.patchNodeStatus(name, new V1Patch(status)).buildCall(null),
        V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, admin);
    return name;
  }
}
