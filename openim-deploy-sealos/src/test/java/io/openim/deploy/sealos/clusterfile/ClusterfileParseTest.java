/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.clusterfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.openim.deploy.Secret;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Clusterfile.parse")
class ClusterfileParseTest {
  /** A valid Cluster document; tests change one part of it. */
  static final String CLUSTER = """
      apiVersion: apps.sealos.io/v1beta1
      kind: Cluster
      metadata:
        name: default
      spec:
        image:
        - docker.io/labring/kubernetes:v1.28.11
        - docker.io/labring/helm:v3.16.2
        - docker.io/labring/cilium:v1.15.8
        ssh:
          user: root
          port: 22
          passwd: Sup3r-secret
        hosts:
        - ips:
          - 192.168.0.2:22
          roles:
          - master
          - amd64
        - ips:
          - 192.168.0.5
          roles:
          - node
          - amd64
      """;

  static List<String> problems(String yaml) {
    return catchThrowableOfType(ClusterfileException.class, () -> Clusterfile.parse(yaml)).problems();
  }

  @Nested
  @DisplayName("reads good files")
  class GoodFiles {
    @Test
    @DisplayName("a file as people write them: comments, flow lists, the architecture first, a Config after the Cluster")
    void handWritten() {
      Clusterfile file = Clusterfile.parse("""
          # three masters, two nodes
          apiVersion: apps.sealos.io/v1beta1
          kind: Cluster
          metadata: {name: prod}
          spec:
            hosts:
              - ips: [192.168.0.2:22, 192.168.0.3:22, 192.168.0.4:22]
                roles: [amd64, master]
                env: [criData=/data/containerd]
              - ips: ['fd00::5', '[fd00::6]:2222']
                roles: [node, registry, arm64]
            image:
              - docker.io/labring/kubernetes:v1.25.0
              - docker.io/labring/helm:v3.8.2
              - docker.io/labring/calico:v3.24.1
            ssh: {user: ops, pk: /root/.ssh/id_rsa, pkPasswd: "phrase: with colon", port: 2200}
            env: [registryDomain=sealos.hub]
            command: [kubeadm init]
          ---
          apiVersion: apps.sealos.io/v1beta1
          kind: Config
          metadata:
            name: calico
          spec:
            path: charts/calico/values.yaml
            match: docker.io/labring/calico:v3.24.1
            strategy: override
            data: |
              installation:
                calicoNetwork: {}
          ---
          """);
      assertThat(file).isEqualTo(new Clusterfile("prod",
          List.of("docker.io/labring/kubernetes:v1.25.0", "docker.io/labring/helm:v3.8.2",
              "docker.io/labring/calico:v3.24.1"),
          new Ssh("ops", 2200, Path.of("/root/.ssh/id_rsa"), null, Secret.of("phrase: with colon")),
          List.of(new HostGroup(List.of("192.168.0.2:22", "192.168.0.3:22", "192.168.0.4:22"), List.of(Role.MASTER),
                  Arch.AMD64, List.of("criData=/data/containerd")),
              new HostGroup(List.of("fd00::5", "[fd00::6]:2222"), List.of(Role.NODE, Role.REGISTRY), Arch.ARM64,
                  List.of())),
          List.of("registryDomain=sealos.hub"), List.of("kubeadm init"),
          List.of(new ConfigDocument("calico", "docker.io/labring/calico:v3.24.1", ConfigDocument.Strategy.OVERRIDE,
              "charts/calico/values.yaml", "installation:\n  calicoNetwork: {}\n"))));
      assertThat(Clusterfile.parse(file.toYaml())).isEqualTo(file);
    }

    @ParameterizedTest(name = "strategy {0}")
    @CsvSource({"merge, MERGE", "override, OVERRIDE", "insert, INSERT", "append, APPEND"})
    @DisplayName("each of sealos's four Config strategies")
    void strategies(String word, ConfigDocument.Strategy strategy) {
      Clusterfile file = Clusterfile.parse(CLUSTER + config("strategy: " + word));
      assertThat(file.configs()).singleElement().extracting(ConfigDocument::strategy).isEqualTo(strategy);
    }

    @Test
    @DisplayName("an SSH port left out is 22")
    void defaultPort() {
      assertThat(Clusterfile.parse(CLUSTER.replace("    port: 22\n", "")).ssh().port()).isEqualTo(22);
    }
  }

  static String config(String strategyLine) {
    return """
        ---
        apiVersion: apps.sealos.io/v1beta1
        kind: Config
        metadata:
          name: cilium
        spec:
          match: docker.io/labring/cilium:v1.15.8
          %s
          path: charts/cilium/values.yaml
          data: "a: 1"
        """.formatted(strategyLine);
  }

  @Nested
  @DisplayName("refuses what sealos would silently ignore")
  class Ignored {
    @Test
    @DisplayName("unknown fields at every level, with the known ones and a hint for a wrong case")
    void unknownFields() {
      String yaml = CLUSTER.replace("kind: Cluster\n", "kind: Cluster\nextra: 1\n")
          .replace("  image:\n", "  Image: []\n  image:\n")
          .replace("    user: root\n", "    user: root\n    password: x\n")
          .replace("    - 192.168.0.5\n", "    - 192.168.0.5\n    labels: {}\n")
          + config("strategy: merge\n  matches: x");
      assertThat(problems(yaml)).containsExactly(
          "extra: is not a field here; the fields are [apiVersion, kind, metadata, spec], and sealos would silently"
              + " ignore any other (docs/sealos.md): remove it or fix its name",
          "spec.Image: is not a field here (did you mean 'image'?); the fields are [image, ssh, hosts, env, command],"
              + " and sealos would silently ignore any other (docs/sealos.md): remove it or fix its name",
          "spec.ssh.password: is not a field here; the fields are [user, port, pk, passwd, pkPasswd], and sealos"
              + " would silently ignore any other (docs/sealos.md): remove it or fix its name",
          "spec.hosts[1].labels: is not a field here; the fields are [ips, roles, env], and sealos would silently"
              + " ignore any other (docs/sealos.md): remove it or fix its name",
          "documents[1].spec.matches: is not a field here; the fields are [match, strategy, path, data], and sealos"
              + " would silently ignore any other (docs/sealos.md): remove it or fix its name");
    }

    @Test
    @DisplayName("every repeated key, each with all its lines, not only the first")
    void duplicateKeys() {
      String yaml = CLUSTER.replace("  name: default\n", "  name: default\n  name: other\n")
          .replace("    port: 22\n", "    port: 22\n    user: admin\n    port: 2222\n    port: 22\n");
      assertThat(problems(yaml)).containsExactly(
          "metadata.name: is given 2 times (lines 4, 5); sealos would silently keep the last (docs/sealos.md): keep one",
          "spec.ssh.user: is given 2 times (lines 12, 14); sealos would silently keep the last (docs/sealos.md):"
              + " keep one",
          "spec.ssh.port: is given 3 times (lines 13, 15, 16); sealos would silently keep the last (docs/sealos.md):"
              + " keep one");
    }

    @Test
    @DisplayName("another apiVersion, on the Cluster and on a Config")
    void apiVersion() {
      String yaml = CLUSTER.replace("apps.sealos.io/v1beta1", "apps.sealos.io/v1beta2")
          + config("strategy: merge").replace("apps.sealos.io/v1beta1", "v1");
      assertThat(problems(yaml)).containsExactly(
          "apiVersion: is 'apps.sealos.io/v1beta2', but must be apps.sealos.io/v1beta1; sealos does not check it and"
              + " would read the file anyway (docs/sealos.md)",
          "documents[1].apiVersion: is 'v1', but must be apps.sealos.io/v1beta1; sealos does not check it and would"
              + " read the file anyway (docs/sealos.md)");
    }

    @Test
    @DisplayName("status, which sealos writes back, and a creationTimestamp, which makes apply prompt")
    void statusAndTimestamp() {
      String yaml = CLUSTER.replace("  name: default\n", "  name: default\n  creationTimestamp: null\n")
          + "status:\n  phase: ClusterSuccess\n";
      assertThat(problems(yaml)).containsExactly(
          "status: is what sealos writes back about a cluster (phase, mounts, conditions); a Clusterfile given to"
              + " sealos never has it (docs/sealos.md): remove it",
          "metadata.creationTimestamp: makes sealos apply ask for confirmation when it has no saved state for the"
              + " cluster (docs/sealos.md): remove it");
    }

    @Test
    @DisplayName("sealos fields this model does not carry: key data, per-host SSH, kubeadm documents")
    void notCarried() {
      String yaml = CLUSTER.replace("    passwd: Sup3r-secret\n", "    pkData: abc\n    passwd: Sup3r-secret\n")
          .replace("    - 192.168.0.5\n", "    - 192.168.0.5\n    ssh: {port: 2222}\n")
          + "---\napiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n";
      assertThat(problems(yaml)).containsExactly(
          "spec.ssh.pkData: is a sealos field this model does not carry; give the key as a file path (pk) instead",
          "spec.hosts[1].ssh: is per-host SSH, which this model does not carry; use spec.ssh for every host (a host's"
              + " own port can go in its address, IP:port)",
          "documents[1].kind: is the kubeadm document ClusterConfiguration, which sealos reads but this model does"
              + " not carry; remove it (issue 15 models Cluster and Config documents only)");
    }
  }

  @Nested
  @DisplayName("refuses wrong types, as sealos does")
  class Types {
    @Test
    @DisplayName("a port that is text, a fraction or hex; lists that are not lists; text that is a number or a mapping")
    void wrongTypes() {
      String yaml = CLUSTER.replace("    port: 22\n", "    port: \"22\"\n")
          .replace("    user: root\n", "    user: 1000\n")
          .replace("  - ips:\n    - 192.168.0.2:22\n", "  - ips: 192.168.0.2:22\n")
          .replace("    - node\n    - amd64\n", "    - node\n    - {arch: amd64}\n")
          + "  env: {A: b}\n";
      assertThat(problems(yaml)).containsExactly(
          "spec.ssh.user: must be text, but is a number (to mean the text, quote it: '1000')",
          "spec.ssh.port: must be a whole number written in decimal, as sealos reads an integer here"
              + " (docs/sealos.md), but is text '22'",
          "spec.hosts[0].ips: must be a list (lines starting with '- '), but is text",
          "spec.hosts[1].roles[1]: must be text, but is a mapping",
          "spec.hosts[1].roles: names no architecture; sealos reads it among the roles: add amd64 or arm64, for"
              + " example [master, amd64]",
          "spec.env: must be a list (lines starting with '- '), but is a mapping");
      assertThat(problems(CLUSTER.replace("port: 22", "port: 22.5"))).singleElement().asString()
          .endsWith("but is a number '22.5'");
      assertThat(problems(CLUSTER.replace("port: 22", "port: 0x16"))).singleElement().asString()
          .startsWith("spec.ssh.port: must be a whole number written in decimal");
    }

    @Test
    @DisplayName("no ssh, no hosts, no image: each named")
    void missing() {
      String yaml = CLUSTER.substring(0, CLUSTER.indexOf("  image:")) + "  env: []\n";
      assertThat(problems(yaml)).containsExactly("spec.image: is missing; add it as a list",
          "spec.ssh: is missing; add it with the fields [user, port, pk, passwd, pkPasswd]",
          "spec.hosts: is missing; add it as a list");
    }

    @Test
    @DisplayName("anchors and aliases, which a file of ours never has")
    void anchors() {
      String yaml = CLUSTER.replace("  - ips:\n    - 192.168.0.2:22\n    roles:\n", "  - ips:\n    - 192.168.0.2:22\n"
          + "    roles: &r\n").replace("    roles:\n    - node\n    - amd64\n", "    roles: *r\n");
      assertThat(problems(yaml)).contains(
          "spec.hosts[0].roles: uses the anchor or alias 'r'; write the value out where it is used: a Clusterfile of"
              + " ours has none");
    }
  }
}
