package dev.flarelink.cloudflare.r2;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Short-lived S3 credentials; secrets are redacted from {@code toString()}.
 *
 * @param accessKeyId access key id
 * @param secretAccessKey secret access key
 * @param sessionToken session token to send with S3 requests
 */
public record R2TemporaryCredentials(
        @JsonProperty("accessKeyId") String accessKeyId,
        @JsonProperty("secretAccessKey") String secretAccessKey,
        @JsonProperty("sessionToken") String sessionToken) {

    @Override
    public String toString() {
        return "R2TemporaryCredentials[accessKeyId=" + accessKeyId + ", secrets redacted]";
    }
}
