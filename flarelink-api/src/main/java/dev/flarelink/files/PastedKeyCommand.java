package dev.flarelink.files;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A keypair created in Cloudflare (R2 → Manage R2 API Tokens) and pasted, to be tested against a bucket. */
public record PastedKeyCommand(
        UUID connectionId,
        String bucket,
        @Nullable String accessKeyId,
        @Nullable String secretAccessKey) {

    @Override
    public String toString() {
        return "PastedKeyCommand[connectionId=" + connectionId + ", bucket=" + bucket + ", secretAccessKey=<redacted>]";
    }
}
