/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template.internal;

import io.openim.deploy.sealos.template.TemplateException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Renders a template as Sealos Cloud does (docs/sealos.md "Expressions"): defaults first, their
 * {@code random(n)} generated; then every document after the Template, conditionals decided
 * line by line (they nest: an inner one counts only inside its outer branch that is taken), each
 * expression replaced by its value; then every object labelled with the instance it belongs to,
 * {@code cloud.sealos.io/deploy-on-sealos: <app_name>}. Everything outside the subset is refused
 * before anything is rendered.
 */
public final class Rendering {
  /** The label Sealos puts on every object of an instance (docs/sealos.md "App Store templates"). */
  public static final String INSTANCE_LABEL = "cloud.sealos.io/deploy-on-sealos";

  private static final Pattern LINE = Pattern.compile("line ([0-9]+): ");

  private Rendering() {}

  /** The checked template, ready to render. */
  public record Checked(TemplateText text, int templateIndex, Declarations declarations) {}

  /** The result: the app's objects as YAML, and the values they were rendered with. */
  public record Result(String yaml, Bindings bindings) {}

  /**
   * Checks that every expression and conditional of {@code template} is one our renderer
   * understands, in a place it may be.
   *
   * @throws TemplateException listing every problem
   */
  public static Checked check(String template) {
    List<String> problems = new ArrayList<>();
    TemplateText text = TemplateText.scan(template, problems);
    int index = 0;
    while (index < text.documents().size() && text.documents().get(index).blank()) {
      index++;
    }
    if (index == text.documents().size()) {
      throw new TemplateException(List.of("the template is empty: its first document must be the "
          + Declarations.API_VERSION + " Template"));
    }
    TemplateText.Document template0 = text.documents().get(index);
    Declarations declared = Declarations.read(template0.text(), template0.firstLine(), problems);
    checkTemplateDocument(template0, problems);
    for (TemplateText.Document document : text.documents().subList(index + 1, text.documents().size())) {
      checkDocument(document, declared, problems);
    }
    if (!problems.isEmpty()) {
      throw new TemplateException(byLine(problems));
    }
    return new Checked(text, index, declared);
  }

  /**
   * Renders {@code template} with the given built-ins and inputs.
   *
   * @throws TemplateException listing every problem: refused expressions, missing or wrong inputs,
   *     missing built-ins, documents that are no YAML once rendered
   */
  public static Result render(String template, Map<String, String> builtIns, Map<String, String> inputs) {
    Checked checked = check(template);
    List<String> problems = new ArrayList<>();
    Bindings bindings = Bindings.resolve(checked.declarations(), builtIns, inputs, problems);
    if (!problems.isEmpty()) {
      throw new TemplateException(problems);
    }
    Yaml loader = TemplateYaml.loader();
    StringBuilder out = new StringBuilder();
    List<TemplateText.Document> documents = checked.text().documents();
    for (TemplateText.Document document : documents.subList(checked.templateIndex() + 1, documents.size())) {
      String rendered = evaluate(document, bindings);
      if (TemplateText.blank(rendered)) {
        continue; // every line was in a branch not taken
      }
      Object object;
      try {
        object = loader.load(rendered);
      } catch (YAMLException e) {
        problems.add("line " + document.firstLine() + ": the document is not YAML once rendered: " + e.getMessage());
        continue;
      }
      if (object == null) {
        continue;
      }
      if (!(object instanceof Map<?, ?> map) || !(map.get("metadata") instanceof Map<?, ?>)) {
        problems.add("line " + document.firstLine() + ": the document is no Kubernetes object with metadata");
        continue;
      }
      try {
        out.append(out.length() == 0 ? "" : "---\n").append(TemplateYaml.dump(labelled(map, bindings)));
      } catch (IllegalArgumentException e) {
        problems.add("line " + document.firstLine() + ": the object holds a value no manifest may: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new TemplateException(problems);
    }
    return new Result(out.toString(), bindings);
  }

  /** The problems in the order of their lines, those of no line first (a stable sort). */
  private static List<String> byLine(List<String> problems) {
    List<String> sorted = new ArrayList<>(problems);
    sorted.sort(Comparator.comparingInt(Rendering::lineOf));
    return sorted;
  }

  private static int lineOf(String problem) {
    Matcher m = LINE.matcher(problem);
    return m.lookingAt() ? Integer.parseInt(m.group(1)) : 0;
  }

  private static void checkTemplateDocument(TemplateText.Document document, List<String> problems) {
    for (TemplateText.Line line : document.lines()) {
      String text = line.text().strip();
      boolean valueLine = text.startsWith("value:") || text.startsWith("default:");
      for (TemplateText.Occurrence o : line.occurrences()) {
        if (o.expression() instanceof Expression.Branch) {
          problems.add("line " + line.number() + ": " + o.raw() + ": Sealos renders no conditionals in the"
              + " Template document");
        } else if (!(o.expression() instanceof Expression.Random) || !valueLine) {
          problems.add("line " + line.number() + ": " + o.raw() + ": the Template document may hold only"
              + " random(n), in a default's value or an input's default, where Sealos generates it");
        } else if (!Bindings.RANDOM.matcher(o.raw()).matches()) {
          problems.add("line " + line.number() + ": " + o.raw() + ": write it ${{ random("
              + ((Expression.Random) o.expression()).length() + ") }}, the only spelling Sealos replaces");
        }
      }
      if (line.occurrences().size() > 1) {
        problems.add("line " + line.number() + ": " + text + ": Sealos generates only the first random(n) of a"
            + " value; give each its own default");
      }
    }
  }

  private static void checkDocument(TemplateText.Document document, Declarations declared, List<String> problems) {
    Deque<TemplateText.Line> open = new ArrayDeque<>();
    Deque<Boolean> sawElse = new ArrayDeque<>();
    for (TemplateText.Line line : document.lines()) {
      for (TemplateText.Occurrence o : line.occurrences()) {
        String where = "line " + line.number() + ": " + o.raw() + ": ";
        Expression e = o.expression();
        if (e instanceof Expression.Random) {
          problems.add(where + "random(n) belongs in the Template's defaults, the only place Sealos generates"
              + " it; add a default and refer to it");
        } else if (e instanceof Expression.Reference r) {
          declaredOrProblem(r, declared, where, problems);
        } else if (e instanceof Expression.Base64 b) {
          declaredOrProblem(b.of(), declared, where, problems);
        } else if (e instanceof Expression.Branch b) {
          if (b.condition() != null) {
            declaredOrProblem(b.condition().input(), declared, where, problems);
          }
          switch (b.kind()) {
            case IF -> {
              open.push(line);
              sawElse.push(false);
            }
            case ELIF, ELSE -> {
              if (open.isEmpty()) {
                problems.add(where + "no if() is open here");
              } else if (sawElse.peek()) {
                problems.add(where + "comes after the else() of the if() on line " + open.peek().number());
              } else if (b.kind() == Expression.Branch.Kind.ELSE) {
                sawElse.pop();
                sawElse.push(true);
              }
            }
            case ENDIF -> {
              if (open.isEmpty()) {
                problems.add(where + "no if() is open here");
              } else {
                open.pop();
                sawElse.pop();
              }
            }
          }
        }
      }
    }
    for (TemplateText.Line unclosed : open) {
      problems.add("line " + unclosed.number() + ": " + unclosed.text().strip() + ": no endif() before the"
          + " document ends; a conditional opens and closes within one document");
    }
  }

  private static void declaredOrProblem(Expression.Reference r, Declarations declared, String where,
      List<String> problems) {
    if (r.scope() == Expression.Scope.DEFAULTS && !declared.defaults().containsKey(r.name())) {
      problems.add(where + "the Template declares no default " + r.name());
    } else if (r.scope() == Expression.Scope.INPUTS && !declared.inputs().containsKey(r.name())) {
      problems.add(where + "the Template declares no input " + r.name());
    }
  }

  /** The document's text with conditionals decided and expressions replaced. */
  private static String evaluate(TemplateText.Document document, Bindings bindings) {
    // per open if(): whether its enclosing lines are kept, and whether one of its branches was taken
    Deque<boolean[]> frames = new ArrayDeque<>();
    boolean keep = true;
    StringBuilder out = new StringBuilder();
    for (TemplateText.Line line : document.lines()) {
      Expression.Branch branch = line.branch();
      if (branch != null) {
        switch (branch.kind()) {
          case IF -> {
            boolean holds = keep && bindings.holds(Objects.requireNonNull(branch.condition()));
            frames.push(new boolean[] {keep, holds});
            keep = holds;
          }
          case ELIF -> {
            boolean[] frame = frames.peek();
            keep = frame[0] && !frame[1] && bindings.holds(Objects.requireNonNull(branch.condition()));
            frame[1] |= keep;
          }
          case ELSE -> {
            boolean[] frame = frames.peek();
            keep = frame[0] && !frame[1];
            frame[1] = true;
          }
          case ENDIF -> keep = frames.pop()[0];
        }
        continue;
      }
      if (!keep) {
        continue;
      }
      StringBuilder rendered = new StringBuilder();
      int from = 0;
      for (TemplateText.Occurrence o : line.occurrences()) {
        rendered.append(line.text(), from, o.start()).append(bindings.render(o.expression()));
        from = o.end();
      }
      out.append(rendered).append(line.text().substring(from)).append('\n');
    }
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> labelled(Map<?, ?> object, Bindings bindings) {
    Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) object);
    Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) copy.get("metadata"));
    Map<String, Object> labels = metadata.get("labels") instanceof Map<?, ?> l
        ? new LinkedHashMap<>((Map<String, Object>) l) : new LinkedHashMap<>();
    labels.put(INSTANCE_LABEL, bindings.defaults().get("app_name"));
    metadata.put("labels", labels);
    copy.put("metadata", metadata);
    return copy;
  }
}
