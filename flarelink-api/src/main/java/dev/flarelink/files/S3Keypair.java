package dev.flarelink.files;

/**
 * An R2 S3 access key id and secret access key. The secret never appears in {@link #toString()}.
 *
 * @param accessKeyId 32 hex characters (a Cloudflare token id)
 * @param secretAccessKey 64 hex characters (SHA-256 of the token value)
 */
public record S3Keypair(String accessKeyId, String secretAccessKey) {

    @Override
    public String toString() {
        return "S3Keypair[accessKeyId=" + accessKeyId + ", secretAccessKey=<redacted>]";
    }
}
