/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The engine's API is its own")
class EngineApiTest {
  /** The libraries the engine is built on, which its API must not name. */
  private static final List<String> HIDDEN = List.of("io.kubernetes.client.", "com.google.gson.");

  private static final String PACKAGE = EngineApiTest.class.getPackageName();
  private static final String DYNAMIC = DynamicKubernetesObject.class.getName();

  @Test
  @DisplayName("no public or protected member of a public engine type names a client-java or gson type")
  void noForeignTypes() throws Exception {
    List<Class<?>> types = publicTypes();
    assertThat(types).extracting(Class::getSimpleName).as("the scan finds the engine's types")
        .contains("ClusterConnection", "Applier", "RolloutWaiter", "KubeObject", "KubeResponse", "Selector",
            "ObjectRef", "ResourceType", "Delivery", "Batch", "Operation", "Rollout", "RolloutException");
    List<String> violations = new ArrayList<>();
    types.forEach(type -> violations.addAll(violations(type)));
    assertThat(violations).isEmpty();
  }

  @Test
  @DisplayName("the check sees such types in methods, constructors, fields, records and type arguments")
  void theCheckCanFail() {
    assertThat(violations(Leaky.class)).containsExactlyInAnyOrder(
        "EngineApiTest$Leaky: field raw: com.google.gson.JsonObject",
        "EngineApiTest$Leaky: constructor(KubernetesApiResponse): io.kubernetes.client.common.KubernetesType",
        "EngineApiTest$Leaky: constructor(KubernetesApiResponse): "
            + "io.kubernetes.client.util.generic.KubernetesApiResponse",
        "EngineApiTest$Leaky: method read(Supplier): io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject",
        "EngineApiTest$Leaky: method nested(): com.google.gson.JsonObject",
        "EngineApiTest$Leaky: method arrays(): com.google.gson.JsonObject");
    assertThat(violations(Leaky.Shown.class)).containsExactlyInAnyOrder(
        "EngineApiTest$Leaky$Shown: constructor(DynamicKubernetesObject): " + DYNAMIC,
        "EngineApiTest$Leaky$Shown: method object(): " + DYNAMIC,
        "EngineApiTest$Leaky$Shown: record component object: " + DYNAMIC);
  }

  @Test
  @DisplayName("the engine's classes use nothing of core outside the engine (rendering, internals, charts)")
  void engineDependsOnNoOtherCorePackage() throws Exception {
    Pattern core = Pattern.compile("io/openim/deploy/core/(\\w+)");
    Set<String> found = new TreeSet<>();
    Map<String, byte[]> files = classFiles();
    assertThat(files).as("the engine's compiled classes").hasSizeGreaterThan(10);
    files.forEach((file, bytes) -> {
      Matcher uses = core.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
      while (uses.find()) {
        if (!uses.group(1).equals("engine")) {
          found.add(file + " uses io.openim.deploy.core." + uses.group(1));
        }
      }
    });
    assertThat(found).isEmpty();
  }

  /** Each public or protected place in {@code type} that names a hidden library's type. */
  static List<String> violations(Class<?> type) {
    List<String> out = new ArrayList<>();
    String name = type.getName().substring(type.getPackageName().length() + 1);
    check(out, name + ": type", type.getTypeParameters());
    check(out, name + ": supertype", concat(new Type[] {type.getGenericSuperclass()}, type.getGenericInterfaces()));
    for (Field field : type.getDeclaredFields()) {
      if (visible(field.getModifiers()) && !field.isSynthetic()) {
        check(out, name + ": field " + field.getName(), field.getGenericType());
      }
    }
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (visible(constructor.getModifiers()) && !constructor.isSynthetic()) {
        String where = name + ": constructor(" + simpleNames(constructor.getParameterTypes()) + ")";
        check(out, where, concat(constructor.getTypeParameters(), constructor.getGenericParameterTypes(),
            constructor.getGenericExceptionTypes()));
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (visible(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
        String where = name + ": method " + method.getName() + "(" + simpleNames(method.getParameterTypes()) + ")";
        check(out, where, concat(method.getTypeParameters(), new Type[] {method.getGenericReturnType()},
            method.getGenericParameterTypes(), method.getGenericExceptionTypes()));
      }
    }
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        check(out, name + ": record component " + component.getName(), component.getGenericType());
      }
    }
    return out;
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static Type[] concat(Type[]... parts) {
    return Stream.of(parts).flatMap(Stream::of).toArray(Type[]::new);
  }

  private static String simpleNames(Class<?>[] types) {
    return String.join(", ", Stream.of(types).map(Class::getSimpleName).toList());
  }

  private static void check(List<String> out, String where, Type... types) {
    Set<Class<?>> named = new HashSet<>();
    Set<Type> seen = new HashSet<>();
    for (Type type : types) {
      if (type != null) {
        collect(type, seen, named);
      }
    }
    named.stream().map(Class::getName).filter(n -> HIDDEN.stream().anyMatch(n::startsWith)).sorted()
        .forEach(n -> out.add(where + ": " + n));
  }

  /** Every class {@code type} names, through arrays, type arguments, wildcards and bounds. */
  private static void collect(Type type, Set<Type> seen, Set<Class<?>> named) {
    if (!seen.add(type)) {
      return;
    }
    if (type instanceof Class<?> c) {
      while (c.isArray()) {
        c = c.getComponentType();
      }
      named.add(c);
    } else if (type instanceof ParameterizedType p) {
      collect(p.getRawType(), seen, named);
      if (p.getOwnerType() != null) {
        collect(p.getOwnerType(), seen, named);
      }
      for (Type argument : p.getActualTypeArguments()) {
        collect(argument, seen, named);
      }
    } else if (type instanceof WildcardType w) {
      Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds())).forEach(t -> collect(t, seen, named));
    } else if (type instanceof TypeVariable<?> v) {
      Stream.of(v.getBounds()).forEach(t -> collect(t, seen, named));
    } else if (type instanceof GenericArrayType a) {
      collect(a.getGenericComponentType(), seen, named);
    }
  }

  /** The engine's public types, nested ones included, found in its compiled classes. */
  private static List<Class<?>> publicTypes() throws Exception {
    List<Class<?>> types = new ArrayList<>();
    for (String file : classFiles().keySet()) {
      String simple = file.replaceFirst("\\.class$", "");
      if (simple.equals("package-info")) {
        continue;
      }
      Class<?> type = Class.forName(PACKAGE + "." + simple, false, EngineApiTest.class.getClassLoader());
      if (exported(type)) {
        types.add(type);
      }
    }
    return types;
  }

  private static boolean exported(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The class files of the engine package (not of packages below it) by name, from core's build
   * output: its classes folder for unit tests, its jar for integration tests.
   */
  private static Map<String, byte[]> classFiles() throws IOException, URISyntaxException {
    Path root = Path.of(ClusterConnection.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (Files.isDirectory(root)) {
      return classFiles(root.resolve(PACKAGE.replace('.', '/')));
    }
    try (FileSystem jar = FileSystems.newFileSystem(root)) {
      return classFiles(jar.getPath(PACKAGE.replace('.', '/')));
    }
  }

  private static Map<String, byte[]> classFiles(Path dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".class")).toList()) {
        out.put(file.getFileName().toString(), Files.readAllBytes(file));
      }
    }
    return out;
  }

  /** What the check must report: a type that shows client-java and gson wherever it can. */
  @SuppressWarnings("unused")
  public static final class Leaky {
    public final JsonObject raw = new JsonObject();
    protected final Map<String, Optional<String>> fine = Map.of();

    public <T extends io.kubernetes.client.common.KubernetesType> Leaky(KubernetesApiResponse<T> response) {}

    Leaky(DynamicKubernetesObject notVisible) {}

    public Optional<String> read(Supplier<? extends DynamicKubernetesObject> source) {
      return Optional.empty();
    }

    protected List<Map<String, List<JsonObject>>> nested() {
      return List.of();
    }

    public JsonObject[][] arrays() {
      return new JsonObject[0][];
    }

    private JsonObject hidden() {
      return raw;
    }

    /** A record that shows one. */
    public record Shown(DynamicKubernetesObject object) {}
  }
}
