package dev.flarelink.files;

import dev.flarelink.activity.ActivityService;
import dev.flarelink.connect.ConnectedAccount;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The file browser of a bucket attached to a project: lists one level (prefixes as folders) and signs presigned
 * PUT and GET URLs with the project's keypair read from its {@code flarelink_config}. The browser talks to R2
 * directly: object bytes never pass through Flarelink.
 */
@Service
public class FileBrowserService {

    /** How long a presigned upload or download URL works. */
    public static final Duration URL_VALIDITY = Duration.ofMinutes(15);

    /** Entries per page of the browser by default: S3's and R2's maximum for one ListObjectsV2 answer. */
    public static final int PAGE_SIZE = 1000;

    private static final int MAX_KEY_BYTES = 1024;
    private static final int MAX_TOKEN_LENGTH = 2048;

    private final BucketScopes scopes;
    private final ActivityService activity;
    private final ProjectFilesService projects;
    private final R2Endpoint endpoint;
    private final S3Transport s3;
    private final int pageSize;

    FileBrowserService(
            BucketScopes scopes,
            ActivityService activity,
            ProjectFilesService projects,
            R2Endpoint endpoint,
            S3Transport s3,
            @Value("${flarelink.files.page-size:" + PAGE_SIZE + "}") int pageSize) {
        if (pageSize < 1 || pageSize > PAGE_SIZE) {
            throw new IllegalArgumentException("flarelink.files.page-size must be between 1 and 1000 (R2's maximum)");
        }
        this.scopes = scopes;
        this.activity = activity;
        this.projects = projects;
        this.endpoint = endpoint;
        this.s3 = s3;
        this.pageSize = pageSize;
    }

    /** Entries (folders and objects together) on one page of the browser. */
    public int pageSize() {
        return pageSize;
    }

    /** The first page of folders and objects directly under {@code prefix} (empty for the root). */
    public ObjectListing list(UUID userId, UUID connectionId, String bucket, String prefix) {
        return list(userId, connectionId, bucket, prefix, null);
    }

    /**
     * One page (ListObjectsV2, {@link #pageSize()} entries, folders counted like objects) of the folders and objects
     * directly under {@code prefix} (empty for the root; a folder prefix ends in /). {@code pageToken} is the
     * {@link ObjectListing#nextPageToken()} of the page before, or null for the first page.
     */
    public ObjectListing list(
            UUID userId, UUID connectionId, String bucket, String prefix, @Nullable String pageToken) {
        String clean = folder(prefix);
        String token = pageToken == null || pageToken.isEmpty() ? null : checkPageToken(pageToken);
        Signing signing = signing(userId, connectionId, bucket);
        URI url = URI.create(signing.root() + "/" + bucket + "?list-type=2&delimiter=%2F&max-keys=" + pageSize
                + (clean.isEmpty() ? "" : "&prefix=" + encode(clean))
                + (token == null ? "" : "&continuation-token=" + encode(token)));
        S3Transport.Answer answer = s3.signed("GET", url, signing.keypair(), new byte[0]);
        if (token != null && answer.status() == 400) {
            throw new FilesProblemException(
                    "browser",
                    "R2 did not accept this page link (it may be from another folder): go back to the first page.");
        }
        if (answer.status() != 200) {
            throw new FilesProblemException(
                    "browser",
                    "R2 refused to list the bucket with the project's key (HTTP " + answer.status() + "). If the key "
                            + "was revoked in Cloudflare, create a new one below.");
        }
        return ListingXml.parse(answer.body(), clean, token);
    }

    /** A URL the browser PUTs the object's bytes to, valid for {@link #URL_VALIDITY}. */
    public URI uploadUrl(UUID userId, UUID connectionId, String bucket, String key) {
        return presign(userId, connectionId, bucket, key, "PUT");
    }

    /**
     * A URL that downloads the object as a file (not shown inline, where a browser may guess the wrong charset),
     * with the object's own content type, valid for {@link #URL_VALIDITY}. R2 applies the signed
     * {@code response-content-disposition} and {@code response-content-type} to its answer.
     */
    public URI downloadUrl(UUID userId, UUID connectionId, String bucket, String key) {
        checkKey(key);
        Signing signing = signing(userId, connectionId, bucket);
        URI object = objectUrl(signing.root(), bucket, key);
        S3Transport.Answer head = s3.signed("HEAD", object, signing.keypair(), new byte[0]);
        if (head.status() == 404) {
            throw new FilesProblemException(
                    "browser", "That file is no longer in the bucket: reload the folder to see what is there now.");
        }
        String name = key.substring(key.lastIndexOf('/') + 1);
        URI overridden = URI.create(object + "?response-content-disposition=" + encode(attachment(name))
                + "&response-content-type=" + encode(contentType(head)));
        URI url = s3.presign("GET", overridden, signing.keypair(), URL_VALIDITY);
        activity.recordAction(
                scopes.action(userId, connectionId, bucket, "object.download_signed", "ok", bucket + "/" + key));
        return url;
    }

    /** {@code attachment} with the file's name, as RFC 6266 says: an ASCII fallback and the exact UTF-8 name. */
    static String attachment(String name) {
        String ascii = name.chars()
                .map(c -> c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? '_' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encode(name);
    }

    // The type R2 stored with the object; a missing or unprintable one downloads as plain bytes.
    private static String contentType(S3Transport.Answer head) {
        String type = head.headers().getOrDefault("content-type", "").strip();
        return type.isEmpty() || type.chars().anyMatch(c -> c < 0x20 || c > 0x7e) ? "application/octet-stream" : type;
    }

    /** Deletes the objects (signed DELETEs); returns how many R2 accepted. */
    public int delete(UUID userId, UUID connectionId, String bucket, List<String> keys) {
        if (keys.isEmpty()) {
            throw new FilesProblemException("delete", "Tick the files to delete first.");
        }
        keys.forEach(FileBrowserService::checkKey);
        Signing signing = signing(userId, connectionId, bucket);
        int deleted = 0;
        for (String key : keys) {
            S3Transport.Answer answer =
                    s3.signed("DELETE", objectUrl(signing.root(), bucket, key), signing.keypair(), new byte[0]);
            if (answer.status() / 100 == 2) {
                deleted++;
            }
        }
        activity.recordAction(scopes.action(
                userId,
                connectionId,
                bucket,
                "object.deleted",
                "ok",
                deleted + " of " + keys.size() + " object(s) deleted from " + bucket));
        return deleted;
    }

    private URI presign(UUID userId, UUID connectionId, String bucket, String key, String method) {
        checkKey(key);
        Signing signing = signing(userId, connectionId, bucket);
        URI url = s3.presign(method, objectUrl(signing.root(), bucket, key), signing.keypair(), URL_VALIDITY);
        activity.recordAction(scopes.action(
                userId,
                connectionId,
                bucket,
                method.equals("PUT") ? "object.upload_signed" : "object.download_signed",
                "ok",
                bucket + "/" + key));
        return url;
    }

    Signing signing(UUID userId, UUID connectionId, String bucket) {
        BucketName.existing(bucket);
        ConnectedAccount account = scopes.open(userId, connectionId, bucket);
        S3Keypair keypair = projects.keypairFor(userId, account, bucket);
        return new Signing(endpoint.forAccount(account.accountId()), keypair);
    }

    static URI objectUrl(URI root, String bucket, String key) {
        StringBuilder path = new StringBuilder();
        for (String part : key.split("/", -1)) {
            path.append('/').append(encode(part));
        }
        return URI.create(root + "/" + bucket + path);
    }

    /** SigV4's UriEncode: URLEncoder's output, but space, '*' and '~' as AWS (and so R2) canonicalise them. */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static String folder(String prefix) {
        String clean = prefix.strip();
        if (clean.startsWith("/")) {
            throw new FilesProblemException("browser", "A folder does not start with /.");
        }
        return clean.isEmpty() || clean.endsWith("/") ? clean : clean + "/";
    }

    /** A continuation token is opaque, but it travels in links: keep it short and printable. */
    private static String checkPageToken(String token) {
        if (token.length() > MAX_TOKEN_LENGTH || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new FilesProblemException(
                    "browser", "This page link is damaged: go back to the first page of the folder.");
        }
        return token;
    }

    static void checkKey(String key) {
        if (key.isEmpty()
                || key.startsWith("/")
                || key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES
                || key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new FilesProblemException(
                    "upload", "A file name (object key) has 1 to 1,024 bytes, no control characters and no leading /.");
        }
    }

    record Signing(URI root, S3Keypair keypair) {}
}
