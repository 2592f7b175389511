/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The BOM against the build it describes, read from the poms themselves. */
@DisplayName("The BOM")
class BomTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  @DisplayName("manages every published module at the build's version, and nothing else, without a parent")
  void listsEveryPublishedModule() throws Exception {
    Document parent = read(ROOT.resolve("pom.xml"));
    Document bom = read(ROOT.resolve("openim-deploy-bom/pom.xml"));
    String version = child(parent.getDocumentElement(), "version");

    List<String> published = new ArrayList<>();
    // the reactor's own <modules>, not checkstyle's <module> elements elsewhere in the pom
    NodeList modules = ((Element) parent.getDocumentElement().getElementsByTagName("modules").item(0))
        .getElementsByTagName("module");
    for (int i = 0; i < modules.getLength(); i++) {
      String module = modules.item(i).getTextContent().strip();
      String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
      if (!module.equals("openim-deploy-bom") && !pom.contains("<maven.deploy.skip>true</maven.deploy.skip>")) {
        published.add(child(read(ROOT.resolve(module).resolve("pom.xml")).getDocumentElement(), "artifactId"));
      }
    }
    assertThat(published).contains("openim-deploy-api", "openim-deploy-core", "openim-deploy-testkit")
        .doesNotContain("samples", "openim-deploy-core-it", "openim-deploy-module-tests", "openim-deploy-architecture");

    List<String> managed = new ArrayList<>();
    NodeList dependencies = bom.getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      assertThat(child(dependency, "groupId")).isEqualTo("io.openim.deploy");
      assertThat(child(dependency, "version")).isEqualTo("${project.version}");
      managed.add(child(dependency, "artifactId"));
    }
    assertThat(managed).containsExactlyInAnyOrderElementsOf(published);
    assertThat(child(bom.getDocumentElement(), "version")).isEqualTo(version);
    assertThat(bom.getElementsByTagName("parent").getLength())
        .as("a parent would pin the build's third-party versions on every importer").isZero();
  }

  private static Document read(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
  }

  /** The text of {@code element}'s direct child {@code name}. */
  private static String child(Element element, String name) {
    NodeList children = element.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().strip();
      }
    }
    throw new AssertionError(element.getTagName() + " has no " + name);
  }
}
