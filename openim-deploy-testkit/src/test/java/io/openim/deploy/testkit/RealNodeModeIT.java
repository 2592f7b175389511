/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code Mode.LOCAL_REAL_NODE}: OpenIM on the local cluster's real node. Where the images can be
 * pulled, OpenIM rolls out for real; where they cannot (the build machines reach no image
 * registry), every pod is on the real node and reports the failed pull of its own image, which
 * KWOK's simulated pods never do. Skipped, with the reason, where this machine cannot run a real
 * node.
 */
@WithOpenImCluster(mode = WithOpenImCluster.Mode.LOCAL_REAL_NODE)
@DisplayName("@WithOpenImCluster(mode = LOCAL_REAL_NODE) runs OpenIM's pods on a real node")
class RealNodeModeIT {
  private static final List<String> PULL_FAILURES = List.of("ErrImagePull", "ImagePullBackOff");

  @Test
  @DisplayName("its pods are on the real node, and really pull: rolled out, or failing to pull their own image")
  void podsRunOnTheRealNode(OpenImCluster cluster) throws Exception {
    assertThat(cluster.mode()).isEqualTo(WithOpenImCluster.Mode.LOCAL_REAL_NODE);
    assertThat(cluster.reason()).isEqualTo("asked for the local cluster with a real node");
    ApiClient client =
        ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(new StringReader(cluster.kubeconfig().reveal()))).build();
    CoreV1Api core = new CoreV1Api(client);
    String namespace = cluster.release().namespace();
    assertThat(core.listNode().execute().getItems()).extracting(n -> n.getMetadata().getName())
        .containsExactly("real-node-0");

    if (cluster.rolloutFailure() == null) {
      var deployments = new AppsV1Api(client).listNamespacedDeployment(namespace).execute().getItems();
      assertThat(deployments).hasSize(16).allMatch(d -> Integer.valueOf(1).equals(d.getStatus().getReadyReplicas()));
      return;
    }
    assertThat(cluster.rolloutFailure()).contains("cannot be pulled from this machine").contains("ImagePullBackOff");
    List<V1Pod> pods = awaitPullFailures(core, namespace);
    assertThat(pods).isNotEmpty().allSatisfy(pod -> {
      assertThat(pod.getSpec().getNodeName()).isEqualTo("real-node-0");
      assertThat(pulling(pod)).as(pod.getMetadata().getName()).isNotEmpty().allSatisfy(status -> {
        String image = Stream.concat(pod.getSpec().getContainers().stream(),
                Objects.requireNonNullElse(pod.getSpec().getInitContainers(), List.<V1Container>of()).stream())
            .filter(c -> c.getName().equals(status.getName())).findFirst().orElseThrow().getImage();
        assertThat(status.getState().getWaiting().getReason()).isIn(PULL_FAILURES);
        assertThat(status.getState().getWaiting().getMessage()).contains(image);
      });
    });
  }

  /** The release's pods once each container reports a failed pull; fails after two minutes. */
  private static List<V1Pod> awaitPullFailures(CoreV1Api core, String namespace) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    List<V1Pod> pods = List.of();
    while (Instant.now().isBefore(deadline)) {
      pods = core.listNamespacedPod(namespace).execute().getItems().stream()
          .filter(p -> p.getSpec().getNodeName() != null).toList();
      if (!pods.isEmpty() && pods.stream().allMatch(RealNodeModeIT::pullFailed)) {
        return pods;
      }
      Thread.sleep(1000); // polls the condition "every scheduled pod reports its failed pull"
    }
    return pods; // the assertions then show which pod did not
  }

  private static boolean pullFailed(V1Pod pod) {
    List<V1ContainerStatus> statuses = pulling(pod);
    return !statuses.isEmpty() && statuses.stream()
        .map(s -> s.getState() == null ? null : s.getState().getWaiting())
        .allMatch(w -> w != null && PULL_FAILURES.contains(Objects.requireNonNullElse(w.getReason(), "")));
  }

  /**
   * The containers the kubelet pulls images for now: the first init container that has not
   * finished (Kafka's seeds its config folder; the others wait as PodInitializing until it has
   * run), else every container.
   */
  private static List<V1ContainerStatus> pulling(V1Pod pod) {
    List<V1ContainerStatus> init = Objects.requireNonNullElse(pod.getStatus().getInitContainerStatuses(), List.of());
    List<V1ContainerStatus> unfinished = init.stream()
        .filter(s -> s.getState() == null || s.getState().getTerminated() == null).limit(1).toList();
    if (!unfinished.isEmpty()) {
      return unfinished;
    }
    return Objects.requireNonNullElse(pod.getStatus().getContainerStatuses(), List.of());
  }
}
