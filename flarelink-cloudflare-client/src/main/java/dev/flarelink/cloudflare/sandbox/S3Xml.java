package dev.flarelink.cloudflare.sandbox;

/** Minimal XML text escaping for S3 responses. */
final class S3Xml {

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
}
