package dev.flarelink.cloudflare.workers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A binding in a Worker's upload metadata; the upload replaces the whole binding set (P6). */
public sealed interface WorkerBinding {

    /** The JS variable name. */
    String name();

    /** The metadata JSON object of this binding. */
    Map<String, Object> toMetadata();

    static D1 d1(String name, String databaseId) {
        return new D1(name, databaseId);
    }

    static Kv kv(String name, String namespaceId) {
        return new Kv(name, namespaceId);
    }

    static R2 r2(String name, String bucketName) {
        return new R2(name, bucketName, null);
    }

    static SendEmail sendEmail(String name) {
        return new SendEmail(name);
    }

    static PlainText plainText(String name, String text) {
        return new PlainText(name, text);
    }

    static SecretText secretText(String name, String text) {
        return new SecretText(name, text);
    }

    private static Map<String, Object> base(String type, String name) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type);
        json.put("name", name);
        return json;
    }

    /**
     * A D1 database binding; sent with {@code id}, the field wrangler and the docs use (P7).
     *
     * @param name variable name
     * @param databaseId database UUID
     */
    record D1(String name, String databaseId) implements WorkerBinding {
        @Override
        public Map<String, Object> toMetadata() {
            Map<String, Object> json = base("d1", name);
            json.put("id", databaseId);
            return json;
        }
    }

    /**
     * A KV namespace binding.
     *
     * @param name variable name
     * @param namespaceId namespace id
     */
    record Kv(String name, String namespaceId) implements WorkerBinding {
        @Override
        public Map<String, Object> toMetadata() {
            Map<String, Object> json = base("kv_namespace", name);
            json.put("namespace_id", namespaceId);
            return json;
        }
    }

    /**
     * An R2 bucket binding.
     *
     * @param name variable name
     * @param bucketName bucket name
     * @param jurisdiction {@code eu}, {@code fedramp}… or null for the default jurisdiction
     */
    record R2(String name, String bucketName, @Nullable String jurisdiction) implements WorkerBinding {
        @Override
        public Map<String, Object> toMetadata() {
            Map<String, Object> json = base("r2_bucket", name);
            json.put("bucket_name", bucketName);
            if (jurisdiction != null) {
                json.put("jurisdiction", jurisdiction);
            }
            return json;
        }
    }

    /**
     * A plain text variable.
     *
     * @param name variable name
     * @param text value
     */
    record PlainText(String name, String text) implements WorkerBinding {
        @Override
        public Map<String, Object> toMetadata() {
            Map<String, Object> json = base("plain_text", name);
            json.put("text", text);
            return json;
        }
    }

    /**
     * A secret; its value never appears in {@code toString()}.
     *
     * @param name variable name
     * @param text secret value
     */
    record SecretText(String name, String text) implements WorkerBinding {
        @Override
        public Map<String, Object> toMetadata() {
            Map<String, Object> json = base("secret_text", name);
            json.put("text", text);
            return json;
        }

        @Override
        public String toString() {
            return "SecretText[name=" + name + ", text=redacted]";
        }
    }

    /**
     * A {@code send_email} binding (Cloudflare Email Sending); the sender address is checked by Cloudflare at send
     * time, so none is pinned here.
     *
     * @param name variable name
     */
    record SendEmail(String name) implements WorkerBinding {
        @Override
        public Map<String, Object> toMetadata() {
            return base("send_email", name);
        }
    }
}
