/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.openim.deploy.Component;
import io.openim.deploy.Manifest;
import io.openim.deploy.Monitoring;
import io.openim.deploy.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Monitoring objects: a ServiceMonitor per OpenIM Server component with a metrics port, selecting
 * its {@code <name>-metrics} Service (job names as OpenIM's own dashboard expects, {@code
 * openimserver-openim-<svc>}) and a PrometheusRule with
 * OpenIM's alerts, when the Prometheus Operator is used; and a Grafana dashboard of our own as a
 * ConfigMap labelled for the Grafana sidecar. The alert expressions and metric names are OpenIM's
 * (open-im-server v3.8.3-patch.15 config/instance-down-rules.yml and its dashboard); the files are ours.
 */
public final class Observability {
  private final RenderContext ctx;

  public Observability(RenderContext ctx) {
    this.ctx = ctx;
  }

  public List<Manifest> render() {
    if (!ctx.spec().monitoring().enabled()) {
      return List.of();
    }
    List<Manifest> out = new ArrayList<>();
    if (ctx.monitoringMode() == Monitoring.Mode.OPERATOR) {
      for (Component component : Component.server()) {
        if (ctx.metricsService(component)) {
          out.add(serviceMonitor(component));
        }
      }
      out.add(rules());
    }
    if (ctx.spec().monitoring().dashboard()) {
      out.add(dashboard());
    }
    return out;
  }

  /** Selects the component's {@code -metrics} Service, the only one carrying the job label. */
  private Manifest serviceMonitor(Component component) {
    Names names = ctx.names();
    String name = names.of(component);
    Map<String, Object> selector = names.selector(component.id());
    selector.put(RenderContext.PROMETHEUS_JOB, RenderContext.prometheusJob(component));
    return new Manifest(Phase.EXPOSURE, "monitoring.coreos.com/v1", "ServiceMonitor", ctx.spec().namespace(), name,
        Tree.object("monitoring.coreos.com/v1", "ServiceMonitor",
            names.metadata(name, names.labels(component, ctx.line().release(component).version())),
            "spec", Tree.map(
                "jobLabel", RenderContext.PROMETHEUS_JOB,
                "selector", Tree.map("matchLabels", selector),
                "endpoints", Tree.list(Tree.map("port", "metrics", "path", "/metrics", "interval", "30s")))));
  }

  private Manifest rules() {
    Names names = ctx.names();
    String name = ctx.spec().release() + "-openim-alerts";
    String jobs = "openimserver-openim-.*";
    List<Object> alerts = Tree.list(
        alert("OpenIMInstanceDown", "up{job=~\"" + jobs + "\"} == 0", "1m", "critical",
            "{{ $labels.job }} on {{ $labels.instance }} is down"),
        alert("OpenIMDatabaseInsertFailed",
            "(increase(msg_insert_redis_failed_total[5m]) > 0) or (increase(msg_insert_mongo_failed_total[5m]) > 0)",
            "1m", "critical", "messages failed to be stored in Redis or MongoDB"),
        alert("OpenIMNoLogins", "increase(user_login_total[1h]) == 0", "1m", "warning",
            "no user logged in during the last hour"),
        alert("OpenIMNoMessages",
            "(increase(single_chat_msg_process_success_total[1h]) + increase(group_chat_msg_process_success_total[1h])) == 0",
            "1m", "warning", "no message was processed during the last hour"));
    return new Manifest(Phase.EXPOSURE, "monitoring.coreos.com/v1", "PrometheusRule", ctx.spec().namespace(), name,
        Tree.object("monitoring.coreos.com/v1", "PrometheusRule", names.metadata(name, names.labels()),
            "spec", Tree.map("groups", Tree.list(Tree.map("name", "openim", "rules", alerts)))));
  }

  private static Map<String, Object> alert(String name, String expr, String wait, String severity, String summary) {
    return Tree.map("alert", name, "expr", expr, "for", wait,
        "labels", Tree.map("severity", severity),
        "annotations", Tree.map("summary", summary));
  }

  private Manifest dashboard() {
    Names names = ctx.names();
    String name = ctx.spec().release() + "-openim-dashboard";
    Map<String, Object> labels = names.labels();
    labels.put("grafana_dashboard", "1");
    return new Manifest(Phase.EXPOSURE, "v1", "ConfigMap", ctx.spec().namespace(), name,
        Tree.object("v1", "ConfigMap", names.metadata(name, labels),
            "data", Tree.map("openim.json", dashboardJson())));
  }

  /** Our dashboard: users, messages, storage failures, and the Go runtime of each OpenIM job. */
  static String dashboardJson() {
    JsonObject root = new JsonObject();
    root.addProperty("title", "OpenIM (openim-deploy)");
    root.addProperty("uid", "openim-deploy");
    root.addProperty("schemaVersion", 39);
    root.addProperty("refresh", "30s");
    JsonObject time = new JsonObject();
    time.addProperty("from", "now-6h");
    time.addProperty("to", "now");
    root.add("time", time);
    JsonArray panels = new JsonArray();
    String[][] specs = {
      {"Online users", "sum(online_user_num)"},
      {"Logins per 5 min", "sum(increase(user_login_total[5m]))"},
      {"Registrations per 5 min", "sum(increase(user_register_total[5m]))"},
      {"Single-chat messages per 5 min (ok / failed)",
          "sum(increase(single_chat_msg_process_success_total[5m]))|sum(increase(single_chat_msg_process_failed_total[5m]))"},
      {"Group messages per 5 min (ok / failed)",
          "sum(increase(group_chat_msg_process_success_total[5m]))|sum(increase(group_chat_msg_process_failed_total[5m]))"},
      {"Storage failures per 5 min (Redis / MongoDB)",
          "sum(increase(msg_insert_redis_failed_total[5m]))|sum(increase(msg_insert_mongo_failed_total[5m]))"},
      {"Offline push failures per 5 min", "sum(increase(msg_offline_push_failed_total[5m]))"},
      {"Goroutines by job", "sum by (job) (go_goroutines{job=~\"openimserver-openim-.*\"})"},
      {"Heap in use by job", "sum by (job) (go_memstats_heap_inuse_bytes{job=~\"openimserver-openim-.*\"})"},
    };
    for (int i = 0; i < specs.length; i++) {
      JsonObject panel = new JsonObject();
      panel.addProperty("id", i + 1);
      panel.addProperty("type", "timeseries");
      panel.addProperty("title", specs[i][0]);
      JsonObject grid = new JsonObject();
      grid.addProperty("h", 8);
      grid.addProperty("w", 12);
      grid.addProperty("x", (i % 2) * 12);
      grid.addProperty("y", (i / 2) * 8);
      panel.add("gridPos", grid);
      JsonArray targets = new JsonArray();
      String[] exprs = specs[i][1].split("\\|");
      for (int t = 0; t < exprs.length; t++) {
        JsonObject target = new JsonObject();
        target.addProperty("refId", String.valueOf((char) ('A' + t)));
        target.addProperty("expr", exprs[t]);
        targets.add(target);
      }
      panel.add("targets", targets);
      panels.add(panel);
    }
    root.add("panels", panels);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root);
  }
}
