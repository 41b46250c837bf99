package dev.flarelink.files;

import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityService;
import dev.flarelink.connect.ConnectedAccount;
import dev.flarelink.connect.ConnectionService;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
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

    private static final int MAX_KEY_BYTES = 1024;

    private final ConnectionService connections;
    private final ActivityService activity;
    private final ProjectFilesService projects;
    private final R2Endpoint endpoint;
    private final S3Transport s3;

    FileBrowserService(
            ConnectionService connections,
            ActivityService activity,
            ProjectFilesService projects,
            R2Endpoint endpoint,
            S3Transport s3) {
        this.connections = connections;
        this.activity = activity;
        this.projects = projects;
        this.endpoint = endpoint;
        this.s3 = s3;
    }

    /** The folders and objects directly under {@code prefix} (empty for the root; a folder prefix ends in /). */
    public ObjectListing list(UUID userId, UUID connectionId, String bucket, String prefix) {
        String clean = folder(prefix);
        Signing signing = signing(userId, connectionId, bucket);
        URI url = URI.create(signing.root() + "/" + bucket + "?list-type=2&delimiter=%2F&max-keys=1000"
                + (clean.isEmpty() ? "" : "&prefix=" + encode(clean)));
        S3Transport.Answer answer = s3.signed("GET", url, signing.keypair(), new byte[0]);
        if (answer.status() != 200) {
            throw new FilesProblemException(
                    "browser",
                    "R2 refused to list the bucket with the project's key (HTTP " + answer.status() + "). If the key "
                            + "was revoked in Cloudflare, create a new one below.");
        }
        return ListingXml.parse(answer.body(), clean);
    }

    /** A URL the browser PUTs the object's bytes to, valid for {@link #URL_VALIDITY}. */
    public URI uploadUrl(UUID userId, UUID connectionId, String bucket, String key) {
        return presign(userId, connectionId, bucket, key, "PUT");
    }

    /** A URL that downloads the object, valid for {@link #URL_VALIDITY}. */
    public URI downloadUrl(UUID userId, UUID connectionId, String bucket, String key) {
        return presign(userId, connectionId, bucket, key, "GET");
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
        activity.recordAction(ActivityEntry.action(
                userId,
                "object.deleted",
                connectionId,
                null,
                "ok",
                deleted + " of " + keys.size() + " object(s) deleted from " + bucket));
        return deleted;
    }

    private URI presign(UUID userId, UUID connectionId, String bucket, String key, String method) {
        checkKey(key);
        Signing signing = signing(userId, connectionId, bucket);
        URI url = s3.presign(method, objectUrl(signing.root(), bucket, key), signing.keypair(), URL_VALIDITY);
        activity.recordAction(ActivityEntry.action(
                userId,
                method.equals("PUT") ? "object.upload_signed" : "object.download_signed",
                connectionId,
                null,
                "ok",
                bucket + "/" + key));
        return url;
    }

    private Signing signing(UUID userId, UUID connectionId, String bucket) {
        BucketName.existing(bucket);
        ConnectedAccount account = connections.open(userId, connectionId, null);
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
    private static String encode(String text) {
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

    private static void checkKey(String key) {
        if (key.isEmpty()
                || key.startsWith("/")
                || key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES
                || key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new FilesProblemException(
                    "upload", "A file name (object key) has 1 to 1,024 bytes, no control characters and no leading /.");
        }
    }

    private record Signing(URI root, S3Keypair keypair) {}
}
