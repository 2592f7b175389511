/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.Monitoring;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Monitoring objects")
class MonitoringTest {
  private static DeploymentPlan plan(Monitoring.Mode mode) {
    return Topology.plan(DeploymentSpec.builder("openim").monitoring(new Monitoring(true, mode, true)).build());
  }

  @Test
  @DisplayName("with the operator: a metrics Service and a ServiceMonitor per metrics port, OpenIM's job names, the alerts")
  void operator() {
    DeploymentPlan plan = plan(Monitoring.Mode.OPERATOR);
    assertThat(plan.manifests()).filteredOn(m -> m.kind().equals("ServiceMonitor")).hasSize(11)
        .extracting(Manifest::name).contains("openim-api", "openim-msgtransfer", "openim-rpc-user")
        .doesNotContain("openim-crontask", "openim-chat-api");
    assertThat(PlanYaml.render(plan.find("ServiceMonitor", "openim-push").orElseThrow()))
        .contains("jobLabel: openim-deploy.io/prometheus-job").contains("port: metrics");
    assertThat(PlanYaml.render(plan.find("ServiceMonitor", "openim-push").orElseThrow()))
        .contains("openim-deploy.io/prometheus-job: openimserver-openim-push");
    assertThat(plan.manifests()).filteredOn(m -> m.kind().equals("Service") && m.name().endsWith("-metrics"))
        .hasSize(11).allSatisfy(m -> assertThat(TopologyTest.portNames(m)).as(m.name()).containsExactly("metrics"));
    String metrics = PlanYaml.render(plan.find("Service", "openim-push-metrics").orElseThrow());
    assertThat(metrics).contains("openim-deploy.io/prometheus-job: openimserver-openim-push").contains("port: 12170")
        .contains("app.kubernetes.io/name: openim-push");
    String push = PlanYaml.render(plan.find("Service", "openim-push").orElseThrow());
    assertThat(push).doesNotContain("prometheus-job").doesNotContain("metrics");
    assertThat(PlanYaml.render(plan.find("PrometheusRule", "openim-openim-alerts").orElseThrow()))
        .contains("alert: OpenIMInstanceDown").contains("msg_insert_mongo_failed_total").contains("user_login_total");
    assertThat(PlanYaml.render(plan)).doesNotContain("prometheus.io/scrape");
  }

  @Test
  @DisplayName("without it: scrape annotations on the pods with a metrics port, no operator objects, no metrics Services")
  void annotations() {
    DeploymentPlan plan = plan(Monitoring.Mode.ANNOTATIONS);
    assertThat(plan.manifests()).noneMatch(m -> m.kind().equals("ServiceMonitor") || m.kind().equals("PrometheusRule"));
    assertThat(plan.manifests()).noneMatch(m -> m.name().endsWith("-metrics"));
    assertThat(PlanYaml.render(plan.find("Deployment", "openim-rpc-user").orElseThrow()))
        .contains("prometheus.io/scrape: 'true'").contains("prometheus.io/port: '12320'");
    assertThat(PlanYaml.render(plan.find("Deployment", "openim-crontask").orElseThrow())).doesNotContain("prometheus.io");
  }

  @Test
  @DisplayName("AUTO without a cluster renders annotations and says why; a dashboard ConfigMap for the Grafana sidecar")
  void autoAndDashboard() {
    DeploymentPlan plan = plan(Monitoring.Mode.AUTO);
    assertThat(plan.warnings()).anyMatch(w -> w.startsWith("monitoring mode AUTO needs a cluster"));
    Manifest dashboard = plan.find("ConfigMap", "openim-openim-dashboard").orElseThrow();
    assertThat(PlanYaml.render(dashboard)).contains("grafana_dashboard: '1'");
    String json = (String) ((Map<?, ?>) dashboard.body().get("data")).get("openim.json");
    var parsed = JsonParser.parseString(json).getAsJsonObject();
    assertThat(parsed.getAsJsonArray("panels")).hasSize(9);
    assertThat(json).contains("online_user_num").contains("single_chat_msg_process_failed_total");
    assertThat(Topology.plan(DeploymentSpec.builder("openim").build()).manifests())
        .noneMatch(m -> m.name().contains("dashboard"));
  }
}
