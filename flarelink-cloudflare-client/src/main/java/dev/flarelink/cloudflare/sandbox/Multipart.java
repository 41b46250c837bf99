package dev.flarelink.cloudflare.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** A byte-exact multipart/form-data reader and writer (RFC 7578) for Worker uploads, downloads and KV writes. */
final class Multipart {

    /** One form part; {@code contentType} is empty when the part had no Content-Type header. */
    record Part(String name, @Nullable String filename, String contentType, byte[] bytes) {}

    private static final Pattern BOUNDARY =
            Pattern.compile("boundary=(\"([^\"]+)\"|[^;\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("(?:^|;)\\s*name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private Multipart() {}

    static boolean isMultipart(String contentType) {
        return contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    static List<Part> parse(String contentType, byte[] body) {
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            throw ApiException.badRequest(10021, "could not parse multipart body: missing boundary");
        }
        byte[] delimiter = ("--" + (m.group(2) != null ? m.group(2) : m.group(1))).getBytes(StandardCharsets.US_ASCII);
        List<Part> parts = new ArrayList<>();
        int position = indexOf(body, delimiter, 0);
        while (position >= 0) {
            int afterDelimiter = position + delimiter.length;
            if (startsWith(body, afterDelimiter, "--")) {
                return parts;
            }
            int headersStart = afterDelimiter + 2; // CRLF after the delimiter line
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), headersStart);
            int next = indexOf(
                    body,
                    ("\r\n" + new String(delimiter, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII),
                    headersEnd);
            if (headersEnd < 0 || next < 0) {
                break;
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            parts.add(part(headers, Arrays.copyOfRange(body, headersEnd + 4, next)));
            position = next + 2;
        }
        throw ApiException.badRequest(10021, "could not parse multipart body: missing closing boundary");
    }

    private static Part part(String headers, byte[] content) {
        String disposition = "";
        String type = "";
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (header.equals("content-disposition")) {
                disposition = value;
            } else if (header.equals("content-type")) {
                type = value;
            }
        }
        Matcher name = NAME.matcher(disposition.substring(Math.max(0, disposition.indexOf(';'))));
        Matcher filename = FILENAME.matcher(disposition);
        return new Part(name.find() ? name.group(1) : "", filename.find() ? filename.group(1) : null, type, content);
    }

    /** Writes parts the way Cloudflare returns module Workers: name = filename = module name, with its type. */
    static byte[] write(String boundary, List<Part> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part part : parts) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n");
            head.append("Content-Disposition: form-data; name=\"")
                    .append(part.name())
                    .append('"');
            if (part.filename() != null) {
                head.append("; filename=\"").append(part.filename()).append('"');
            }
            head.append("\r\n");
            if (!part.contentType().isEmpty()) {
                head.append("Content-Type: ").append(part.contentType()).append("\r\n");
            }
            out.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(part.bytes());
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] data, int from, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        return from + p.length <= data.length && Arrays.equals(data, from, from + p.length, p, 0, p.length);
    }

    static int indexOf(byte[] data, byte[] pattern, int from) {
        if (from < 0) {
            return -1;
        }
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
