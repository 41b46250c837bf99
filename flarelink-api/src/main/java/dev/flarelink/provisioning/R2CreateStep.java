package dev.flarelink.provisioning;

import dev.flarelink.cloudflare.CloudflareApi;
import dev.flarelink.cloudflare.errors.NotFoundException;
import dev.flarelink.cloudflare.r2.R2BucketCreateParams;
import dev.flarelink.cloudflare.r2.R2Cors;
import dev.flarelink.connect.Permission;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Creates (or adopts) the optional R2 bucket and lets the trusted origins upload to it from the browser. */
final class R2CreateStep extends CreateByNameStep {

    static final String NAME = "r2.create";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String label() {
        return "Create the R2 bucket and its upload CORS rule";
    }

    @Override
    String kindOfResource() {
        return "R2 bucket";
    }

    @Override
    String resourceName(ProjectSpec spec) {
        return Objects.requireNonNull(spec.r2Bucket(), "r2Bucket");
    }

    @Override
    public List<PlannedCall> calls(ProjectSpec spec, String accountId) {
        String base = "/accounts/" + accountId + "/r2/buckets";
        String bucket = resourceName(spec);
        return List.of(
                new PlannedCall("GET", base + "/" + bucket, Permission.WORKERS_R2, "Look for the bucket first"),
                new PlannedCall("POST", base, Permission.WORKERS_R2, "Create bucket " + bucket),
                new PlannedCall(
                        "PUT",
                        base + "/" + bucket + "/cors",
                        Permission.WORKERS_R2,
                        "Allow browser uploads from your trusted origins"));
    }

    @Override
    Optional<String> find(CloudflareApi api, String accountId, String name) {
        try {
            return Optional.of(api.r2().getBucket(accountId, name).name());
        } catch (NotFoundException absent) {
            return Optional.empty();
        }
    }

    @Override
    String create(CloudflareApi api, String accountId, String name) {
        api.r2().createBucket(accountId, R2BucketCreateParams.named(name));
        return name; // the bucket's id is its name; don't depend on the response body (reference §7.1)
    }

    @Override
    void afterCreate(StepScope scope, String bucket) {
        R2Cors cors = uploadCors(scope.spec().trustedOrigins());
        scope.run(api -> api.r2().putCors(scope.accountId(), bucket, cors));
    }

    /** Lets the trusted origins read and upload objects from a browser (presigned GET/PUT). */
    static R2Cors uploadCors(List<String> origins) {
        return new R2Cors(List.of(new R2Cors.Rule(
                "flarelink-uploads",
                new R2Cors.Allowed(origins, List.of("GET", "PUT", "HEAD"), List.of("content-type")),
                List.of("ETag"),
                3600)));
    }

    @Override
    void delete(CloudflareApi api, String accountId, String id) {
        api.r2().deleteBucket(accountId, id);
    }
}
