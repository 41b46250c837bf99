package dev.flarelink.connect;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The five permissions Flarelink asks for — the single source of the table shown on the Connect page, the Trust page
 * and in the docs. Four are required; API Tokens: Edit is optional and only enables one-click R2 keys.
 */
public enum Permission {
    WORKERS_SCRIPTS(
            "Account",
            "Workers Scripts",
            "workers_scripts",
            true,
            "Deploy the auth Worker",
            "Uploads the auth Worker, turns on its workers.dev address, attaches a custom domain when you ask."),
    D1(
            "Account",
            "D1",
            "d1",
            true,
            "Your auth database",
            "Creates the D1 database, applies the auth schema, and runs the table editor's and SQL console's queries."),
    WORKERS_KV(
            "Account",
            "Workers KV Storage",
            "workers_kv_storage",
            true,
            "Sessions",
            "Creates the KV namespace the auth Worker keeps sessions in."),
    WORKERS_R2(
            "Account",
            "Workers R2 Storage",
            "workers_r2",
            true,
            "Files",
            "Creates and lists R2 buckets and sets their CORS rules so browser uploads work."),
    API_TOKENS(
            "User",
            "API Tokens",
            "api_tokens",
            false,
            "One-click R2 keys (optional)",
            "Mints an R2-only API token scoped to your bucket, which is the S3 keypair. Without it, you paste a "
                    + "keypair on the Files page instead.");

    private final String scope;
    private final String group;
    private final String templateKey;
    private final boolean required;
    private final String purpose;
    private final String whatFlarelinkDoes;

    Permission(
            String scope,
            String group,
            String templateKey,
            boolean required,
            String purpose,
            String whatFlarelinkDoes) {
        this.scope = scope;
        this.group = group;
        this.templateKey = templateKey;
        this.required = required;
        this.purpose = purpose;
        this.whatFlarelinkDoes = whatFlarelinkDoes;
    }

    /** As Cloudflare's dashboard names it, e.g. "Account → D1: Edit". */
    public String label() {
        return scope + " → " + group + ": Edit";
    }

    public boolean required() {
        return required;
    }

    public String purpose() {
        return purpose;
    }

    public String whatFlarelinkDoes() {
        return whatFlarelinkDoes;
    }

    public static List<Permission> requiredOnes() {
        return Arrays.stream(values()).filter(Permission::required).toList();
    }

    /**
     * Cloudflare's token-creation page with these five permissions pre-selected (an "API token template URL"), so
     * nobody has to pick permission groups by hand.
     */
    public static String tokenTemplateUrl() {
        String keys = Arrays.stream(values())
                .map(p -> "{\"key\":\"" + p.templateKey + "\",\"type\":\"edit\"}")
                .collect(Collectors.joining(",", "[", "]"));
        return "https://dash.cloudflare.com/profile/api-tokens?permissionGroupKeys="
                + URLEncoder.encode(keys, StandardCharsets.UTF_8)
                + "&accountId=*&zoneId=all&name=Flarelink";
    }
}
