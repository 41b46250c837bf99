package dev.flarelink.cloudflare.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Validates and stores a module Worker upload (reference §3.1 and §13 item 6). */
final class WorkerUpload {

    private static final Set<String> MODULE_TYPES = Set.of("application/javascript+module", "text/javascript+module");

    private final SandboxContext ctx;

    WorkerUpload(SandboxContext ctx) {
        this.ctx = ctx;
    }

    SandboxState.Script upload(SandboxState.Account account, ApiCall call) {
        String contentType = call.header("Content-Type");
        if (!Multipart.isMultipart(contentType)) {
            throw ApiException.badRequest(10021, "could not read content for part metadata");
        }
        List<Multipart.Part> parts = Multipart.parse(contentType, call.body);
        JsonNode metadata = metadata(parts);
        String main = Json.text(metadata, "main_module");
        if (main.isEmpty()) {
            throw ApiException.badRequest(10021, "metadata.main_module is required for a module Worker");
        }
        Multipart.Part mainPart = parts.stream()
                .filter(part -> part.name().equals(main))
                .findFirst()
                .orElseThrow(() -> ApiException.badRequest(10021, "No such module \"" + main + "\"."));
        checkModuleType(mainPart);
        SandboxState.Script previous = account.scripts.get(call.var("script"));
        ArrayNode bindings = bindings(account, metadata, previous);
        SandboxState.Script script = previous == null ? fresh(call.var("script")) : previous;
        script.mainModule = main;
        script.compatibilityDate = metadata.path("compatibility_date").asString("2021-11-02");
        script.compatibilityFlags = strings(metadata.path("compatibility_flags"));
        script.bindings = bindings;
        script.modules.clear();
        for (Multipart.Part part : parts) {
            if (!part.name().equals("metadata")) {
                SandboxState.Module module = new SandboxState.Module();
                module.name = part.name();
                module.contentType = part.contentType().isEmpty() ? "application/octet-stream" : part.contentType();
                module.bytes = part.bytes();
                script.modules.add(module);
            }
        }
        script.modifiedOn = ctx.clock.millis();
        script.etag = Ids.sha256Hex(call.body);
        account.scripts.put(script.name, script);
        return script;
    }

    private SandboxState.Script fresh(String name) {
        SandboxState.Script script = new SandboxState.Script();
        script.name = name;
        script.tag = Ids.hex32();
        script.createdOn = ctx.clock.millis();
        return script;
    }

    private static JsonNode metadata(List<Multipart.Part> parts) {
        for (Multipart.Part part : parts) {
            if (part.name().equals("metadata")) {
                try {
                    JsonNode node = Json.MAPPER.readTree(part.bytes());
                    if (node.isObject()) {
                        return node;
                    }
                } catch (RuntimeException e) {
                    // falls through to Cloudflare's error below
                }
            }
        }
        throw ApiException.badRequest(10021, "could not read content for part metadata");
    }

    /** ES-module code sent with a service-worker content type fails to parse on Cloudflare (pitfall P4). */
    private static void checkModuleType(Multipart.Part main) {
        String type = main.contentType().toLowerCase().split(";")[0].trim();
        String code = new String(main.bytes(), StandardCharsets.UTF_8);
        if (!MODULE_TYPES.contains(type) && code.matches("(?s).*\\bexport\\b.*")) {
            throw ApiException.badRequest(
                    10021, "Uncaught SyntaxError: Unexpected token 'export' at " + main.name() + ":1");
        }
    }

    private ArrayNode bindings(
            SandboxState.Account account, JsonNode metadata, SandboxState.@Nullable Script previous) {
        ArrayNode result = Json.array();
        Set<String> names = new HashSet<>();
        for (JsonNode binding : metadata.path("bindings")) {
            if (!(binding instanceof ObjectNode object)) {
                throw ApiException.badRequest(10021, "each binding must be an object");
            }
            ObjectNode copy = object.deepCopy();
            checkBinding(account, copy);
            names.add(Json.text(copy, "name"));
            result.add(copy);
        }
        Set<String> keep = new HashSet<>(strings(metadata.path("keep_bindings")));
        if (previous != null && previous.bindings != null) {
            for (JsonNode old : previous.bindings) {
                if (keep.contains(Json.text(old, "type")) && !names.contains(Json.text(old, "name"))) {
                    result.add(old);
                }
            }
        }
        return result;
    }

    private static void checkBinding(SandboxState.Account account, ObjectNode binding) {
        String name = Json.text(binding, "name");
        String type = Json.text(binding, "type");
        switch (type) {
            case "d1" -> {
                String id = binding.has("database_id") ? Json.text(binding, "database_id") : Json.text(binding, "id");
                require(account.databases.containsKey(id), name, type, "id");
                binding.remove("id");
                binding.put("database_id", id); // emitted as database_id, accepted as either (pitfall P7)
            }
            case "kv_namespace" ->
                require(account.namespaces.containsKey(Json.text(binding, "namespace_id")), name, type, "namespace_id");
            case "r2_bucket" ->
                require(account.buckets.containsKey(Json.text(binding, "bucket_name")), name, type, "bucket_name");
            default -> {
                if (name.isEmpty() || type.isEmpty()) {
                    throw ApiException.badRequest(10021, "each binding needs a name and a type");
                }
            }
        }
    }

    private static void require(boolean exists, String name, String type, String field) {
        if (!exists) {
            throw ApiException.badRequest(
                    10021, "binding " + name + " of type " + type + " must have a valid `" + field + "` specified");
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        for (JsonNode value : array) {
            values.add(value.asString());
        }
        return values;
    }
}
