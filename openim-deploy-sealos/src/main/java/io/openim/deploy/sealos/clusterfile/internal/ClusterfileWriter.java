/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.clusterfile.internal;

import io.openim.deploy.Secret;
import io.openim.deploy.core.render.PlanYaml;
import io.openim.deploy.sealos.clusterfile.Clusterfile;
import io.openim.deploy.sealos.clusterfile.ConfigDocument;
import io.openim.deploy.sealos.clusterfile.HostGroup;
import io.openim.deploy.sealos.clusterfile.Role;
import io.openim.deploy.sealos.clusterfile.Ssh;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Writes a {@link Clusterfile}: the Cluster document, then each Config, keys always in the same
 * order, no {@code status}, no empty lists, no anchors. Multi-line text is written as a literal
 * block; text another YAML reader could take for a number or a boolean is quoted.
 */
public final class ClusterfileWriter {
  /** The apiVersion of both kinds (sealos v5.1.1, lifecycle/pkg/types/v1beta1; docs/sealos.md). */
  public static final String API_VERSION = "apps.sealos.io/v1beta1";

  private ClusterfileWriter() {}

  /** The file's text; the SSH password and key passphrase shown only when {@code reveal}. */
  public static String write(Clusterfile file, boolean reveal) {
    Yaml yaml = dumper();
    StringBuilder out = new StringBuilder(yaml.dump(cluster(file, reveal)));
    for (ConfigDocument config : file.configs()) {
      out.append("---\n").append(yaml.dump(config(config)));
    }
    String text = out.toString();
    if (text.contains("{{")) {
      // ClusterfileChecks refuses "{{" in every value, and nothing the dumper adds has it.
      throw new IllegalStateException("a written Clusterfile contains '{{'; this is a bug in openim-deploy");
    }
    return text;
  }

  private static Map<String, Object> cluster(Clusterfile file, boolean reveal) {
    Map<String, Object> spec = new LinkedHashMap<>();
    putList(spec, "image", file.images());
    spec.put("ssh", ssh(file.ssh(), reveal));
    List<Object> hosts = new ArrayList<>();
    for (HostGroup group : file.hosts()) {
      Map<String, Object> host = new LinkedHashMap<>();
      putList(host, "ips", group.ips());
      List<String> roles = new ArrayList<>();
      group.roles().stream().map(Role::value).forEach(roles::add);
      roles.add(group.arch().value());
      host.put("roles", roles);
      putList(host, "env", group.env());
      hosts.add(host);
    }
    spec.put("hosts", hosts);
    putList(spec, "env", file.env());
    putList(spec, "command", file.command());
    return document("Cluster", file.name(), spec);
  }

  private static Map<String, Object> ssh(Ssh ssh, boolean reveal) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("user", ssh.user());
    out.put("port", ssh.port());
    if (ssh.privateKey() != null) {
      out.put("pk", String.valueOf(ssh.privateKey()));
    }
    putSecret(out, "passwd", ssh.password(), reveal);
    putSecret(out, "pkPasswd", ssh.keyPassphrase(), reveal);
    return out;
  }

  private static Map<String, Object> config(ConfigDocument config) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("match", config.match());
    spec.put("strategy", config.strategy().value());
    spec.put("path", config.path());
    spec.put("data", config.data());
    return document("Config", config.name(), spec);
  }

  private static Map<String, Object> document(String kind, String name, Map<String, Object> spec) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apiVersion", API_VERSION);
    out.put("kind", kind);
    out.put("metadata", new LinkedHashMap<>(Map.of("name", name)));
    out.put("spec", spec);
    return out;
  }

  private static void putList(Map<String, Object> map, String key, List<String> values) {
    if (!values.isEmpty()) {
      map.put(key, new ArrayList<>(values));   // a fresh list each time: a shared one would be dumped as an alias
    }
  }

  private static void putSecret(Map<String, Object> map, String key, @Nullable Secret secret, boolean reveal) {
    if (secret != null) {
      map.put(key, reveal ? secret.reveal() : PlanYaml.REDACTED);
    }
  }

  private static Yaml dumper() {
    DumperOptions options = PlanYaml.blockStyle();
    options.setDereferenceAliases(true);
    return new Yaml(new QuotingRepresenter(options), options);
  }

  /**
   * Quotes the text that SnakeYAML would leave plain but a Go YAML reader (YAML 1.1 booleans
   * {@code y}/{@code n}, {@code strconv}'s {@code 0o} octal, exponent floats) would not read as
   * text.
   */
  private static final class QuotingRepresenter extends Representer {
    private static final Pattern GO_NOT_TEXT = Pattern.compile(
        "[yYnN]|[-+]?0[oO][0-7_]+|[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?");

    QuotingRepresenter(DumperOptions options) {
      super(options);
    }

    @Override
    protected Node representScalar(Tag tag, String value, DumperOptions.@Nullable ScalarStyle style) {
      boolean quote = Tag.STR.equals(tag) && GO_NOT_TEXT.matcher(value).matches();
      return super.representScalar(tag, value, quote ? DumperOptions.ScalarStyle.DOUBLE_QUOTED : style);
    }
  }
}
