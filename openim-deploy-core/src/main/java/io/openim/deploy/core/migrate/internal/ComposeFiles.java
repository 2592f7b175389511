/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.migrate.internal;

import io.openim.deploy.core.render.internal.Yamls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A docker-compose setup as Compose itself reads it: the {@code .env} file's variables and the
 * services of the compose file with {@code ${VAR}} and {@code ${VAR:-default}} interpolated.
 */
public final class ComposeFiles {
  private static final List<String> COMPOSE_NAMES =
      List.of("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml");
  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)-([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

  private final String fileName;
  private final Map<String, String> env;
  private final Map<String, Service> services;

  /**
   * One service: its name, container name, image, environment and published ports, interpolated,
   * and the profiles it runs only under (empty when it always runs).
   */
  public record Service(String name, @Nullable String containerName, String image,
      Map<String, String> environment, List<String> ports, List<String> profiles) {}

  private ComposeFiles(String fileName, Map<String, String> env, Map<String, Service> services) {
    this.fileName = fileName;
    this.env = env;
    this.services = services;
  }

  /** Reads {@code .env} and the compose file in {@code directory}. */
  public static ComposeFiles read(Path directory) {
    Path envFile = directory.resolve(".env");
    if (!Files.isRegularFile(envFile)) {
      throw new IllegalArgumentException("no .env in " + directory
          + ": give the folder of the OpenIM compose setup, the one with docker-compose.yaml and .env");
    }
    Path compose = COMPOSE_NAMES.stream().map(directory::resolve).filter(Files::isRegularFile)
        .findFirst().orElseThrow(() -> new IllegalArgumentException("no compose file in " + directory
            + ": looked for " + String.join(", ", COMPOSE_NAMES)));
    Map<String, String> env = parseEnv(text(envFile));
    Object root;
    try {
      root = Yamls.safeLoader().load(text(compose));
    } catch (MarkedYAMLException e) {
      // the problem's snippet may quote a password written inline, so only its position is given
      throw new IllegalArgumentException(compose + " is not valid YAML near line "
          + (e.getProblemMark() == null ? "?" : e.getProblemMark().getLine() + 1) + ": " + e.getProblem());
    } catch (YAMLException e) {
      throw new IllegalArgumentException(compose + " is not valid YAML");
    }
    Map<String, Service> services = new LinkedHashMap<>();
    if (root instanceof Map<?, ?> top && top.get("services") instanceof Map<?, ?> all) {
      for (Map.Entry<?, ?> entry : all.entrySet()) {
        if (entry.getValue() instanceof Map<?, ?> s) {
          String name = String.valueOf(entry.getKey());
          services.put(name, service(name, s, env));
        }
      }
    }
    if (services.isEmpty()) {
      throw new IllegalArgumentException(compose + " has no services");
    }
    return new ComposeFiles(compose.getFileName().toString(), env, services);
  }

  /** The compose file's name, such as {@code docker-compose.yaml}. */
  public String fileName() {
    return fileName;
  }

  /** The {@code .env} variables, in file order. */
  public Map<String, String> env() {
    return env;
  }

  /** The variable {@code name} of {@code .env}, if set and not empty. */
  public Optional<String> var(String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isEmpty());
  }

  /** The services, in file order. */
  public Map<String, Service> services() {
    return services;
  }

  /** The service whose image repository ends with {@code repository}, such as {@code openim-server}. */
  public Optional<Service> byImage(String repository) {
    return services.values().stream()
        .filter(s -> Images.repository(s.image()).endsWith("/" + repository))
        .findFirst();
  }

  /**
   * The service an address list such as {@code mongo:27017} or {@code a:9092,b:9092} names by its
   * first address; empty when that address is not a service of the setup (an external one).
   */
  public Optional<Service> byAddress(String addresses) {
    return byHost(addresses.split(",")[0].strip().replaceFirst(":\\d+$", ""));
  }

  /** The service reachable on the compose network as {@code host}. */
  public Optional<Service> byHost(String host) {
    return services.values().stream()
        .filter(s -> s.name().equals(host) || host.equals(s.containerName()))
        .findFirst();
  }

  /**
   * Parses an env file as Compose does: comments, {@code export}, single quotes taken literally,
   * double quotes with backslash escapes, inline comments after a
   * space, and {@code ${VAR}} of earlier lines expanded outside single quotes.
   */
  static Map<String, String> parseEnv(String text) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String raw : text.split("\\R")) {
      String line = raw.strip();
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int eq = line.indexOf('=');
      if (line.isEmpty() || line.startsWith("#") || eq <= 0) {
        continue;
      }
      String value = line.substring(eq + 1).strip();
      if (value.startsWith("'")) {
        int close = value.indexOf('\'', 1);
        value = close > 0 ? value.substring(1, close) : value.substring(1);
      } else if (value.startsWith("\"")) {
        value = interpolate(doubleQuoted(value), env);
      } else {
        Matcher comment = Pattern.compile("\\s#").matcher(value);
        if (comment.find()) {
          value = value.substring(0, comment.start()).strip();
        }
        value = interpolate(value, env);
      }
      env.put(line.substring(0, eq).strip(), value);
    }
    return env;
  }

  /** The content of a double-quoted value up to its closing quote, escapes decoded. */
  private static String doubleQuoted(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        break;
      }
      if (c == '\\' && i + 1 < value.length()) {
        char next = value.charAt(++i);
        out.append(switch (next) {
          case 'n' -> '\n';
          case 't' -> '\t';
          default -> next;
        });
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * {@code text} with every {@code ${VAR}}, {@code $VAR}, {@code ${VAR:-default}} (unset or
   * empty) and {@code ${VAR-default}} (unset) replaced, unset variables as empty, {@code $$} as
   * {@code $}.
   */
  static String interpolate(String text, Map<String, String> env) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group().equals("$$")) {
        replacement = "$";
      } else {
        String name = m.group(1) != null ? m.group(1) : m.group(4);
        String value = env.get(name);
        boolean useDefault = m.group(3) != null
            && (value == null || (value.isEmpty() && ":".equals(m.group(2))));
        replacement = useDefault ? m.group(3) : value == null ? "" : value;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Service service(String name, Map<?, ?> s, Map<String, String> env) {
    Map<String, String> environment = new LinkedHashMap<>();
    Object declared = s.get("environment");
    if (declared instanceof List<?> list) {
      for (Object item : list) {
        String entry = interpolate(String.valueOf(item), env);
        int eq = entry.indexOf('=');
        environment.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
      }
    } else if (declared instanceof Map<?, ?> map) {
      map.forEach((k, v) -> environment.put(String.valueOf(k),
          v == null ? "" : interpolate(String.valueOf(v), env)));
    }
    List<String> ports = new ArrayList<>();
    if (s.get("ports") instanceof List<?> list) {
      list.forEach(p -> ports.add(interpolate(String.valueOf(p), env)));
    }
    List<String> profiles = new ArrayList<>();
    if (s.get("profiles") instanceof List<?> list) {
      list.forEach(p -> profiles.add(String.valueOf(p)));
    }
    Object container = s.get("container_name");
    return new Service(name, container == null ? null : String.valueOf(container),
        interpolate(String.valueOf(s.get("image")), env).strip(), environment, ports, profiles);
  }

  private static String text(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  /** Image references the way Docker expands them. */
  public static final class Images {
    private Images() {}

    /** {@code mongo:7.0} as {@code docker.io/library/mongo:7.0}. */
    public static String normalize(String image) {
      String path = image;
      int slash = image.indexOf('/');
      String first = slash < 0 ? "" : image.substring(0, slash);
      boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
      if (!hasRegistry) {
        path = (slash < 0 ? "docker.io/library/" : "docker.io/") + image;
      }
      return path;
    }

    /** The repository of {@code image}, normalized, without tag or digest. */
    public static String repository(String image) {
      String n = normalize(image);
      int at = n.indexOf('@');
      n = at < 0 ? n : n.substring(0, at);
      int colon = n.lastIndexOf(':');
      return colon > n.lastIndexOf('/') ? n.substring(0, colon) : n;
    }

    /** The tag of {@code image}, or {@code latest} when it has none. */
    public static String tag(String image) {
      String n = normalize(image);
      int at = n.indexOf('@');
      n = at < 0 ? n : n.substring(0, at);
      int colon = n.lastIndexOf(':');
      return colon > n.lastIndexOf('/') ? n.substring(colon + 1) : "latest";
    }
  }
}
