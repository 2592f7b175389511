/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.clusterfile;

import static io.openim.deploy.sealos.clusterfile.ClusterfileParseTest.CLUSTER;
import static io.openim.deploy.sealos.clusterfile.ClusterfileParseTest.config;
import static io.openim.deploy.sealos.clusterfile.ClusterfileParseTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Clusterfile.parse, on the documents and values of a file")
class ClusterfileValuesTest {
  private static final String FIRST = "the Cluster must be the first document, else sealos stops with 'not found"
      + " type cluster from' (docs/sealos.md)";

  @Nested
  @DisplayName("documents")
  class Documents {
    @Test
    @DisplayName("the Cluster after a Config: refused, and both documents still checked")
    void clusterNotFirst() {
      String yaml = config("strategy: merge").substring("---\n".length()) + "---\n"
          + CLUSTER.replace("192.168.0.5", "192.168.0.500");
      assertThat(problems(yaml)).containsExactly(
          "documents[0]: is a Config, but " + FIRST + ": move the Cluster to the top",
          "spec.hosts[1].ips[0]: '192.168.0.500' is not an IPv4 or IPv6 address (IP, IP:port or [IPv6]:port)");
    }

    @Test
    @DisplayName("an empty document first, a second Cluster, an unknown kind, a document that is no mapping, no kind")
    void badDocuments() {
      String yaml = "---\n---\n" + CLUSTER + "---\n" + CLUSTER + "---\napiVersion: v1\nkind: ConfigMap\n---\n- a\n"
          + "---\napiVersion: apps.sealos.io/v1beta1\n";
      assertThat(problems(yaml)).containsExactly(
          "documents[0]: is empty, and " + FIRST + ": remove the extra '---'",
          "documents[2]: is a second Cluster; a Clusterfile holds one cluster: remove it",
          "documents[3].kind: is 'ConfigMap'; a Clusterfile holds a Cluster, then Config documents",
          "documents[4]: must be a mapping (key: value lines), but is a list",
          "documents[5].kind: is missing or not text; a document here is kind: Cluster (first) or kind: Config");
    }

    @Test
    @DisplayName("no Cluster at all, an empty file, and text that is no YAML, told by line and column")
    void noCluster() {
      assertThat(problems("")).containsExactly(
          "(file): has no Cluster document; start the file with apiVersion: apps.sealos.io/v1beta1, kind: Cluster");
      assertThat(problems(CLUSTER.replace("    user: root\n", "    user: [root\n"))).containsExactly(
          "line 12, column 9: is not valid YAML: while parsing a flow sequence, expected ',' or ']', but got :");
    }
  }

  @Nested
  @DisplayName("hosts")
  class Hosts {
    @Test
    @DisplayName("no master: only nodes, or no hosts")
    void noMaster() {
      assertThat(problems(CLUSTER.replace("    - master\n", "    - node\n"))).containsExactly(
          "spec.hosts: no group has the master role; sealos needs a master (the first is master0): give the first"
              + " host's group roles [master, amd64]");
      assertThat(problems(CLUSTER.substring(0, CLUSTER.indexOf("  hosts:")) + "  hosts: []\n")).containsExactly(
          "spec.hosts: is empty; add the hosts, at least one master: HostGroup.masters(arch, ips)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "master1.example.com | looks like a host name; sealos wants IP addresses (docs/sealos.md): give the host's IP",
        "localhost:22 | looks like a host name; sealos wants IP addresses (docs/sealos.md): give the host's IP",
        "256.1.1.1 | is not an IPv4 or IPv6 address (IP, IP:port or [IPv6]:port)",
        "10.0.0.01 | is not an IPv4 or IPv6 address (IP, IP:port or [IPv6]:port)",
        "10.0.0 | is not an IPv4 or IPv6 address (IP, IP:port or [IPv6]:port)",
        "10.0.0.1:0 | has the port '0'; a port is a number from 1 to 65535",
        "10.0.0.1:65536 | has the port '65536'; a port is a number from 1 to 65535",
        "10.0.0.1:022 | has the port '022'; a port is a number from 1 to 65535",
        "10.0.0.1: | has the port ''; a port is a number from 1 to 65535",
        "[10.0.0.1]:22 | puts an IPv4 address in brackets; brackets are for IPv6 only: write IP:port",
        "[fd00::1] | has brackets but no port after them; write a bare IPv6 address, or [IPv6]:port",
        "fd00::1::2 | is not an IPv4 or IPv6 address (IP, IP:port or [IPv6]:port)",
        "fd00:1:2:3:4:5:6:7:8 | is not an IPv4 or IPv6 address (IP, IP:port or [IPv6]:port)",
        "fe80::1%eth0 | is not an IPv4 or IPv6 address (IP, IP:port or [IPv6]:port)",
        "0.0.0.0 | is the unspecified address, which names no host; give the host's own IP",
        ":: | is the unspecified address, which names no host; give the host's own IP",
    })
    @DisplayName("a bad address is refused, saying why")
    void badAddress(String address, String why) {
      assertThat(problems(CLUSTER.replace("    - 192.168.0.5\n", "    - '" + address + "'\n")))
          .containsExactly("spec.hosts[1].ips[0]: '" + address + "' " + why);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"192.168.0.2", "192.168.0.2:2222", "::ffff:1.2.3.4", "fd00:0::1",
        "[2001:db8::1]:22", "1:2:3:4:5:6:7:8"})
    @DisplayName("a good address is read as written")
    void goodAddress(String address) {
      String yaml = CLUSTER.replace("    - 192.168.0.5\n", "    - '" + address + "'\n");
      if (address.startsWith("192.168.0.2")) {
        assertThat(problems(yaml)).singleElement().asString().contains("is the same host as spec.hosts[0].ips[0]");
      } else {
        assertThat(Clusterfile.parse(yaml).nodes()).containsExactly(address);
      }
    }

    @Test
    @DisplayName("roles: an unknown word, a repeat, two architectures, none")
    void roles() {
      String yaml = CLUSTER.replace("    - node\n    - amd64\n", "    - worker\n    - node\n    - node\n    - amd64\n"
          + "    - arm64\n").replace("    - master\n    - amd64\n", "    - master\n");
      assertThat(problems(yaml)).containsExactly(
          "spec.hosts[0].roles: names no architecture; sealos reads it among the roles: add amd64 or arm64, for"
              + " example [master, amd64]",
          "spec.hosts[1].roles[0]: 'worker' is neither a role (master, node, registry) nor an architecture (amd64,"
              + " arm64) (docs/sealos.md)",
          "spec.hosts[1].roles[2]: 'node' is listed twice; keep one",
          "spec.hosts[1].roles[4]: is a second architecture (amd64 is the first); a group's hosts share one: put hosts"
              + " of another architecture in a group of their own");
    }
  }

  @Nested
  @DisplayName("templates and Configs")
  class TemplatesAndConfigs {
    @Test
    @DisplayName("a literal {{ in a value or a comment, by line; an escaped one, by path")
    void braces() {
      String yaml = CLUSTER.replace("  name: default\n", "  name: default # {{ .Values.name }}\n")
          + "  env:\n  - A={{x}}\n  - B=\"\\x7b{\"\n  - \"C=\\x7b{\"\n";
      String action = "which sealos's Go text/template pass over the whole file would take as an action";
      String escaped = "decodes to '{{', which this model refuses: written back, sealos's Go text/template pass would"
          + " take it as an action (docs/sealos.md); remove it";
      assertThat(problems(yaml)).containsExactly(
          "line 4: contains '{{', " + action + ", comments included (docs/sealos.md); remove it",
          "line 26: contains '{{', " + action + ", comments included (docs/sealos.md); remove it",
          "spec.env[2]: " + escaped);
      assertThat(problems(CLUSTER + "  env:\n  - \"C=\\x7b{\"\n")).containsExactly("spec.env[0]: " + escaped);
    }

    @Test
    @DisplayName("a bad strategy, a missing one, a match that is no image of the cluster, a path outside the image")
    void configs() {
      String yaml = CLUSTER + config("strategy: replace") + config("")
          + config("strategy: merge").replace("docker.io/labring/cilium:v1.15.8", "docker.io/labring/calico:v3.24.1")
              .replace("charts/cilium/values.yaml", "../etc/passwd").replace("name: cilium", "name: Cilium");
      assertThat(problems(yaml)).containsExactly(
          "documents[1].spec.strategy: is 'replace'; sealos knows merge, override, insert and append (docs/sealos.md)",
          "documents[2].spec.strategy: is missing; add it",
          "documents[3].metadata.name: 'Cilium' is not a DNS name (lower-case letters, digits, '-' and '.'); give the"
              + " Config a name such as cilium-values",
          "documents[3].spec.match: 'docker.io/labring/calico:v3.24.1' is none of spec.image, so the Config would"
              + " change nothing; match one of [docker.io/labring/kubernetes:v1.28.11, docker.io/labring/helm:v3.16.2,"
              + " docker.io/labring/cilium:v1.15.8]",
          "documents[3].spec.path: '../etc/passwd' is not a path inside the image; give one relative to the image's"
              + " root, without '..', for example charts/cilium/values.yaml");
    }
  }

  @Test
  @DisplayName("every problem of a file at once, none twice")
  void everyProblemAtOnce() {
    String yaml = CLUSTER.replace("kind: Cluster\n", "kind: Cluster\nstatus: {}\n")
        .replace("  - docker.io/labring/helm:v3.16.2\n", "")
        .replace("    port: 22\n", "    port: 22\n    port: 23\n")
        .replace("192.168.0.5", "node-5")
        .replace("    - master\n", "    - node\n")
        + "  env: [NOEQUALS]\n" + config("strategy: patch");
    assertThat(problems(yaml)).containsExactly(
        "status: is what sealos writes back about a cluster (phase, mounts, conditions); a Clusterfile given to sealos"
            + " never has it (docs/sealos.md): remove it",
        "spec.ssh.port: is given 2 times (lines 12, 13); sealos would silently keep the last (docs/sealos.md): keep one",
        "documents[1].spec.strategy: is 'patch'; sealos knows merge, override, insert and append (docs/sealos.md)",
        "spec.image[1]: the network plugin cilium comes before helm; add helm (SealosImages.HELM) before it (sealos"
            + " applies spec.image in order: the Kubernetes image first, helm before the network plugin;"
            + " docs/sealos.md)",
        "spec.hosts[1].ips[0]: 'node-5' looks like a host name; sealos wants IP addresses (docs/sealos.md): give the"
            + " host's IP",
        "spec.hosts: no group has the master role; sealos needs a master (the first is master0): give the first"
            + " host's group roles [master, amd64]",
        "spec.env[0]: is not KEY=VALUE (it has no '='); write it as KEY=VALUE");
  }
}
