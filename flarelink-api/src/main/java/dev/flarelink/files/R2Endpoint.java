package dev.flarelink.files;

import dev.flarelink.cloudflare.sandbox.CloudflareSandbox;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where an account's R2 S3 endpoint is: {@code https://<accountId>.r2.cloudflarestorage.com} in production, the
 * emulator's S3 port when a {@link CloudflareSandbox} runs, or {@code flarelink.r2.s3-endpoint} when set (tests).
 */
@Component
public class R2Endpoint {

    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9a-f]{32}");

    private final String configured;
    private final ObjectProvider<CloudflareSandbox> sandbox;

    R2Endpoint(@Value("${flarelink.r2.s3-endpoint:}") String configured, ObjectProvider<CloudflareSandbox> sandbox) {
        this.configured = configured;
        this.sandbox = sandbox;
    }

    /** The endpoint root (no trailing slash) for path-style requests {@code /<bucket>/<key>}. */
    public URI forAccount(String accountId) {
        if (!configured.isBlank()) {
            return URI.create(strip(configured));
        }
        CloudflareSandbox emulator = sandbox.getIfAvailable();
        if (emulator != null) {
            return URI.create(strip(emulator.s3Endpoint()));
        }
        if (!ACCOUNT_ID.matcher(accountId).matches()) {
            throw new IllegalArgumentException("not a Cloudflare account id");
        }
        return URI.create("https://" + accountId + ".r2.cloudflarestorage.com");
    }

    /**
     * The endpoint the project's auth Worker must sign R2 requests for, when it is not R2's own (the sandbox's S3
     * port, or {@code flarelink.r2.s3-endpoint}): written as {@code R2_ENDPOINT} next to the keypair.
     */
    public Optional<String> workerOverride() {
        String root = !configured.isBlank()
                ? configured
                : sandbox.getIfAvailable() == null ? null : sandbox.getObject().s3Endpoint();
        return Optional.ofNullable(root).map(R2Endpoint::strip);
    }

    /**
     * The CSP {@code connect-src} source browsers need for presigned uploads: the configured or sandbox endpoint's
     * origin exactly, otherwise R2's S3 host pattern (each account has its own subdomain).
     */
    public String browserSource() {
        String root = !configured.isBlank()
                ? configured
                : sandbox.getIfAvailable() == null ? null : sandbox.getObject().s3Endpoint();
        if (root == null) {
            return "https://*.r2.cloudflarestorage.com";
        }
        URI uri = URI.create(strip(root));
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
