package dev.flarelink.cloudflare.sandbox;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Minimal XML for S3 bodies: text escaping for responses, a hardened parser and child lookups for requests. */
final class S3Xml {

    static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    private S3Xml() {}

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&apos;");
    }

    static String element(String name, String value) {
        return "<" + name + ">" + escape(value) + "</" + name + ">";
    }

    /** Parses a request body with DOCTYPEs and external entities refused; anything unparseable is MalformedXML. */
    static Document parse(byte[] body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            throw malformed();
        }
    }

    static S3Error malformed() {
        return new S3Error(
                400,
                "MalformedXML",
                "The XML you provided was not well-formed or did not validate against our published schema.");
    }

    /** The direct child elements of {@code parent} with this local name (namespace ignored). */
    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && name.equals(localName(element))) {
                found.add(element);
            }
        }
        return found;
    }

    /** The text of the first direct child with this name, or "" when there is none. */
    static String childText(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? "" : found.get(0).getTextContent();
    }

    static String localName(Element element) {
        String name = element.getLocalName() != null ? element.getLocalName() : element.getTagName();
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }
}
