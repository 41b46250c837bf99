package dev.flarelink.provisioning;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A project: the names and ids of what Flarelink provisions for it, never a secret (only the key's SHA-256). */
@Entity
@Table(name = "project")
class Project {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "connection_id", nullable = false)
    private UUID connectionId;

    @Column(name = "account_id", nullable = false)
    private String accountId;

    @Column(nullable = false)
    private String name;

    @Column(name = "trusted_origins", nullable = false)
    private String trustedOrigins;

    @Column(name = "worker_name", nullable = false)
    private String workerName;

    @Column(name = "d1_name", nullable = false)
    private String d1Name;

    @Column(name = "kv_title", nullable = false)
    private String kvTitle;

    @Column(name = "r2_bucket")
    private @Nullable String r2Bucket;

    @Column(name = "d1_database_id")
    private @Nullable String d1DatabaseId;

    @Column(name = "kv_namespace_id")
    private @Nullable String kvNamespaceId;

    @Column(name = "workers_dev_url")
    private @Nullable String workersDevUrl;

    @Column(name = "custom_domain")
    private @Nullable String customDomain;

    @Column(name = "custom_domain_id")
    private @Nullable String customDomainId;

    /** Bind {@code EMAIL} (send_email) at the next upload: the project sends mail with Cloudflare Email Sending. */
    @Column(name = "email_binding", nullable = false)
    private boolean emailBinding;

    @Column(name = "deployed_version")
    private @Nullable String deployedVersion;

    @Column(name = "deployed_sha256")
    private @Nullable String deployedSha256;

    @Column(name = "service_key_sha256", nullable = false)
    private String serviceKeySha256;

    @Column(nullable = false)
    private String status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Project() {}

    Project(
            UUID id,
            UUID userId,
            UUID connectionId,
            String accountId,
            ProjectRules.ValidInput input,
            String serviceKeySha256,
            Instant now) {
        this.id = id;
        this.userId = userId;
        this.connectionId = connectionId;
        this.accountId = accountId;
        this.name = input.name();
        this.trustedOrigins = String.join("\n", input.origins());
        this.workerName = ResourceNames.worker(input.name());
        this.d1Name = ResourceNames.database(input.name());
        this.kvTitle = ResourceNames.kvNamespace(input.name());
        this.r2Bucket = input.r2Bucket();
        this.serviceKeySha256 = serviceKeySha256;
        this.status = "provisioning";
        this.createdAt = now;
        this.updatedAt = now;
    }

    void provisioned(ProvisionedResources resources, Instant now) {
        this.d1DatabaseId = resources.d1DatabaseId();
        this.kvNamespaceId = resources.kvNamespaceId();
        this.workersDevUrl = resources.workersDevUrl();
        this.deployedVersion = resources.deployedVersion();
        this.deployedSha256 = resources.deployedSha256();
        moveTo("active", now);
    }

    void redeployed(String version, String sha256, @Nullable String url, Instant now) {
        this.deployedVersion = version;
        this.deployedSha256 = sha256;
        if (url != null) {
            this.workersDevUrl = url;
        }
        moveTo("active", now);
    }

    void newTrustedOrigins(List<String> origins, Instant now) {
        this.trustedOrigins = String.join("\n", origins);
        this.updatedAt = now;
    }

    void wantEmailBinding(Instant now) {
        this.emailBinding = true;
        this.updatedAt = now;
    }

    boolean isEmailBinding() {
        return emailBinding;
    }

    void newServiceKeyHash(String sha256, Instant now) {
        this.serviceKeySha256 = sha256;
        this.updatedAt = now;
    }

    void customDomain(@Nullable String hostname, @Nullable String domainId, Instant now) {
        this.customDomain = hostname;
        this.customDomainId = domainId;
        this.updatedAt = now;
    }

    void moveTo(String newStatus, Instant now) {
        this.status = newStatus;
        this.updatedAt = now;
    }

    UUID getId() {
        return id;
    }

    UUID getUserId() {
        return userId;
    }

    UUID getConnectionId() {
        return connectionId;
    }

    String getAccountId() {
        return accountId;
    }

    String getName() {
        return name;
    }

    List<String> trustedOrigins() {
        return Arrays.stream(trustedOrigins.split("\n"))
                .filter(s -> !s.isBlank())
                .toList();
    }

    String getWorkerName() {
        return workerName;
    }

    String getD1Name() {
        return d1Name;
    }

    String getKvTitle() {
        return kvTitle;
    }

    @Nullable
    String getR2Bucket() {
        return r2Bucket;
    }

    @Nullable
    String getD1DatabaseId() {
        return d1DatabaseId;
    }

    @Nullable
    String getKvNamespaceId() {
        return kvNamespaceId;
    }

    @Nullable
    String getWorkersDevUrl() {
        return workersDevUrl;
    }

    @Nullable
    String getCustomDomain() {
        return customDomain;
    }

    @Nullable
    String getCustomDomainId() {
        return customDomainId;
    }

    @Nullable
    String getDeployedVersion() {
        return deployedVersion;
    }

    @Nullable
    String getDeployedSha256() {
        return deployedSha256;
    }

    String getServiceKeySha256() {
        return serviceKeySha256;
    }

    String getStatus() {
        return status;
    }

    Instant getCreatedAt() {
        return createdAt;
    }
}
