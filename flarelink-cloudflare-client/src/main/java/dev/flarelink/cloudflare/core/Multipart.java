package dev.flarelink.cloudflare.core;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Hand-written multipart/form-data encoding and decoding; Cloudflare's Worker upload is picky about part names and
 * content types, so no generic form library is used (reference §3.1, P3/P4).
 */
public final class Multipart {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);
    private static final byte[] CRLF = {'\r', '\n'};

    private final String boundary;
    private final List<Part> parts = new ArrayList<>();

    private Multipart(String boundary) {
        this.boundary = boundary;
    }

    /** A new form with a random boundary. */
    public static Multipart form() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return new Multipart("flarelink-" + HexFormat.of().formatHex(random));
    }

    /** Adds a part; {@code filename} and {@code contentType} may be null for plain fields. */
    public Multipart part(String name, @Nullable String filename, @Nullable String contentType, byte[] content) {
        parts.add(new Part(name, filename, contentType, content.clone()));
        return this;
    }

    /** The {@code Content-Type} header value including the boundary. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The encoded body. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part part : parts) {
            write(out, "--" + boundary + "\r\n");
            write(out, "Content-Disposition: form-data; name=\"" + quote(part.name()) + "\"");
            if (part.filename() != null) {
                write(out, "; filename=\"" + quote(part.filename()) + "\"");
            }
            out.writeBytes(CRLF);
            if (part.contentType() != null) {
                write(out, "Content-Type: " + part.contentType() + "\r\n");
            }
            out.writeBytes(CRLF);
            out.writeBytes(part.content());
            out.writeBytes(CRLF);
        }
        write(out, "--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    /** Extracts the boundary parameter of a multipart content type. */
    public static Optional<String> boundaryOf(@Nullable String contentType) {
        if (contentType == null || !contentType.toLowerCase().startsWith("multipart/")) {
            return Optional.empty();
        }
        Matcher m = BOUNDARY.matcher(contentType);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Parses a multipart body into its parts (headers are decoded as ISO-8859-1, content kept as bytes). */
    public static List<Part> parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> result = new ArrayList<>();
        int start = indexOf(body, delimiter, 0);
        while (start >= 0) {
            int afterDelimiter = start + delimiter.length;
            if (afterDelimiter + 1 < body.length && body[afterDelimiter] == '-' && body[afterDelimiter + 1] == '-') {
                break;
            }
            int headersStart = skipLineEnd(body, afterDelimiter);
            int next = indexOf(body, delimiter, headersStart);
            if (next < 0) {
                break;
            }
            result.add(parsePart(body, headersStart, stripLineEnd(body, headersStart, next)));
            start = next;
        }
        return result;
    }

    private static Part parsePart(byte[] body, int from, int to) {
        int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), from);
        int contentStart = headersEnd < 0 || headersEnd > to ? from : headersEnd + 4;
        String headers = new String(body, from, Math.max(0, contentStart - from), StandardCharsets.ISO_8859_1);
        String name = headerParam(headers, "name");
        String filename = headerParam(headers, "filename");
        String contentType = null;
        for (String line : headers.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Type:", 0, 13)) {
                contentType = line.substring(13).strip();
            }
        }
        byte[] content = java.util.Arrays.copyOfRange(body, contentStart, Math.max(contentStart, to));
        return new Part(name == null ? "" : name, filename, contentType, content);
    }

    private static @Nullable String headerParam(String headers, String param) {
        Matcher m = Pattern.compile("[; ]" + param + "=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE)
                .matcher(headers);
        return m.find() ? m.group(1) : null;
    }

    private static int skipLineEnd(byte[] body, int index) {
        int i = index;
        if (i < body.length && body[i] == '\r') {
            i++;
        }
        if (i < body.length && body[i] == '\n') {
            i++;
        }
        return i;
    }

    private static int stripLineEnd(byte[] body, int from, int index) {
        int i = index;
        if (i - 1 >= from && body[i - 1] == '\n') {
            i--;
        }
        if (i - 1 >= from && body[i - 1] == '\r') {
            i--;
        }
        return i;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String quote(String value) {
        return value.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * One form part.
     *
     * @param name the form field name
     * @param filename the filename parameter, if any
     * @param contentType the part's content type, if any
     * @param content the part's bytes
     */
    public record Part(
            String name,
            @Nullable String filename,
            @Nullable String contentType,
            byte[] content) {}
}
