/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobSpec;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@WithLocalCluster
@DisplayName("ConvergedRelease reads what a deploy left in the namespace")
class ConvergedReleaseIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final ApiClient client;
  private final AppsV1Api apps;
  private final BatchV1Api batch;
  private final String ns;

  ConvergedReleaseIT(ApiClient client, TestNamespace namespace) {
    this.client = client;
    this.apps = new AppsV1Api(client);
    this.batch = new BatchV1Api(client);
    this.ns = namespace.name();
  }

  @Test
  @DisplayName("converged once the Deployment's pods run and the Job ran once; then a missing object, an extra one"
      + " and a second ReplicaSet are each named")
  void namesEveryProblem() throws Exception {
    List<Manifest> planned = List.of(manifest("apps/v1", "Deployment", "web"), manifest("batch/v1", "Job", "init"));
    apps.createNamespacedDeployment(ns, new V1Deployment().metadata(new V1ObjectMeta().name("web"))
        .spec(new V1DeploymentSpec().replicas(2).selector(new V1LabelSelector().matchLabels(Map.of("app", "web")))
            .template(template("web", "1")))).execute();
    job("init");
    assertThat(Eventually.await(TIMEOUT, "converged", () -> ConvergedRelease.problems(client, planned), List::isEmpty))
        .isEmpty();

    job("extra");
    List<String> problems = ConvergedRelease.problems(client,
        List.of(planned.get(0), planned.get(1), manifest("apps/v1", "StatefulSet", "db")));
    assertThat(problems).contains("Job extra is not planned", "StatefulSet db is missing");

    // a changed template: the Deployment controller makes a second ReplicaSet and keeps the first
    V1Deployment web = apps.readNamespacedDeployment("web", ns).execute();
    web.getSpec().getTemplate().getSpec().getContainers().get(0).image("registry.invalid/web:2");
    apps.replaceNamespacedDeployment("web", ns, web).execute();
    assertThat(Eventually.await(TIMEOUT, "a second ReplicaSet", () -> ConvergedRelease.problems(client, planned),
        p -> !p.isEmpty())).contains("Deployment web has 2 ReplicaSets instead of one");
  }

  private void job(String name) throws Exception {
    V1PodTemplateSpec template = template(name, "1");
    template.getSpec().restartPolicy("Never");
    batch.createNamespacedJob(ns, new V1Job().metadata(new V1ObjectMeta().name(name))
        .spec(new V1JobSpec().backoffLimit(0).template(template))).execute();
  }

  private Manifest manifest(String apiVersion, String kind, String name) {
    return new Manifest(Phase.FOUNDATION, apiVersion, kind, ns, name,
        Map.of("apiVersion", apiVersion, "kind", kind, "metadata", Map.of("name", name, "namespace", ns)));
  }

  private static V1PodTemplateSpec template(String app, String tag) {
    return new V1PodTemplateSpec().metadata(new V1ObjectMeta().labels(Map.of("app", app)))
        .spec(new V1PodSpec().containers(List.of(new V1Container().name(app).image("registry.invalid/" + app + ":" + tag))));
  }
}
