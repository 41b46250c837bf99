package dev.flarelink.connect;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A user's Cloudflare connection; the token only as ciphertext. */
@Entity
@Table(name = "cloudflare_connection")
class Connection {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "account_id", nullable = false)
    private String accountId;

    @Column(name = "account_name", nullable = false)
    private String accountName;

    @Column(name = "token_ciphertext", nullable = false)
    private String tokenCiphertext;

    @Column(name = "token_id", nullable = false)
    private String tokenId;

    @Column(name = "token_fingerprint", nullable = false)
    private String tokenFingerprint;

    @Column(nullable = false)
    private String status;

    @Column(nullable = false)
    private String granted;

    @Column(name = "checked_at", nullable = false)
    private Instant checkedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Connection() {}

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
