/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template;

import io.openim.deploy.sealos.template.internal.Rendering;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Our renderer of the Sealos App Store template language, for exactly the subset {@link
 * SealosTemplate} writes, so a test can render a template as Sealos Cloud would and apply the result.
 *
 * <h2>What it understands</h2>
 *
 * <ul>
 *   <li>{@code ${{ defaults.<name> }}}, {@code ${{ inputs.<name> }}} and the built-ins {@code
 *       SEALOS_CLOUD_DOMAIN} (default {@code cloud.sealos.io}), {@code SEALOS_CERT_SECRET_NAME}
 *       (default {@code wildcard-cert}), {@code SEALOS_NAMESPACE} (required) and {@code
 *       SEALOS_SERVICE_ACCOUNT} (default: the namespace without {@code ns-});
 *   <li>{@code ${{ base64(defaults.<name>) }}} and {@code ${{ base64(inputs.<name>) }}};
 *   <li>{@code ${{ random(n) }}}, n letters a-z, in the Template's default values and input
 *       defaults only, written exactly so, one per value, which is how Sealos generates it;
 *   <li>{@code ${{ if(inputs.<name> === '<value>') }}}, {@code ${{ elif(...) }}}, {@code ${{ else()
 *       }}} and {@code ${{ endif() }}}, each on a line of its own, nested, opened and closed within
 *       one document, never in the Template document.
 * </ul>
 *
 * <p>Anything else (string literals, {@code +}, other functions, unknown names) is refused: Sealos
 * would evaluate it as JavaScript and silently render an empty string where it fails, so a template
 * our renderer accepts holds no expression Sealos could misread. Sources: docs/sealos.md
 * "Expressions" (sealos v5.1.1 frontend/providers/template/src/utils/json-yaml.ts).
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.3
 */
public final class TemplateRenderer {
  private TemplateRenderer() {}

  /**
   * The app's objects rendered from a template.
   *
   * @param yaml every object after the Template, as Sealos would apply it into the user's namespace:
   *     multi-document YAML, each object labelled {@code cloud.sealos.io/deploy-on-sealos: <app_name>};
   *     holds generated credentials, so handle it as a secret
   * @param defaults every default of the Template, rendered ({@code app_name}, {@code app_host}, the
   *     generated credentials)
   * @param inputs every input, as given or defaulted
   * @since 0.3
   */
  public record Rendered(String yaml, Map<String, String> defaults, Map<String, String> inputs) {
    /** Checks and copies the parts. */
    public Rendered {
      Objects.requireNonNull(yaml, "yaml");
      defaults = Map.copyOf(defaults);
      inputs = Map.copyOf(inputs);
    }

    /** Names only: the values may be credentials. */
    @Override
    public String toString() {
      long objects = yaml.isEmpty() ? 0 : yaml.lines().filter("---"::equals).count() + 1;
      return "Rendered[" + objects + " objects, defaults " + new TreeSet<>(defaults.keySet()) + ", inputs "
          + new TreeSet<>(inputs.keySet()) + "]";
    }
  }

  /**
   * Renders {@code template} as Sealos Cloud would deploy it.
   *
   * @param template a template: the Template document first, then the app's objects
   * @param builtIns the built-ins Sealos Cloud sets; {@code SEALOS_NAMESPACE} at least
   * @param inputs the user's inputs; those not given take the Template's defaults
   * @throws TemplateException listing every refused expression with its line, and every missing or
   *     wrong input and built-in
   */
  public static Rendered render(String template, Map<String, String> builtIns, Map<String, String> inputs) {
    Objects.requireNonNull(template, "template");
    Rendering.Result result = Rendering.render(template, Map.copyOf(builtIns), Map.copyOf(inputs));
    return new Rendered(result.yaml(), result.bindings().defaults(), result.bindings().inputs());
  }

  /**
   * Checks, without rendering, that every expression of {@code template} is one this renderer
   * understands, in a place it may be.
   *
   * @throws TemplateException listing every refused expression with its line
   */
  public static void check(String template) {
    Rendering.check(Objects.requireNonNull(template, "template"));
  }
}
