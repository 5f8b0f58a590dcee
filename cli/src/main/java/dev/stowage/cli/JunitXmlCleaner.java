package dev.stowage.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Copies the JUnit XML reports of a compliance run to where the user reads them, without the
 * secrets the JUnit Platform writes into them: its {@code <properties>} hold every system property,
 * {@code sun.java.command} (the whole command line, {@code -o} secrets included) among them. Only
 * the properties that say what ran are kept, and every value the command knows to be secret is
 * masked in every attribute and text.
 */
final class JunitXmlCleaner {
  private static final Set<String> KEPT_PROPERTIES =
      Set.of(
          "java.version",
          "java.vendor",
          "java.vm.name",
          "java.runtime.version",
          "os.name",
          "os.arch",
          "os.version",
          "file.encoding");

  private final SecretValues secrets;

  JunitXmlCleaner(SecretValues secrets) {
    this.secrets = secrets;
  }

  /** Copies every {@code .xml} file of {@code from} into {@code to}, cleaned. */
  void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (DirectoryStream<Path> reports = Files.newDirectoryStream(from, "*.xml")) {
      for (Path report : reports) {
        Document document = parse(report);
        dropProperties(document);
        mask(document.getDocumentElement());
        write(document, to.resolve(report.getFileName().toString()));
      }
    }
  }

  private void dropProperties(Document document) {
    NodeList properties = document.getElementsByTagName("property");
    List<Element> dropped = new ArrayList<>();
    for (int i = 0; i < properties.getLength(); i++) {
      Element property = (Element) properties.item(i);
      if (!KEPT_PROPERTIES.contains(property.getAttribute("name"))) {
        dropped.add(property);
      }
    }
    dropped.forEach(property -> property.getParentNode().removeChild(property));
  }

  private void mask(Node node) {
    NamedNodeMap attributes = node.getAttributes();
    if (attributes != null) {
      for (int i = 0; i < attributes.getLength(); i++) {
        Node attribute = attributes.item(i);
        attribute.setNodeValue(secrets.mask(attribute.getNodeValue()));
      }
    }
    if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
      node.setNodeValue(secrets.mask(node.getNodeValue()));
    }
    for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
      mask(child);
    }
  }

  private static Document parse(Path report) throws IOException {
    try (InputStream in = Files.newInputStream(report)) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      return factory.newDocumentBuilder().parse(in);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("cannot read the JUnit report " + report + ": " + e.getMessage(), e);
    }
  }

  private static void write(Document document, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      TransformerFactory.newInstance()
          .newTransformer()
          .transform(new DOMSource(document), new StreamResult(out));
    } catch (TransformerException e) {
      throw new IOException("cannot write the JUnit report " + file + ": " + e.getMessage(), e);
    }
  }
}
