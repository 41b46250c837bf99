package dev.flarelink.provisioning;

import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.errors.CloudflareConnectionException;
import dev.flarelink.cloudflare.errors.ConflictException;
import dev.flarelink.cloudflare.errors.NotFoundException;
import dev.flarelink.cloudflare.errors.ServerErrorException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A step that creates a named resource without ever making a duplicate: it looks the name up first and adopts what
 * it finds when this step already sent a create (a lost answer, a crash); after an ambiguous failure it looks again
 * instead of sending the create a second time. A name taken by something Flarelink did not create is reported.
 */
abstract class CreateByNameStep implements Step {

    abstract String kindOfResource();

    abstract String resourceName(ProjectSpec spec);

    abstract Optional<String> find(CloudflareApi api, String accountId, String name);

    abstract String create(CloudflareApi api, String accountId, String name);

    abstract void delete(CloudflareApi api, String accountId, String id);

    /** Runs after the resource exists (created or adopted), e.g. to set bucket CORS. */
    void afterCreate(StepScope scope, String id) {}

    @Override
    public List<String> after() {
        return List.of();
    }

    @Override
    public StepOutcome execute(StepScope scope) {
        String name = resourceName(scope.spec());
        Optional<String> existing = scope.call(api -> find(api, scope.accountId(), name));
        if (existing.isPresent()) {
            if (!scope.createAttempted()) {
                throw new StepProblemException("Your Cloudflare account already has a " + kindOfResource() + " named "
                        + name + " that Flarelink did not create for this project, so it was left alone. Delete or "
                        + "rename it in Cloudflare, or choose another project name.");
            }
            afterCreate(scope, existing.get());
            return new StepOutcome(existing.get(), true);
        }
        scope.markCreateAttempted();
        String id;
        boolean adopted = false;
        try {
            id = scope.call(api -> create(api, scope.accountId(), name));
        } catch (CloudflareConnectionException | ConflictException | ServerErrorException ambiguous) {
            // The create may have happened without us hearing back: look, never send it again.
            id = scope.call(api -> find(api, scope.accountId(), name)).orElseThrow(() -> ambiguous);
            adopted = true;
        }
        afterCreate(scope, id);
        return new StepOutcome(id, adopted);
    }

    @Override
    public void undo(StepScope scope, StepRecord record) {
        String name = resourceName(scope.spec());
        @Nullable String id = record.remoteId();
        if (id == null && record.createAttempted()) {
            id = scope.call(api -> find(api, scope.accountId(), name)).orElse(null);
        }
        if (id == null) {
            return;
        }
        String target = id;
        try {
            scope.run(api -> delete(api, scope.accountId(), target));
        } catch (NotFoundException alreadyGone) {
            // Deleted by someone else in the meantime: the goal is reached.
        }
    }
}
