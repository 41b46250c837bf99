package dev.flarelink.files;

import dev.flarelink.activity.ActivityService;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Large uploads in parts, straight from the browser to R2: Flarelink starts the multipart upload
 * (CreateMultipartUpload, signed with the project's keypair), presigns one PUT per part, and completes or aborts it.
 * The browser sends the parts; their bytes never pass through Flarelink.
 */
@Service
public class MultipartUploadService {

    /** How many part URLs one request signs: few enough that each is used well within its 15 minutes. */
    public static final int MAX_URLS_PER_REQUEST = 10;

    private static final Pattern UPLOAD_ID = Pattern.compile("<UploadId>([^<]+)</UploadId>");
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]+)</Code>");
    private static final Pattern ETAG = Pattern.compile("<ETag>([^<]+)</ETag>");

    private final FileBrowserService browser;
    private final ActivityService activity;
    private final S3Transport s3;
    private final MultipartSettings settings;
    private final BucketScopes scopes;

    MultipartUploadService(
            FileBrowserService browser,
            ActivityService activity,
            S3Transport s3,
            MultipartSettings settings,
            BucketScopes scopes) {
        this.scopes = scopes;
        this.browser = browser;
        this.activity = activity;
        this.s3 = s3;
        this.settings = settings;
    }

    /** A started upload: the parts are {@code partSize} bytes each, the last one possibly smaller. */
    public record Started(String key, String uploadId, long partSize, int partCount) {}

    /** A presigned PUT for one part. */
    public record PartUrl(int partNumber, URI url) {}

    /** A part the browser uploaded, with the ETag R2 answered for it. */
    public record CompletedPart(int partNumber, String etag) {}

    /** Starts a multipart upload of {@code size} bytes to {@code key}. */
    public Started start(UUID userId, UUID connectionId, String bucket, String key, long size, String contentType) {
        FileBrowserService.checkKey(key);
        if (size < 1 || size > MultipartSettings.MAX_OBJECT_SIZE) {
            throw new FilesProblemException(
                    "upload", "A file uploaded in parts has 1 byte to 5 TiB less 5 GiB (R2's limit).");
        }
        String type = contentType.isBlank() || contentType.chars().anyMatch(c -> c < 0x20 || c > 0x7e)
                ? "application/octet-stream"
                : contentType.strip();
        long partSize = settings.partSizeFor(size);
        int partCount = (int) ((size + partSize - 1) / partSize);
        FileBrowserService.Signing signing = browser.signing(userId, connectionId, bucket);
        URI url = URI.create(FileBrowserService.objectUrl(signing.root(), bucket, key) + "?uploads=");
        S3Transport.Answer answer =
                s3.signed("POST", url, signing.keypair(), new byte[0], Map.of("Content-Type", type));
        Matcher id = UPLOAD_ID.matcher(answer.body());
        if (answer.status() != 200 || !id.find()) {
            throw refused("start the upload", answer);
        }
        String uploadId = id.group(1);
        activity.recordAction(scopes.action(
                userId,
                connectionId,
                bucket,
                "object.multipart_started",
                "ok",
                bucket + "/" + key + " in " + partCount + " part(s) of " + partSize + " bytes"));
        return new Started(key, uploadId, partSize, partCount);
    }

    /** Presigned PUTs for parts {@code from} to {@code from + count - 1} (at most {@link #MAX_URLS_PER_REQUEST}). */
    public List<PartUrl> partUrls(
            UUID userId, UUID connectionId, String bucket, String key, String uploadId, int from, int count) {
        FileBrowserService.checkKey(key);
        checkUploadId(uploadId);
        if (from < 1 || count < 1 || count > MAX_URLS_PER_REQUEST || from + count - 1 > MultipartSettings.MAX_PARTS) {
            throw new FilesProblemException(
                    "upload", "Part numbers go from 1 to 10,000, and one request signs 1 to 10 of them.");
        }
        FileBrowserService.Signing signing = browser.signing(userId, connectionId, bucket);
        URI object = FileBrowserService.objectUrl(signing.root(), bucket, key);
        List<PartUrl> urls = new ArrayList<>();
        for (int number = from; number < from + count; number++) {
            URI part =
                    URI.create(object + "?partNumber=" + number + "&uploadId=" + FileBrowserService.encode(uploadId));
            urls.add(new PartUrl(number, s3.presign("PUT", part, signing.keypair(), FileBrowserService.URL_VALIDITY)));
        }
        return urls;
    }

    /** Puts the parts together into the object (CompleteMultipartUpload); returns the object's ETag. */
    public String complete(
            UUID userId, UUID connectionId, String bucket, String key, String uploadId, List<CompletedPart> parts) {
        FileBrowserService.checkKey(key);
        checkUploadId(uploadId);
        if (parts.isEmpty() || parts.size() > MultipartSettings.MAX_PARTS) {
            throw new FilesProblemException("upload", "Completing an upload needs the parts sent (1 to 10,000).");
        }
        StringBuilder xml =
                new StringBuilder("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        int previous = 0;
        for (CompletedPart part : parts) {
            String etag = part.etag().replace("\"", "");
            if (part.partNumber() <= previous || !etag.matches("[0-9a-fA-F]{32}")) {
                throw new FilesProblemException(
                        "upload", "The parts must come in ascending order, each with the ETag R2 answered for it.");
            }
            previous = part.partNumber();
            xml.append("<Part><PartNumber>")
                    .append(part.partNumber())
                    .append("</PartNumber><ETag>\"")
                    .append(etag)
                    .append("\"</ETag></Part>");
        }
        xml.append("</CompleteMultipartUpload>");
        FileBrowserService.Signing signing = browser.signing(userId, connectionId, bucket);
        URI url = URI.create(FileBrowserService.objectUrl(signing.root(), bucket, key) + "?uploadId="
                + FileBrowserService.encode(uploadId));
        S3Transport.Answer answer = s3.signed("POST", url, signing.keypair(), S3Transport.utf8(xml.toString()));
        // S3 may answer 200 and still put an <Error> in the body when completing fails late.
        Matcher etag = ETAG.matcher(answer.body());
        if (answer.status() != 200 || answer.body().contains("<Error>") || !etag.find()) {
            throw refused("put the parts together", answer);
        }
        activity.recordAction(scopes.action(
                userId,
                connectionId,
                bucket,
                "object.multipart_completed",
                "ok",
                bucket + "/" + key + " from " + parts.size() + " part(s)"));
        return etag.group(1).replace("&quot;", "").replace("\"", "");
    }

    /** Abandons the upload: R2 drops the parts and no object is created. */
    public void abort(UUID userId, UUID connectionId, String bucket, String key, String uploadId) {
        FileBrowserService.checkKey(key);
        checkUploadId(uploadId);
        FileBrowserService.Signing signing = browser.signing(userId, connectionId, bucket);
        URI url = URI.create(FileBrowserService.objectUrl(signing.root(), bucket, key) + "?uploadId="
                + FileBrowserService.encode(uploadId));
        S3Transport.Answer answer = s3.signed("DELETE", url, signing.keypair(), new byte[0]);
        // 404 NoSuchUpload: already completed or aborted, which is what was asked for.
        if (answer.status() / 100 != 2 && answer.status() != 404) {
            throw refused("abort the upload", answer);
        }
        activity.recordAction(
                scopes.action(userId, connectionId, bucket, "object.multipart_aborted", "ok", bucket + "/" + key));
    }

    private static void checkUploadId(String uploadId) {
        if (uploadId.isEmpty() || uploadId.length() > 1024 || uploadId.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new FilesProblemException("upload", "The upload id is missing or damaged: start the upload again.");
        }
    }

    private static FilesProblemException refused(String what, S3Transport.Answer answer) {
        Matcher code = ERROR_CODE.matcher(answer.body());
        return new FilesProblemException(
                "upload",
                "R2 refused to " + what + " with the project's key (HTTP " + answer.status()
                        + (code.find() ? ", " + code.group(1) : "") + ").");
    }
}
