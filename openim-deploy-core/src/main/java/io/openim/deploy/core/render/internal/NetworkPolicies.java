/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import io.openim.deploy.Component;
import io.openim.deploy.Dependency;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.Ingress;
import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The release's NetworkPolicies: a default deny (ingress and egress) for every pod of the release,
 * DNS, and then one policy per group of pods that allows, by port, exactly the connections that
 * group makes or takes: OpenIM's processes to each other's gRPC ports and to the dependencies
 * ({@link Dials}), chat's APIs to OpenIM's API, the init and data Jobs to what they prepare or copy,
 * Kafka's controller port to itself, the ingress controller to what the Ingress exposes,
 * Prometheus to the metrics ports, and external dependencies by address. Rendered in phase
 * CONFIGURATION, so they are in place before any pod starts. Discovery is etcd (Kubernetes
 * discovery is refused before rendering), so no OpenIM pod talks to the Kubernetes API.
 */
public final class NetworkPolicies {
  /**
   * The label every namespace carries with its own name (k8s.io/api@v0.36.3 core/v1
   * well_known_labels.go LabelMetadataName, set by the API server since Kubernetes 1.21).
   */
  static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

  /**
   * Where each ingress class's controller runs by default: kubernetes/ingress-nginx
   * deploy/static/provider/cloud/deploy.yaml (Namespace ingress-nginx); Higress's install command,
   * {@code helm install higress higress.io/higress -n higress-system} (higress.cn "Deploy Higress
   * by Helm"), which sealos runs too; k3s's Traefik, a HelmChart in kube-system without
   * targetNamespace (k3s-io/k3s manifests/traefik.yaml).
   */
  static final Map<String, String> CONTROLLER_NAMESPACES = Map.of(
      "nginx", "ingress-nginx", "higress", "higress-system", "traefik", "kube-system");

  /** Config files that make OpenIM call addresses these policies cannot know. */
  private static final Map<String, String> OUTBOUND_FILES = Map.of(
      "server/webhooks.yml", "webhook calls",
      "server/openim-rpc-third.yml", "an object storage other than the release's MinIO",
      "chat/chat-rpc-chat.yml", "SMS, mail or LiveKit");

  private final RenderContext ctx;
  private final Names names;
  private final Map<String, PodGroup> groups = new LinkedHashMap<>();
  private final Map<DependencyKind, Set<String>> hostNames = new EnumMap<>(DependencyKind.class);
  private final List<String> unparsed = new ArrayList<>();

  public NetworkPolicies(RenderContext ctx) {
    this.ctx = ctx;
    this.names = ctx.names();
  }

  /** The policies, or none (and a warning) when the spec turns them off. */
  public List<Manifest> render() {
    if (!ctx.spec().networkPolicies()) {
      ctx.warn("networkPolicies is false: the plan holds no NetworkPolicy, so every pod in the cluster can"
          + " reach OpenIM's processes and its in-cluster MongoDB, Redis, Kafka, MinIO and etcd");
      return List.of();
    }
    connectProcesses();
    connectDependencies();
    connectJobs();
    exposeEntryPoints();
    exposeMetrics();
    if (OfflinePush.override(ctx).isEmpty() && ctx.spec().component(Component.PUSH).enabled()) {
      offlinePush();
    }
    warnAboutExternals();
    List<Manifest> out = new ArrayList<>();
    Map<String, Object> release = releasePods();
    out.add(policy(ctx.spec().release() + "-default-deny", Tree.map("podSelector", release,
        "policyTypes", Tree.list("Ingress", "Egress"))));
    Map<String, Object> dns = Tree.map("to", Tree.list(Tree.map("namespaceSelector",
        Tree.map("matchLabels", Tree.map(NAMESPACE_NAME, "kube-system")))),
        "ports", Tree.list(port("UDP", 53), port("TCP", 53)));
    out.add(policy(ctx.spec().release() + "-dns", Tree.map("podSelector", release,
        "policyTypes", Tree.list("Egress"), "egress", Tree.list(dns))));
    for (PodGroup group : groups.values()) {
      group.spec().ifPresent(spec -> out.add(policy(group.name, spec)));
    }
    for (Map.Entry<String, String> file : OUTBOUND_FILES.entrySet()) {
      if (ctx.spec().configFiles().containsKey(file.getKey())) {
        ctx.warn(file.getKey() + " is given under configFiles: the NetworkPolicies allow no connection for "
            + file.getValue() + " it may configure; add a NetworkPolicy for those addresses, or set"
            + " networkPolicies: false");
      }
    }
    return out;
  }

  /** Every pod of the release: each carries its instance and managed-by labels ({@link Names}). */
  private Map<String, Object> releasePods() {
    return Tree.map("matchLabels", Tree.map("app.kubernetes.io/instance", ctx.spec().release(),
        "app.kubernetes.io/managed-by", Names.MANAGED_BY));
  }

  private Manifest policy(String name, Map<String, Object> spec) {
    return new Manifest(Phase.CONFIGURATION, "networking.k8s.io/v1", "NetworkPolicy", ctx.spec().namespace(), name,
        Tree.object("networking.k8s.io/v1", "NetworkPolicy", names.metadata(name, names.labels()), "spec", spec));
  }

  private void connectProcesses() {
    for (Component client : ctx.spec().enabledComponents()) {
      for (Component server : Dials.rpc(client)) {
        Integer grpc = ctx.line().ports(server).get("grpc");
        if (ctx.spec().component(server).enabled() && grpc != null) {
          connect(component(client), component(server), grpc);
        }
      }
      Integer http = ctx.line().ports(Component.API).get("http");
      if (Dials.callsApi(client) && ctx.spec().component(Component.API).enabled() && http != null) {
        connect(component(client), component(Component.API), http);
      }
    }
  }

  private void connectDependencies() {
    for (DependencyKind kind : DependencyKind.values()) {
      List<PodGroup> clients = new ArrayList<>();
      for (Component client : ctx.spec().enabledComponents()) {
        if (Dials.dependencies(client).contains(kind)) {
          clients.add(component(client));
        }
      }
      if (kind == DependencyKind.MONGODB || kind == DependencyKind.MINIO) {
        // mongodump or mongorestore, and mc (BackupJobs backup and restore; a check reads only the backup)
        clients.add(dataJob("backup"));
        clients.add(dataJob("restore"));
      }
      if (kind == DependencyKind.REDIS && ctx.inCluster(kind)) {
        clients.add(dataJob("restore")); // a restore empties the in-cluster Redis
      }
      if (ctx.inCluster(kind)) {
        PodGroup server = dependency(kind);
        clients.forEach(client -> connect(client, server, RenderContext.port(kind)));
      } else {
        Dependency.External external = ctx.external(kind);
        if (external != null) {
          clients.forEach(client -> toExternal(client, kind, external.addresses()));
        }
      }
    }
    if (ctx.inCluster(DependencyKind.KAFKA)) {
      // the KRaft broker reaches its own controller (DependencyWorkloads: CONTROLLER://:9093)
      connect(dependency(DependencyKind.KAFKA), dependency(DependencyKind.KAFKA), 9093);
    }
  }

  /** Egress from {@code client} to an external dependency's addresses: by IP where given, else by port alone. */
  private void toExternal(PodGroup client, DependencyKind kind, List<String> addresses) {
    for (String given : addresses) {
      Optional<Address> address = Address.parse(given);
      if (address.isEmpty()) {
        unparsed.add(kind.key() + " " + given);
        continue;
      }
      Optional<String> cidr = address.get().cidr();
      if (cidr.isPresent()) {
        client.egress(address.get().port()).to(Tree.map("ipBlock", Tree.map("cidr", cidr.get())));
      } else {
        client.egress(address.get().port()).toAnywhere();
        hostNames.computeIfAbsent(kind, k -> new TreeSet<>()).add(address.get().toString());
      }
    }
  }

  /** Says once per dependency which external addresses are allowed by port alone, and which not at all. */
  private void warnAboutExternals() {
    hostNames.forEach((kind, hosts) -> ctx.warn("the external " + kind.key() + " at " + String.join(", ", hosts)
        + " is named by host: a NetworkPolicy cannot name a DNS name, so its clients may reach any address"
        + " on " + String.join(", ", new TreeSet<>(hosts.stream().map(h -> "port " + h.substring(h.lastIndexOf(':') + 1))
            .toList())) + "; give IP addresses to have only those allowed (Kafka brokers and MongoDB replica"
        + " sets hand out their members' addresses too: list every one)"));
    for (String address : new TreeSet<>(unparsed)) {
      ctx.warn("the external " + address + " names no host and port: the NetworkPolicies allow no connection to it");
    }
  }

  private void connectJobs() {
    if (ctx.inCluster(DependencyKind.MONGODB)) {
      connect(initJob(DependencyKind.MONGODB, "mongo-user"), dependency(DependencyKind.MONGODB),
          RenderContext.port(DependencyKind.MONGODB));
    }
    if (ctx.inCluster(DependencyKind.ETCD)) {
      // found by running OpenIM v3.8.3-patch.15 on a real node under kube-router: without it the
      // Job's etcdctl was refused ("dial tcp ...:2379: connect: connection refused") and the apply
      // stopped at INITIALIZATION, before any OpenIM pod
      connect(initJob(DependencyKind.ETCD, "etcd-user"), dependency(DependencyKind.ETCD),
          RenderContext.port(DependencyKind.ETCD));
    }
    if (ctx.inCluster(DependencyKind.KAFKA)) {
      connect(initJob(DependencyKind.KAFKA, "kafka-topics"), dependency(DependencyKind.KAFKA),
          RenderContext.port(DependencyKind.KAFKA));
    }
    Integer http = ctx.line().ports(Component.ADMIN_API).get("http");
    if (ctx.spec().component(Component.ADMIN_API).enabled() && ctx.spec().component(Component.ADMIN_RPC).enabled()
        && http != null) {
      PodGroup job = group(ctx.spec().release() + "-" + ChatAdminJob.PURPOSE, Tree.map("matchLabels",
          Tree.map("app.kubernetes.io/name", ChatAdminJob.PURPOSE, "app.kubernetes.io/instance", ctx.spec().release(),
              "app.kubernetes.io/component", ChatAdminJob.PURPOSE)));
      connect(job, component(Component.ADMIN_API), http);
    }
  }

  /**
   * The entry points the Ingress routes to ({@link Exposure}), from the namespace of the ingress
   * class's controller; from anywhere when that namespace is not known. Without an Ingress nothing
   * outside the release reaches them (kubectl port-forward is no network connection and still works).
   */
  private void exposeEntryPoints() {
    Ingress ingress = ctx.spec().ingress();
    if (ingress == null) {
      if (ctx.inCluster(DependencyKind.MINIO) && ctx.spec().minioExternalAddress() != null) {
        // clients reach it at an address the spec gives and no Ingress of the plan serves
        dependency(DependencyKind.MINIO).ingress(RenderContext.port(DependencyKind.MINIO)).fromAnywhere();
        ctx.warn("minioExternalAddress is given without an ingress: the NetworkPolicies let any source reach"
            + " the in-cluster MinIO's S3 port " + RenderContext.port(DependencyKind.MINIO) + ", since what serves"
            + " that address is not in the plan");
      }
      return;
    }
    @Nullable String namespace = ingress.className() == null ? null : CONTROLLER_NAMESPACES.get(ingress.className());
    if (namespace == null) {
      ctx.warn("ingress class " + (ingress.className() == null ? "(cluster default)" : ingress.className())
          + " has no known controller namespace: the NetworkPolicies let any source reach the entry points"
          + " (api, msggateway ws, chat-api, admin-api" + (ctx.inCluster(DependencyKind.MINIO) ? ", MinIO" : "")
          + ") on their ports");
    }
    @Nullable Map<String, Object> controller = namespace == null ? null
        : Tree.map("namespaceSelector", Tree.map("matchLabels", Tree.map(NAMESPACE_NAME, namespace)));
    entry(component(Component.API), ctx.line().ports(Component.API).get("http"), controller);
    entry(component(Component.MSG_GATEWAY), ctx.line().ports(Component.MSG_GATEWAY).get("ws"), controller);
    for (Component api : List.of(Component.CHAT_API, Component.ADMIN_API)) {
      if (ctx.spec().component(api).enabled()) {
        entry(component(api), ctx.line().ports(api).get("http"), controller);
      }
    }
    if (ctx.inCluster(DependencyKind.MINIO)) {
      entry(dependency(DependencyKind.MINIO), RenderContext.port(DependencyKind.MINIO), controller);
    }
  }

  private static void entry(PodGroup group, @Nullable Integer port, @Nullable Map<String, Object> from) {
    if (port == null) {
      return;
    }
    if (from == null) {
      group.ingress(port).fromAnywhere();
    } else {
      group.ingress(port).from(from);
    }
  }

  /**
   * With monitoring, the metrics ports from pods of every namespace: where Prometheus runs is the
   * cluster's choice, and it scrapes the pods themselves (ServiceMonitor endpoints or annotations).
   */
  private void exposeMetrics() {
    if (!ctx.spec().monitoring().enabled()) {
      return;
    }
    for (Component component : ctx.spec().enabledComponents()) {
      Integer metrics = ctx.line().ports(component).get("metrics");
      if (metrics != null) {
        Map<String, Object> everyNamespace = new LinkedHashMap<>();
        everyNamespace.put("namespaceSelector", new LinkedHashMap<String, Object>()); // Tree.map drops {}
        component(component).ingress(metrics).from(everyNamespace);
      }
    }
  }

  /**
   * Offline push, when the spec configures it, calls its provider's HTTPS API (getui, FCM, JPush:
   * open-im-server v3.8.3-patch.15 internal/push/offlinepush), at addresses no policy can name.
   */
  private void offlinePush() {
    component(Component.PUSH).egress(443).toAnywhere();
    ctx.warn("offline push is configured: openim-push may reach any address on port 443, since a"
        + " NetworkPolicy cannot name its provider's API by host");
  }

  private void connect(PodGroup client, PodGroup server, int port) {
    client.egress(port).to(Tree.map("podSelector", server.selector));
    server.ingress(port).from(Tree.map("podSelector", client.selector));
  }

  private PodGroup component(Component component) {
    return group(names.of(component), Tree.map("matchLabels", names.selector(component.id())));
  }

  /** A dependency's own pods: not the init Jobs', which share its name label. */
  private PodGroup dependency(DependencyKind kind) {
    return group(names.of(kind), Tree.map("matchLabels", names.selector(kind.key()),
        "matchExpressions", Tree.list(Tree.map("key", "app.kubernetes.io/component", "operator", "DoesNotExist"))));
  }

  private PodGroup initJob(DependencyKind kind, String purpose) {
    Map<String, Object> labels = names.selector(kind.key());
    labels.put("app.kubernetes.io/component", purpose);
    return group(ctx.spec().release() + "-" + purpose, Tree.map("matchLabels", labels));
  }

  /** The pods of the backup or restore Jobs ({@code purpose}), which run outside any plan (BackupJobs). */
  private PodGroup dataJob(String purpose) {
    return group(ctx.spec().release() + "-" + purpose + "-jobs", Tree.map("matchLabels", Tree.map(
        "app.kubernetes.io/instance", ctx.spec().release(), "app.kubernetes.io/component", purpose)));
  }

  private PodGroup group(String name, Map<String, Object> selector) {
    return groups.computeIfAbsent(name, n -> new PodGroup(n, selector));
  }

  static Map<String, Object> port(String protocol, int port) {
    return Tree.map("protocol", protocol, "port", port);
  }
}
