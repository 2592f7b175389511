/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render.internal;

import io.openim.deploy.Component;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.Dependency;
import io.openim.deploy.SecretKey;
import io.openim.deploy.core.render.Release;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment of one OpenIM process: configuration overrides named by OpenIM's rule (prefix,
 * config file name, key path; upper case; '.' and '-' become '_'), secrets by reference to the
 * release's credentials Secret, and the user's own variables last, winning on a clash.
 */
public final class OpenImEnv {
  /** Where a Kafka TLS Secret is mounted in OpenIM Server pods. */
  public static final String KAFKA_TLS_DIR = "/openim-deploy/tls/kafka";

  private final RenderContext ctx;

  public OpenImEnv(RenderContext ctx) {
    this.ctx = ctx;
  }

  /** The name of the variable that overrides {@code keyPath} in {@code file} (without .yml). */
  public static String variable(String prefix, String file, String keyPath) {
    return (prefix + file + "_" + keyPath).toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
  }

  /** The container env list for {@code component}, sorted by name. */
  public List<Map<String, Object>> of(Component component) {
    Map<String, Map<String, Object>> env = new TreeMap<>();
    Release release = ctx.line().release(component);
    Vars vars = new Vars(release.envPrefix(), env, ctx.names().credentials());
    vars.plain("log", "isStdout", "true");
    vars.plain("log", "remainLogLevel", Integer.toString(ctx.spec().logLevel()));
    if (component.chat()) {
      chat(vars);
    } else {
      server(component, vars);
    }
    for (Map.Entry<String, String> extra : ctx.spec().component(component).env().entrySet()) {
      env.put(extra.getKey(), Tree.map("name", extra.getKey(), "value", extra.getValue()));
    }
    return new ArrayList<>(env.values());
  }

  private void server(Component component, Vars vars) {
    vars.plain("discovery", "enable", ctx.line().etcdDiscovery());
    etcd(vars);
    mongo(vars);
    redis(vars);
    kafka(vars);
    minio(vars);
    vars.secret("share", "secret", SecretKey.OPENIM_SECRET);
    if (component == Component.PUSH) {
      OfflinePush.override(ctx).ifPresent(value -> vars.plain(component.id(), "enable", value));
    }
    // Fixed ports: each pod runs index 0 of the port lists, never a random port.
    switch (component) {
      case API -> vars.plain(component.id(), "prometheus.autoSetPorts", "false");
      case MSG_TRANSFER -> vars.plain(component.id(), "prometheus.autoSetPorts", "false");
      case CRONTASK -> { }
      default -> vars.plain(component.id(), "rpc.autoSetPorts", "false");
    }
  }

  private void chat(Vars vars) {
    vars.plain("discovery", "enable", ctx.line().etcdDiscovery());
    etcd(vars);
    mongo(vars);
    redis(vars);
    vars.plain("share", "openIM.apiURL",
        "http://" + ctx.names().of(Component.API) + ":" + ctx.line().ports(Component.API).get("http"));
    vars.secret("share", "openIM.secret", SecretKey.OPENIM_SECRET);
    vars.secret("chat-rpc-admin", "secret", SecretKey.CHAT_ADMIN_SECRET);
    vars.secret("chat-rpc-chat", "verifyCode.superCode", SecretKey.CHAT_SUPER_CODE);
    vars.secret("chat-rpc-chat", "liveKit.key", SecretKey.LIVEKIT_KEY);
    vars.secret("chat-rpc-chat", "liveKit.secret", SecretKey.LIVEKIT_SECRET);
  }

  private void etcd(Vars vars) {
    vars.plain("discovery", "etcd.address", ctx.address(DependencyKind.ETCD));
    if (ctx.external(DependencyKind.ETCD) == null) {
      // discovery.yml etcd.username/password, handed to clientv3.Config.Username/Password
      // (open-im-server v3.8.3-patch.15 pkg/common/discoveryregister, chat v1.8.4-patch.5
      // pkg/common/kdisc: etcd.WithUsernameAndPassword of openimsdk/tools discovery/etcd)
      vars.plain("discovery", "etcd.username", InitJobs.ETCD_USER);
      vars.secret("discovery", "etcd.password", SecretKey.ETCD_PASSWORD);
    } else {
      credentials(vars, DependencyKind.ETCD, "discovery", "etcd.username", "etcd.password");
    }
  }

  private void mongo(Vars vars) {
    vars.plain("mongodb", "address", ctx.address(DependencyKind.MONGODB));
    Dependency.External external = ctx.external(DependencyKind.MONGODB);
    if (external == null) {
      vars.plain("mongodb", "username", "openIM");
      vars.secret("mongodb", "password", SecretKey.MONGODB_PASSWORD);
    } else {
      credentials(vars, DependencyKind.MONGODB, "mongodb", "username", "password");
      if (external.authSource() != null) {
        // mongodb.yml authSource, handed to tools db/mongoutil (open-im-server v3.8.3-patch.15
        // pkg/common/config/config.go Mongo.Build; chat v1.8.4-patch.5 pkg/common/config/config.go)
        vars.plain("mongodb", "authSource", external.authSource());
      }
    }
  }

  private void redis(Vars vars) {
    vars.plain("redis", "address", ctx.address(DependencyKind.REDIS));
    if (ctx.external(DependencyKind.REDIS) == null) {
      vars.secret("redis", "password", SecretKey.REDIS_PASSWORD);
    } else {
      credentials(vars, DependencyKind.REDIS, "redis", "username", "password");
    }
  }

  private void kafka(Vars vars) {
    vars.plain("kafka", "address", ctx.address(DependencyKind.KAFKA));
    Dependency.External external = ctx.external(DependencyKind.KAFKA);
    if (external == null) {
      // kafka.yml username/password: SASL/PLAIN (openimsdk/tools mq/kafka/config.go)
      vars.plain("kafka", "username", DependencyWorkloads.KAFKA_USER);
      vars.secret("kafka", "password", SecretKey.KAFKA_PASSWORD);
    } else {
      credentials(vars, DependencyKind.KAFKA, "kafka", "username", "password");
    }
    if (external != null && external.tlsSecret() != null) {
      vars.plain("kafka", "tls.enableTLS", "true");
      vars.plain("kafka", "tls.caCrt", KAFKA_TLS_DIR + "/ca.crt");
      vars.plain("kafka", "tls.clientCrt", KAFKA_TLS_DIR + "/tls.crt");
      vars.plain("kafka", "tls.clientKey", KAFKA_TLS_DIR + "/tls.key");
    }
  }

  private void minio(Vars vars) {
    // an external endpoint keeps its scheme: OpenIM enables TLS only for https://
    vars.plain("minio", "internalAddress", ctx.address(DependencyKind.MINIO));
    vars.plain("minio", "externalAddress", ctx.minioExternalAddress());
    if (ctx.external(DependencyKind.MINIO) == null) {
      vars.secret("minio", "accessKeyID", SecretKey.MINIO_ACCESS_KEY);
      vars.secret("minio", "secretAccessKey", SecretKey.MINIO_SECRET_KEY);
    } else {
      credentials(vars, DependencyKind.MINIO, "minio", "accessKeyID", "secretAccessKey");
    }
  }

  /** An external dependency's user as a plain value and its password from the Secret. */
  private void credentials(Vars vars, DependencyKind kind, String file, String userKey, String passwordKey) {
    Dependency.External external = ctx.external(kind);
    if (external == null) {
      return;
    }
    if (external.username() != null) {
      vars.plain(file, userKey, external.username());
    }
    if (external.password() != null) {
      vars.fromSecret(file, passwordKey, Credentials.externalPasswordKey(kind));
    }
  }

  /** Collects variables for one release's prefix. */
  private record Vars(String prefix, Map<String, Map<String, Object>> env, String secretName) {
    void plain(String file, String keyPath, String value) {
      String name = variable(prefix, file, keyPath);
      env.put(name, Tree.map("name", name, "value", value));
    }

    void secret(String file, String keyPath, SecretKey key) {
      fromSecret(file, keyPath, key.secretKey());
    }

    void fromSecret(String file, String keyPath, String secretKey) {
      String name = variable(prefix, file, keyPath);
      env.put(name, Tree.map("name", name, "valueFrom",
          Tree.map("secretKeyRef", Tree.map("name", secretName, "key", secretKey))));
    }
  }
}
