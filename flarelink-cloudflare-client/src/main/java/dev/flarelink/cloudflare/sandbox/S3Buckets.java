package dev.flarelink.cloudflare.sandbox;

import com.sun.net.httpserver.Headers;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bucket-level S3 calls: ListBuckets, CreateBucket, DeleteBucket, DeleteObjects, and the bucket CORS policy. The CORS
 * policy is the very {@link SandboxState.Bucket#corsRules} the REST API sets and reads, translated between S3's XML
 * and R2's camelCase JSON, so both views always agree.
 */
final class S3Buckets {

    private static final int MAX_DELETE_KEYS = 1000;
    private static final Set<String> CORS_RULE_ELEMENTS =
            Set.of("ID", "AllowedOrigin", "AllowedMethod", "AllowedHeader", "ExposeHeader", "MaxAgeSeconds");
    private static final Set<String> CORS_METHODS = Set.of("GET", "PUT", "POST", "DELETE", "HEAD");
    /** LocationConstraint values R2 takes: its region {@code auto} (and the aliases) or a location hint. */
    private static final Set<String> LOCATIONS = Set.of("apac", "eeur", "enam", "weur", "wnam", "oc");

    private final SandboxContext ctx;
    private final S3Objects objects;

    S3Buckets(SandboxContext ctx, S3Objects objects) {
        this.ctx = ctx;
        this.objects = objects;
    }

    /** ListBuckets ({@code GET /}): the account's buckets by name, with {@code prefix}. */
    ApiResponse list(SandboxState.Account account, Map<String, List<String>> query) {
        String prefix = S3Multipart.first(query, "prefix");
        StringBuilder buckets = new StringBuilder();
        for (SandboxState.Bucket bucket : account.buckets.values()) {
            if (bucket.name.startsWith(prefix)) {
                buckets.append("<Bucket>")
                        .append(S3Xml.element("Name", bucket.name))
                        .append(S3Xml.element(
                                "CreationDate",
                                Instant.ofEpochMilli(bucket.creationDate).toString()))
                        .append("</Bucket>");
            }
        }
        String xml = S3Xml.PROLOG + "<ListAllMyBucketsResult xmlns=\"" + S3Xml.NAMESPACE + "\">" + "<Owner>"
                + S3Xml.element("ID", account.id) + S3Xml.element("DisplayName", account.id) + "</Owner>"
                + "<Buckets>" + buckets + "</Buckets>"
                + (prefix.isEmpty() ? "" : S3Xml.element("Prefix", prefix)) + "</ListAllMyBucketsResult>";
        return ApiResponse.text(200, "application/xml", xml);
    }

    /**
     * CreateBucket ({@code PUT /<bucket>}) with the REST API's name rule. Bucket names are unique per account on R2,
     * so an existing name is always the caller's own: 409 BucketAlreadyOwnedByYou.
     */
    ApiResponse create(SandboxState.Account account, String name, byte[] body) {
        if (!name.matches(R2Routes.BUCKET_NAME)) {
            throw new S3Error(
                    400,
                    "InvalidBucketName",
                    "The specified bucket is not valid: use 3 to 63 lowercase letters, digits and hyphens, starting"
                            + " and ending with a letter or digit.");
        }
        String location = location(body);
        if (account.buckets.containsKey(name)) {
            throw new S3Error(
                    409,
                    "BucketAlreadyOwnedByYou",
                    "Your previous request to create the named bucket succeeded and you already own it.");
        }
        SandboxState.Bucket bucket = new SandboxState.Bucket();
        bucket.name = name;
        bucket.creationDate = ctx.clock.millis();
        bucket.location = location;
        account.buckets.put(name, bucket);
        return ApiResponse.raw(200, "", new byte[0]).header("Location", "/" + name);
    }

    /** The bucket's location from an optional CreateBucketConfiguration; {@code auto}, empty and us-east-1 alias. */
    private static String location(byte[] body) {
        if (body.length == 0) {
            return "weur";
        }
        Document document = S3Xml.parse(body);
        String constraint = S3Xml.childText(document.getDocumentElement(), "LocationConstraint")
                .strip()
                .toLowerCase(Locale.ROOT);
        if (constraint.isEmpty() || constraint.equals("auto") || constraint.equals("us-east-1")) {
            return "weur";
        }
        if (!LOCATIONS.contains(constraint)) {
            throw new S3Error(
                    400,
                    "InvalidLocationConstraint",
                    "The specified location-constraint is not valid: use auto or one of apac, eeur, enam, weur,"
                            + " wnam, oc.");
        }
        return constraint;
    }

    /** DeleteBucket: only an empty bucket (no objects, no multipart upload in progress) can be deleted. */
    ApiResponse delete(SandboxState.Account account, SandboxState.Bucket bucket) {
        if (!bucket.objects.isEmpty() || !bucket.uploads.isEmpty()) {
            throw new S3Error(409, "BucketNotEmpty", "The bucket you tried to delete is not empty.");
        }
        account.buckets.remove(bucket.name);
        return ApiResponse.raw(204, "", new byte[0]);
    }

    /**
     * DeleteObjects ({@code POST ?delete}): up to 1,000 keys, each answered Deleted (also when it did not exist, as
     * S3 does) or with a per-key Error; Quiet mode lists only the errors. The body must come with Content-MD5 or an
     * {@code x-amz-checksum-*} header, as S3 requires, and the digest must match.
     */
    ApiResponse deleteObjects(SandboxState.Bucket bucket, byte[] body, Headers headers) {
        verifyDigest(body, headers);
        Element root = S3Xml.parse(body).getDocumentElement();
        List<Element> entries = S3Xml.children(root, "Object");
        if (!S3Xml.localName(root).equals("Delete") || entries.isEmpty() || entries.size() > MAX_DELETE_KEYS) {
            throw S3Xml.malformed();
        }
        boolean quiet = S3Xml.childText(root, "Quiet").strip().equalsIgnoreCase("true");
        StringBuilder result = new StringBuilder(S3Xml.PROLOG + "<DeleteResult xmlns=\"" + S3Xml.NAMESPACE + "\">");
        for (Element entry : entries) {
            String key = S3Xml.childText(entry, "Key");
            try {
                if (key.isEmpty()) {
                    throw new S3Error(400, "InvalidArgument", "An object key is required.");
                }
                S3Objects.requireKeyLength(key);
                objects.delete(bucket, key);
                if (!quiet) {
                    result.append("<Deleted>").append(S3Xml.element("Key", key)).append("</Deleted>");
                }
            } catch (S3Error e) {
                result.append("<Error>")
                        .append(S3Xml.element("Key", key))
                        .append(S3Xml.element("Code", e.code))
                        .append(S3Xml.element("Message", String.valueOf(e.getMessage())))
                        .append("</Error>");
            }
        }
        return ApiResponse.text(
                200, "application/xml", result.append("</DeleteResult>").toString());
    }

    /** GetBucketCors: the REST API's rules as S3's CORSConfiguration; none (or no rule) is NoSuchCORSConfiguration. */
    ApiResponse getCors(SandboxState.Bucket bucket) {
        JsonNode rules = bucket.corsRules == null ? null : bucket.corsRules.path("rules");
        if (rules == null || rules.isEmpty()) {
            throw new S3Error(404, "NoSuchCORSConfiguration", "The CORS configuration does not exist");
        }
        StringBuilder xml = new StringBuilder(S3Xml.PROLOG + "<CORSConfiguration xmlns=\"" + S3Xml.NAMESPACE + "\">");
        for (JsonNode rule : rules) {
            xml.append("<CORSRule>");
            if (rule.path("id").isString()) {
                xml.append(S3Xml.element("ID", rule.path("id").asString()));
            }
            JsonNode allowed = rule.path("allowed");
            Cors.textList(allowed.path("origins")).forEach(o -> xml.append(S3Xml.element("AllowedOrigin", o)));
            Cors.textList(allowed.path("methods")).forEach(m -> xml.append(S3Xml.element("AllowedMethod", m)));
            Cors.textList(allowed.path("headers")).forEach(h -> xml.append(S3Xml.element("AllowedHeader", h)));
            Cors.textList(rule.path("exposeHeaders")).forEach(h -> xml.append(S3Xml.element("ExposeHeader", h)));
            if (rule.has("maxAgeSeconds")) {
                xml.append(S3Xml.element(
                        "MaxAgeSeconds",
                        String.valueOf(rule.path("maxAgeSeconds").asLong())));
            }
            xml.append("</CORSRule>");
        }
        return ApiResponse.text(
                200, "application/xml", xml.append("</CORSConfiguration>").toString());
    }

    /** PutBucketCors: S3's XML becomes the R2 rules the REST API serves, checked by the same validation. */
    ApiResponse putCors(SandboxState.Bucket bucket, byte[] body) {
        Element root = S3Xml.parse(body).getDocumentElement();
        List<Element> rules = S3Xml.children(root, "CORSRule");
        if (!S3Xml.localName(root).equals("CORSConfiguration") || rules.isEmpty()) {
            throw S3Xml.malformed();
        }
        ArrayNode converted = Json.array();
        for (Element rule : rules) {
            converted.add(corsRule(rule));
        }
        ObjectNode policy = Json.object();
        policy.set("rules", converted);
        try {
            Cors.validate(policy);
        } catch (ApiException e) {
            throw new S3Error(
                    400,
                    "MalformedXML",
                    "The CORS configuration is not valid for R2: every CORSRule needs at least one AllowedOrigin and"
                            + " AllowedMethod, and MaxAgeSeconds must be between 0 and 86400.");
        }
        bucket.corsRules = policy;
        return ApiResponse.raw(200, "", new byte[0]);
    }

    ApiResponse deleteCors(SandboxState.Bucket bucket) {
        bucket.corsRules = null;
        return ApiResponse.raw(204, "", new byte[0]);
    }

    private static ObjectNode corsRule(Element rule) {
        org.w3c.dom.NodeList nodes = rule.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element child && !CORS_RULE_ELEMENTS.contains(S3Xml.localName(child))) {
                throw S3Xml.malformed();
            }
        }
        ObjectNode json = Json.object();
        String id = S3Xml.childText(rule, "ID");
        if (!id.isEmpty()) {
            json.put("id", id);
        }
        ObjectNode allowed = json.putObject("allowed");
        allowed.set("origins", texts(rule, "AllowedOrigin"));
        ArrayNode methods = texts(rule, "AllowedMethod");
        for (JsonNode method : methods) {
            if (!CORS_METHODS.contains(method.asString())) {
                throw new S3Error(
                        400,
                        "InvalidRequest",
                        "Found unsupported HTTP method in CORS config. Unsupported method is " + method.asString()
                                + "; use GET, PUT, POST, DELETE or HEAD.");
            }
        }
        allowed.set("methods", methods);
        if (!S3Xml.children(rule, "AllowedHeader").isEmpty()) {
            allowed.set("headers", texts(rule, "AllowedHeader"));
        }
        if (!S3Xml.children(rule, "ExposeHeader").isEmpty()) {
            json.set("exposeHeaders", texts(rule, "ExposeHeader"));
        }
        String maxAge = S3Xml.childText(rule, "MaxAgeSeconds").strip();
        if (!maxAge.isEmpty()) {
            try {
                json.put("maxAgeSeconds", Long.parseLong(maxAge));
            } catch (NumberFormatException e) {
                throw S3Xml.malformed();
            }
        }
        return json;
    }

    private static ArrayNode texts(Element parent, String name) {
        ArrayNode values = Json.array();
        S3Xml.children(parent, name)
                .forEach(child -> values.add(child.getTextContent().strip()));
        return values;
    }

    /** Content-MD5 or one {@code x-amz-checksum-*} header must be present and match the body. */
    private static void verifyDigest(byte[] body, Headers headers) {
        String md5 = S3Auth.first(headers, "Content-MD5");
        if (!md5.isEmpty()) {
            requireMatch(md5, digest("MD5", body), "Content-MD5");
            return;
        }
        String crc32 = S3Auth.first(headers, "x-amz-checksum-crc32");
        if (!crc32.isEmpty()) {
            requireMatch(crc32, checksum(new CRC32(), body), "CRC32");
            return;
        }
        String crc32c = S3Auth.first(headers, "x-amz-checksum-crc32c");
        if (!crc32c.isEmpty()) {
            requireMatch(crc32c, checksum(new CRC32C(), body), "CRC32C");
            return;
        }
        String sha1 = S3Auth.first(headers, "x-amz-checksum-sha1");
        if (!sha1.isEmpty()) {
            requireMatch(sha1, digest("SHA-1", body), "SHA1");
            return;
        }
        String sha256 = S3Auth.first(headers, "x-amz-checksum-sha256");
        if (!sha256.isEmpty()) {
            requireMatch(sha256, digest("SHA-256", body), "SHA256");
            return;
        }
        // CRC64NVME has no JDK implementation: its presence is accepted without checking the value.
        if (S3Auth.first(headers, "x-amz-checksum-crc64nvme").isEmpty()) {
            throw new S3Error(
                    400,
                    "InvalidRequest",
                    "Missing required header for this request: Content-MD5 OR x-amz-checksum-* (DeleteObjects needs a"
                            + " digest of its body).");
        }
    }

    private static void requireMatch(String sent, byte[] computed, String name) {
        if (!sent.strip().equals(Base64.getEncoder().encodeToString(computed))) {
            throw new S3Error(
                    400, "BadDigest", "The " + name + " you specified did not match the calculated checksum.");
        }
    }

    private static byte[] digest(String algorithm, byte[] body) {
        try {
            return MessageDigest.getInstance(algorithm).digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] checksum(Checksum checksum, byte[] body) {
        checksum.update(body, 0, body.length);
        return ByteBuffer.allocate(4).putInt((int) checksum.getValue()).array();
    }
}
