package dev.flarelink.cloudflare.workers;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A module Worker upload: one ES module plus metadata (compatibility date, bindings).
 *
 * @param scriptName the Worker name (path segment)
 * @param mainModule module file name, e.g. {@code worker.mjs}; also the multipart part name (P3)
 * @param mainModuleContent the module's source bytes
 * @param compatibilityDate always sent, since omitting it pins 2021-11-02 behaviour (P5)
 * @param compatibilityFlags e.g. {@code nodejs_compat}
 * @param bindings the complete binding set
 * @param keepBindings binding types to keep from the previous version, e.g. {@code secret_text}
 */
public record WorkerScriptUploadParams(
        String scriptName,
        String mainModule,
        byte[] mainModuleContent,
        LocalDate compatibilityDate,
        List<String> compatibilityFlags,
        List<WorkerBinding> bindings,
        List<String> keepBindings) {

    /** ES module content type: sending {@code application/javascript} makes Cloudflare parse a service worker (P4). */
    public static final String MODULE_CONTENT_TYPE = "application/javascript+module";

    public WorkerScriptUploadParams {
        Objects.requireNonNull(scriptName, "scriptName");
        Objects.requireNonNull(mainModule, "mainModule");
        Objects.requireNonNull(compatibilityDate, "compatibilityDate");
        mainModuleContent = mainModuleContent.clone();
        compatibilityFlags = List.copyOf(compatibilityFlags);
        bindings = List.copyOf(bindings);
        keepBindings = List.copyOf(keepBindings);
    }

    public static Builder builder(String scriptName) {
        return new Builder(scriptName);
    }

    /** The metadata part's JSON object. */
    Map<String, Object> metadata() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("main_module", mainModule);
        json.put("compatibility_date", compatibilityDate.toString());
        if (!compatibilityFlags.isEmpty()) {
            json.put("compatibility_flags", compatibilityFlags);
        }
        json.put("bindings", bindings.stream().map(WorkerBinding::toMetadata).toList());
        if (!keepBindings.isEmpty()) {
            json.put("keep_bindings", keepBindings);
        }
        return json;
    }

    @Override
    public String toString() {
        return "WorkerScriptUploadParams[scriptName=" + scriptName + ", mainModule=" + mainModule + ", bytes="
                + mainModuleContent.length + ", bindings=" + bindings + "]";
    }

    /** Builds {@link WorkerScriptUploadParams}. */
    public static final class Builder {
        private final String scriptName;
        private String mainModule = "worker.mjs";
        private byte[] content = new byte[0];
        private LocalDate compatibilityDate = LocalDate.of(2026, 1, 1);
        private final List<String> compatibilityFlags = new ArrayList<>();
        private final List<WorkerBinding> bindings = new ArrayList<>();
        private final List<String> keepBindings = new ArrayList<>();

        private Builder(String scriptName) {
            this.scriptName = scriptName;
        }

        public Builder mainModule(String name, byte[] content) {
            this.mainModule = name;
            this.content = content.clone();
            return this;
        }

        public Builder mainModule(String name, String source) {
            return mainModule(name, source.getBytes(StandardCharsets.UTF_8));
        }

        public Builder compatibilityDate(LocalDate date) {
            this.compatibilityDate = date;
            return this;
        }

        public Builder compatibilityFlag(String flag) {
            compatibilityFlags.add(flag);
            return this;
        }

        public Builder binding(WorkerBinding binding) {
            bindings.add(binding);
            return this;
        }

        public Builder keepBindings(String... types) {
            keepBindings.addAll(List.of(types));
            return this;
        }

        public WorkerScriptUploadParams build() {
            return new WorkerScriptUploadParams(
                    scriptName, mainModule, content, compatibilityDate, compatibilityFlags, bindings, keepBindings);
        }
    }
}
