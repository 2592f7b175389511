/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import io.openim.deploy.Autoscaling;
import io.openim.deploy.Component;
import io.openim.deploy.Dependency;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Discovery;
import io.openim.deploy.Images;
import io.openim.deploy.Ingress;
import io.openim.deploy.InvalidSpecException;
import io.openim.deploy.Monitoring;
import io.openim.deploy.Placement;
import io.openim.deploy.Profile;
import io.openim.deploy.Resources;
import io.openim.deploy.Secret;
import io.openim.deploy.SecretKey;
import io.openim.deploy.Toleration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Random deployment specs, valid and invalid, from one seed: random calls of every {@link
 * DeploymentSpec.Builder} setter with values drawn from pools of good, bad and extreme ones
 * (nulls, negatives, huge strings, bad names and images). The same seed gives the same calls;
 * {@link Attempt#calls()} lists them, to reproduce a failure.
 */
public final class SpecFuzzer {
  /** The values each pool draws from; null stands for a Java null. */
  static final String HUGE = "x".repeat(100_000);
  private static final String[] NAMES = {"im", "openim", "a", "a-b", "x1", "", " ", "UP", "a_b", "-a", "a-",
      "a.b", "\u00fc", "a b", "a".repeat(25), "a".repeat(63), "a".repeat(64), ("abc." + "d".repeat(60)).repeat(5),
      HUGE, "null", "../etc", "\n", "a\tb", null};
  private static final int[] INTS = {Integer.MIN_VALUE, -1, 0, 1, 2, 3, 5, 10, 100_000, Integer.MAX_VALUE};
  private static final String[] QUANTITIES = {"250m", "1", "512Mi", "2Gi", "0", "", "-1", "1e3", "abc", "1.5",
      "99999999999999999999999999Ei", " 1", "1Gi ", "100", "64Mi", null};
  private static final String[] IMAGES = {"mongo:7.0", "registry.example.com/x/y:1", "UPPER/Case:tag", "", " lead",
      "trail ", "a b", "x@sha256:zz", "\n", HUGE, null};
  private static final String[] ADDRESSES = {"db:27017", "db", "http://minio:9000", "https://s3.example.com", ":",
      "host:99999", "[::1]:80", "", "a b:1", null};
  private static final String[] ENV_NAMES = {"FOO", "foo_bar", "1BAD", "", "A-B", "a.b", "_X", HUGE, null};
  private static final String[] VALUES = {"v", "", " ", "multi\nline", "\u0000", "$(HOME)", HUGE, "null", null};
  private static final String[] OPERATORS = {"Equal", "Exists", "Bogus", "", null};
  private static final String[] EFFECTS = {"NoSchedule", "PreferNoSchedule", "NoExecute", "Bad", "", null};
  private static final String[] LABEL_KEYS = {"disktype", "kubernetes.io/os", "bad key", "", "a/b/c", "-x",
      "x".repeat(70), "example.com/" + "y".repeat(63), null};
  private static final String[] LABEL_VALUES = {"ssd", "", "bad value", "x".repeat(64), "-a", "a.b_c", null};
  private static final String[] HOSTS = {"im.example.com", "IM.EXAMPLE.com", "a..b", "*.example.com",
      "x".repeat(64) + ".com", ("h".repeat(60) + ".").repeat(5) + "com", "", "localhost", null};
  private static final String[] SECRETS = {"s3cret-value-12345", "openIM123", "", " ", HUGE, "\u00e4\u00f6", null};
  private static final String[] FILE_NAMES = {"server/openim-api.yml", "chat/chat-api.yml", "server/../x.yml",
      "config.yml", "server/openim-push.yml", "server/log.yml", "", null};
  private static final String[] FILE_CONTENTS = {"a: b\n", "", "{ bad yaml", "enable: fcm\n", "- a\n- b\n",
      "x: " + "y".repeat(1_100_000), null};
  private static final String[] VERSIONS = {DeploymentSpec.DEFAULT_VERSION, "", "v0.0.1", "latest", HUGE, null};

  private final Random random;

  /** A fuzzer whose every draw follows from {@code seed}. */
  public SpecFuzzer(long seed) {
    this.random = new Random(new java.util.SplittableRandom(seed).nextLong());
  }

  /**
   * What one random case did: the calls made, the spec built, or the exception a setter or
   * {@code build()} threw.
   *
   * @param calls the builder calls, in order, for a reproduction
   * @param spec the spec, if build() succeeded
   * @param setterErrors what setters or values' constructors threw (null arguments, empty secrets);
   *     the builder goes on without that call
   * @param buildError what build() threw
   */
  public record Attempt(List<String> calls, @Nullable DeploymentSpec spec, List<RuntimeException> setterErrors,
      @Nullable RuntimeException buildError) {}

  /** One random case: up to {@code maxCalls} random setter calls, then build(). */
  public Attempt attempt(int maxCalls) {
    List<String> calls = new ArrayList<>();
    String release = pick(NAMES);
    calls.add("builder(" + show(release) + ")");
    List<RuntimeException> refused = new ArrayList<>();
    DeploymentSpec.Builder builder;
    try {
      builder = DeploymentSpec.builder(release);
    } catch (NullPointerException e) {
      refused.add(e);
      builder = DeploymentSpec.builder("im");
    }
    int count = random.nextInt(maxCalls + 1);
    for (int i = 0; i < count; i++) {
      try {
        call(builder, calls);
      } catch (NullPointerException | IllegalArgumentException e) {
        // an argument refused at once (a null, an empty secret): the caller's mistake, named
        calls.add("  -> refused: " + e.getMessage());
        refused.add(e);
      }
    }
    calls.add("build()");
    try {
      return new Attempt(calls, builder.build(), refused, null);
    } catch (RuntimeException e) {
      return new Attempt(calls, null, refused, e);
    }
  }

  /** A spec the fuzzer makes valid on purpose, with small random replicas: for deploying. */
  public DeploymentSpec.Builder smallValid(String release, String namespace) {
    DeploymentSpec.Builder b = DeploymentSpec.builder(release).namespace(namespace).chat(random.nextBoolean());
    for (Component component : Component.values()) {
      if (component != Component.CRONTASK && random.nextInt(4) == 0) {
        b.replicas(component, 1 + random.nextInt(2));
      }
    }
    if (random.nextBoolean()) {
      b.env(Component.API, "FUZZ_" + random.nextInt(1000), pick(new String[] {"v", "", "multi\nline", "$(HOME)"}));
    }
    if (random.nextBoolean()) {
      b.resources(Component.PUSH, new Resources("50m", "64Mi", random.nextBoolean() ? "1" : null, null));
    }
    if (random.nextBoolean()) {
      b.kafkaPartitions(1 + random.nextInt(4));
    }
    return b;
  }

  private void call(DeploymentSpec.Builder b, List<String> calls) {
    Component component = pick(Component.values());
    DependencyKind kind = pick(DependencyKind.values());
    switch (random.nextInt(22)) {
      case 0 -> record(calls, "release", pick(NAMES), b::release);
      case 1 -> record(calls, "namespace", pick(NAMES), b::namespace);
      case 2 -> record(calls, "version", pick(VERSIONS), b::version);
      case 3 -> record(calls, "profile", pickOrNull(Profile.values()), b::profile);
      case 4 -> record(calls, "discovery", pickOrNull(Discovery.values()), b::discovery);
      case 5 -> {
        int n = pick(INTS);
        calls.add("replicas(" + component + ", " + n + ")");
        b.replicas(component, n);
      }
      case 6 -> {
        Resources r = resources();
        calls.add("resources(" + component + ", " + r + ")");
        b.resources(component, r);
      }
      case 7 -> {
        String name = pick(ENV_NAMES);
        String value = pick(VALUES);
        calls.add("env(" + component + ", " + show(name) + ", " + show(value) + ")");
        b.env(component, name, value);
      }
      case 8 -> {
        Placement p = placement();
        calls.add("placement(" + component + ", " + p + ")");
        b.placement(component, p);
      }
      case 9 -> {
        Autoscaling a = new Autoscaling(pick(INTS), pick(INTS), random.nextBoolean() ? pick(INTS) : null,
            random.nextBoolean() ? pick(INTS) : null);
        calls.add("autoscaling(" + component + ", " + a + ")");
        b.autoscaling(component, a);
      }
      case 10 -> record(calls, "chat", random.nextBoolean(), b::chat);
      case 11 -> {
        Dependency d = dependency();
        calls.add("dependency(" + kind + ", " + d + ")");
        b.dependency(kind, d);
      }
      case 12 -> {
        int n = pick(INTS);
        calls.add("kafkaPartitions(" + n + ")");
        b.kafkaPartitions(n);
      }
      case 13 -> {
        String host = pick(HOSTS);
        calls.add("ingress(" + show(host) + ", ...)");
        b.ingress(new Ingress(host, pick(NAMES), pick(NAMES)));
      }
      case 14 -> {
        String mirror = pick(new String[] {"mirror.example.com", "mirror.example.com/", "https://m", "", "a b", null});
        calls.add("images(" + show(mirror) + ")");
        b.images(new Images(mirror, random.nextBoolean() ? List.of() : List.of(String.valueOf(pick(NAMES)))));
      }
      case 15 -> record(calls, "storageClass", pick(NAMES), b::storageClass);
      case 16 -> record(calls, "minioExternalAddress", pick(ADDRESSES), b::minioExternalAddress);
      case 17 -> {
        int n = pick(INTS);
        calls.add("logLevel(" + n + ")");
        b.logLevel(n);
      }
      case 18, 19 -> {
        SecretKey key = pick(SecretKey.values());
        String value = pick(SECRETS);
        calls.add("secret(" + key + ", " + (value == null ? "null" : "Secret.of(<" + value.length() + " chars>)") + ")");
        b.secret(key, Secret.of(value));
      }
      case 20 -> {
        String name = pick(FILE_NAMES);
        String content = pick(FILE_CONTENTS);
        calls.add("configFile(" + show(name) + ", " + show(content) + ")");
        b.configFile(name, content);
      }
      default -> {
        Monitoring m = new Monitoring(random.nextBoolean(), pick(Monitoring.Mode.values()), random.nextBoolean());
        calls.add("monitoring(" + m + ")");
        b.monitoring(m);
      }
    }
  }

  private Resources resources() {
    return new Resources(pick(QUANTITIES), pick(QUANTITIES), pick(QUANTITIES), pick(QUANTITIES));
  }

  private Placement placement() {
    Map<String, String> selector = random.nextBoolean() ? Map.of()
        : Map.of(String.valueOf(pick(LABEL_KEYS)), String.valueOf(pick(LABEL_VALUES)));
    List<Toleration> tolerations = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      tolerations.add(new Toleration(pick(LABEL_KEYS), pick(OPERATORS), pick(LABEL_VALUES), pick(EFFECTS)));
    }
    return new Placement(selector, tolerations);
  }

  private Dependency dependency() {
    if (random.nextBoolean()) {
      return new Dependency.InCluster(pick(QUANTITIES), resources(), pick(IMAGES));
    }
    List<String> addresses = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      addresses.add(pick(ADDRESSES));
    }
    String password = pick(SECRETS);
    return new Dependency.External(addresses, pick(NAMES),
        password == null || password.isEmpty() ? null : Secret.of(password), pick(NAMES),
        random.nextBoolean() ? null : pick(NAMES));
  }

  private <T> void record(List<String> calls, String setter, @Nullable T value, Consumer<T> call) {
    calls.add(setter + "(" + (value instanceof String s ? show(s) : String.valueOf(value)) + ")");
    call.accept(value);
  }

  /** A value for the call log: strings quoted, huge ones by length. */
  static String show(@Nullable String value) {
    if (value == null) {
      return "null";
    }
    return value.length() > 80 ? "<" + value.length() + " chars>" : "\"" + value.replace("\n", "\\n") + "\"";
  }

  /** The pool's first value, a good one, half the time; any of them otherwise. */
  private @Nullable String pick(@Nullable String[] values) {
    return random.nextBoolean() ? values[0] : values[random.nextInt(values.length)];
  }

  private int pick(int[] values) {
    int choice = random.nextInt(6);
    return choice < 2 ? 1 + random.nextInt(3) : choice == 2 ? random.nextInt(20) - 5
        : values[random.nextInt(values.length)];
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  private <T> @Nullable T pickOrNull(T[] values) {
    return random.nextInt(values.length + 1) == values.length ? null : values[random.nextInt(values.length)];
  }

  /** The fuzzer's random source, for tests that draw further values in the same sequence. */
  public Random random() {
    return random;
  }
}
