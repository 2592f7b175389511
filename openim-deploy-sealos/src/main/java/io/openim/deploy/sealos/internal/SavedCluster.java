/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The facts {@link SealosCli} needs from a Clusterfile: the images, the masters and nodes, the
 * phase, the name and the creation time. Read leniently from the first document, as sealos reads
 * it: the Cluster is the first document, {@code spec.image} lists images, {@code spec.hosts[]} has
 * {@code ips} ({@code IP} or {@code IP:port}) and {@code roles}, sealos writes {@code status.phase}
 * back (sealos v5.1.1, lifecycle/pkg/types/v1beta1/cluster.go; docs/sealos.md). Hosts are kept as
 * written; {@link #address} compares them without their SSH port.
 *
 * @param name {@code metadata.name}, or {@code default} when absent
 * @param images {@code spec.image}, in order
 * @param masters the hosts whose roles include the master role, in order: the first is master0
 * @param nodes the other hosts
 * @param phase {@code status.phase} (such as {@code ClusterSuccess}), or null before sealos wrote it
 * @param created whether {@code metadata.creationTimestamp} is set
 */
public record SavedCluster(String name, List<String> images, List<String> masters, List<String> nodes,
    @Nullable String phase, boolean created) {
  /** The phase sealos needs before it runs images on an existing cluster (docs/sealos.md). */
  public static final String SUCCESS = "ClusterSuccess";

  /** Checks and copies the parts. */
  public SavedCluster {
    Objects.requireNonNull(name, "name");
    images = List.copyOf(images);
    masters = List.copyOf(masters);
    nodes = List.copyOf(nodes);
  }

  /**
   * Reads a Clusterfile.
   *
   * @throws IllegalArgumentException listing every field of the wrong type, or when it is not YAML
   */
  public static SavedCluster parse(String clusterfile) {
    Object first;
    try {
      Iterator<Object> documents = new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(clusterfile).iterator();
      first = documents.hasNext() ? documents.next() : null;
    } catch (MarkedYAMLException e) {
      // the problem and its place only: the message quotes the line, which may hold spec.ssh.passwd
      throw new IllegalArgumentException("not YAML: " + e.getProblem() + (e.getProblemMark() == null ? ""
          : " at line " + (e.getProblemMark().getLine() + 1) + ", column " + (e.getProblemMark().getColumn() + 1)));
    } catch (YAMLException e) {
      throw new IllegalArgumentException("not YAML (" + e.getClass().getSimpleName() + ")");
    }
    List<String> problems = new ArrayList<>();
    Map<?, ?> cluster = map(first, "the first document", problems);
    Map<?, ?> metadata = map(cluster.get("metadata"), "metadata", problems);
    Map<?, ?> spec = map(cluster.get("spec"), "spec", problems);
    List<String> images = strings(spec.get("image"), "spec.image", problems);
    List<String> masters = new ArrayList<>();
    List<String> nodes = new ArrayList<>();
    List<?> hosts = list(spec.get("hosts"), "spec.hosts", problems);
    for (int i = 0; i < hosts.size(); i++) {
      Map<?, ?> group = map(hosts.get(i), "spec.hosts[" + i + "]", problems);
      List<String> ips = strings(group.get("ips"), "spec.hosts[" + i + "].ips", problems);
      boolean master = strings(group.get("roles"), "spec.hosts[" + i + "].roles", problems).contains("master");
      (master ? masters : nodes).addAll(ips);
    }
    Object name = metadata.get("name");
    Object phase = map(cluster.get("status"), "status", problems).get("phase");
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new SavedCluster(name == null ? "default" : String.valueOf(name), images, masters, nodes,
        phase == null ? null : String.valueOf(phase), metadata.get("creationTimestamp") != null);
  }

  /** The first master, which sealos cannot delete; empty when there is no master. */
  public Optional<String> master0() {
    return masters.stream().findFirst();
  }

  /** The role {@code host} has joined with ({@code master} or {@code node}), compared by {@link #address}. */
  public Optional<String> roleOf(String host) {
    String wanted = address(host);
    if (masters.stream().anyMatch(h -> address(h).equals(wanted))) {
      return Optional.of("master");
    }
    return nodes.stream().anyMatch(h -> address(h).equals(wanted)) ? Optional.of("node") : Optional.empty();
  }

  /** What is wrong in giving {@code masters} and {@code nodes}: each host joined with the other role. */
  public List<String> wrongRoles(List<String> masters, List<String> nodes) {
    List<String> wrong = new ArrayList<>();
    masters.stream().filter(h -> roleOf(h).filter("node"::equals).isPresent())
        .forEach(h -> wrong.add(h + " is a node, not a master"));
    nodes.stream().filter(h -> roleOf(h).filter("master"::equals).isPresent())
        .forEach(h -> wrong.add(h + " is a master, not a node"));
    return wrong;
  }

  /**
   * The hosts this cluster has and {@code desired} leaves out, compared by {@link #address}: what
   * {@code sealos apply} of {@code desired} would remove from it.
   */
  public List<String> leftOutBy(SavedCluster desired) {
    return Stream.concat(masters.stream(), nodes.stream()).filter(h -> desired.roleOf(h).isEmpty()).toList();
  }

  /**
   * Why {@code sealos apply} of {@code desired} onto this saved cluster (in {@code folder}) must not
   * run, or empty: the cluster is half set up, or the file leaves out hosts without confirmation.
   */
  public Optional<String> applyRefusal(SavedCluster desired, boolean confirmed, Path folder) {
    if (!SUCCESS.equals(phase)) {
      // a failed first apply saves the cluster anyway; the next only compares hosts and images with it
      // and marks it a success (sealos v5.1.1 lifecycle/pkg/apply/applydrivers/apply_drivers_default.go)
      return Optional.of("sealos's saved state of cluster '" + name + "' (" + folder.resolve("Clusterfile")
          + ") is in phase " + phase + ": an earlier apply failed halfway, and sealos apply would not do again"
          + " what failed. Run 'sealos reset" + (name.equals(SealosCli.DEFAULT_CLUSTER) ? "" : " --cluster " + name)
          + " --force' on this machine (it removes Kubernetes from the hosts), then apply again");
    }
    List<String> removed = leftOutBy(desired);
    if (!removed.isEmpty() && !confirmed) {
      // apply removes hosts missing from the file without asking (docs/sealos.md)
      return Optional.of("the Clusterfile leaves out " + String.join(", ", removed) + ", which cluster '" + name
          + "' has, and sealos apply would remove them from it without asking; list them again, or confirm"
          + " (--yes) that they are to be removed");
    }
    return Optional.empty();
  }

  /** Whether {@code image} is in {@code spec.image}, that is, installed. */
  public boolean installed(String image) {
    return images.contains(image);
  }

  /**
   * A host without its SSH port: {@code 10.0.0.5:22} and {@code 10.0.0.5} are the same host, as are
   * {@code [fd00::5]:22} and {@code fd00::5}.
   */
  public static String address(String host) {
    if (host.startsWith("[") && host.indexOf(']') > 0) {
      return host.substring(1, host.indexOf(']'));
    }
    int colon = host.indexOf(':');
    return colon > 0 && colon == host.lastIndexOf(':') ? host.substring(0, colon) : host;
  }

  private static Map<?, ?> map(@Nullable Object value, String where, List<String> problems) {
    if (value == null || value instanceof Map<?, ?>) {
      return value == null ? Map.of() : (Map<?, ?>) value;
    }
    problems.add(where + " is not a mapping");
    return Map.of();
  }

  private static List<?> list(@Nullable Object value, String where, List<String> problems) {
    if (value == null || value instanceof List<?>) {
      return value == null ? List.of() : (List<?>) value;
    }
    problems.add(where + " is not a list");
    return List.of();
  }

  private static List<String> strings(@Nullable Object value, String where, List<String> problems) {
    List<?> items = list(value, where, problems);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof String item) {
        out.add(item);
      } else {
        problems.add(where + "[" + i + "] is not a string");
      }
    }
    return out;
  }
}
