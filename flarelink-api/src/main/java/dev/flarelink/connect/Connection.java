package dev.flarelink.connect;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** A user's Cloudflare connection; the token only as ciphertext. */
class Connection {

    private final UUID id;
    private final UUID userId;
    private final String accountId;
    private final String accountName;
    private final Instant createdAt;
    private String tokenCiphertext;
    private String tokenId;
    private String tokenFingerprint;
    private String status;
    private String granted;
    private Instant checkedAt;

    /** A row of {@code cloudflare_connection}, as {@link ConnectionRepository} reads it. */
    Connection(ResultSet row) throws SQLException {
        this.id = row.getObject("id", UUID.class);
        this.userId = row.getObject("user_id", UUID.class);
        this.accountId = row.getString("account_id");
        this.accountName = row.getString("account_name");
        this.tokenCiphertext = row.getString("token_ciphertext");
        this.tokenId = row.getString("token_id");
        this.tokenFingerprint = row.getString("token_fingerprint");
        this.status = row.getString("status");
        this.granted = row.getString("granted");
        this.checkedAt = row.getTimestamp("checked_at").toInstant();
        this.createdAt = row.getTimestamp("created_at").toInstant();
    }

    Connection(UUID id, UUID userId, String accountId, String accountName, Instant now) {
        this.id = id;
        this.userId = userId;
        this.accountId = accountId;
        this.accountName = accountName;
        this.status = "active";
        this.createdAt = now;
        this.checkedAt = now;
        this.granted = "";
    }

    void storeToken(String ciphertext, String tokenId, String fingerprint) {
        this.tokenCiphertext = ciphertext;
        this.tokenId = tokenId;
        this.tokenFingerprint = fingerprint;
        this.status = "active";
    }

    void recordReceipt(PermissionReceipt receipt, Instant when) {
        this.granted = receipt.encode();
        this.checkedAt = when;
    }

    void markRevoked(String newStatus) {
        this.status = newStatus;
    }

    void markChecked(Instant when) {
        this.checkedAt = when;
    }

    UUID getId() {
        return id;
    }

    UUID getUserId() {
        return userId;
    }

    String getAccountId() {
        return accountId;
    }

    String getAccountName() {
        return accountName;
    }

    String getTokenCiphertext() {
        return tokenCiphertext;
    }

    String getStatus() {
        return status;
    }

    String getTokenId() {
        return tokenId;
    }

    String getTokenFingerprint() {
        return tokenFingerprint;
    }

    String getGranted() {
        return granted;
    }

    Instant getCheckedAt() {
        return checkedAt;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    ConnectionView toView() {
        return new ConnectionView(
                id,
                accountId,
                accountName,
                tokenId,
                tokenFingerprint,
                status,
                PermissionReceipt.decode(granted),
                checkedAt,
                createdAt);
    }

    @Override
    public String toString() {
        return "Connection[id=" + id + ", account=" + accountId + ", status=" + status + "]";
    }
}
