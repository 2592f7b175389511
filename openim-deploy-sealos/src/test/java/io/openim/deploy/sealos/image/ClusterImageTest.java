/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.openim.deploy.Component;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Ingress;
import io.openim.deploy.Manifest;
import io.openim.deploy.Profile;
import io.openim.deploy.Secret;
import io.openim.deploy.SecretKey;
import io.openim.deploy.core.images.ImageCheck;
import io.openim.deploy.core.render.Topology;
import io.openim.deploy.sealos.clusterfile.Arch;
import io.openim.deploy.sealos.image.internal.ImageScan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

@DisplayName("ClusterImage: a plan as a sealos cluster image build folder")
class ClusterImageTest {
  static final String IMAGE = "registry.example.com/openim/openim:v3.8.3";

  @TempDir Path temp;

  static DeploymentSpec spec() {
    return DeploymentSpec.builder("im").namespace("im-prod").profile(Profile.PRODUCTION)
        .ingress(new Ingress("im.example.com", "nginx", "im-tls")).build();
  }

  @Test
  @DisplayName("the Kubefile is FROM scratch, ENV defaults for every $(VAR) of its CMD, COPY . ., and a helm upgrade -i CMD")
  void kubefile() throws Exception {
    DeploymentSpec spec = spec();
    ClusterImage.export(Topology.plan(spec), ClusterImageOptions.of(IMAGE, Arch.AMD64, spec), temp.resolve("out"));

    ParsedKubefile kubefile = ParsedKubefile.parse(Files.readString(temp.resolve("out/Kubefile")));
    assertThat(kubefile.instructions()).containsExactly("FROM", "ENV", "ENV", "ENV", "COPY", "CMD");
    assertThat(kubefile.argument("FROM")).isEqualTo("scratch");
    assertThat(kubefile.argument("COPY")).isEqualTo(". .");
    assertThat(kubefile.env()).containsExactly(Map.entry("NAME", "im"), Map.entry("NAMESPACE", "im-prod"),
        Map.entry("HELM_OPTS", "--wait --timeout 20m"));
    List<String> cmd = kubefile.cmd();
    assertThat(cmd).hasSize(1);
    assertThat(cmd.get(0).split(" ", -1)).containsExactly("helm", "upgrade", "-i", "$(NAME)", "charts/openim",
        "-n", "$(NAMESPACE)", "--create-namespace", "$(HELM_OPTS)");
    // sealos leaves a $(VAR) without a value in place, and the shell would run it: every one has a default
    assertThat(kubefile.variables()).isEqualTo(kubefile.env().keySet());
    assertThat(kubefile.expanded()).isEqualTo(
        "helm upgrade -i im charts/openim -n im-prod --create-namespace --wait --timeout 20m");
    assertThat(temp.resolve("out/charts/openim/Chart.yaml")).isRegularFile();
  }

  @Test
  @DisplayName("every image of the plan is in the image list, sorted and once, and sealos build's scan of manifests/ finds exactly those")
  void images() throws Exception {
    DeploymentSpec spec = spec();
    DeploymentPlan plan = Topology.plan(spec);
    ClusterImage.Export export = ClusterImage.export(plan, ClusterImageOptions.of(IMAGE, Arch.AMD64, spec), temp.resolve("out"));

    Set<String> planned = new TreeSet<>(ImageCheck.images(plan));
    assertThat(planned).hasSizeGreaterThan(5);
    assertThat(export.images()).containsExactlyElementsOf(planned);
    List<String> listed = Files.readAllLines(temp.resolve("out/images/shim/openim-images.txt")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    assertThat(listed).containsExactlyElementsOf(planned);
    String manifests = Files.readString(temp.resolve("out/manifests/openim.yaml"));
    assertThat(scanned(manifests)).containsExactlyElementsOf(planned);
    // the manifests are the plan's workloads, secrets redacted, and nothing else
    Set<String> kinds = new TreeSet<>();
    for (Object doc : new Yaml().loadAll(manifests)) {
      if (doc instanceof Map<?, ?> object) {
        kinds.add(String.valueOf(object.get("kind")));
      }
    }
    assertThat(kinds).isNotEmpty().isSubsetOf("Deployment", "StatefulSet", "Job", "CronJob", "DaemonSet");
  }

  @Test
  @DisplayName("helm template of the chart with the Kubefile's defaults renders the plan's objects, and the build's scan of it finds exactly the plan's images")
  void chartRenders() throws Exception {
    DeploymentSpec spec = spec();
    DeploymentPlan plan = Topology.plan(spec);
    Path out = temp.resolve("out");
    ClusterImage.export(plan, ClusterImageOptions.of(IMAGE, Arch.AMD64, spec), out);
    Map<String, String> env = ParsedKubefile.parse(Files.readString(out.resolve("Kubefile"))).env();

    String rendered = template(out, plan, env.get("NAME"), env.get("NAMESPACE"));
    Set<String> objects = new TreeSet<>();
    for (Object doc : new Yaml().loadAll(rendered)) {
      if (doc instanceof Map<?, ?> object && object.get("metadata") instanceof Map<?, ?> metadata) {
        objects.add(object.get("kind") + "/" + metadata.get("name"));
      }
    }
    Set<String> planned = plan.manifests().stream().filter(m -> !m.kind().equals("Namespace"))
        .map(m -> m.kind() + "/" + m.name()).collect(Collectors.toCollection(TreeSet::new));
    assertThat(objects).isEqualTo(planned);
    assertThat(scanned(rendered)).containsExactlyElementsOf(new TreeSet<>(ImageCheck.images(plan)));
  }

  @Test
  @DisplayName("the chart still refuses another namespace at install")
  void guardKept() throws Exception {
    DeploymentSpec spec = spec();
    Path out = temp.resolve("out");
    DeploymentPlan plan = Topology.plan(spec);
    ClusterImage.export(plan, ClusterImageOptions.of(IMAGE, Arch.AMD64, spec), out);
    assertThat(template(out, plan, "im", "im-prod")).contains("kind: Deployment");
    // sealos build's image scan renders with release name dryrun and no namespace
    assertThat(template(out, plan, "dryrun", "")).contains("kind: Deployment");
    assertThatThrownBy(() -> template(out, plan, "im", "elsewhere"))
        .hasMessageContaining("this chart was exported for namespace im-prod; install it with --namespace im-prod");
  }

  @Test
  @DisplayName("no credential of the plan, generated or given, is in any file of the folder; the given ones are named, with how to pass them")
  void noSecrets() throws Exception {
    DeploymentSpec spec = spec().toBuilder()
        .secret(SecretKey.MONGODB_PASSWORD, Secret.of("Given-Mongo-Password-7hQ2"))
        .secret(SecretKey.CHAT_SUPER_CODE, Secret.of("Given-Super-Code-93kd")).build();
    DeploymentPlan plan = Topology.plan(spec);
    List<String> values = secretValues(plan);
    assertThat(values).contains("Given-Mongo-Password-7hQ2").hasSizeGreaterThan(5);
    Path out = temp.resolve("out");
    ClusterImage.Export export = ClusterImage.export(plan, ClusterImageOptions.of(IMAGE, Arch.AMD64, spec), out);

    List<Path> files;
    try (Stream<Path> walk = Files.walk(out)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).hasSizeGreaterThan(20);
    for (Path file : files) {
      String content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      for (String value : values) {
        assertThat(content).as(out.relativize(file).toString()).doesNotContain(value);
      }
    }
    assertThat(export.credentialsToGive()).containsExactly("chat-super-code", "mongodb-password");
    assertThat(export.runCommand()).containsExactly("sealos", "run", IMAGE, "--env", "NAME=im",
        "--env", "NAMESPACE=im-prod", "--env", "HELM_OPTS=--wait --timeout 20m --values /root/im-credentials.yaml");
    String readme = Files.readString(out.resolve("README.md"));
    assertThat(readme).contains("`chat-super-code`, `mongodb-password`")
        .contains("    credentials:\n      chat-super-code: \"<value>\"\n      mongodb-password: \"<value>\"\n")
        .contains("sealos run " + IMAGE + " --env NAME=im --env NAMESPACE=im-prod"
            + " --env 'HELM_OPTS=--wait --timeout 20m --values /root/im-credentials.yaml'");
  }

  @Test
  @DisplayName("the build and run commands are sealos's, for the platform asked, and the README holds them as shell lines")
  void commands() throws Exception {
    DeploymentSpec spec = spec();
    ClusterImageOptions options = new ClusterImageOptions(IMAGE, Arch.ARM64, "openim", "im-prod").helmOptions("--atomic");
    ClusterImage.Export export = ClusterImage.export(Topology.plan(spec), options, temp.resolve("out"));

    assertThat(export.folder()).isEqualTo(temp.resolve("out").toAbsolutePath());
    assertThat(export.buildCommand()).containsExactly("sealos", "build", "-t", IMAGE, "--isolation=chroot",
        "--platform", "linux/arm64", "-f", "Kubefile", ".");
    assertThat(export.runCommand()).containsExactly("sealos", "run", IMAGE, "--env", "NAME=openim",
        "--env", "NAMESPACE=im-prod");
    assertThat(export.credentialsToGive()).isEmpty();
    String readme = Files.readString(export.folder().resolve("README.md"));
    assertThat(readme).contains("    sealos build -t " + IMAGE + " --isolation=chroot --platform linux/arm64 -f Kubefile .\n")
        .contains("    sealos run " + IMAGE + " --env NAME=openim --env NAMESPACE=im-prod\n")
        .contains("| `HELM_OPTS` | `--atomic` |");
    assertThat(ParsedKubefile.parse(Files.readString(export.folder().resolve("Kubefile"))).env())
        .containsEntry("NAME", "openim").containsEntry("HELM_OPTS", "--atomic");
  }

  @Test
  @DisplayName("a plan line that would make sealos build pull an image the plan does not run is refused, nothing written")
  void strayImageLine() {
    // a quoted value ("value: 'image: x'") ends in a quote, which the build's scan keeps and fails to parse: harmless;
    // a config file's line is not quoted
    DeploymentSpec spec = spec().toBuilder().env(Component.API, "NOTE", "image: busybox:1.35")
        .configFile("server/openim-push.yml", "enable: fcm\nimage: busybox:1.36\n").build();
    Path out = temp.resolve("out");

    assertThatThrownBy(() -> ClusterImage.export(Topology.plan(spec), ClusterImageOptions.of(IMAGE, Arch.AMD64, spec), out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("makes sealos build pull 'busybox:1.36', which no container of the plan runs")
        .message().doesNotContain("busybox:1.35");
    assertThat(out).doesNotExist();
    assertThat(temp.toFile().list()).isEmpty();
  }

  @Test
  @DisplayName("options for another namespace than the plan's are refused")
  void otherNamespace() {
    DeploymentSpec spec = spec();
    assertThatThrownBy(() -> ClusterImage.export(Topology.plan(spec),
        new ClusterImageOptions(IMAGE, Arch.AMD64, "im", "default"), temp.resolve("out")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the options' namespace is 'default', but the plan is for namespace 'im-prod'");
    assertThat(temp.resolve("out")).doesNotExist();
  }

  @Test
  @DisplayName("bad options are refused, every problem at once")
  void badOptions() {
    assertThatThrownBy(() -> new ClusterImageOptions("Registry/OpenIM:v1", Arch.AMD64, "Im_", "Im", "--set a=\"$(id)\""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("image must be an image reference")
        .hasMessageContaining("releaseName must be a Helm release name")
        .hasMessageContaining("namespace must be a Kubernetes namespace name")
        .hasMessageContaining("helmOptions may hold letters, digits, spaces and -_.:/=+@% only");
    assertThatThrownBy(() -> new ClusterImageOptions(IMAGE + "@sha256:" + "a".repeat(64), Arch.AMD64, "im", "im"))
        .hasMessageContaining("no digest");
    assertThatThrownBy(() -> new ClusterImageOptions(IMAGE, Arch.AMD64, "im", "im").helmOptions("--set a=1,b=2"))
        .hasMessageContaining("splits --env values at commas");
    assertThat(new ClusterImageOptions("localhost:5000/openim", Arch.AMD64, "a.b-c", "x").helmOptions()).isEqualTo(
        ClusterImageOptions.DEFAULT_HELM_OPTIONS);
  }

  /**
   * helm template of the exported chart. helm-java's template asks a cluster for what {@code lookup}
   * reads, and there is none here, so every credential is given: the chart's helper then never looks.
   */
  static String template(Path folder, DeploymentPlan plan, String name, String namespace) {
    TemplateCommand template = new Helm(folder.resolve("charts/openim")).template().withName(name).withNamespace(namespace);
    for (Manifest manifest : plan.manifests()) {
      if (manifest.kind().equals("Secret") && manifest.body().get("stringData") instanceof Map<?, ?> data) {
        data.keySet().forEach(key -> template.set("credentials." + key, "test-only"));
      }
    }
    return template.call();
  }

  /** The references sealos build's line scan finds, distinct and sorted. */
  static Set<String> scanned(String text) {
    return ImageScan.scan(text).stream().map(ImageScan.Found::reference).collect(Collectors.toCollection(TreeSet::new));
  }

  /** Every credential value anywhere in the plan's objects. */
  static List<String> secretValues(DeploymentPlan plan) {
    List<String> values = new ArrayList<>();
    for (Manifest manifest : plan.manifests()) {
      collect(manifest.body(), values);
    }
    return values;
  }

  private static void collect(Object value, List<String> values) {
    if (value instanceof Secret secret) {
      values.add(secret.reveal());
    } else if (value instanceof Map<?, ?> map) {
      map.values().forEach(v -> collect(v, values));
    } else if (value instanceof List<?> list) {
      list.forEach(v -> collect(v, values));
    }
  }
}
