package dev.flarelink.provisioning;

import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.connect.ConnectedAccount;
import dev.flarelink.worker.WorkerBundle;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What a step works with: the opened connection (every call recorded in the Activity log), the project, the
 * bundle, the ids other steps produced, and a way to record "create sent" before sending it.
 */
final class StepScope {

    private final ConnectedAccount account;
    private final ProjectSpec spec;
    private final WorkerBundle bundle;
    private final Map<String, String> results;
    private final boolean createAttempted;
    private final Runnable onCreateAttempt;

    StepScope(
            ConnectedAccount account,
            ProjectSpec spec,
            WorkerBundle bundle,
            Map<String, String> results,
            boolean createAttempted,
            Runnable onCreateAttempt) {
        this.account = account;
        this.spec = spec;
        this.bundle = bundle;
        this.results = results;
        this.createAttempted = createAttempted;
        this.onCreateAttempt = onCreateAttempt;
    }

    <T> T call(Function<CloudflareApi, T> work) {
        return account.call(work);
    }

    void run(java.util.function.Consumer<CloudflareApi> work) {
        account.call(api -> {
            work.accept(api);
            return null;
        });
    }

    String accountId() {
        return account.accountId();
    }

    /** The opened connection itself, for work another feature does within the step ({@link ConfigBackfill}). */
    ConnectedAccount account() {
        return account;
    }

    ProjectSpec spec() {
        return spec;
    }

    WorkerBundle bundle() {
        return bundle;
    }

    /** The remote id another step produced (e.g. the D1 uuid for the Worker's binding). */
    String resultOf(String step) {
        String value = results.get(step);
        if (value == null) {
            throw new IllegalStateException("step " + step + " has no result");
        }
        return value;
    }

    @Nullable
    String optionalResultOf(String step) {
        return results.get(step);
    }

    /** Whether this step sent its create before (so a resource found by name is ours). */
    boolean createAttempted() {
        return createAttempted;
    }

    void markCreateAttempted() {
        onCreateAttempt.run();
    }
}
