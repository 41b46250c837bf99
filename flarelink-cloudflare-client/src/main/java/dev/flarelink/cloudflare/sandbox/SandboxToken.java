package dev.flarelink.cloudflare.sandbox;

/**
 * A token seeded into the sandbox: its id, its secret value (for the Authorization header) and the account it
 * was seeded for. {@link #toString()} never shows the value.
 */
public record SandboxToken(String id, String value, String accountId, boolean accountOwned) {

    /** The R2 S3 access key id derived from this token (its id). */
    public String r2AccessKeyId() {
        return id;
    }

    /** The R2 S3 secret access key derived from this token: lower-case hex SHA-256 of the value. */
    public String r2SecretAccessKey() {
        return Ids.sha256Hex(value);
    }

    @Override
    public String toString() {
        return "SandboxToken[id=" + id + ", accountId=" + accountId + ", accountOwned=" + accountOwned
                + ", value=<redacted>]";
    }
}
