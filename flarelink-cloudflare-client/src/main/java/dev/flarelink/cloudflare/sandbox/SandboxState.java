package dev.flarelink.cloudflare.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Everything the emulator knows, as plain mutable data, guarded by the sandbox's lock. The small parts are
 * serialised to {@code state.json}; the large and growing ones (KV entries, R2 object metadata, the audit log and
 * the Outbox) are marked {@code WRITE_ONLY}, so they are read from an older {@code state.json} (to migrate it) but
 * never written there: {@link StateStore} keeps them in {@code state.sqlite}, row by row.
 */
final class SandboxState {

    public String userId = Ids.hex32();
    public String userEmail = "demo@flarelink.test";
    public Map<String, Account> accounts = new LinkedHashMap<>();
    public Map<String, Token> tokens = new LinkedHashMap<>();

    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    public List<AuditRecord> audit = new ArrayList<>();
    /** Email the local Workers sent: captured, never delivered. */
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    public List<OutboxMessage> outbox = new ArrayList<>();

    public @Nullable String demoAccountId;
    public @Nullable String demoFullTokenId;
    public @Nullable String demoLimitedTokenId;

    static final class Account {
        public String id = "";
        public String name = "";
        public long createdOn;
        public @Nullable String workersSubdomain;
        public Map<String, Zone> zones = new LinkedHashMap<>();
        public Map<String, Script> scripts = new LinkedHashMap<>();
        public Map<String, Domain> domains = new LinkedHashMap<>();
        public Map<String, Database> databases = new LinkedHashMap<>();
        public Map<String, Namespace> namespaces = new LinkedHashMap<>();
        public Map<String, Bucket> buckets = new TreeMap<>();
    }

    static final class Token {
        public String id = "";
        public String name = "";
        public String value = "";
        public String status = "active";
        public boolean accountOwned;
        public String accountId = "";
        public long issuedOn;
        public long modifiedOn;
        public @Nullable Long notBefore;
        public @Nullable Long expiresOn;
        public @Nullable JsonNode policies;
        public @Nullable JsonNode condition;
    }

    static final class Zone {
        public String id = "";
        public String name = "";
        public String status = "active";
        public List<String> dnsRecords = new ArrayList<>();
    }

    static final class Script {
        public String name = "";
        public String tag = "";
        public String etag = "";
        public long createdOn;
        public long modifiedOn;
        public String mainModule = "";
        public String compatibilityDate = "2021-11-02";
        public List<String> compatibilityFlags = new ArrayList<>();
        public @Nullable JsonNode bindings;
        public List<Module> modules = new ArrayList<>();
        public boolean subdomainEnabled;
        public boolean previewsEnabled;
    }

    static final class Module {
        public String name = "";
        public String contentType = "";
        public byte[] bytes = new byte[0];
    }

    static final class Domain {
        public String id = "";
        public String hostname = "";
        public String service = "";
        public String zoneId = "";
        public String zoneName = "";
        public String certId = "";
    }

    static final class Database {
        public String uuid = "";
        public String name = "";
        public long createdAt;
    }

    static final class Namespace {
        public String id = "";
        public String title = "";

        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
        public Map<String, KvEntry> entries = new TrackedMap<>();
    }

    static final class KvEntry {
        public byte[] value = new byte[0];
        public @Nullable Long expiration;
        public @Nullable JsonNode metadata;
    }

    static final class Bucket {
        public String name = "";
        public long creationDate;
        public String location = "weur";
        public String storageClass = "Standard";
        public @Nullable JsonNode corsRules;
        /** Persisted per changed key: replace an object to change it, never mutate one in place. */
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
        public Map<String, R2Object> objects = new TrackedMap<>();

        public Map<String, MultipartUpload> uploads = new TreeMap<>();
    }

    /** A multipart upload in progress: its parts are files until it is completed or aborted. */
    static final class MultipartUpload {
        public String uploadId = "";
        public String key = "";
        public String contentType = "application/octet-stream";
        public long initiated;
        /** Given on CreateMultipartUpload and carried to the completed object. */
        public Map<String, String> userMetadata = new TreeMap<>();

        public Map<String, String> httpMetadata = new TreeMap<>();
        public Map<Integer, UploadedPart> parts = new TreeMap<>();
    }

    static final class UploadedPart {
        public int number;
        public String file = "";
        public long size;
        public String etag = "";
        public long lastModified;
    }

    /** Stored in {@code state.sqlite} as this class's JSON, so a field added here needs no schema change. */
    static final class R2Object {
        public String key = "";
        public String file = "";
        public long size;
        public String etag = "";
        public String contentType = "application/octet-stream";
        public long lastModified;
        /** {@code x-amz-meta-*} headers, by lower-case name without the prefix (R2's customMetadata). */
        public Map<String, String> userMetadata = new TreeMap<>();
        /**
         * Cache-Control, Content-Disposition, Content-Encoding, Content-Language and Expires as sent, by that header
         * name (R2's httpMetadata besides the content type).
         */
        public Map<String, String> httpMetadata = new TreeMap<>();
    }

    static final class OutboxMessage {
        public String id = "";
        public long time;
        public String accountId = "";
        public String via = "";
        public String from = "";
        public List<String> to = new ArrayList<>();
        public String subject = "";
        public String text = "";
        public String html = "";
    }

    static final class AuditRecord {
        public String id = "";
        public long time;
        public String accountId = "";
        public @Nullable String tokenId;
        public @Nullable String tokenName;
        public String method = "";
        public String uri = "";
        public int status;
        public String rayId = "";
        public String product = "";
        public String userAgent = "";
        public String ip = "";
    }
}
