/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.apis.DiscoveryV1Api;
import io.kubernetes.client.openapi.models.DiscoveryV1EndpointPort;
import io.kubernetes.client.openapi.models.V1EndpointSlice;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a client that dials a Service without a port gets: the first port of its EndpointSlice, as
 * OpenIM's Kubernetes resolver does (sercand/kuberesolver@v6.0.1 builder.go makeAddresses). The
 * real EndpointSlice controller orders a slice's ports by hash (k8s.io/endpointslice@v0.36.3
 * util/controller_utils.go NewPortMapKey), so with a metrics port beside grpc some Services came
 * out metrics-first (openim-rpc-auth and openim-rpc-third).
 */
@WithLocalCluster
@DisplayName("EndpointSlices of the applied plan, as the real EndpointSlice controller writes them")
class EndpointSliceIT {

  @Test
  @DisplayName("every OpenIM RPC Service's slice lists grpc alone, the gateway's ws and grpc, none metrics")
  void grpcFirstOrAlone(LocalCluster cluster, TestNamespace namespace) throws Exception {
    DeploymentSpec spec = DeploymentSpec.builder("eps").namespace(namespace.name()).build();
    DeploymentPlan plan;
    try (KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(cluster.adminKubeconfig())
        .objectTimeout(Duration.ofSeconds(90)).build()) {
      plan = deployer.plan(spec);
      deployer.apply(plan).orThrow();
    }
    List<String> grpcServices = plan.manifests().stream()
        .filter(m -> m.kind().equals("Service") && servicePortNames(m).contains("grpc"))
        .map(Manifest::name).toList();
    assertThat(grpcServices).as("Services with a grpc port")
        .contains("eps-rpc-auth", "eps-rpc-third", "eps-rpc-user", "eps-push", "eps-msggateway", "eps-chat-rpc");

    DiscoveryV1Api discovery = new DiscoveryV1Api(cluster.newAdminClient());
    Map<String, List<String>> slicePorts = new TreeMap<>();
    for (String service : grpcServices) {
      V1EndpointSlice slice = readySlice(discovery, namespace.name(), service);
      slicePorts.put(service, slice.getPorts().stream().map(DiscoveryV1EndpointPort::getName).toList());
    }
    Map<String, List<String>> notGrpcFirst = new TreeMap<>(slicePorts);
    notGrpcFirst.remove("eps-msggateway"); // ws and grpc: push reaches it by name, clients through ws
    notGrpcFirst.values().removeIf(ports -> !ports.isEmpty() && ports.get(0).equals("grpc"));
    assertThat(notGrpcFirst).as("slices whose first port, the one a portless dial takes, is not grpc").isEmpty();
    assertThat(slicePorts).allSatisfy((service, ports) -> {
      assertThat(ports).as(service).doesNotContain("metrics");
      if (service.equals("eps-msggateway")) {
        assertThat(ports).as(service).containsExactlyInAnyOrder("ws", "grpc");
      } else {
        assertThat(ports).as(service).containsExactly("grpc");
      }
    });
  }

  @SuppressWarnings("unchecked")
  private static List<String> servicePortNames(Manifest service) {
    Map<String, Object> spec = (Map<String, Object>) service.body().get("spec");
    return ((List<Map<String, Object>>) spec.get("ports")).stream().map(p -> (String) p.get("name")).toList();
  }

  /** The controller's slice for {@code service} once it lists a ready endpoint, polled until then. */
  private static V1EndpointSlice readySlice(DiscoveryV1Api discovery, String namespace, String service)
      throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      List<V1EndpointSlice> slices = discovery.listNamespacedEndpointSlice(namespace)
          .labelSelector("kubernetes.io/service-name=" + service).execute().getItems();
      Optional<V1EndpointSlice> ready = slices.stream()
          .filter(s -> s.getEndpoints() != null && s.getEndpoints().stream()
              .anyMatch(e -> e.getConditions() != null && Boolean.TRUE.equals(e.getConditions().getReady())))
          .findFirst();
      if (ready.isPresent()) {
        return ready.get();
      }
      assertThat(Instant.now()).as("a ready EndpointSlice for %s; found %s", service, slices).isBefore(deadline);
      Thread.sleep(200); // polls the condition above, bounded by the deadline
    }
  }
}
