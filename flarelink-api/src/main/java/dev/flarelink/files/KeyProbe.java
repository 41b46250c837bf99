package dev.flarelink.files;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Finds out what a keypair can do with a bucket by signed requests to the S3 endpoint: ListObjectsV2 (read), then
 * PUT and DELETE of a tiny check object (write), and ListBuckets (whether the key is account-wide).
 */
@Component
class KeyProbe {

    static final String CHECK_OBJECT = ".flarelink-key-check";
    private static final Pattern CODE = Pattern.compile("<Code>([^<]+)</Code>");

    private final S3Transport s3;

    KeyProbe(S3Transport s3) {
        this.s3 = s3;
    }

    /** Whether the keypair can list objects; an unknown key or wrong secret is a problem on that field. */
    boolean canList(URI endpoint, String bucket, S3Keypair keypair) {
        S3Transport.Answer list =
                s3.signed("GET", URI.create(endpoint + "/" + bucket + "?list-type=2&max-keys=1"), keypair, new byte[0]);
        if (list.status() == 200) {
            return true;
        }
        String code = code(list.body());
        switch (code) {
            case "InvalidAccessKeyId" ->
                throw new FilesProblemException(
                        "accessKeyId",
                        "R2 does not know this access key id. Copy it again from Cloudflare (R2 → Manage "
                                + "R2 API Tokens); it has 32 hexadecimal characters.");
            case "SignatureDoesNotMatch" ->
                throw new FilesProblemException(
                        "secretAccessKey",
                        "R2 knows the access key id but the secret does not match it. Copy the "
                                + "Secret Access Key again (it is shown only once in Cloudflare; if lost, roll the token).");
            default -> {
                return false;
            }
        }
    }

    /**
     * Whether the keypair may call ListBuckets: an account-wide key may, a key scoped to buckets (Object Read &amp;
     * Write) gets 403 from R2.
     */
    boolean canListBuckets(URI endpoint, S3Keypair keypair) {
        return s3.signed("GET", URI.create(endpoint + "/"), keypair, new byte[0])
                        .status()
                == 200;
    }

    boolean canWrite(URI endpoint, String bucket, S3Keypair keypair) {
        URI object = URI.create(endpoint + "/" + bucket + "/" + CHECK_OBJECT);
        S3Transport.Answer put = s3.signed("PUT", object, keypair, S3Transport.utf8("flarelink key check"));
        if (put.status() / 100 != 2) {
            return false;
        }
        s3.signed("DELETE", object, keypair, new byte[0]);
        return true;
    }

    private static String code(String xml) {
        Matcher matcher = CODE.matcher(xml);
        return matcher.find() ? matcher.group(1) : "";
    }
}
