package dev.stowage.oss.server;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Parses request bodies (Delete, CompleteMultipartUpload) with DOCTYPEs refused. */
final class RequestXml {
  private RequestXml() {}

  static Element parse(byte[] body, String rootName) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setExpandEntityReferences(false);
      Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
      Element root = document.getDocumentElement();
      if (!root.getTagName().equals(rootName)) {
        throw malformed();
      }
      return root;
    } catch (OssError e) {
      throw e;
    } catch (Exception e) {
      throw malformed();
    }
  }

  static List<Element> children(Element parent, String name) {
    List<Element> children = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        children.add(element);
      }
    }
    return children;
  }

  static String text(Element parent, String name) {
    List<Element> children = children(parent, name);
    if (children.size() != 1) {
      throw malformed();
    }
    return children.get(0).getTextContent();
  }

  static OssError malformed() {
    return new OssError(
        400,
        "MalformedXML",
        "The XML you provided was not well-formed or did not validate against our published schema.");
  }
}
