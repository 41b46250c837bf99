package dev.flarelink.cloudflare.workers;

import dev.flarelink.cloudflare.core.ApiCaller;
import dev.flarelink.cloudflare.core.ApiRequest;
import dev.flarelink.cloudflare.core.Json;
import dev.flarelink.cloudflare.core.Multipart;
import dev.flarelink.cloudflare.core.RawResponse;
import dev.flarelink.cloudflare.errors.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Worker scripts, workers.dev enablement and custom domains of an account. */
public final class WorkersApi {

    private static final String SCRIPTS = "/accounts/{account_id}/workers/scripts";
    private static final String SCRIPT = SCRIPTS + "/{script_name}";
    private static final String DOMAINS = "/accounts/{account_id}/workers/domains";

    private final ApiCaller caller;

    public WorkersApi(ApiCaller caller) {
        this.caller = caller;
    }

    /**
     * {@code PUT /accounts/{account_id}/workers/scripts/{script_name}} as multipart/form-data: a {@code metadata}
     * field and one module part named after {@code main_module}. An upsert, so safe to retry.
     */
    public WorkerScript upload(String accountId, WorkerScriptUploadParams params) {
        Multipart form = Multipart.form()
                .part("metadata", null, null, Json.write(params.metadata()))
                .part(
                        params.mainModule(),
                        params.mainModule(),
                        WorkerScriptUploadParams.MODULE_CONTENT_TYPE,
                        params.mainModuleContent());
        ApiRequest request = ApiRequest.put("workers.script.upload", SCRIPT)
                .path("account_id", accountId)
                .path("script_name", params.scriptName())
                .body(form.toBytes(), form.contentType())
                .upload()
                .build();
        return caller.call(request, WorkerScript.class);
    }

    /** {@code GET /accounts/{account_id}/workers/scripts} (not paginated). */
    public List<WorkerScript> list(String accountId) {
        return caller.list(
                ApiRequest.get("workers.script.list", SCRIPTS)
                        .path("account_id", accountId)
                        .build(),
                WorkerScript.class);
    }

    /**
     * {@code GET …/scripts/{script_name}/content/v2}: the deployed code. Module Workers come back as multipart; this
     * returns the first part's bytes (the main module), or the whole body for a plain service-worker script.
     */
    public byte[] download(String accountId, String scriptName) {
        ApiRequest request = ApiRequest.get("workers.script.download", SCRIPT + "/content/v2")
                .path("account_id", accountId)
                .path("script_name", scriptName)
                .rawResponse("multipart/form-data, application/javascript, */*")
                .build();
        RawResponse response = caller.raw(request);
        Optional<String> boundary = Multipart.boundaryOf(
                response.headers().firstValue("content-type").orElse(null));
        if (boundary.isEmpty()) {
            return response.body();
        }
        List<Multipart.Part> parts = Multipart.parse(response.body(), boundary.get());
        return parts.isEmpty() ? new byte[0] : parts.get(0).content();
    }

    /** The deployed main module as UTF-8 text. */
    public String downloadAsString(String accountId, String scriptName) {
        return new String(download(accountId, scriptName), StandardCharsets.UTF_8);
    }

    /** {@code GET …/scripts/{script_name}/settings}: the deployed bindings and compatibility date and flags. */
    public WorkerSettings settings(String accountId, String scriptName) {
        return caller.call(
                ApiRequest.get("workers.script.settings.get", SCRIPT + "/settings")
                        .path("account_id", accountId)
                        .path("script_name", scriptName)
                        .build(),
                WorkerSettings.class);
    }

    /** {@code DELETE /accounts/{account_id}/workers/scripts/{script_name}}. */
    public void delete(String accountId, String scriptName) {
        delete(accountId, scriptName, false);
    }

    /** Deletes; {@code force} also deletes when other Workers bind to it. */
    public void delete(String accountId, String scriptName, boolean force) {
        caller.execute(ApiRequest.delete("workers.script.delete", SCRIPT)
                .path("account_id", accountId)
                .path("script_name", scriptName)
                .query("force", force ? "true" : null)
                .build());
    }

    /** {@code POST …/scripts/{script_name}/subdomain} {@code {"enabled":true}}; setting a state is safe to retry. */
    public ScriptSubdomain enableSubdomain(String accountId, String scriptName) {
        ApiRequest request = ApiRequest.post("workers.script.subdomain.enable", SCRIPT + "/subdomain")
                .path("account_id", accountId)
                .path("script_name", scriptName)
                .jsonBody(Map.of("enabled", true))
                .idempotent(true)
                .build();
        return caller.call(request, ScriptSubdomain.class);
    }

    /** {@code GET …/scripts/{script_name}/subdomain}. */
    public ScriptSubdomain getSubdomain(String accountId, String scriptName) {
        return caller.call(
                ApiRequest.get("workers.script.subdomain.get", SCRIPT + "/subdomain")
                        .path("account_id", accountId)
                        .path("script_name", scriptName)
                        .build(),
                ScriptSubdomain.class);
    }

    /** {@code GET /accounts/{account_id}/workers/subdomain}; empty when the account never registered one (10007). */
    public Optional<String> accountSubdomain(String accountId) {
        ApiRequest request = ApiRequest.get("workers.subdomain.get", "/accounts/{account_id}/workers/subdomain")
                .path("account_id", accountId)
                .build();
        try {
            return Optional.ofNullable(
                    caller.call(request, AccountSubdomain.class).subdomain());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** {@code PUT /accounts/{account_id}/workers/domains}: attaches a hostname (an upsert). */
    public CustomDomain attachDomain(String accountId, DomainAttachParams params) {
        return caller.call(
                ApiRequest.put("workers.domain.attach", DOMAINS)
                        .path("account_id", accountId)
                        .jsonBody(params)
                        .build(),
                CustomDomain.class);
    }

    /** {@code GET /accounts/{account_id}/workers/domains}, optionally only those of one Worker. */
    public List<CustomDomain> listDomains(String accountId, @Nullable String service) {
        return caller.list(
                ApiRequest.get("workers.domain.list", DOMAINS)
                        .path("account_id", accountId)
                        .query("service", service)
                        .build(),
                CustomDomain.class);
    }

    /** {@code DELETE /accounts/{account_id}/workers/domains/{domain_id}}. */
    public void detachDomain(String accountId, String domainId) {
        caller.execute(ApiRequest.delete("workers.domain.detach", DOMAINS + "/{domain_id}")
                .path("account_id", accountId)
                .path("domain_id", domainId)
                .build());
    }

    record AccountSubdomain(@Nullable String subdomain) {}
}
