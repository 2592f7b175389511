/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.k3s.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Ingress;
import io.openim.deploy.core.render.PlanYaml;
import io.openim.deploy.core.render.Topology;
import io.openim.deploy.k3s.K3sOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("k3s defaults")
class K3sDefaultsTest {
  private static DeploymentPlan fitted(DeploymentSpec spec, K3sOptions options) {
    return K3sDefaults.plan(Topology.plan(K3sDefaults.spec(spec, options)), options);
  }

  @Test
  @DisplayName("local-path storage, Traefik with a prefix-stripping Middleware, and a LoadBalancer for the gateway")
  void defaults() {
    DeploymentPlan plan = fitted(DeploymentSpec.builder("openim").ingress(new Ingress("im.example.com", null, null)).build(),
        K3sOptions.DEFAULT);
    String yaml = PlanYaml.render(plan);
    assertThat(yaml).contains("storageClassName: local-path").contains("ingressClassName: traefik")
        .contains("traefik.ingress.kubernetes.io/router.middlewares: openim-openim-strip-prefixes@kubernetescrd");
    assertThat(PlanYaml.render(plan.find("Middleware", "openim-strip-prefixes").orElseThrow()))
        .contains("- /api").contains("- /msg_gateway").contains("- /im-minio-api");
    assertThat(PlanYaml.render(plan.find("Service", "openim-msggateway-lb").orElseThrow()))
        .contains("type: LoadBalancer").contains("port: 10001");
    assertThat(plan.warnings()).noneMatch(w -> w.startsWith("ingress class traefik"));
    // ServiceLB brings clients from outside the cluster: the gateway's ws port takes any source
    assertThat(PlanYaml.render(plan.find("NetworkPolicy", "openim-msggateway-lb").orElseThrow()))
        .contains("app.kubernetes.io/name: openim-msggateway").contains("- Ingress").contains("port: 10001")
        .doesNotContain("from:");
    assertThat(PlanYaml.render(plan.find("NetworkPolicy", "openim-api").orElseThrow()))
        .as("Traefik runs in kube-system").contains("kubernetes.io/metadata.name: kube-system");
    assertThat(fitted(plan.spec().toBuilder().networkPolicies(false).build(), K3sOptions.DEFAULT).manifests())
        .noneMatch(m -> m.kind().equals("NetworkPolicy"));
    assertThat(PlanYaml.render(plan)).isEqualTo(PlanYaml.render(fitted(plan.spec(), K3sOptions.DEFAULT)));
  }

  @Test
  @DisplayName("what the spec says wins, and each default can be turned off or changed")
  void overrides() {
    DeploymentSpec spec = DeploymentSpec.builder("openim").storageClass("fast-ssd")
        .ingress(new Ingress("im.example.com", "nginx", null)).build();
    DeploymentPlan plan = fitted(spec, K3sOptions.DEFAULT.withGatewayLoadBalancer(false));
    String yaml = PlanYaml.render(plan);
    assertThat(yaml).contains("storageClassName: fast-ssd").contains("ingressClassName: nginx")
        .doesNotContain("local-path").doesNotContain("Middleware").doesNotContain("LoadBalancer");
    assertThat(PlanYaml.render(fitted(DeploymentSpec.builder("openim").build(),
        K3sOptions.DEFAULT.withStorageClass("longhorn")))).contains("storageClassName: longhorn");
  }
}
