package dev.flarelink.cloudflare.sandbox;

import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Multipart uploads as R2 does them (cloudflare-docs {@code r2/objects/multipart-objects}): create, upload part,
 * complete, abort. Parts are 5 MiB to 5 GiB (the minimum is a {@link SandboxSwitches} setting), all parts but the
 * last have the same size and the last is not larger, at most 10,000 parts; the object's ETag is the MD5 of the
 * parts' binary MD5s followed by {@code -<part count>}.
 */
final class S3Multipart {

    static final int MAX_PARTS = 10_000;
    private static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;

    private final SandboxContext ctx;

    S3Multipart(SandboxContext ctx) {
        this.ctx = ctx;
    }

    ApiResponse create(SandboxState.Bucket bucket, String key, Headers headers) {
        S3Objects.requireKeyLength(key);
        S3Metadata metadata = S3Metadata.from(headers);
        SandboxState.MultipartUpload upload = new SandboxState.MultipartUpload();
        upload.userMetadata = metadata.user;
        upload.httpMetadata = metadata.http;
        upload.uploadId = Ids.hex(24);
        upload.key = key;
        String type = S3Auth.first(headers, "Content-Type");
        upload.contentType = type.isEmpty() ? "application/octet-stream" : type;
        upload.initiated = ctx.clock.millis();
        bucket.uploads.put(upload.uploadId, upload);
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<InitiateMultipartUploadResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + S3Xml.element("Bucket", bucket.name) + S3Xml.element("Key", key)
                + S3Xml.element("UploadId", upload.uploadId) + "</InitiateMultipartUploadResult>";
        return ApiResponse.text(200, "application/xml", xml);
    }

    ApiResponse uploadPart(
            String accountId, SandboxState.Bucket bucket, String key, String uploadId, String partNumber, byte[] body) {
        SandboxState.MultipartUpload upload = upload(bucket, key, uploadId);
        int number = partNumber(partNumber);
        if (body.length > MAX_PART_SIZE) {
            throw new S3Error(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed object size.");
        }
        SandboxState.UploadedPart part = new SandboxState.UploadedPart();
        part.number = number;
        part.file = "mpu-" + uploadId + "-" + number;
        part.size = body.length;
        part.etag = Ids.md5Hex(body);
        part.lastModified = ctx.clock.millis();
        write(ctx.store.objectFile(accountId, bucket.name, part.file), body);
        upload.parts.put(number, part);
        return ApiResponse.raw(200, "", new byte[0]).header("ETag", "\"" + part.etag + "\"");
    }

    ApiResponse complete(String accountId, SandboxState.Bucket bucket, String key, String uploadId, byte[] body) {
        SandboxState.MultipartUpload upload = upload(bucket, key, uploadId);
        List<SandboxState.UploadedPart> chosen = chosenParts(upload, body);
        long minimum = ctx.switches.minimumPartSize();
        long first = chosen.get(0).size;
        for (int i = 0; i < chosen.size() - 1; i++) {
            if (chosen.get(i).size < minimum) {
                throw new S3Error(
                        400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size.");
            }
            if (chosen.get(i).size != first) {
                throw new S3Error(400, "InvalidPart", "All non-trailing parts must have the same length.");
            }
        }
        if (chosen.size() > 1 && chosen.get(chosen.size() - 1).size > first) {
            throw new S3Error(
                    400, "InvalidPart", "The last part must be the same size as or smaller than the other parts.");
        }
        SandboxState.R2Object object = new SandboxState.R2Object();
        object.key = key;
        object.file = Ids.sha256Hex(key);
        object.contentType = upload.contentType;
        object.userMetadata = upload.userMetadata;
        object.httpMetadata = upload.httpMetadata;
        object.lastModified = ctx.clock.millis();
        object.etag = assemble(accountId, bucket, chosen, object);
        bucket.objects.put(key, object);
        discard(accountId, bucket, upload);
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<CompleteMultipartUploadResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + S3Xml.element("Location", "/" + bucket.name + "/" + key) + S3Xml.element("Bucket", bucket.name)
                + S3Xml.element("Key", key) + S3Xml.element("ETag", "\"" + object.etag + "\"")
                + "</CompleteMultipartUploadResult>";
        return ApiResponse.text(200, "application/xml", xml);
    }

    /**
     * ListParts ({@code GET ?uploadId=}): the parts uploaded so far in ascending order, paged by {@code max-parts}
     * (at most 1,000) and {@code part-number-marker}.
     */
    ApiResponse listParts(SandboxState.Bucket bucket, String key, String uploadId, Map<String, List<String>> query) {
        SandboxState.MultipartUpload upload = upload(bucket, key, uploadId);
        int maxParts = nonNegative(first(query, "max-parts"), 1000, "max-parts");
        int marker = nonNegative(first(query, "part-number-marker"), 0, "part-number-marker");
        StringBuilder parts = new StringBuilder();
        int listed = 0;
        int last = marker;
        boolean truncated = false;
        for (SandboxState.UploadedPart part : upload.parts.values()) {
            if (part.number <= marker) {
                continue;
            }
            if (listed == Math.min(maxParts, 1000)) {
                truncated = true;
                break;
            }
            listed++;
            last = part.number;
            parts.append("<Part>")
                    .append(S3Xml.element("PartNumber", String.valueOf(part.number)))
                    .append(S3Xml.element(
                            "LastModified",
                            java.time.Instant.ofEpochMilli(part.lastModified).toString()))
                    .append(S3Xml.element("ETag", "\"" + part.etag + "\""))
                    .append(S3Xml.element("Size", String.valueOf(part.size)))
                    .append("</Part>");
        }
        String xml = S3Xml.PROLOG + "<ListPartsResult xmlns=\"" + S3Xml.NAMESPACE + "\">"
                + S3Xml.element("Bucket", bucket.name) + S3Xml.element("Key", key)
                + S3Xml.element("UploadId", uploadId)
                + S3Xml.element("PartNumberMarker", String.valueOf(marker))
                + S3Xml.element("NextPartNumberMarker", String.valueOf(last))
                + S3Xml.element("MaxParts", String.valueOf(Math.min(maxParts, 1000)))
                + S3Xml.element("IsTruncated", String.valueOf(truncated))
                + S3Xml.element("StorageClass", "STANDARD") + parts + "</ListPartsResult>";
        return ApiResponse.text(200, "application/xml", xml);
    }

    private static int nonNegative(String text, int fallback, String name) {
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new S3Error(400, "InvalidArgument", "Provided " + name + " is not a non-negative integer");
    }

    ApiResponse abort(String accountId, SandboxState.Bucket bucket, String key, String uploadId) {
        discard(accountId, bucket, upload(bucket, key, uploadId));
        return ApiResponse.raw(204, "", new byte[0]);
    }

    /** The parts named in the CompleteMultipartUpload body, in ascending order, each with the ETag it was given. */
    private static List<SandboxState.UploadedPart> chosenParts(SandboxState.MultipartUpload upload, byte[] body) {
        NodeList parts = S3Xml.parse(body).getElementsByTagName("Part");
        if (parts.getLength() == 0) {
            throw S3Xml.malformed();
        }
        List<SandboxState.UploadedPart> chosen = new ArrayList<>();
        int previous = 0;
        for (int i = 0; i < parts.getLength(); i++) {
            Element part = (Element) parts.item(i);
            int number = partNumber(text(part, "PartNumber"));
            if (number <= previous) {
                throw new S3Error(400, "InvalidPartOrder", "The list of parts was not in ascending order.");
            }
            previous = number;
            SandboxState.UploadedPart uploaded = upload.parts.get(number);
            String etag = text(part, "ETag").replace("\"", "");
            if (uploaded == null || !uploaded.etag.equals(etag)) {
                throw new S3Error(
                        400,
                        "InvalidPart",
                        "One or more of the specified parts could not be found. The part might not have been uploaded,"
                                + " or the specified entity tag might not have matched the part's entity tag.");
            }
            chosen.add(uploaded);
        }
        return chosen;
    }

    /** Concatenates the parts into the object's file; returns the multipart ETag. */
    private String assemble(
            String accountId,
            SandboxState.Bucket bucket,
            List<SandboxState.UploadedPart> parts,
            SandboxState.R2Object object) {
        Path target = ctx.store.objectFile(accountId, bucket.name, object.file);
        StringBuilder md5s = new StringBuilder();
        long size = 0;
        try {
            Files.createDirectories(target.getParent());
            try (OutputStream out = Files.newOutputStream(target)) {
                for (SandboxState.UploadedPart part : parts) {
                    size += Files.copy(ctx.store.objectFile(accountId, bucket.name, part.file), out);
                    md5s.append(part.etag);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        object.size = size;
        return Ids.md5Hex(HexFormat.of().parseHex(md5s)) + "-" + parts.size();
    }

    private void discard(String accountId, SandboxState.Bucket bucket, SandboxState.MultipartUpload upload) {
        bucket.uploads.remove(upload.uploadId);
        try {
            for (SandboxState.UploadedPart part : upload.parts.values()) {
                Files.deleteIfExists(ctx.store.objectFile(accountId, bucket.name, part.file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SandboxState.MultipartUpload upload(SandboxState.Bucket bucket, String key, String uploadId) {
        SandboxState.MultipartUpload upload = bucket.uploads.get(uploadId);
        if (upload == null || !upload.key.equals(key)) {
            throw new S3Error(
                    404,
                    "NoSuchUpload",
                    "The specified multipart upload does not exist. The upload ID may be invalid, or the upload may"
                            + " have been aborted or completed.");
        }
        return upload;
    }

    private static int partNumber(String text) {
        try {
            int number = Integer.parseInt(text.strip());
            if (number >= 1 && number <= MAX_PARTS) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below, as S3 does
        }
        throw new S3Error(400, "InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive");
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }
}
