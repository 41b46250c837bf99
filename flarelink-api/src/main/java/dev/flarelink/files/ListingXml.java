package dev.flarelink.files;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Reads a ListObjectsV2 answer (S3 XML) into an {@link ObjectListing}; no DTDs or external entities. */
final class ListingXml {

    private ListingXml() {}

    static ObjectListing parse(String xml, String prefix, @Nullable String pageToken) {
        Document doc = document(xml);
        List<ObjectListing.Folder> folders = new ArrayList<>();
        NodeList prefixes = doc.getElementsByTagName("CommonPrefixes");
        for (int i = 0; i < prefixes.getLength(); i++) {
            String folder = text((Element) prefixes.item(i), "Prefix");
            if (folder != null) {
                String name = folder.substring(prefix.length(), folder.length() - 1);
                folders.add(new ObjectListing.Folder(folder, name));
            }
        }
        List<ObjectListing.Entry> objects = new ArrayList<>();
        NodeList contents = doc.getElementsByTagName("Contents");
        for (int i = 0; i < contents.getLength(); i++) {
            Element item = (Element) contents.item(i);
            String key = text(item, "Key");
            if (key == null || key.equals(prefix)) {
                continue;
            }
            String size = text(item, "Size");
            String modified = text(item, "LastModified");
            objects.add(new ObjectListing.Entry(
                    key,
                    key.substring(prefix.length()),
                    size == null ? 0 : Long.parseLong(size),
                    modified == null ? null : Instant.parse(modified)));
        }
        boolean truncated = "true".equals(text(doc.getDocumentElement(), "IsTruncated"));
        String next = truncated ? text(doc.getDocumentElement(), "NextContinuationToken") : null;
        return new ObjectListing(
                prefix,
                parent(prefix),
                folders,
                objects,
                truncated,
                pageToken,
                next == null || next.isEmpty() ? null : next);
    }

    static @Nullable String parent(String prefix) {
        if (prefix.isEmpty()) {
            return null;
        }
        String trimmed = prefix.substring(0, prefix.length() - 1);
        int slash = trimmed.lastIndexOf('/');
        return slash < 0 ? "" : trimmed.substring(0, slash + 1);
    }

    private static @Nullable String text(Element parent, String tag) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getTagName().equals(tag)) {
                return element.getTextContent();
            }
        }
        return null;
    }

    private static Document document(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new FilesProblemException("browser", "R2 answered the listing with something that is not S3 XML.");
        }
    }
}
