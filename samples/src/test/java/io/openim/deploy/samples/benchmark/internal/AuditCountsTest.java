/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.samples.benchmark.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Requests counted from API server audit events")
class AuditCountsTest {
  private static String event(String stage, String verb, String userAgent) {
    return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"a1\","
        + "\"stage\":\"" + stage + "\",\"requestURI\":\"/api/v1/namespaces/x/configmaps/y\",\"verb\":\"" + verb
        + "\",\"user\":{\"username\":\"openim-deploy-admin\",\"groups\":[\"system:masters\"]},"
        + "\"sourceIPs\":[\"127.0.0.1\"],\"userAgent\":\"" + userAgent + "\",\"objectRef\":{\"resource\":"
        + "\"configmaps\",\"namespace\":\"x\",\"name\":\"y\",\"apiVersion\":\"v1\"},\"responseStatus\":"
        + "{\"metadata\":{},\"code\":200},\"requestReceivedTimestamp\":\"2026-12-02T02:00:00.000000Z\","
        + "\"stageTimestamp\":\"2026-12-02T02:00:00.010000Z\"}";
  }

  @Test
  @DisplayName("each request once, at RequestReceived, by client and verb")
  void countsOncePerRequest() {
    AuditCounts counts = new AuditCounts();
    counts.add(event("RequestReceived", "patch", "Helm/3.21.4"));
    counts.add(event("ResponseComplete", "patch", "Helm/3.21.4"));
    counts.add(event("RequestReceived", "watch", "Helm/3.21.4"));
    counts.add(event("ResponseStarted", "watch", "Helm/3.21.4"));
    counts.add(event("RequestReceived", "get", "kubectl/v1.36.3 (linux/amd64) kubernetes/abc"));
    counts.add(event("RequestReceived", "update", "kube-controller-manager/v1.36.3 (linux/amd64) kubernetes/abc/"
        + "system:serviceaccount:kube-system:replicaset-controller"));

    assertThat(counts.events()).isEqualTo(6);
    assertThat(counts.byClient()).isEqualTo(Map.of(
        "Helm", Map.of("patch", 1, "watch", 1),
        "kubectl", Map.of("get", 1),
        "kube-controller-manager", Map.of("update", 1)));
  }

  @Test
  @DisplayName("a tool's requests leave out the cluster's own components and the ignored clients")
  void toolLeavesOutClusterClients() {
    AuditCounts counts = new AuditCounts();
    counts.add(event("RequestReceived", "patch", "Kubernetes Java Client/27.0.0-SNAPSHOT"));
    counts.add(event("RequestReceived", "patch", "Kubernetes Java Client/27.0.0-SNAPSHOT"));
    counts.add(event("RequestReceived", "get", "openim-deploy-benchmark/1"));
    counts.add(event("RequestReceived", "list", "kube-scheduler/v1.36.3 (linux/amd64) kubernetes/abc/scheduler"));
    counts.add(event("RequestReceived", "update", "kwok/v0.8.0 (linux/amd64)"));

    Set<String> ignored = Set.of(AuditLog.CLIENT);
    assertThat(counts.tool(ignored)).isEqualTo(Map.of("patch", 2));
    assertThat(counts.toolClients(ignored)).containsExactly("Kubernetes Java Client");
  }

  @Test
  @DisplayName("the client of a user agent is its part before the first slash")
  void clientOfUserAgent() {
    assertThat(AuditCounts.client("kubectl/v1.36.3 (linux/amd64) kubernetes/abc")).isEqualTo("kubectl");
    assertThat(AuditCounts.client("curl")).isEqualTo("curl");
    assertThat(AuditCounts.client("")).isEqualTo("?");
  }

  @Test
  @DisplayName("a line that is not an audit event is refused, naming it")
  void refusesOtherLines() {
    AuditCounts counts = new AuditCounts();

    assertThatThrownBy(() -> counts.add("I1202 02:00:00 something else"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("something else");
    assertThatThrownBy(() -> counts.add("{\"kind\":\"Status\"}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no stage");
  }
}
