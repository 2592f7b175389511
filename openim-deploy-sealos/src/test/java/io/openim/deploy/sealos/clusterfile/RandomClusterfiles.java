/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.clusterfile;

import io.openim.deploy.Secret;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Valid Clusterfiles drawn from a seeded {@link Random}, with text chosen to trip a YAML writer:
 * words other readers take for booleans or numbers, YAML indicators, quotes, leading and trailing
 * blanks, multi-line data, non-ASCII and supplementary characters.
 */
final class RandomClusterfiles {
  /** Words that are not plain text to some YAML reader, and YAML punctuation. */
  private static final List<String> TRICKY = List.of("y", "n", "Y", "N", "yes", "no", "on", "off", "true", "False",
      "null", "~", "0o17", "0x1F", "1e3", "1_000", "12:30", "1:2:3", ".inf", "-.5", "-", "---", "...", "=", "? x",
      "- x", "a: b", "#", " #x", "&a", "*a", "!tag", "|", ">", "%", "@", "`", "'", "\"", "\\", "{", "}", "[", "]",
      ",", "}{", "{ {", "\t", "é", "中文", "😀", "\u00a0", "<redacted>", "Secret[****]", "%s", "$(VAR)", "${{ x }}");
  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";

  private final Random random;
  private int hostNumber;

  RandomClusterfiles(long seed) {
    this.random = new Random(seed);
  }

  Clusterfile next() {
    hostNumber = random.nextInt(1000);
    List<String> images = images();
    List<ConfigDocument> configs = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      configs.add(new ConfigDocument(dnsName(), images.get(random.nextInt(images.size())),
          pick(ConfigDocument.Strategy.values()), relativePath(), data()));
    }
    List<String> command = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      String word = text(6);
      command.add(word.isBlank() ? "x" + word : word);
    }
    return new Clusterfile(random.nextBoolean() ? Clusterfile.DEFAULT_NAME : dnsLabel(), images, ssh(), hosts(), env(),
        command, configs);
  }

  private List<String> images() {
    String[] registries = {"", "docker.io/labring/", "ghcr.io/labring/sealos/", "registry.local:5000/mirror/"};
    String registry = registries[random.nextInt(registries.length)];
    Set<String> images = new LinkedHashSet<>();
    images.add(registry + "kubernetes:v1." + random.nextInt(40) + "." + random.nextInt(20));
    if (random.nextInt(4) > 0) {
      images.add(registry + "helm:v3." + random.nextInt(20) + ".0");
      if (random.nextBoolean()) {
        images.add(registry + (random.nextBoolean() ? "cilium" : "calico") + ":v1." + random.nextInt(20) + ".1");
      }
    }
    for (int i = random.nextInt(4); i > 0; i--) {
      images.add(registry + "app-" + lower(5) + (random.nextBoolean() ? ":" + lower(1) + random.nextInt(99)
          : "@sha256:" + "ab".repeat(32)));
    }
    return List.copyOf(images);
  }

  private Ssh ssh() {
    String user = random.nextBoolean() ? "root" : lower(1) + lower(random.nextInt(8)) + "_-9";
    int port = random.nextBoolean() ? Ssh.DEFAULT_PORT : 1 + random.nextInt(65535);
    if (random.nextBoolean()) {
      return new Ssh(user, port, null, Secret.of(nonEmpty(20)), null);
    }
    Path key = Path.of("/" + text(8).replace("/", "_").replace("\u0000", "") + (random.nextBoolean() ? "//" : "/")
        + "id_" + lower(4) + (random.nextBoolean() ? "/" : ""));
    return new Ssh(user, port, key, null, random.nextBoolean() ? Secret.of(nonEmpty(12)) : null);
  }

  private List<HostGroup> hosts() {
    List<HostGroup> groups = new ArrayList<>();
    int count = 1 + random.nextInt(4);
    for (int g = 0; g < count; g++) {
      List<String> ips = new ArrayList<>();
      for (int i = 1 + random.nextInt(3); i > 0; i--) {
        ips.add(address());
      }
      List<Role> roles = new ArrayList<>(List.of(Role.values()));
      Collections.shuffle(roles, random);
      roles = new ArrayList<>(roles.subList(0, 1 + random.nextInt(3)));
      if (g == 0 && !roles.contains(Role.MASTER)) {
        roles.add(random.nextInt(roles.size() + 1), Role.MASTER);
      }
      groups.add(new HostGroup(ips, roles, pick(Arch.values()), env()));
    }
    return groups;
  }

  /** An address no other in the file has: IPv4 or IPv6, with or without a port, IPv6 in several spellings. */
  private String address() {
    int n = ++hostNumber;
    String port = ":" + (1 + random.nextInt(65535));
    return switch (random.nextInt(5)) {
      case 0 -> "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
      case 1 -> "192.168." + (n >> 8 & 255) + "." + (n & 255) + port;
      case 2 -> "fd00::" + Integer.toHexString(n);
      case 3 -> "[fd00:0:0:0:0:0:1:" + Integer.toHexString(n) + "]" + port;
      default -> "::ffff:172.16." + (n >> 8 & 255) + "." + (n & 255);
    };
  }

  private <T> T pick(T[] options) {
    return options[random.nextInt(options.length)];
  }

  private List<String> env() {
    List<String> env = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      String key = (random.nextBoolean() ? "_" : "K") + lower(random.nextInt(6)) + random.nextInt(10);
      if (keys.add(key)) {
        env.add(key + "=" + (random.nextInt(5) == 0 ? data() : text(10)));
      }
    }
    return env;
  }

  private String data() {
    List<String> lines = new ArrayList<>();
    for (int i = 1 + random.nextInt(6); i > 0; i--) {
      String indent = " ".repeat(random.nextInt(3) * 2);
      lines.add(random.nextInt(6) == 0 ? "" : indent + text(12) + (random.nextInt(5) == 0 ? "  " : ""));
    }
    String data = String.join("\n", lines) + "\n".repeat(random.nextInt(3));
    return data.isEmpty() ? "x" : data;
  }

  /** Writable text, possibly empty, never holding two braces in a row; now and then one tricky word alone. */
  private String text(int pieces) {
    if (random.nextInt(5) == 0) {
      return TRICKY.get(random.nextInt(TRICKY.size())).replace("{{", "{ {");
    }
    StringBuilder out = new StringBuilder();
    for (int i = random.nextInt(pieces + 1); i > 0; i--) {
      out.append(random.nextInt(3) == 0 ? TRICKY.get(random.nextInt(TRICKY.size())) : lower(1 + random.nextInt(4)));
      if (random.nextInt(4) == 0) {
        out.append(' ');
      }
    }
    String text = out.toString();
    while (text.contains("{{")) {
      text = text.replace("{{", "{ {");
    }
    return text;
  }

  private String nonEmpty(int pieces) {
    String text = text(pieces);
    return text.isEmpty() ? "p" : text;
  }

  private String dnsLabel() {
    return lower(1) + (random.nextBoolean() ? "-" + lower(3) : "") + random.nextInt(100);
  }

  private String dnsName() {
    return dnsLabel() + (random.nextBoolean() ? "." + dnsLabel() : "");
  }

  private String relativePath() {
    return "charts/" + lower(4) + "/" + (random.nextBoolean() ? "values.yaml" : "templates/" + lower(3) + ".yaml");
  }

  private String lower(int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append(LOWER.charAt(random.nextInt(LOWER.length())));
    }
    return out.toString();
  }
}
