/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.clusterfile.internal;

import io.openim.deploy.Secret;
import io.openim.deploy.sealos.clusterfile.Arch;
import io.openim.deploy.sealos.clusterfile.Clusterfile;
import io.openim.deploy.sealos.clusterfile.ConfigDocument;
import io.openim.deploy.sealos.clusterfile.HostGroup;
import io.openim.deploy.sealos.clusterfile.Role;
import io.openim.deploy.sealos.clusterfile.Ssh;
import java.io.StringReader;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a Clusterfile strictly: what sealos would silently ignore or misread (unknown fields,
 * repeated keys, another apiVersion, the Cluster not first, {@code status}, <code>{{</code>) is a
 * problem here, and so is every wrong type. Then {@link ClusterfileChecks} checks the values.
 * Every problem of the file is reported at once.
 */
public final class ClusterfileReader {
  private static final List<String> DOCUMENT = List.of("apiVersion", "kind", "metadata", "spec");
  private static final Map<String, String> CLUSTER_REFUSED = Map.of("status", "is what sealos writes back about a"
      + " cluster (phase, mounts, conditions); a Clusterfile given to sealos never has it (docs/sealos.md): remove it");
  private static final List<String> METADATA = List.of("name");
  private static final Map<String, String> METADATA_REFUSED = Map.of("creationTimestamp", "makes sealos apply ask"
      + " for confirmation when it has no saved state for the cluster (docs/sealos.md): remove it");
  private static final List<String> SPEC = List.of("image", "ssh", "hosts", "env", "command");
  private static final List<String> SSH = List.of("user", "port", "pk", "passwd", "pkPasswd");
  private static final String NO_KEY_DATA = "is a sealos field this model does not carry; give the key as a file path"
      + " (pk) instead";
  private static final Map<String, String> SSH_REFUSED = Map.of("pkName", NO_KEY_DATA, "pkData", NO_KEY_DATA);
  private static final List<String> HOST = List.of("ips", "roles", "env");
  private static final Map<String, String> HOST_REFUSED = Map.of("ssh", "is per-host SSH, which this model does not"
      + " carry; use spec.ssh for every host (a host's own port can go in its address, IP:port)");
  private static final List<String> CONFIG_SPEC = List.of("match", "strategy", "path", "data");
  private static final Set<String> KUBEADM = Set.of("InitConfiguration", "ClusterConfiguration", "JoinConfiguration",
      "KubeletConfiguration", "KubeProxyConfiguration");
  private static final String FIRST = "the Cluster must be the first document, else sealos stops with 'not found"
      + " type cluster from' (docs/sealos.md)";

  private final Problems problems = new Problems();
  private final List<String> lines;
  private final YamlNodes nodes;
  private boolean contentSeen;
  private boolean clusterRead;
  private String name = "";
  private List<String> images = List.of();
  private Ssh ssh = ClusterfileChecks.UNSET_SSH;
  private final List<HostGroup> hosts = new ArrayList<>();
  private List<String> env = List.of();
  private List<String> command = List.of();
  private final List<ConfigDocument> configs = new ArrayList<>();
  private final List<String> configPaths = new ArrayList<>();

  private ClusterfileReader(String yaml) {
    this.lines = yaml.lines().toList();
    this.nodes = new YamlNodes(problems, lines);
  }

  /** The Clusterfile in {@code yaml}; throws a ClusterfileException listing every problem. */
  public static Clusterfile read(String yaml) {
    ClusterfileReader reader = new ClusterfileReader(yaml);
    reader.braces();
    List<Node> documents = reader.compose(yaml);
    for (int i = 0; i < documents.size(); i++) {
      reader.document(documents.get(i), i);
    }
    if (!reader.clusterRead) {
      reader.problems.add("(file)", "has no Cluster document; start the file with apiVersion: "
          + ClusterfileWriter.API_VERSION + ", kind: Cluster");
      reader.problems.throwIfAny();
    }
    return reader.checked();
  }

  /** The values read, checked; <code>{{</code> is not looked for again: {@link #braces} and {@link YamlNodes} did. */
  private Clusterfile checked() {
    problems.addUncovered(ClusterfileChecks.of(name, images, ssh, hosts, env, command, configs, configPaths::get,
        false));
    problems.throwIfAny();
    return new Clusterfile(name, images, ssh, hosts, env, command, configs);
  }

  /** Records each line with <code>{{</code>, without showing it (it may hold the password). */
  private void braces() {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("{{")) {
        problems.add("line " + (i + 1), "contains '{{', which sealos's Go text/template pass over the whole file"
            + " would take as an action, comments included (docs/sealos.md); remove it");
      }
    }
  }

  private List<Node> compose(String yaml) {
    List<Node> documents = new ArrayList<>();
    try {
      for (Node node : new Yaml(new SafeConstructor(new LoaderOptions())).composeAll(new StringReader(yaml))) {
        documents.add(node);
      }
    } catch (MarkedYAMLException e) {
      // problem and context only: SnakeYAML's full message quotes the line, which may hold the password
      Mark mark = e.getProblemMark();
      problems.add(mark == null ? "(file)" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1),
          "is not valid YAML: " + (e.getContext() == null ? "" : e.getContext() + ", ") + e.getProblem());
      problems.throwIfAny();
    } catch (YAMLException e) {
      problems.add("(file)", "is not valid YAML: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      problems.throwIfAny();
    }
    return documents;
  }

  private void document(@Nullable Node node, int index) {
    String at = "documents[" + index + "]";
    if (node == null || YamlNodes.isNull(node)) {
      if (!clusterRead) {
        problems.add(at, "is empty, and " + FIRST + ": remove the extra '---'");
      }
      return;
    }
    String kind = kind(node);
    if (!contentSeen && !"Cluster".equals(kind)) {
      problems.add(at, "is " + (kind == null ? "no Cluster" : "a " + kind) + ", but " + FIRST
          + ": move the Cluster to the top");
    }
    contentSeen = true;
    if (!(node instanceof MappingNode)) {
      nodes.mapping(node, at, DOCUMENT, Map.of());   // records that it is no mapping
    } else if (kind == null) {
      problems.add(join(at, "kind"), "is missing or not text; a document here is kind: Cluster (first) or kind: Config");
    } else if (kind.equals("Cluster")) {
      if (clusterRead) {
        problems.add(at, "is a second Cluster; a Clusterfile holds one cluster: remove it");
      } else {
        cluster(node);
      }
    } else if (kind.equals("Config")) {
      config(node, at);
    } else if (KUBEADM.contains(kind)) {
      problems.add(join(at, "kind"), "is the kubeadm document " + kind + ", which sealos reads but this model does not"
          + " carry; remove it (issue 15 models Cluster and Config documents only)");
    } else {
      problems.add(join(at, "kind"), "is '" + kind + "'; a Clusterfile holds a Cluster, then Config documents");
    }
  }

  private static @Nullable String kind(Node node) {
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("kind")
            && tuple.getValueNode() instanceof ScalarNode value) {
          return value.getValue();
        }
      }
    }
    return null;
  }

  private void cluster(Node node) {
    clusterRead = true;
    Map<String, Node> root = nodes.mapping(node, "", DOCUMENT, CLUSTER_REFUSED);
    if (root == null) {
      return;
    }
    apiVersion(root, "");
    Map<String, Node> metadata = child(root, "metadata", "", METADATA, METADATA_REFUSED);
    if (metadata != null) {
      name = orEmpty(nodes.string(metadata, "name", "metadata", true, false));
    }
    Map<String, Node> spec = child(root, "spec", "", SPEC, Map.of());
    if (spec == null) {
      return;
    }
    images = nodes.strings(spec, "image", "spec", true);
    Map<String, Node> sshNode = child(spec, "ssh", "spec", SSH, SSH_REFUSED);
    if (sshNode != null) {
      ssh = ssh(sshNode);
    }
    List<Node> groups = nodes.sequence(spec, "hosts", "spec", true);
    for (int i = 0; i < groups.size(); i++) {
      hosts.add(host(groups.get(i), "spec.hosts[" + i + "]"));
    }
    env = nodes.strings(spec, "env", "spec", false);
    command = nodes.strings(spec, "command", "spec", false);
  }

  private Ssh ssh(Map<String, Node> map) {
    String user = orEmpty(nodes.string(map, "user", "spec.ssh", true, false));
    Integer port = nodes.integer(map, "port", "spec.ssh", false);
    String pk = nodes.string(map, "pk", "spec.ssh", false, false);
    Path key = null;
    if (pk != null) {
      try {
        key = Path.of(pk);
      } catch (InvalidPathException e) {
        problems.add("spec.ssh.pk", "'" + pk + "' is not a file path here (" + e.getReason() + ")");
      }
    }
    return new Ssh(user, port == null ? Ssh.DEFAULT_PORT : port, key, secret(map, "passwd"), secret(map, "pkPasswd"));
  }

  private @Nullable Secret secret(Map<String, Node> map, String key) {
    String value = nodes.string(map, key, "spec.ssh", false, true);
    if (value != null && value.isEmpty()) {
      problems.add("spec.ssh." + key, "is empty; give the value, or remove the field");
      return null;
    }
    return value == null ? null : Secret.of(value);
  }

  private HostGroup host(Node node, String path) {
    Map<String, Node> map = nodes.mapping(node, path, HOST, HOST_REFUSED);
    if (map == null) {
      return new HostGroup(List.of(), List.of(), Arch.AMD64, List.of());
    }
    List<String> ips = nodes.strings(map, "ips", path, true);
    List<String> words = nodes.strings(map, "roles", path, true);
    List<Role> roles = new ArrayList<>();
    Arch arch = null;
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      String at = path + ".roles[" + i + "]";
      Role role = choice(Role.values(), word);
      Arch architecture = choice(Arch.values(), word);
      if (!word.isEmpty() && words.indexOf(word) < i) {
        problems.add(at, "'" + word + "' is listed twice; keep one");
      } else if (role != null) {
        roles.add(role);
      } else if (architecture != null && arch != null) {
        problems.add(at, "is a second architecture (" + arch.value() + " is the first); a group's hosts share one:"
            + " put hosts of another architecture in a group of their own");
      } else if (architecture != null) {
        arch = architecture;
      } else if (!word.isEmpty()) {
        problems.add(at, "'" + word + "' is neither a role (master, node, registry) nor an architecture (amd64,"
            + " arm64) (docs/sealos.md)");
      }
    }
    if (arch == null && map.containsKey("roles")) {
      problems.add(path + ".roles", (words.isEmpty() ? "is empty; give the roles and the architecture"
          : "names no architecture; sealos reads it among the roles: add amd64 or arm64") + ", for example [master, amd64]");
    }
    return new HostGroup(ips, roles, arch == null ? Arch.AMD64 : arch, nodes.strings(map, "env", path, false));
  }

  private void config(Node node, String at) {
    Map<String, Node> root = nodes.mapping(node, at, DOCUMENT, Map.of());
    if (root == null) {
      return;
    }
    apiVersion(root, at);
    Map<String, Node> metadata = child(root, "metadata", at, METADATA, METADATA_REFUSED);
    Map<String, Node> spec = child(root, "spec", at, CONFIG_SPEC, Map.of());
    if (metadata == null || spec == null) {
      return;
    }
    String specPath = join(at, "spec");
    String strategy = nodes.string(spec, "strategy", specPath, true, false);
    ConfigDocument.Strategy chosen = strategy == null ? null : choice(ConfigDocument.Strategy.values(), strategy);
    if (strategy != null && chosen == null) {
      problems.add(join(specPath, "strategy"), "is '" + strategy + "'; sealos knows merge, override, insert and append"
          + " (docs/sealos.md)");
    }
    configs.add(new ConfigDocument(orEmpty(nodes.string(metadata, "name", join(at, "metadata"), true, false)),
        orEmpty(nodes.string(spec, "match", specPath, true, false)),
        chosen == null ? ConfigDocument.Strategy.MERGE : chosen,
        orEmpty(nodes.string(spec, "path", specPath, true, false)),
        orEmpty(nodes.string(spec, "data", specPath, true, false))));
    configPaths.add(at);
  }

  private void apiVersion(Map<String, Node> root, String at) {
    String version = nodes.string(root, "apiVersion", at, true, false);
    if (version != null && !version.equals(ClusterfileWriter.API_VERSION)) {
      problems.add(join(at, "apiVersion"), "is '" + version + "', but must be " + ClusterfileWriter.API_VERSION
          + "; sealos does not check it and would read the file anyway (docs/sealos.md)");
    }
  }

  /** The mapping at {@code key}; null, with a problem, when it is missing or no mapping. */
  private @Nullable Map<String, Node> child(Map<String, Node> parent, String key, String at, List<String> known,
      Map<String, String> refused) {
    Node node = nodes.present(parent, key, join(at, key), "is missing; add it with the fields " + known);
    return node == null ? null : nodes.mapping(node, join(at, key), known, refused);
  }

  private static <E extends Enum<E>> @Nullable E choice(E[] options, String word) {
    for (E option : options) {
      if (option.name().toLowerCase(Locale.ROOT).equals(word)) {
        return option;
      }
    }
    return null;
  }

  private static String join(String parent, String key) {
    return YamlNodes.join(parent, key);
  }

  private static String orEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }
}
