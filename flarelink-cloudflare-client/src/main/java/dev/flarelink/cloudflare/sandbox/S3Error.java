package dev.flarelink.cloudflare.sandbox;

import java.nio.charset.StandardCharsets;

/** An S3-style failure, answered as the XML {@code <Error>} document S3 clients parse. */
final class S3Error extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final String code;

    S3Error(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    byte[] xml() {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + S3Xml.escape(String.valueOf(getMessage())) + "</Message></Error>";
        return body.getBytes(StandardCharsets.UTF_8);
    }

    static S3Error accessDenied(String message) {
        return new S3Error(403, "AccessDenied", message);
    }
}
