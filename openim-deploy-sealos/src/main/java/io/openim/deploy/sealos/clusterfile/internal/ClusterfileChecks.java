/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.clusterfile.internal;

import io.openim.deploy.Secret;
import io.openim.deploy.Violation;
import io.openim.deploy.sealos.clusterfile.ConfigDocument;
import io.openim.deploy.sealos.clusterfile.HostGroup;
import io.openim.deploy.sealos.clusterfile.Role;
import io.openim.deploy.sealos.clusterfile.Ssh;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The checks of a Clusterfile's values, whether built or parsed: every problem, each at the path
 * it has in the file. What only a file can get wrong (unknown fields, repeated keys, types) is
 * {@link ClusterfileReader}'s.
 */
public final class ClusterfileChecks {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  /** A variable name, as the image's $(VAR) and the shell take it. */
  private static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** The SSH settings read or built when none were given: their own problems are covered by that report. */
  public static final Ssh UNSET_SSH = new Ssh("", Ssh.DEFAULT_PORT, null, null, null);

  private final Problems problems = new Problems();
  private final boolean templates;

  private ClusterfileChecks(boolean templates) {
    this.templates = templates;
  }

  /**
   * Every problem of these values.
   *
   * @param configPath the path of the {@code i}th Config document, {@code documents[i + 1]} in a file we write
   * @param templates whether to look for <code>{{</code> in the values (a reader that found it in the text already did)
   */
  public static List<Violation> of(String name, List<String> images, Ssh ssh, List<HostGroup> hosts, List<String> env,
      List<String> command, List<ConfigDocument> configs, IntFunction<String> configPath, boolean templates) {
    ClusterfileChecks checks = new ClusterfileChecks(templates);
    checks.text("metadata.name", name);
    if (!DNS_LABEL.matcher(name).matches()) {
      checks.problems.add("metadata.name", "'" + name + "' is not a DNS label (lower-case letters, digits and '-',"
          + " at most 63), as a Kubernetes object's name is; sealos also keeps the cluster in ~/.sealos/<name>");
    }
    for (int i = 0; i < images.size(); i++) {
      checks.text("spec.image[" + i + "]", images.get(i));
    }
    ImageNames.check(images, checks.problems);
    checks.ssh(ssh);
    checks.hosts(hosts);
    checks.env("spec.env", env);
    for (int i = 0; i < command.size(); i++) {
      checks.text("spec.command[" + i + "]", command.get(i));
      if (command.get(i).isBlank()) {
        checks.problems.add("spec.command[" + i + "]", "is empty; remove it or give the command");
      }
    }
    for (int i = 0; i < configs.size(); i++) {
      checks.config(configPath.apply(i), configs.get(i), images);
    }
    return checks.problems.all();
  }

  private void ssh(Ssh ssh) {
    text("spec.ssh.user", ssh.user());
    if (ssh.user().isBlank() || ssh.user().chars().anyMatch(Character::isWhitespace)) {
      problems.add("spec.ssh.user", "'" + ssh.user() + "' is no login name; give the user sealos logs in as, for"
          + " example root");
    }
    if (ssh.port() < 1 || ssh.port() > 65535) {
      problems.add("spec.ssh.port", "is " + ssh.port() + "; an SSH port is 1 to 65535 (22 unless the hosts say otherwise)");
    }
    Path key = ssh.privateKey();
    if (key == null && ssh.password() == null) {
      problems.add("spec.ssh", "gives neither a private key (pk) nor a password (passwd); give one, with"
          + " Ssh.key(user, port, keyFile) or Ssh.passwordFromFile(user, port, passwordFile)");
    }
    if (key != null && ssh.password() != null) {
      problems.add("spec.ssh", "gives both a private key (pk) and a password (passwd); give one: which one sealos"
          + " would use is not known here (docs/sealos.md does not say)");
    }
    if (key != null) {
      text("spec.ssh.pk", key.toString());
      if (!key.isAbsolute()) {
        problems.add("spec.ssh.pk", "'" + key + "' is a relative path, which sealos would resolve against the folder"
            + " it runs in; give the key file's absolute path");
      }
    } else if (ssh.keyPassphrase() != null) {
      problems.add("spec.ssh.pkPasswd", "is a key passphrase, but no private key (pk) is given; give the key or"
          + " drop the passphrase");
    }
    secret("spec.ssh.passwd", ssh.password());
    secret("spec.ssh.pkPasswd", ssh.keyPassphrase());
  }

  private void hosts(List<HostGroup> hosts) {
    if (hosts.isEmpty()) {
      problems.add("spec.hosts", "is empty; add the hosts, at least one master: HostGroup.masters(arch, ips)");
      return;
    }
    Map<String, String> seen = new HashMap<>();
    boolean master = false;
    for (int g = 0; g < hosts.size(); g++) {
      HostGroup group = hosts.get(g);
      String path = "spec.hosts[" + g + "]";
      if (group.ips().isEmpty()) {
        problems.add(path + ".ips", "is empty; give the addresses of this group's hosts");
      }
      for (int i = 0; i < group.ips().size(); i++) {
        address(path + ".ips[" + i + "]", group.ips().get(i), seen);
      }
      if (group.roles().isEmpty()) {
        problems.add(path + ".roles", "has no role; give master, node or registry (the architecture "
            + group.arch().value() + " is not a role)");
      }
      for (int r = 0; r < group.roles().size(); r++) {
        if (group.roles().indexOf(group.roles().get(r)) < r) {
          problems.add(path + ".roles[" + r + "]", "'" + group.roles().get(r).value() + "' is listed twice; keep one");
        }
      }
      master |= group.roles().contains(Role.MASTER);   // a master group without addresses is reported above
      env(path + ".env", group.env());
    }
    if (!master) {
      problems.add("spec.hosts", "no group has the master role; sealos needs a master (the first is master0): give"
          + " the first host's group roles [master, " + hosts.get(0).arch().value() + "]");
    }
  }

  private void address(String path, String text, Map<String, String> seen) {
    text(path, text);
    Addresses.Result parsed = Addresses.parse(text);
    if (!parsed.ok()) {
      problems.add(path, "'" + text + "' " + parsed.problem());
      return;
    }
    String earlier = seen.putIfAbsent(parsed.address().host(), path);
    if (earlier != null) {
      String group = earlier.substring(0, earlier.indexOf(".ips["));
      problems.add(path, "'" + text + "' is the same host as " + earlier
          + (path.startsWith(group + ".") ? "; list it once" : "; a host belongs to one group: give it all its roles"
              + " in " + group));
    }
  }

  private void env(String path, List<String> env) {
    Map<String, Integer> keys = new HashMap<>();
    for (int i = 0; i < env.size(); i++) {
      String entry = env.get(i);
      String at = path + "[" + i + "]";
      text(at, entry);
      int eq = entry.indexOf('=');
      if (eq < 0) {
        problems.add(at, "is not KEY=VALUE (it has no '='); write it as KEY=VALUE");
        continue;
      }
      String key = entry.substring(0, eq);
      if (!ENV_KEY.matcher(key).matches()) {
        problems.add(at, "has the key '" + key + "', which is no variable name (letters, digits and _, not starting"
            + " with a digit), as the images' $(VAR) references need (docs/sealos.md)");
      }
      Integer earlier = keys.putIfAbsent(key, i);
      if (earlier != null) {
        problems.add(at, "sets " + key + " again (also " + path + "[" + earlier + "]); keep one");
      }
    }
  }

  private void config(String path, ConfigDocument config, List<String> images) {
    text(path + ".metadata.name", config.name());
    text(path + ".spec.match", config.match());
    text(path + ".spec.path", config.path());
    text(path + ".spec.data", config.data());
    if (!DNS_SUBDOMAIN.matcher(config.name()).matches()) {
      problems.add(path + ".metadata.name", "'" + config.name() + "' is not a DNS name (lower-case letters, digits,"
          + " '-' and '.'); give the Config a name such as cilium-values");
    }
    String shape = ImageNames.shapeProblem(config.match());
    if (!shape.isEmpty()) {
      problems.add(path + ".spec.match", shape);
    } else if (!images.contains(config.match())) {
      problems.add(path + ".spec.match", "'" + config.match() + "' is none of spec.image, so the Config would change"
          + " nothing; match one of " + images);
    }
    String file = config.path();
    if (file.isBlank() || file.startsWith("/") || List.of(file.split("/", -1)).contains("..")) {
      problems.add(path + ".spec.path", "'" + file + "' is not a path inside the image; give one relative to the"
          + " image's root, without '..', for example charts/cilium/values.yaml");
    }
    if (config.data().isEmpty()) {
      problems.add(path + ".spec.data", "is empty; give what the " + config.strategy().value()
          + " strategy combines with " + file);
    }
  }

  private void secret(String path, @Nullable Secret secret) {
    if (secret != null) {
      check(path, secret.reveal(), true);
    }
  }

  private void text(String path, String value) {
    check(path, value, false);
  }

  /** <code>{{</code> and characters YAML cannot carry unchanged; a secret's are reported without showing it. */
  private void check(String path, String value, boolean secret) {
    if (templates && value.contains("{{")) {
      problems.add(path, "contains '{{', which sealos's Go text/template pass over the whole file would take as"
          + " an action (docs/sealos.md); remove it");
    }
    int bad = value.codePoints().filter(c -> !writable(c)).findFirst().orElse(-1);
    if (bad >= 0) {
      problems.add(path, "contains " + (secret ? "a character" : String.format("the character U+%04X", bad))
          + " that YAML cannot carry unchanged (a control character, a carriage return or an odd line break);"
          + " remove it");
    }
  }

  /**
   * Whether YAML carries {@code c} unchanged in any scalar: tab, line feed, and what SnakeYAML
   * writes as text (a string with anything else would be written as {@code !!binary}), except
   * the line breaks a YAML reader turns into line feeds (CR, NEL, U+2028, U+2029) and the byte
   * order mark.
   */
  static boolean writable(int c) {
    return c == '\t' || c == '\n' || (c >= 0x20 && c <= 0x7E)
        || (c >= 0xA0 && c <= 0xD7FF && c != 0x2028 && c != 0x2029)
        || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }
}
