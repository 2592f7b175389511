/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.clusterfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openim.deploy.Host;
import io.openim.deploy.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A Clusterfile generated from hosts")
class ClusterfileBuilderTest {
  private static final Path KEY = Path.of("/home/ops/.ssh/id_ed25519");

  @TempDir Path dir;

  private static Clusterfile.Builder threeMastersTwoNodes() {
    return Clusterfile.builder(Clusterfile.DEFAULT_NAME).images(SealosImages.standard())
        .image(SealosImages.OPENEBS)
        .ssh(Ssh.key("root", 22, KEY))
        .hosts(List.of(Host.ssh("10.0.0.11", "root"), Host.ssh("10.0.0.12", "root"), Host.ssh("10.0.0.13", "root"),
            new Host("10.0.0.21", 2222, "root"), new Host("fd00::22", 2222, "root")), 3, Arch.ARM64);
  }

  @Test
  @DisplayName("is written Cluster first, keys in a fixed order, roles then architecture, a host's own port in its address")
  void writesTheExpectedFile() {
    Clusterfile file = threeMastersTwoNodes().env("criData", "/var/lib/containerd")
        .config(new ConfigDocument("cilium-values", SealosImages.CILIUM, ConfigDocument.Strategy.MERGE,
            "charts/cilium/values.yaml", "hubble:\n  enabled: false\n"))
        .build();

    assertThat(file.toYaml()).isEqualTo("""
        apiVersion: apps.sealos.io/v1beta1
        kind: Cluster
        metadata:
          name: default
        spec:
          image:
          - ghcr.io/labring/sealos/kubernetes:v1.28.15
          - ghcr.io/labring/sealos/helm:v3.16.2
          - ghcr.io/labring/sealos/cilium:v1.17.1
          - ghcr.io/labring/sealos/openebs:v3.10.0
          ssh:
            user: root
            port: 22
            pk: /home/ops/.ssh/id_ed25519
          hosts:
          - ips:
            - 10.0.0.11
            - 10.0.0.12
            - 10.0.0.13
            roles:
            - master
            - arm64
          - ips:
            - 10.0.0.21:2222
            - '[fd00::22]:2222'
            roles:
            - node
            - arm64
          env:
          - criData=/var/lib/containerd
        ---
        apiVersion: apps.sealos.io/v1beta1
        kind: Config
        metadata:
          name: cilium-values
        spec:
          match: ghcr.io/labring/sealos/cilium:v1.17.1
          strategy: merge
          path: charts/cilium/values.yaml
          data: |
            hubble:
              enabled: false
        """);
    assertThat(file.masters()).containsExactly("10.0.0.11", "10.0.0.12", "10.0.0.13");
    assertThat(file.nodes()).containsExactly("10.0.0.21:2222", "[fd00::22]:2222");
    assertThat(Clusterfile.parse(file.toYaml())).isEqualTo(file);
    assertThat(file.toBuilder().build()).isEqualTo(file);
  }

  @Test
  @DisplayName("a host on the SSH port the settings give keeps a bare address, whatever that port is")
  void portsAgainstTheSshPort() {
    Clusterfile file = Clusterfile.builder("edge").images(SealosImages.standard()).ssh(Ssh.key("ops", 2222, KEY))
        .hosts(List.of(new Host("10.0.0.1", 2222, "ops"), new Host("10.0.0.2", 22, "ops")), 1, Arch.AMD64).build();
    assertThat(file.hosts()).containsExactly(HostGroup.masters(Arch.AMD64, List.of("10.0.0.1")),
        HostGroup.nodes(Arch.AMD64, List.of("10.0.0.2:22")));
  }

  @Nested
  @DisplayName("SSH")
  class SshSettings {
    @Test
    @DisplayName("by password: read from a file, its trailing line break dropped, inner spaces kept")
    void passwordFromFile() throws IOException {
      Path file = dir.resolve("password");
      Files.writeString(file, " pass word \n");
      Ssh ssh = Ssh.passwordFromFile("root", 22, file);
      assertThat(ssh.password()).isEqualTo(Secret.of(" pass word "));
      assertThat(ssh.privateKey()).isNull();
      assertThat(ssh.toString()).doesNotContain("pass word").contains("Secret[****]");
    }

    @Test
    @DisplayName("by key with a passphrase read from a file")
    void keyWithPassphrase() throws IOException {
      Path file = dir.resolve("passphrase");
      Files.writeString(file, "open sesame\r\n");
      Ssh ssh = Ssh.key("root", 22, KEY, file);
      assertThat(ssh.keyPassphrase()).isEqualTo(Secret.of("open sesame"));
      Clusterfile built = threeMastersTwoNodes().ssh(ssh).build();
      assertThat(built.toYaml()).contains("  pk: /home/ops/.ssh/id_ed25519\n    pkPasswd: open sesame\n");
      assertThat(Clusterfile.parse(built.toYaml())).isEqualTo(built);
    }

    @Test
    @DisplayName("a password file that is missing or empty is refused, naming the file and the field")
    void unreadablePasswordFile() throws IOException {
      Path missing = dir.resolve("nope");
      assertThatThrownBy(() -> Ssh.passwordFromFile("root", 22, missing)).isInstanceOf(ClusterfileException.class)
          .hasMessageContaining("spec.ssh.passwd: cannot read the password file " + missing);
      Path empty = Files.writeString(dir.resolve("empty"), "\n");
      assertThatThrownBy(() -> Ssh.key("root", 22, KEY, empty)).isInstanceOf(ClusterfileException.class)
          .hasMessageContaining("spec.ssh.pkPasswd: the key passphrase file " + empty + " is empty");
    }

    @Test
    @DisplayName("neither or both of key and password, a relative key, a passphrase without a key, a bad port: each refused")
    void badSettings() {
      Secret pw = Secret.of("pw-123456");
      assertThat(problems(b -> b.ssh(new Ssh("root", 22, null, null, null))))
          .containsExactly("spec.ssh: gives neither a private key (pk) nor a password (passwd); give one, with"
              + " Ssh.key(user, port, keyFile) or Ssh.passwordFromFile(user, port, passwordFile)");
      assertThat(problems(b -> b.ssh(new Ssh("root", 22, KEY, pw, null))))
          .singleElement().asString().startsWith("spec.ssh: gives both a private key (pk) and a password (passwd)");
      assertThat(problems(b -> b.ssh(new Ssh("root", 0, Path.of("id_rsa"), null, null))))
          .containsExactly("spec.ssh.port: is 0; an SSH port is 1 to 65535 (22 unless the hosts say otherwise)",
              "spec.ssh.pk: 'id_rsa' is a relative path, which sealos would resolve against the folder it runs in;"
                  + " give the key file's absolute path");
      assertThat(problems(b -> b.ssh(new Ssh("root", 22, null, pw, pw))))
          .singleElement().asString().startsWith("spec.ssh.pkPasswd: is a key passphrase, but no private key");
      assertThat(problems(b -> b.ssh(new Ssh("a user", 22, KEY, null, null))))
          .contains("spec.ssh.user: 'a user' is no login name; give the user sealos logs in as, for example root",
              "spec.hosts[0].ips[0]: the host 10.0.0.11 logs in as 'root', but spec.ssh.user is 'a user'; this model"
                  + " has one SSH user for every host: give them all the same");
    }
  }

  @Nested
  @DisplayName("hosts")
  class Hosts {
    @Test
    @DisplayName("without a master, with masters out of range, a host name, another user, or no SSH settings: every problem at once")
    void everyProblemAtOnce() {
      ClusterfileException e = (ClusterfileException) org.assertj.core.api.Assertions.catchThrowable(() ->
          Clusterfile.builder("default").images(SealosImages.standard())
              .hosts(List.of(Host.ssh("node1.example.com", "root"), Host.ssh("10.0.0.2", "admin")), 0, Arch.AMD64)
              .build());
      assertThat(e.problems()).containsExactly(
          "spec.hosts: hosts(2 hosts, masters = 0) needs 1 to 2 masters; sealos needs at least one",
          "spec.ssh: is not set; call ssh(Ssh.key(user, port, keyFile)) or ssh(Ssh.passwordFromFile(user, port,"
              + " passwordFile))",
          "spec.hosts[0].ips[0]: 'node1.example.com' looks like a host name; sealos wants IP addresses"
              + " (docs/sealos.md): give the host's IP",
          "spec.hosts: no group has the master role; sealos needs a master (the first is master0): give the first"
              + " host's group roles [master, amd64]");
      assertThat(problems(b -> b.hosts(List.of(Host.ssh("10.0.0.3", "admin")), 1, Arch.AMD64)))
          .containsExactly("spec.hosts[3].ips[0]: the host 10.0.0.3 logs in as 'admin', but spec.ssh.user is 'root';"
              + " this model has one SSH user for every host: give them all the same");
    }

    @Test
    @DisplayName("a host in two groups, or twice in one, however its address is spelt, is refused")
    void oneGroupPerHost() {
      assertThat(problems(b -> b.hostGroup(HostGroup.nodes(Arch.AMD64, List.of("10.0.0.12:22", "10.0.0.30",
          "10.0.0.30:2200")))))
          .containsExactly("spec.hosts[3].ips[0]: '10.0.0.12:22' is the same host as spec.hosts[1].ips[0]; a host"
                  + " belongs to one group: give it all its roles in spec.hosts[1]",
              "spec.hosts[3].ips[2]: '10.0.0.30:2200' is the same host as spec.hosts[3].ips[1]; list it once");
      assertThat(problems(b -> b.hostGroup(HostGroup.nodes(Arch.AMD64, List.of("fd00:0:0:0:0:0:0:22")))))
          .singleElement().asString().startsWith("spec.hosts[3].ips[0]: 'fd00:0:0:0:0:0:0:22' is the same host as"
              + " spec.hosts[2].ips[1]");
    }

    @Test
    @DisplayName("groups without roles or addresses, repeated roles, bad env entries are refused")
    void groupContents() {
      assertThat(problems(b -> b.hostGroup(new HostGroup(List.of(), List.of(Role.NODE, Role.NODE), Arch.AMD64,
          List.of("PATH", "1X=2", "A=1", "A=2")))))
          .containsExactly("spec.hosts[3].ips: is empty; give the addresses of this group's hosts",
              "spec.hosts[3].roles[1]: 'node' is listed twice; keep one",
              "spec.hosts[3].env[0]: is not KEY=VALUE (it has no '='); write it as KEY=VALUE",
              "spec.hosts[3].env[1]: has the key '1X', which is no variable name (letters, digits and _, not"
                  + " starting with a digit), as the images' $(VAR) references need (docs/sealos.md)",
              "spec.hosts[3].env[3]: sets A again (also spec.hosts[3].env[2]); keep one");
      assertThat(problems(b -> b.hostGroup(new HostGroup(List.of("10.0.0.40"), List.of(), Arch.ARM64, List.of()))))
          .containsExactly("spec.hosts[3].roles: has no role; give master, node or registry (the architecture"
              + " arm64 is not a role)");
    }
  }

  @Nested
  @DisplayName("images")
  class Images {
    private List<String> imageProblems(String... images) {
      return problems(b -> b.images(List.of(images)), Clusterfile.builder("default").ssh(Ssh.key("root", 22, KEY))
          .hostGroup(HostGroup.masters(Arch.AMD64, List.of("10.0.0.1"))));
    }

    @Test
    @DisplayName("the Kubernetes image comes first and once (docs/sealos.md)")
    void kubernetesFirst() {
      assertThat(imageProblems(SealosImages.HELM, SealosImages.KUBERNETES)).containsExactly(
          "spec.image[1]: is the Kubernetes image, but not first; move it to spec.image[0] (sealos applies spec.image"
              + " in order: the Kubernetes image first, helm before the network plugin; docs/sealos.md)");
      assertThat(imageProblems(SealosImages.HELM)).singleElement().asString()
          .startsWith("spec.image[0]: 'ghcr.io/labring/sealos/helm:v3.16.2' is not the Kubernetes image, and none is"
              + " listed");
      assertThat(imageProblems(SealosImages.KUBERNETES, SealosImages.kubernetes("v1.29.1"))).singleElement()
          .asString().startsWith("spec.image[1]: is a second Kubernetes image (the first is spec.image[0])");
      assertThat(imageProblems()).singleElement().asString().startsWith("spec.image: is empty");
    }

    @Test
    @DisplayName("helm comes before the network plugin (docs/sealos.md)")
    void helmBeforeNetwork() {
      assertThat(imageProblems(SealosImages.KUBERNETES, SealosImages.CILIUM, SealosImages.HELM)).containsExactly(
          "spec.image[1]: the network plugin cilium comes before helm; move spec.image[2] (helm) before it (sealos"
              + " applies spec.image in order: the Kubernetes image first, helm before the network plugin;"
              + " docs/sealos.md)");
      assertThat(imageProblems(SealosImages.KUBERNETES, "docker.io/labring/calico:v3.24.1")).singleElement()
          .asString().startsWith("spec.image[1]: the network plugin calico comes before helm; add helm"
              + " (SealosImages.HELM) before it");
      assertThat(imageProblems(SealosImages.KUBERNETES, SealosImages.HELM, "docker.io/labring/calico:v3.24.1",
          SealosImages.OPENEBS)).isEmpty();
    }

    @Test
    @DisplayName("a malformed or repeated reference is refused")
    void references() {
      assertThat(imageProblems(SealosImages.KUBERNETES, "Labring/Helm:v3", SealosImages.OPENEBS, SealosImages.OPENEBS,
          " ")).containsExactly(
          "spec.image[1]: 'Labring/Helm:v3' is not an image reference (registry/repository:tag, lower-case repository)",
          "spec.image[3]: 'ghcr.io/labring/sealos/openebs:v3.10.0' is listed twice (also spec.image[2]); keep one",
          "spec.image[4]: is empty; give an image reference such as ghcr.io/labring/sealos/helm:v3.16.2");
      assertThatThrownBy(() -> SealosImages.kubernetes("1.28")).hasMessageContaining("vMAJOR.MINOR.PATCH");
    }
  }

  @Test
  @DisplayName("writeTo writes toYaml() readable by its owner only, replacing a wider file atomically")
  void writesOwnerOnly() throws IOException {
    Path target = dir.resolve("Clusterfile");
    Files.writeString(target, "old", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    Clusterfile file = threeMastersTwoNodes().build();
    file.writeTo(target);
    assertThat(target).hasContent(file.toYaml());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    try (var listing = Files.list(dir)) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("Clusterfile");
    }
    assertThat(Clusterfile.read(target)).isEqualTo(file);
  }

  @Test
  @DisplayName("the constructor checks as build() does: a Clusterfile is valid however it is made")
  void constructorChecks() {
    Clusterfile good = threeMastersTwoNodes().build();
    assertThatThrownBy(() -> new Clusterfile("Default", good.images(), good.ssh(), good.hosts(), List.of(),
        List.of("  "), List.of())).isInstanceOf(ClusterfileException.class)
        .hasMessage("The Clusterfile has 2 problems; sealos was not given it:\n"
            + "  - metadata.name: 'Default' is not a DNS label (lower-case letters, digits and '-', at most 63), as a"
            + " Kubernetes object's name is; sealos also keeps the cluster in ~/.sealos/<name>\n"
            + "  - spec.command[0]: is empty; remove it or give the command");
  }

  /** The problems build() reports after {@code change} to a valid two-group builder. */
  private static List<String> problems(java.util.function.UnaryOperator<Clusterfile.Builder> change) {
    return problems(change, Clusterfile.builder("default").images(SealosImages.standard())
        .ssh(Ssh.key("root", 22, KEY))
        .hosts(List.of(Host.ssh("10.0.0.11", "root"), Host.ssh("10.0.0.12", "root")), 1, Arch.AMD64)
        .hostGroup(HostGroup.nodes(Arch.ARM64, List.of("10.0.1.1", "fd00::22"))));
  }

  private static List<String> problems(java.util.function.UnaryOperator<Clusterfile.Builder> change,
      Clusterfile.Builder base) {
    try {
      change.apply(base).build();
      return List.of();
    } catch (ClusterfileException e) {
      return e.problems();
    }
  }
}
