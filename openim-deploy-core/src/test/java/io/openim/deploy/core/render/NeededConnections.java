/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.Component;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.Manifest;
import io.openim.deploy.core.render.PolicyModel.Peer;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The connections a plan's topology needs, worked out from the plan itself: the address each
 * process is given (its env), the Service and container port behind that address, the Ingress's
 * backends, the metrics ports, the Jobs' hosts. Which process dials which is OpenIM's code, so it
 * is a table here ({@link #DIALS}), checked at the tags open-im-server v3.8.3-patch.15 and chat
 * v1.8.4-patch.5 (the GetConn/GetConns calls and the store clients each process makes at start:
 * internal/api/router.go and user.go, internal/msggateway/ws_server.go and hub_server.go,
 * internal/msgtransfer/init.go and online_history_msg_handler.go, internal/push/push.go,
 * push_handler.go and onlinepusher.go, internal/tools/cron_task.go, internal/rpc/*&#47;*.go Start;
 * chat internal/api/*&#47;start.go, internal/rpc/*&#47;start.go).
 */
final class NeededConnections {
  /** Which services and dependencies each process connects to. */
  static final Map<String, List<String>> DIALS = Map.ofEntries(
      Map.entry("api", List.of("rpc-auth", "rpc-user", "rpc-group", "rpc-friend", "rpc-conversation", "rpc-third",
          "rpc-msg", "msggateway", "etcd")),
      Map.entry("msggateway", List.of("rpc-user", "push", "rpc-auth", "rpc-msg", "msggateway", "etcd", "redis")),
      Map.entry("msgtransfer", List.of("rpc-group", "rpc-conversation", "etcd", "mongodb", "redis", "kafka")),
      Map.entry("push", List.of("rpc-user", "rpc-group", "rpc-msg", "rpc-conversation", "msggateway", "etcd", "redis",
          "kafka")),
      Map.entry("crontask", List.of("rpc-msg", "rpc-third", "rpc-conversation", "etcd")),
      Map.entry("rpc-auth", List.of("rpc-user", "msggateway", "etcd", "redis")),
      Map.entry("rpc-conversation", List.of("rpc-user", "rpc-group", "rpc-msg", "etcd", "mongodb", "redis")),
      Map.entry("rpc-friend", List.of("rpc-user", "rpc-msg", "etcd", "mongodb", "redis")),
      Map.entry("rpc-group", List.of("rpc-user", "rpc-msg", "rpc-conversation", "etcd", "mongodb", "redis")),
      Map.entry("rpc-msg", List.of("rpc-user", "rpc-group", "rpc-friend", "rpc-conversation", "etcd", "mongodb", "redis",
          "kafka")),
      Map.entry("rpc-third", List.of("rpc-user", "etcd", "mongodb", "redis", "minio")),
      Map.entry("rpc-user", List.of("rpc-msg", "rpc-group", "rpc-friend", "etcd", "mongodb", "redis")),
      Map.entry("chat-api", List.of("chat-rpc", "admin-rpc", "api", "etcd")),
      Map.entry("admin-api", List.of("chat-rpc", "admin-rpc", "api", "etcd")),
      Map.entry("chat-rpc", List.of("admin-rpc", "etcd", "mongodb")),
      Map.entry("admin-rpc", List.of("chat-rpc", "etcd", "mongodb", "redis")));

  /** The env variable (suffix) holding a dependency's address, and chat's URL of OpenIM's API. */
  private static final Map<String, String> ADDRESS_VARIABLES = Map.of("mongodb", "_MONGODB_ADDRESS",
      "redis", "_REDIS_ADDRESS", "kafka", "_KAFKA_ADDRESS", "minio", "_MINIO_INTERNALADDRESS",
      "etcd", "_DISCOVERY_ETCD_ADDRESS", "api", "_SHARE_OPENIM_APIURL");

  /** Where the test places each ingress class's controller (the namespaces they install into). */
  private static final Map<String, String> CONTROLLERS = Map.of("nginx", "ingress-nginx", "higress", "higress-system",
      "traefik", "kube-system");

  private static final Pattern IPV4 = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

  private final String namespace;
  private final Map<String, Peer> release = new LinkedHashMap<>();
  private final Map<String, Map<?, ?>> podSpecs = new LinkedHashMap<>();
  private final Map<String, Map<?, ?>> services = new LinkedHashMap<>();
  private final List<Peer> outside = new ArrayList<>();
  private final Map<String, Peer> addresses = new LinkedHashMap<>();
  private final Set<String> needed = new LinkedHashSet<>();
  private final Set<String> anyDestination = new LinkedHashSet<>();
  private final Set<Integer> ports = new TreeSet<>(List.of(22, 53, 80, 443));
  private final Set<String> jobs = new TreeSet<>();

  NeededConnections(DeploymentPlan plan, List<Manifest> moreJobs) {
    namespace = plan.spec().namespace();
    List<Manifest> all = new ArrayList<>(plan.manifests());
    all.addAll(moreJobs);
    for (Manifest m : all) {
      if (List.of("Deployment", "StatefulSet", "Job").contains(m.kind())) {
        release.put(m.name(), Peer.pod(m.name(), namespace, templateLabels(m)));
        podSpecs.put(m.name(), (Map<?, ?>) map(map(m.body(), "spec"), "template").get("spec"));
        if (m.kind().equals("Job")) {
          jobs.add(m.name());
        }
      } else if (m.kind().equals("Service")) {
        services.put(m.name(), (Map<?, ?>) m.body().get("spec"));
      }
    }
    for (String ns : List.of("elsewhere", "ingress-nginx", "higress-system", "monitoring")) {
      outside.add(Peer.pod("a pod in " + ns, ns, Map.of("app", "x")));
    }
    outside.add(Peer.pod("another app in " + namespace, namespace, Map.of("app", "other")));
    outside.add(Peer.pod("CoreDNS", "kube-system", Map.of("k8s-app", "kube-dns")));
    outside.add(Peer.pod("Traefik", "kube-system", Map.of("app.kubernetes.io/name", "traefik")));
    addresses.put("203.0.113.9", Peer.address("the internet (203.0.113.9)", "203.0.113.9"));
    release.keySet().forEach(pod -> containerPorts(pod).values().forEach(ports::add));
    build(plan);
  }

  private void build(DeploymentPlan plan) {
    String releaseName = plan.spec().release();
    for (Peer pod : release.values()) {
      // DNS: any pod of kube-system, where every distribution runs the cluster DNS, whatever its labels
      outside.stream().filter(p -> "kube-system".equals(p.namespace())).forEach(dns -> {
        need(pod, dns, "UDP", 53);
        need(pod, dns, "TCP", 53);
      });
      String component = pod.labels().get("app.kubernetes.io/component");
      String app = pod.labels().getOrDefault("app.kubernetes.io/name", "");
      Component process = component == null ? Component.byKey(app).orElse(null) : null;
      if (process != null) {
        for (String target : DIALS.get(process.key())) {
          if (ADDRESS_VARIABLES.containsKey(target)) {
            String value = env(pod.name(), ADDRESS_VARIABLES.get(target));
            assertThat(value).as(pod.name() + " has the address of " + target).isNotNull();
            reach(pod, value);
          } else if (services.containsKey(releaseName + "-" + target)) {
            Map<?, ?> service = services.get(releaseName + "-" + target);
            reachService(pod, releaseName + "-" + target, servicePort(service, "grpc"));
          }
        }
        if (process == Component.PUSH && !"none".equals(env(pod.name(), "_OPENIM_PUSH_ENABLE"))) {
          needAnyDestination(pod, 443); // the offline push provider's API
        }
      }
      if ("mongo-user".equals(component)) {
        reach(pod, env(pod.name(), "MONGO_HOST"));
      } else if ("etcd-user".equals(component)) {
        reach(pod, env(pod.name(), "ETCDCTL_ENDPOINTS"));
      } else if ("kafka-topics".equals(component)) {
        String script = String.valueOf(containers(pod.name()).get(0).get("command"));
        reach(pod, script.replaceFirst("(?s).*?--bootstrap-server (\\S+).*", "$1"));
      } else if ("chat-admin-password".equals(component)) {
        reach(pod, env(pod.name(), "ADMIN_API"));
      } else if (component != null && List.of("backup", "restore", "check").contains(component)) {
        for (String variable : List.of("MONGO_HOST", "MINIO_URL")) {
          if (env(pod.name(), variable) != null) { // a check reads only the backup
            reach(pod, env(pod.name(), variable));
          }
        }
        String redis = env(pod.name(), "REDIS_HOST");
        if (redis != null) {
          reachService(pod, redis, servicePort(services.get(redis), "redis"));
        }
      } else if (jobs.contains(pod.name())) {
        // a Job this oracle knows nothing of would be given no connection, and pass unnoticed
        throw new AssertionError("NeededConnections has no rule for the Job " + pod.name() + " (component "
            + component + "): add what it dials");
      }
      String voters = env(pod.name(), "KAFKA_CFG_CONTROLLER_QUORUM_VOTERS");
      if (voters != null) {
        reach(pod, voters.substring(voters.indexOf('@') + 1));
      }
    }
    for (Manifest ingress : plan.manifests().stream().filter(m -> m.kind().equals("Ingress")).toList()) {
      Map<?, ?> spec = map(ingress.body(), "spec");
      String controller = CONTROLLERS.get(String.valueOf(spec.get("ingressClassName")));
      for (Object rule : (List<?>) spec.get("rules")) {
        for (Object path : (List<?>) map((Map<?, ?>) rule, "http").get("paths")) {
          Map<?, ?> backend = map(map((Map<?, ?>) path, "backend"), "service");
          String service = String.valueOf(backend.get("name"));
          int port = servicePort(services.get(service), String.valueOf(map(backend, "port").get("name")));
          for (Peer to : podsOf(service)) {
            Integer target = targetPort(service, port, to);
            for (Peer from : outsideSources()) {
              if (target != null && (controller == null || controller.equals(from.namespace()))) {
                need(from, to, "TCP", target);
              }
            }
          }
        }
      }
    }
    String minio = releaseName + "-minio";
    if (plan.spec().ingress() == null && plan.spec().minioExternalAddress() != null && services.containsKey(minio)) {
      // clients reach the in-cluster MinIO at an address the spec gives and no Ingress serves
      for (Peer to : podsOf(minio)) {
        Integer port = targetPort(minio, servicePort(services.get(minio), "api"), to);
        if (port != null) {
          outsideSources().forEach(from -> need(from, to, "TCP", port));
        }
      }
    }
    if (plan.spec().monitoring().enabled()) {
      for (String pod : release.keySet()) {
        Integer metrics = containerPorts(pod).get("metrics");
        if (metrics != null) {
          outsideSources().stream().filter(p -> p.namespace() != null)
              .forEach(p -> need(p, release.get(pod), "TCP", metrics));
        }
      }
    }
  }

  /** Connections to every address in {@code value}: host:port or URL, comma-separated. */
  private void reach(Peer from, @Nullable String value) {
    assertThat(value).as("an address for " + from.name()).isNotNull();
    for (String one : value.split(",")) {
      String host;
      int port;
      if (one.contains("://")) {
        URI uri = URI.create(one);
        host = uri.getHost();
        port = uri.getPort() > 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
      } else {
        host = one.substring(0, one.lastIndexOf(':'));
        port = Integer.parseInt(one.substring(one.lastIndexOf(':') + 1));
      }
      ports.add(port);
      String service = host.replaceFirst("\\." + namespace + "\\.svc(\\.cluster\\.local)?$", "");
      if (!services.containsKey(service) && service.contains(".")) {
        service = service.substring(service.indexOf('.') + 1); // a StatefulSet pod's name under its headless Service
      }
      if (services.containsKey(service)) {
        reachService(from, service, port);
      } else if (IPV4.matcher(host).matches()) {
        need(from, addresses.computeIfAbsent(host, ip -> Peer.address("external " + ip, ip)), "TCP", port);
      } else {
        needAnyDestination(from, port);
      }
    }
  }

  private void reachService(Peer from, String service, int port) {
    for (Peer to : podsOf(service)) {
      Integer target = targetPort(service, port, to);
      if (target != null) {
        need(from, to, "TCP", target);
      }
    }
  }

  private List<Peer> podsOf(String service) {
    Map<?, ?> selector = (Map<?, ?>) services.get(service).get("selector");
    List<Peer> pods = release.values().stream()
        .filter(p -> PolicyModel.matches(Map.of("matchLabels", selector), p.labels())).toList();
    assertThat(pods).as("pods of Service " + service).isNotEmpty();
    return pods;
  }

  /**
   * The pod's port behind a Service port; null when the pod lacks the named port, which keeps it
   * out of the Service's endpoints (a Job's pod that shares a dependency's labels).
   */
  private @Nullable Integer targetPort(String service, int port, Peer pod) {
    for (Object p : (List<?>) services.get(service).get("ports")) {
      Map<?, ?> entry = (Map<?, ?>) p;
      if (Integer.valueOf(port).equals(entry.get("port"))) {
        Object target = entry.get("targetPort");
        return target instanceof Integer number ? number : containerPorts(pod.name()).get(String.valueOf(target));
      }
    }
    throw new AssertionError("Service " + service + " has no port " + port);
  }

  private static int servicePort(Map<?, ?> service, String name) {
    for (Object p : (List<?>) service.get("ports")) {
      if (name.equals(((Map<?, ?>) p).get("name"))) {
        return (Integer) ((Map<?, ?>) p).get("port");
      }
    }
    throw new AssertionError("no port " + name + " in " + service);
  }

  private void need(Peer from, Peer to, String protocol, int port) {
    needed.add(from.name() + "|" + to.name() + "|" + protocol + "|" + port);
  }

  /** A destination no policy can name: every address outside the release on {@code port}. */
  private void needAnyDestination(Peer from, int port) {
    ports.add(port);
    anyDestination.add(from.name() + "|" + port);
  }

  boolean needs(Peer from, Peer to, String protocol, int port) {
    return needed.contains(from.name() + "|" + to.name() + "|" + protocol + "|" + port)
        || (protocol.equals("TCP") && !release.containsKey(to.name()) && anyDestination.contains(from.name() + "|" + port));
  }

  int count() {
    return needed.size() + anyDestination.size();
  }

  List<Peer> releasePods() {
    return List.copyOf(release.values());
  }

  List<Peer> sources() {
    List<Peer> out = new ArrayList<>(release.values());
    out.addAll(outside);
    out.addAll(addresses.values());
    return out;
  }

  /** Sources outside the release: their egress is theirs; a release pod's own egress is held to what it needs. */
  private List<Peer> outsideSources() {
    return sources().stream().filter(p -> !release.containsKey(p.name())).toList();
  }

  List<Peer> destinations() {
    return sources();
  }

  Set<Integer> ports() {
    return ports;
  }

  private @Nullable String env(String pod, String suffix) {
    for (Map<?, ?> container : containers(pod)) {
      if (container.get("env") instanceof List<?> env) {
        for (Object e : env) {
          Map<?, ?> variable = (Map<?, ?>) e;
          if (String.valueOf(variable.get("name")).endsWith(suffix) && variable.get("value") != null) {
            return String.valueOf(variable.get("value"));
          }
        }
      }
    }
    return null;
  }

  private List<Map<?, ?>> containers(String pod) {
    List<Map<?, ?>> out = new ArrayList<>();
    for (String key : List.of("initContainers", "containers")) {
      if (podSpecs.get(pod).get(key) instanceof List<?> list) {
        list.forEach(c -> out.add((Map<?, ?>) c));
      }
    }
    return out;
  }

  private Map<String, Integer> containerPorts(String pod) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Map<?, ?> container : containers(pod)) {
      if (container.get("ports") instanceof List<?> list) {
        list.forEach(p -> out.put(String.valueOf(((Map<?, ?>) p).get("name")),
            (Integer) ((Map<?, ?>) p).get("containerPort")));
      }
    }
    return out;
  }

  /** The labels of a workload's pods. */
  static Map<String, String> templateLabels(Manifest workload) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (map(map(map(workload.body(), "spec"), "template"), "metadata").get("labels") instanceof Map<?, ?> m) {
      m.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
    }
    return labels;
  }

  private static Map<?, ?> map(Map<?, ?> parent, String key) {
    return (Map<?, ?>) parent.get(key);
  }
}
