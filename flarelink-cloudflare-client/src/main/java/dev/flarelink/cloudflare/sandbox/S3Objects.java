package dev.flarelink.cloudflare.sandbox;

import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Object storage behind the S3 endpoint: bytes in files, metadata in state; PUT, GET/HEAD, DELETE, ListObjectsV2. */
final class S3Objects {

    private final SandboxContext ctx;

    S3Objects(SandboxContext ctx) {
        this.ctx = ctx;
    }

    /** R2's longest key, in UTF-8 bytes. */
    static final int MAX_KEY_BYTES = 1024;

    ApiResponse put(String accountId, SandboxState.Bucket bucket, String key, byte[] body, Headers headers) {
        requireKeyLength(key);
        S3Metadata metadata = S3Metadata.from(headers);
        SandboxState.R2Object existing = bucket.objects.get(key);
        if ("*".equals(S3Auth.first(headers, "If-None-Match")) && existing != null) {
            throw new S3Error(
                    412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
        }
        SandboxState.R2Object object = new SandboxState.R2Object();
        object.key = key;
        object.file = Ids.sha256Hex(key);
        object.size = body.length;
        object.etag = Ids.md5Hex(body);
        String type = S3Auth.first(headers, "Content-Type");
        object.contentType = type.isEmpty() ? "application/octet-stream" : type;
        object.lastModified = ctx.clock.millis();
        object.userMetadata = metadata.user;
        object.httpMetadata = metadata.http;
        write(ctx.store.objectFile(accountId, bucket.name, object.file), body);
        bucket.objects.put(key, object);
        return ApiResponse.raw(200, "", new byte[0]).header("ETag", "\"" + object.etag + "\"");
    }

    static void requireKeyLength(String key) {
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new S3Error(400, "KeyTooLongError", "Your key is too long: R2 keys are at most 1,024 bytes.");
        }
    }

    /**
     * CopyObject ({@code PUT} with {@code x-amz-copy-source: /bucket/key}) within the signer's account. The source's
     * metadata is copied unless {@code x-amz-metadata-directive: REPLACE}, which takes it from this request.
     * {@code x-amz-copy-source-if-match} and {@code -if-none-match} are honoured.
     */
    ApiResponse copy(
            String accountId,
            SandboxState.Bucket target,
            String key,
            SandboxState.Bucket source,
            String sourceKey,
            Headers headers) {
        requireKeyLength(key);
        SandboxState.R2Object from = source.objects.get(sourceKey);
        if (from == null) {
            throw new S3Error(404, "NoSuchKey", "The specified key does not exist.");
        }
        String ifMatch = S3Auth.first(headers, "x-amz-copy-source-if-match").replace("\"", "");
        String ifNoneMatch =
                S3Auth.first(headers, "x-amz-copy-source-if-none-match").replace("\"", "");
        if (!ifMatch.isEmpty() && !ifMatch.equals(from.etag)
                || !ifNoneMatch.isEmpty() && ifNoneMatch.equals(from.etag)) {
            throw new S3Error(
                    412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
        }
        String directive = S3Auth.first(headers, "x-amz-metadata-directive");
        boolean replace = directive.equalsIgnoreCase("REPLACE");
        if (!replace && !directive.isEmpty() && !directive.equalsIgnoreCase("COPY")) {
            throw new S3Error(
                    400, "InvalidArgument", "Unknown metadata directive '" + directive + "': use COPY or REPLACE.");
        }
        byte[] bytes = read(ctx.store.objectFile(accountIdOf(source), source.name, from.file));
        SandboxState.R2Object object = new SandboxState.R2Object();
        object.key = key;
        object.file = Ids.sha256Hex(key);
        object.size = bytes.length;
        object.etag = from.etag;
        object.lastModified = ctx.clock.millis();
        if (replace) {
            S3Metadata metadata = S3Metadata.from(headers);
            String type = S3Auth.first(headers, "Content-Type");
            object.contentType = type.isEmpty() ? "application/octet-stream" : type;
            object.userMetadata = metadata.user;
            object.httpMetadata = metadata.http;
        } else {
            object.contentType = from.contentType;
            object.userMetadata = new java.util.TreeMap<>(from.userMetadata);
            object.httpMetadata = new java.util.TreeMap<>(from.httpMetadata);
        }
        write(ctx.store.objectFile(accountId, target.name, object.file), bytes);
        target.objects.put(key, object);
        String xml = S3Xml.PROLOG + "<CopyObjectResult xmlns=\"" + S3Xml.NAMESPACE + "\">"
                + S3Xml.element(
                        "LastModified",
                        Instant.ofEpochMilli(object.lastModified).toString())
                + S3Xml.element("ETag", "\"" + object.etag + "\"") + "</CopyObjectResult>";
        return ApiResponse.text(200, "application/xml", xml);
    }

    ApiResponse get(SandboxState.Bucket bucket, String key, String range) {
        SandboxState.R2Object object = bucket.objects.get(key);
        if (object == null) {
            throw new S3Error(404, "NoSuchKey", "The specified key does not exist.");
        }
        byte[] bytes = read(ctx.store.objectFile(accountIdOf(bucket), bucket.name, object.file));
        long[] span = range(range, bytes.length);
        int status = 200;
        if (span != null) {
            bytes = java.util.Arrays.copyOfRange(bytes, (int) span[0], (int) span[1] + 1);
            status = 206;
        }
        ApiResponse response = S3Metadata.answer(ApiResponse.raw(status, object.contentType, bytes), object)
                .header("ETag", "\"" + object.etag + "\"")
                .header("Accept-Ranges", "bytes")
                .header(
                        "Last-Modified",
                        DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                Instant.ofEpochMilli(object.lastModified).atOffset(ZoneOffset.UTC)))
                .header("Content-Length", String.valueOf(bytes.length));
        return span == null
                ? response
                : response.header("Content-Range", "bytes " + span[0] + "-" + span[1] + "/" + object.size);
    }

    /**
     * The inclusive byte span a single {@code Range: bytes=a-b}, {@code a-} or {@code -n} asks for; null for no (or an
     * unparseable or multi-range) header, which S3 answers with the whole object; 416 when it starts past the end.
     */
    static long @Nullable [] range(String header, long size) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("^bytes=(\\d*)-(\\d*)$").matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        long start;
        long end;
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                start = Math.max(0, size - suffix);
                end = size - 1;
                if (suffix == 0) {
                    throw unsatisfiable(size);
                }
            } else {
                start = Long.parseLong(m.group(1));
                end = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
                if (end < start && !m.group(2).isEmpty() && start < size) {
                    return null; // a-b with b < a is ignored, as S3 does
                }
            }
        } catch (NumberFormatException tooLarge) {
            return null;
        }
        if (start >= size) {
            throw unsatisfiable(size);
        }
        return new long[] {start, end};
    }

    private static S3Error unsatisfiable(long size) {
        return new S3Error(416, "InvalidRange", "The requested range is not satisfiable");
    }

    ApiResponse delete(SandboxState.Bucket bucket, String key) {
        SandboxState.R2Object removed = bucket.objects.remove(key);
        if (removed != null) {
            try {
                Files.deleteIfExists(ctx.store.objectFile(accountIdOf(bucket), bucket.name, removed.file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ApiResponse.raw(204, "", new byte[0]);
    }

    /**
     * ListObjects v1 ({@code marker}) and v2 ({@code list-type=2}: continuation tokens, {@code start-after}) with
     * prefix, delimiter (common prefixes), max-keys and {@code encoding-type=url}.
     */
    ApiResponse list(SandboxState.Bucket bucket, Map<String, List<String>> query) {
        String prefix = first(query, "prefix");
        String delimiter = first(query, "delimiter");
        String token = first(query, "continuation-token");
        String startAfter = first(query, "start-after");
        int maxKeys = maxKeys(first(query, "max-keys"));
        String encodingType = first(query, "encoding-type");
        if (!encodingType.isEmpty() && !encodingType.equals("url")) {
            throw new S3Error(400, "InvalidArgument", "Invalid Encoding Method specified in Request: use 'url'.");
        }
        boolean url = !encodingType.isEmpty();
        // ListObjects v1 (no list-type=2) pages with marker / NextMarker instead of continuation tokens.
        boolean v1 = !"2".equals(first(query, "list-type"));
        String marker = first(query, "marker");
        String after = v1 ? marker : token.isEmpty() ? startAfter : decodeToken(token);
        StringBuilder contents = new StringBuilder();
        String lastPrefix = null;
        String last = null;
        int count = 0;
        boolean truncated = false;
        for (SandboxState.R2Object object : bucket.objects.values()) {
            String key = object.key;
            if (!key.startsWith(prefix) || alreadyListed(key, after, delimiter)) {
                continue;
            }
            int cut = delimiter.isEmpty() ? -1 : key.indexOf(delimiter, prefix.length());
            String common = cut < 0 ? null : key.substring(0, cut + delimiter.length());
            if (common != null && common.equals(lastPrefix)) {
                continue;
            }
            if (count == maxKeys) {
                truncated = maxKeys > 0;
                break;
            }
            count++;
            if (common != null) {
                contents.append("<CommonPrefixes>")
                        .append(S3Xml.element("Prefix", encoded(common, url)))
                        .append("</CommonPrefixes>");
                lastPrefix = common;
                last = common;
            } else {
                contents.append(entry(object, url));
                last = key;
            }
        }
        StringBuilder xml = new StringBuilder(S3Xml.PROLOG);
        xml.append("<ListBucketResult xmlns=\"" + S3Xml.NAMESPACE + "\">");
        xml.append(S3Xml.element("Name", bucket.name)).append(S3Xml.element("Prefix", encoded(prefix, url)));
        if (v1) {
            xml.append(S3Xml.element("Marker", encoded(marker, url)));
        } else {
            xml.append(S3Xml.element("KeyCount", String.valueOf(count)));
            if (!startAfter.isEmpty()) {
                xml.append(S3Xml.element("StartAfter", encoded(startAfter, url)));
            }
        }
        xml.append(S3Xml.element("MaxKeys", String.valueOf(maxKeys)));
        if (!delimiter.isEmpty()) {
            xml.append(S3Xml.element("Delimiter", encoded(delimiter, url)));
        }
        if (url) {
            xml.append(S3Xml.element("EncodingType", "url"));
        }
        xml.append(S3Xml.element("IsTruncated", String.valueOf(truncated)));
        if (!token.isEmpty() && !v1) {
            xml.append(S3Xml.element("ContinuationToken", token));
        }
        // As on S3, v1 answers NextMarker only when a delimiter was given; without one a client continues from the
        // last key it received, which is the same point.
        if (v1 && truncated && last != null && !delimiter.isEmpty()) {
            xml.append(S3Xml.element("NextMarker", encoded(last, url)));
        } else if (!v1 && truncated && last != null) {
            String next = Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8));
            xml.append(S3Xml.element("NextContinuationToken", next));
        }
        xml.append(contents).append("</ListBucketResult>");
        return ApiResponse.text(200, "application/xml", xml.toString());
    }

    /** With {@code encoding-type=url}, names are percent-encoded (slashes kept) so any byte survives the XML. */
    static String encoded(String text, boolean url) {
        return url ? PercentCodec.encode(text, true) : text;
    }

    /** S3 answers at most 1,000 entries a page whatever max-keys asks for; a negative or non-number is refused. */
    private static int maxKeys(String text) {
        if (text.isEmpty()) {
            return 1000;
        }
        try {
            int asked = Integer.parseInt(text);
            if (asked >= 0) {
                return Math.min(1000, asked);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new S3Error(400, "InvalidArgument", "Provided max-keys not an integer or within integer range");
    }

    /** The token is the last key (or common prefix) of the previous page, opaque to the client. */
    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new S3Error(400, "InvalidArgument", "The continuation token provided is incorrect");
        }
    }

    /** Keys up to the continuation point, and keys under a common prefix that was already returned. */
    private static boolean alreadyListed(String key, String after, String delimiter) {
        if (after.isEmpty()) {
            return false;
        }
        boolean underListedPrefix = !delimiter.isEmpty() && after.endsWith(delimiter) && key.startsWith(after);
        return key.compareTo(after) <= 0 || underListedPrefix;
    }

    private static String entry(SandboxState.R2Object object, boolean url) {
        return "<Contents>" + S3Xml.element("Key", encoded(object.key, url))
                + S3Xml.element(
                        "LastModified",
                        Instant.ofEpochMilli(object.lastModified).toString())
                + S3Xml.element("ETag", "\"" + object.etag + "\"")
                + S3Xml.element("Size", String.valueOf(object.size))
                + S3Xml.element("StorageClass", "STANDARD") + "</Contents>";
    }

    private String accountIdOf(SandboxState.Bucket bucket) {
        for (SandboxState.Account account : ctx.state.accounts.values()) {
            if (account.buckets.get(bucket.name) == bucket) {
                return account.id;
            }
        }
        throw new IllegalStateException("bucket without account");
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
