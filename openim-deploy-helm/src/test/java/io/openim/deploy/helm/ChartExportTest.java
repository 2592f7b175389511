/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.helm;

import io.openim.deploy.core.chart.ChartExport;
import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.Autoscaling;
import io.openim.deploy.Component;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Ingress;
import io.openim.deploy.Manifest;
import io.openim.deploy.Monitoring;
import io.openim.deploy.Profile;
import io.openim.deploy.Secret;
import io.openim.deploy.SecretKey;
import io.openim.deploy.core.render.PlanYaml;
import io.openim.deploy.core.render.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

@DisplayName("ChartExport: a plan as a Helm chart, checked by helm itself")
class ChartExportTest {
  @TempDir Path temp;

  static Stream<Arguments> specs() {
    return Stream.of(
        Arguments.of("default", DeploymentSpec.builder("openim").build()),
        Arguments.of("production with ingress and HPA", DeploymentSpec.builder("im").namespace("im-prod")
            .profile(Profile.PRODUCTION).ingress(new Ingress("im.example.com", "nginx", "im-tls"))
            .autoscaling(Component.API, Autoscaling.onCpu(2, 6, 75))
            .configFile("server/openim-push.yml", "enable: fcm\n").build()),
        Arguments.of("production with operator monitoring (alert summaries hold {{ $labels.job }})",
            DeploymentSpec.builder("im").namespace("im-prod").profile(Profile.PRODUCTION)
                .monitoring(new Monitoring(true, Monitoring.Mode.OPERATOR, true)).build()));
  }

  /** Strings Helm's template language would act on, and strings that look like the export's markers. */
  static final List<String> HOSTILE = List.of("{{ .Release.Name }}", "{{- fail \"x\" }}", "}}", "{{/* */}}",
      "{{ $labels.job }} is {{ $value }}", "@@N@@ @@S:images/server@@",
      "{{{ {{{{ }}}", "`back` 'single' \"double\" \\ {{ \"{{\" }}", "@@m0:N:@@", "'@@m0:S:images/server@@'",
      "@@m0:C:mongodb-password@@ @@m1:I:components/api/replicas@@", "{{ include \"openim.credential\" (list . \"x\") }}",
      "line one\n---\n{{ .Values }}\nkind: Secret\n");

  @Test
  @DisplayName("strings from the spec and OpenIM's files render byte for byte, even Helm code and marker look-alikes")
  void hostileStrings() throws Exception {
    DeploymentSpec.Builder builder = DeploymentSpec.builder("im").namespace("im-prod").profile(Profile.PRODUCTION)
        .monitoring(new Monitoring(true, Monitoring.Mode.OPERATOR, true))
        .configFile("server/openim-push.yml", "enable: fcm\n# {{ .Values.credentials }}\nfcm:\n  filePath: \"{{ template \\\"x\\\" }}\"\n")
        .secret(SecretKey.OPENIM_SECRET, Secret.of("s{{ .Release.Name }}\"'`\\é@@m0:N:@@"))
        .secret(SecretKey.CHAT_SUPER_CODE, Secret.of("ab12cd"));
    for (int i = 0; i < HOSTILE.size(); i++) {
      builder.env(Component.API, "HOSTILE_" + i, HOSTILE.get(i));
    }
    DeploymentSpec spec = builder.build();
    DeploymentPlan plan = Topology.plan(spec);
    assertThat(PlanYaml.export(plan)).contains("{{ $labels.job }}").contains("{{- fail");
    // with the credentials in values.yaml, the Secret must render exactly as planned too
    Path chart = ChartExport.write(plan, temp, new ChartExport.Options("openim", "0.1.0", true));

    String lint = HelmCli.run("lint", "--strict", "--namespace", spec.namespace(), chart.toString());
    assertThat(lint).contains("1 chart(s) linted, 0 chart(s) failed").doesNotContain("[ERROR]").doesNotContain("[WARNING]");
    String rendered = HelmCli.run("template", "anything", chart.toString(), "--namespace", spec.namespace());
    Map<String, Map<String, Object>> objects = objects(rendered);
    Map<String, Map<String, Object>> planned = planned(plan);
    // the one addition to the plan: helm uninstall leaves the credentials with the data volumes
    Map<?, ?> secretMetadata = (Map<?, ?>) objects.get("Secret/im-credentials").get("metadata");
    assertThat(secretMetadata.remove("annotations")).isEqualTo(Map.of("helm.sh/resource-policy", "keep"));
    assertThat(objects).isEqualTo(planned);
    Map<?, ?> container = (Map<?, ?>) ((List<?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) objects.get("Deployment/im-api")
        .get("spec")).get("template")).get("spec")).get("containers")).get(0);
    assertThat(container.get("env").toString()).contains(HOSTILE.get(0)).contains(HOSTILE.get(HOSTILE.size() - 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  @DisplayName("passes helm lint, and helm template renders exactly the plan's objects, the credentials Secret kept on uninstall")
  void lintAndTemplateEqualThePlan(String name, DeploymentSpec spec) throws Exception {
    DeploymentPlan plan = Topology.plan(spec);
    Path chart = ChartExport.write(plan, temp, ChartExport.Options.DEFAULT);

    String lint = HelmCli.run("lint", "--strict", "--namespace", spec.namespace(), chart.toString());
    assertThat(lint).contains("1 chart(s) linted, 0 chart(s) failed").doesNotContain("[ERROR]").doesNotContain("[WARNING]");

    Map<String, Map<String, Object>> rendered = objects(
        HelmCli.run("template", "anything", chart.toString(), "--namespace", spec.namespace()));
    Map<String, Map<String, Object>> planned = planned(plan);
    assertThat(rendered.keySet()).containsExactlyInAnyOrderElementsOf(planned.keySet());
    for (String id : planned.keySet()) {
      Map<String, Object> expected = planned.get(id);
      Map<String, Object> actual = rendered.get(id);
      if (id.startsWith("Secret/")) {
        // credentials are generated by the chart, not exported: same keys, other values
        assertThat(((Map<?, ?>) actual.get("stringData")).keySet())
            .isEqualTo(((Map<?, ?>) expected.get("stringData")).keySet());
        actual.remove("stringData");
        expected.remove("stringData");
      }
      if (id.equals("Secret/" + spec.release() + "-credentials")) {
        // helm uninstall must leave it, with the data volumes whose passwords it holds
        Map<?, ?> metadata = (Map<?, ?>) actual.get("metadata");
        Object annotations = metadata.get("annotations");
        assertThat(annotations instanceof Map<?, ?> map ? map.get("helm.sh/resource-policy") : null).as(id)
            .isEqualTo("keep");
        metadata.remove("annotations");
      }
      assertThat(actual).as(id).isEqualTo(expected);
    }
  }

  @Test
  @DisplayName("values change what renders, the schema refuses two crontask replicas, and other namespaces are refused")
  void valuesAndSchema() throws Exception {
    DeploymentSpec spec = DeploymentSpec.builder("openim").build();
    Path chart = ChartExport.write(Topology.plan(spec), temp, ChartExport.Options.DEFAULT);

    String scaled = HelmCli.run("template", "x", chart.toString(), "--namespace", "openim",
        "--set", "components.api.replicas=3", "--set", "images.server=mirror.example.com/openim-server:v3.8.3-patch.15");
    Map<String, Object> api = objects(scaled).get("Deployment/openim-api");
    assertThat(((Map<?, ?>) api.get("spec")).get("replicas")).isEqualTo(3);
    assertThat(scaled).contains("image: \"mirror.example.com/openim-server:v3.8.3-patch.15\"");

    HelmCli.Result twoCrontasks = HelmCli.attempt("template", "x", chart.toString(), "--namespace", "openim",
        "--set", "components.crontask.replicas=2");
    assertThat(twoCrontasks.exit()).isNotZero();
    assertThat(twoCrontasks.err()).contains("/components/crontask/replicas").contains("maximum: got 2, want 1");
    HelmCli.Result elsewhere = HelmCli.attempt("template", "x", chart.toString(), "--namespace", "elsewhere");
    assertThat(elsewhere.exit()).isNotZero();
    assertThat(elsewhere.err()).contains("this chart was exported for namespace openim; install it with --namespace openim (not elsewhere)");
  }

  @Test
  @DisplayName("credentials stay out of values.yaml unless asked for")
  void secrets() throws Exception {
    DeploymentSpec spec = DeploymentSpec.builder("openim").build();
    String hidden = Files.readString(ChartExport.write(Topology.plan(spec), temp.resolve("a"), ChartExport.Options.DEFAULT)
        .resolve("values.yaml"));
    Path shown = ChartExport.write(Topology.plan(spec), temp.resolve("b"), new ChartExport.Options("openim", "1.2.3", true));
    String values = Files.readString(shown.resolve("values.yaml"));
    for (SecretKey key : SecretKey.values()) {
      assertThat(hidden).doesNotContain(spec.secret(key).reveal());
      assertThat(values).contains(spec.secret(key).reveal());
    }
    String rendered = HelmCli.run("template", "x", shown.toString(), "--namespace", "openim");
    assertThat(rendered).contains("mongodb-password: \"" + spec.secret(SecretKey.MONGODB_PASSWORD).reveal() + "\"");
  }

  /** The plan's objects as Helm would install them (Helm makes no Namespace), by kind and name. */
  static Map<String, Map<String, Object>> planned(DeploymentPlan plan) {
    Map<String, Map<String, Object>> planned = new LinkedHashMap<>();
    for (Manifest m : plan.manifests()) {
      if (!m.kind().equals("Namespace")) {
        planned.put(m.kind() + "/" + m.name(), new Yaml().load(PlanYaml.export(m)));
      }
    }
    return planned;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> objects(String multiDocument) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Object doc : new Yaml().loadAll(multiDocument)) {
      if (doc instanceof Map<?, ?> map && map.containsKey("kind")) {
        Map<String, Object> object = (Map<String, Object>) map;
        out.put(object.get("kind") + "/" + ((Map<String, Object>) object.get("metadata")).get("name"), object);
      }
    }
    return out;
  }
}
