package dev.flarelink.trust;

import dev.flarelink.worker.Binding;
import dev.flarelink.worker.WorkerBundle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What a project's Worker must be: the bundle's hash, compatibility date and flags, and each binding pointing at the
 * project's own resource.
 *
 * @param sha256 the bundle's SHA-256 (lowercase hex)
 * @param recordedSha256 the hash Flarelink recorded when it deployed, if any
 * @param compatibilityDate the bundle's compatibility date
 * @param compatibilityFlags the bundle's compatibility flags
 * @param bindings binding name → expected Cloudflare type and target id
 * @param optional names of bindings the user may add (the bundle's optional ones)
 * @param version the bundle's version
 * @param published every released version by its SHA-256, to recognise an older Worker that was not tampered with
 */
record ExpectedWorker(
        String sha256,
        @Nullable String recordedSha256,
        String compatibilityDate,
        List<String> compatibilityFlags,
        Map<String, Target> bindings,
        Set<String> optional,
        String version,
        Map<String, String> published) {

    /**
     * One expected binding.
     *
     * @param type the Cloudflare binding type ({@code d1}, {@code kv_namespace})
     * @param id the resource it must point to, null when the project has no id recorded
     * @param what the resource in words, e.g. "the project's D1 database"
     */
    record Target(String type, @Nullable String id, String what) {}

    static ExpectedWorker of(
            WorkerBundle bundle, @Nullable String recordedSha256, @Nullable String d1Id, @Nullable String kvId) {
        Map<String, Target> bindings = new LinkedHashMap<>();
        for (Binding binding : bundle.bindings()) {
            switch (binding.type()) {
                case D1 -> bindings.put(binding.name(), new Target("d1", d1Id, "the project's D1 database"));
                case KV_NAMESPACE ->
                    bindings.put(binding.name(), new Target("kv_namespace", kvId, "the project's KV namespace"));
                case SEND_EMAIL -> {
                    // Optional and not bound at upload: nothing to expect.
                }
            }
        }
        return new ExpectedWorker(
                bundle.sha256(),
                recordedSha256,
                bundle.compatibilityDate(),
                bundle.compatibilityFlags(),
                bindings,
                bundle.optionalBindings().stream().map(Binding::name).collect(Collectors.toUnmodifiableSet()),
                bundle.version(),
                bundle.publishedVersions().entrySet().stream()
                        .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey, (a, b) -> a)));
    }
}
