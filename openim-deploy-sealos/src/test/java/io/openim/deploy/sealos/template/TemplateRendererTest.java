/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

@DisplayName("TemplateRenderer: the subset of the Sealos template language we emit, and nothing else")
class TemplateRendererTest {
  /** The Template document every test starts from: 22 lines, so the first body line is line 24. */
  private static final String HEAD = """
      apiVersion: app.sealos.io/v1
      kind: Template
      metadata:
        name: demo
      spec:
        title: Demo
        templateType: inline
        defaults:
          app_name:
            type: string
            value: demo-${{ random(8) }}
          password:
            type: string
            value: ${{ random(32) }}
        inputs:
          chat:
            description: run chat
            type: boolean
            default: 'true'
          admin:
            type: string
            required: true
      ---
      """;

  private static final Map<String, String> CLOUD = Map.of("SEALOS_NAMESPACE", "ns-test");
  private static final Map<String, String> ADMIN = Map.of("admin", "s3cret");

  private static TemplateRenderer.Rendered render(String body, Map<String, String> inputs) {
    return TemplateRenderer.render(HEAD + body, CLOUD, inputs);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> objects(TemplateRenderer.Rendered rendered) {
    List<Map<String, Object>> out = new ArrayList<>();
    new Yaml().loadAll(rendered.yaml()).forEach(o -> out.add((Map<String, Object>) o));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(Map<String, Object> configMap) {
    return (Map<String, Object>) configMap.get("data");
  }

  private static String configMap(String... dataLines) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n" + String.join("\n", dataLines) + "\n";
  }

  private static List<String> refusals(String template, Map<String, String> inputs) {
    return catchThrowableOfType(TemplateException.class, () -> TemplateRenderer.render(template, CLOUD, inputs))
        .problems();
  }

  @Nested
  @DisplayName("each construct")
  class Constructs {
    @Test
    @DisplayName("references to defaults, inputs and built-ins are replaced by their values")
    void references() {
      var rendered = render(configMap(
          "  name: ${{ defaults.app_name }}-api",
          "  admin: ${{ inputs.admin }}",
          "  host: ${{ defaults.app_name }}.${{ SEALOS_CLOUD_DOMAIN }}",
          "  cert: ${{ SEALOS_CERT_SECRET_NAME }}",
          "  ns: ${{ SEALOS_NAMESPACE }}",
          "  account: ${{SEALOS_SERVICE_ACCOUNT}}"), ADMIN);
      String app = rendered.defaults().get("app_name");
      assertThat(data(objects(rendered).get(0))).containsExactly(
          Map.entry("name", app + "-api"),
          Map.entry("admin", "s3cret"),
          Map.entry("host", app + ".cloud.sealos.io"),
          Map.entry("cert", "wildcard-cert"),
          Map.entry("ns", "ns-test"),
          Map.entry("account", "test"));
    }

    @Test
    @DisplayName("built-ins given replace Sealos's defaults")
    void builtInsGiven() {
      var rendered = TemplateRenderer.render(HEAD + configMap("  d: ${{ SEALOS_CLOUD_DOMAIN }}/${{ SEALOS_CERT_SECRET_NAME }}"),
          Map.of("SEALOS_NAMESPACE", "ns-a", "SEALOS_CLOUD_DOMAIN", "example.io", "SEALOS_CERT_SECRET_NAME", "cert"), ADMIN);
      assertThat(data(objects(rendered).get(0))).containsEntry("d", "example.io/cert");
    }

    @Test
    @DisplayName("base64 encodes the UTF-8 bytes of the value it refers to")
    void base64() {
      var rendered = render(configMap("  p: ${{ base64(defaults.password) }}", "  a: ${{ base64(inputs.admin) }}"),
          Map.of("admin", "pässwörd"));
      Map<String, Object> data = data(objects(rendered).get(0));
      assertThat(decode(data.get("p"))).isEqualTo(rendered.defaults().get("password"));
      assertThat(decode(data.get("a"))).isEqualTo("pässwörd");
    }

    @Test
    @DisplayName("random(n) in defaults gives n letters a-z, new ones each render, keeping the text around it")
    void random() {
      Set<String> passwords = new HashSet<>();
      Set<Character> letters = new HashSet<>();
      for (int i = 0; i < 200; i++) {
        var rendered = render(configMap("  a: b"), ADMIN);
        assertThat(rendered.defaults().get("app_name")).matches("demo-[a-z]{8}");
        String password = rendered.defaults().get("password");
        assertThat(password).matches("[a-z]{32}");
        passwords.add(password);
        password.chars().forEach(c -> letters.add((char) c));
      }
      assertThat(passwords).hasSize(200);
      assertThat(letters).as("200 x 32 draws reach the whole alphabet").hasSize(26);
    }

    @Test
    @DisplayName("inputs not given take their default, random(n) there generated too")
    void inputDefaults() {
      String head = HEAD.replace("required: true\n", "required: true\n      default: ${{ random(12) }}\n");
      var rendered = TemplateRenderer.render(head + configMap("  a: ${{ inputs.admin }}"), CLOUD, Map.of());
      assertThat(rendered.inputs()).containsEntry("chat", "true");
      assertThat(rendered.inputs().get("admin")).matches("[a-z]{12}");
      assertThat(data(objects(rendered).get(0))).containsEntry("a", rendered.inputs().get("admin"));
    }

    @Test
    @DisplayName("the Template is not among the objects; every object gets the instance label")
    void instanceLabel() {
      var rendered = render(configMap("  a: b") + "---\n" + configMap("  c: d").replace("name: c", "name: e"), ADMIN);
      List<Map<String, Object>> objects = objects(rendered);
      assertThat(objects).extracting(o -> o.get("kind")).containsExactly("ConfigMap", "ConfigMap");
      assertThat(objects).allSatisfy(o -> assertThat(o.get("metadata")).asString()
          .contains("cloud.sealos.io/deploy-on-sealos=" + rendered.defaults().get("app_name")));
    }
  }

  @Nested
  @DisplayName("conditionals")
  class Conditionals {
    private static final String CHAT_ONLY = """
        ${{ if(inputs.chat === 'true') }}
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: chat
        ${{ endif() }}
        """;

    @Test
    @DisplayName("a whole document inside if() is kept when the condition holds and dropped when not")
    void wholeDocument() {
      assertThat(objects(render(CHAT_ONLY, ADMIN))).hasSize(1);
      assertThat(render(CHAT_ONLY, Map.of("admin", "x", "chat", "false")).yaml()).isEmpty();
    }

    @Test
    @DisplayName("if, elif and else take the first branch that holds, else the else")
    void elifElse() {
      String body = configMap(
          "${{ if(inputs.admin === 'a') }}",
          "  branch: if",
          "${{ elif(inputs.admin === 'b') }}",
          "  branch: elif",
          "${{ elif(inputs.admin === 'b') }}",
          "  branch: second elif",
          "${{ else() }}",
          "  branch: else",
          "${{ endif() }}");
      assertThat(data(objects(render(body, Map.of("admin", "a"))).get(0))).containsExactly(Map.entry("branch", "if"));
      assertThat(data(objects(render(body, Map.of("admin", "b"))).get(0))).containsExactly(Map.entry("branch", "elif"));
      assertThat(data(objects(render(body, Map.of("admin", "c"))).get(0))).containsExactly(Map.entry("branch", "else"));
    }

    @Test
    @DisplayName("they nest: an inner conditional counts only inside the outer branch taken")
    void nested() {
      String body = configMap(
          "  always: x",
          "${{ if(inputs.chat === 'true') }}",
          "  outer: kept",
          "${{ if(inputs.admin === 'a') }}",
          "  inner: a",
          "${{ else() }}",
          "  inner: other",
          "${{ endif() }}",
          "${{ else() }}",
          "  outer: dropped",
          "${{ if(inputs.admin === 'a') }}",
          "  innerOfElse: a",
          "${{ endif() }}",
          "${{ endif() }}");
      assertThat(data(objects(render(body, Map.of("admin", "a"))).get(0)))
          .containsExactly(Map.entry("always", "x"), Map.entry("outer", "kept"), Map.entry("inner", "a"));
      assertThat(data(objects(render(body, Map.of("admin", "b"))).get(0)))
          .containsExactly(Map.entry("always", "x"), Map.entry("outer", "kept"), Map.entry("inner", "other"));
      assertThat(data(objects(render(body, Map.of("admin", "a", "chat", "false"))).get(0)))
          .containsExactly(Map.entry("always", "x"), Map.entry("outer", "dropped"), Map.entry("innerOfElse", "a"));
    }

    @Test
    @DisplayName("expressions in a branch not taken are not evaluated, those in the branch taken are")
    void expressionsInBranches() {
      String body = configMap(
          "${{ if(inputs.chat === 'true') }}",
          "  p: ${{ defaults.password }}",
          "${{ endif() }}");
      var rendered = render(body, ADMIN);
      assertThat(data(objects(rendered).get(0))).containsEntry("p", rendered.defaults().get("password"));
    }
  }

  @Nested
  @DisplayName("refusals, each with its line, all at once")
  class Refusals {
    @Test
    @DisplayName("every expression outside the subset is listed with its line number")
    void outsideTheSubset() {
      String body = configMap(
          "  a: ${{ defaults.app_name + '-x' }}",          // line 24 + 5 = 29
          "  b: ${{ 'literal' }}",
          "  c: ${{ toUpperCase(defaults.app_name) }}",
          "  d: ${{ SEALOS_UI_THEME }}",
          "  e: ${{ defaults.missing }}",
          "  f: ${{ inputs.missing }}",
          "  g: ${{ random(8) }}",
          "  h: ${{ base64(SEALOS_NAMESPACE) }}",
          "  i: ${{ }}",
          "  j: ${{ defaults.app_name");
      List<String> problems = refusals(HEAD + body, ADMIN);
      assertThat(problems).hasSize(10);
      assertThat(problems.get(0)).startsWith("line 29: ${{ defaults.app_name + '-x' }}: string concatenation (+)");
      assertThat(problems.get(1)).startsWith("line 30: ${{ 'literal' }}: string literals");
      assertThat(problems.get(2)).startsWith("line 31: ${{ toUpperCase(defaults.app_name) }}: a function outside");
      assertThat(problems.get(3)).startsWith("line 32: ${{ SEALOS_UI_THEME }}: SEALOS_UI_THEME is not a built-in");
      assertThat(problems.get(4)).isEqualTo("line 33: ${{ defaults.missing }}: the Template declares no default missing");
      assertThat(problems.get(5)).isEqualTo("line 34: ${{ inputs.missing }}: the Template declares no input missing");
      assertThat(problems.get(6)).startsWith("line 35: ${{ random(8) }}: random(n) belongs in the Template's defaults");
      assertThat(problems.get(7)).startsWith("line 36: ${{ base64(SEALOS_NAMESPACE) }}: base64 takes defaults.<name> or"
          + " inputs.<name>");
      assertThat(problems.get(8)).startsWith("line 37: ${{ }}: an empty expression");
      assertThat(problems.get(9)).isEqualTo("line 38: ${{ defaults.app_name: ${{ without a closing }}");
    }

    @Test
    @DisplayName("conditionals that share a line, do not balance, or follow an else are refused")
    void badConditionals() {
      String body = configMap(
          "  a: ${{ if(inputs.chat === 'true') }}",            // 29
          "${{ if(inputs.chat == 'true') }}",                   // 30: only === is in the subset
          "${{ endif() }}",                                     // 31: closes nothing (30 was refused)
          "${{ if(inputs.chat === 'true') }}",                  // 32
          "${{ else() }}",
          "${{ elif(inputs.chat === 'false') }}",               // 34
          "${{ endif() }}",
          "${{ else() }}",                                      // 36
          "${{ if(inputs.nothing === 'x') }}");                 // 37: undeclared, and never closed
      List<String> problems = refusals(HEAD + body, ADMIN);
      assertThat(problems).containsExactly(
          "line 29: a: ${{ if(inputs.chat === 'true') }}: a conditional must be on a line of its own (docs/sealos.md \"Conditionals\")",
          "line 30: ${{ if(inputs.chat == 'true') }}: the condition of if must be inputs.<name> === '<value>', the only kind our"
              + " templates use, but was inputs.chat == 'true'",
          "line 31: ${{ endif() }}: no if() is open here",
          "line 34: ${{ elif(inputs.chat === 'false') }}: comes after the else() of the if() on line 32",
          "line 36: ${{ else() }}: no if() is open here",
          "line 37: ${{ if(inputs.nothing === 'x') }}: the Template declares no input nothing",
          "line 37: ${{ if(inputs.nothing === 'x') }}: no endif() before the document ends; a conditional opens and"
              + " closes within one document");
    }

    @Test
    @DisplayName("a conditional may not span documents")
    void spanningDocuments() {
      String body = "${{ if(inputs.chat === 'true') }}\n" + configMap("  a: b") + "---\n${{ endif() }}\n";
      assertThat(refusals(HEAD + body, ADMIN)).containsExactly(
          "line 24: ${{ if(inputs.chat === 'true') }}: no endif() before the document ends; a conditional opens and"
              + " closes within one document",
          "line 32: ${{ endif() }}: no if() is open here");
    }

    @Test
    @DisplayName("in the Template document only random(n), spelt as Sealos replaces it, in values and defaults")
    void templateDocument() {
      String head = HEAD
          .replace("name: demo\n", "name: ${{ defaults.app_name }}\n")
          .replace("value: ${{ random(32) }}", "value: ${{random(32)}}")
          .replace("title: Demo", "title: Demo\n    ${{ if(inputs.chat === 'true') }}")
          .replace("value: demo-${{ random(8) }}", "value: ${{ random(4) }}-${{ random(4) }}");
      assertThat(refusals(head + configMap("  a: b"), ADMIN)).containsExactly(
          "line 4: ${{ defaults.app_name }}: the Template document may hold only random(n), in a default's value or"
              + " an input's default, where Sealos generates it",
          "line 7: ${{ if(inputs.chat === 'true') }}: Sealos renders no conditionals in the Template document",
          "line 12: value: ${{ random(4) }}-${{ random(4) }}: Sealos generates only the first random(n) of a value;"
              + " give each its own default",
          "line 15: ${{random(32)}}: write it ${{ random(32) }}, the only spelling Sealos replaces");
    }

    @Test
    @DisplayName("the first document must be the Template, with app_name among its defaults")
    void templateFirst() {
      assertThat(refusals(configMap("  a: b") + "---\n" + HEAD, ADMIN).get(0))
          .isEqualTo("line 1: the first document must be the app.sealos.io/v1 Template (Sealos reads the app's objects after it)");
      assertThat(refusals(HEAD.replace("app_name:", "name_of_app:"), ADMIN))
          .contains("Template spec.defaults: has no app_name, which the Template CRD requires");
    }

    @Test
    @DisplayName("a line ending in --- that is no separator, or a separator with trailing blanks, both of which Sealos misreads")
    void dashes() {
      String problem = ": ends with ---, where Sealos would cut the document in two, or is a separator with trailing"
          + " characters Sealos would not split at; only a line of exactly --- separates";
      assertThat(refusals(HEAD + configMap("  a: |", "    text ---", "    more") + "--- \n" + configMap("  b: c"), ADMIN))
          .containsExactly("line 30" + problem, "line 32" + problem);
    }

    @Test
    @DisplayName("missing, unknown and wrong inputs and built-ins are listed together")
    void inputsAndBuiltIns() {
      String template = HEAD + configMap("  a: b");
      List<String> problems = catchThrowableOfType(TemplateException.class, () -> TemplateRenderer.render(template,
          Map.of("SEALOS_NAMESPACE", "tenant", "SEALOS_THEME", "dark"), Map.of("chat", "yes", "extra", "1"))).problems();
      assertThat(problems).containsExactly(
          "built-in SEALOS_THEME: not one our templates use; give only SEALOS_CLOUD_DOMAIN, SEALOS_CERT_SECRET_NAME,"
              + " SEALOS_NAMESPACE, SEALOS_SERVICE_ACCOUNT",
          "built-in SEALOS_SERVICE_ACCOUNT: not given, and SEALOS_NAMESPACE tenant does not start with ns- to derive it"
              + " from; give it",
          "input extra: the Template declares no such input; it declares chat, admin",
          "input chat: a boolean is 'true' or 'false', as Sealos passes it, but was 'yes'",
          "input admin: required, and neither given nor defaulted; give it");
      assertThat(catchThrowableOfType(TemplateException.class, () -> TemplateRenderer.render(template, Map.of(), ADMIN))
          .problems()).containsExactly(
          "built-in SEALOS_NAMESPACE: not given; Sealos Cloud sets it to the user's namespace, ns-<user>");
    }

    @Test
    @DisplayName("a document that is no YAML once rendered is refused with its first line")
    void notYaml() {
      assertThat(refusals(HEAD + configMap("  a: [b"), ADMIN).get(0)).startsWith("line 24: the document is not YAML once rendered");
    }

    @Test
    @DisplayName("the message lists every problem")
    void message() {
      TemplateException e = catchThrowableOfType(TemplateException.class,
          () -> TemplateRenderer.check(HEAD + configMap("  a: ${{ x + y }}", "  b: ${{ z() }}")));
      assertThat(e.getMessage()).startsWith("the template is not one our renderer renders (2 problems):\n  line 29: ")
          .contains("\n  line 30: ${{ z() }}");
    }
  }

  private static String decode(Object base64) {
    return new String(Base64.getDecoder().decode((String) base64), StandardCharsets.UTF_8);
  }
}
