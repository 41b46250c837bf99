package dev.flarelink.cloudflare.r2;

import dev.flarelink.cloudflare.core.ApiCaller;
import dev.flarelink.cloudflare.core.ApiRequest;
import dev.flarelink.cloudflare.core.Page;
import dev.flarelink.cloudflare.errors.NotFoundException;
import org.jspecify.annotations.Nullable;

/** R2 bucket management over REST; objects themselves go through the S3 endpoint. */
public final class R2Api {

    private static final String BUCKETS = "/accounts/{account_id}/r2/buckets";
    private static final String BUCKET = BUCKETS + "/{bucket_name}";
    private static final int BUCKET_NOT_FOUND = 10006;
    private static final int NO_CORS_POLICY = 10059;

    private final ApiCaller caller;
    private final @Nullable String jurisdiction;

    public R2Api(ApiCaller caller, @Nullable String jurisdiction) {
        this.caller = caller;
        this.jurisdiction = jurisdiction;
    }

    /** A view whose calls send {@code cf-r2-jurisdiction}: EU/FedRAMP buckets are only visible with it (P12). */
    public R2Api inJurisdiction(String jurisdiction) {
        return new R2Api(caller, jurisdiction);
    }

    /** {@code POST …/r2/buckets}; not retried blindly: a duplicate name fails with 10004 (Conflict). */
    public R2Bucket createBucket(String accountId, R2BucketCreateParams params) {
        return caller.call(
                start(ApiRequest.post("r2.bucket.create", BUCKETS), accountId)
                        .jsonBody(params)
                        .build(),
                R2Bucket.class);
    }

    /** {@code GET …/r2/buckets?per_page=}: first page; follow {@link Page#nextPage()} for the cursor. */
    public Page<R2Bucket> listBuckets(String accountId, @Nullable String nameContains, int perPage) {
        ApiRequest request = start(ApiRequest.get("r2.bucket.list", BUCKETS), accountId)
                .query("name_contains", nameContains)
                .query("per_page", perPage)
                .build();
        return caller.pageByCursor(request, null, R2Bucket.class, "buckets");
    }

    /** All buckets' first page of 20. */
    public Page<R2Bucket> listBuckets(String accountId) {
        return listBuckets(accountId, null, 20);
    }

    /** {@code GET …/r2/buckets/{bucket_name}}. */
    public R2Bucket getBucket(String accountId, String bucketName) {
        return caller.call(
                bucket(ApiRequest.get("r2.bucket.get", BUCKET), accountId, bucketName)
                        .build(),
                R2Bucket.class);
    }

    /** {@code DELETE …/r2/buckets/{bucket_name}}; the bucket must be empty. */
    public void deleteBucket(String accountId, String bucketName) {
        caller.execute(bucket(ApiRequest.delete("r2.bucket.delete", BUCKET), accountId, bucketName)
                .build());
    }

    /** {@code GET …/cors}; a bucket without a policy reads as {@link R2Cors#none()}. */
    public R2Cors getCors(String accountId, String bucketName) {
        try {
            return caller.call(
                    bucket(ApiRequest.get("r2.bucket.cors.get", BUCKET + "/cors"), accountId, bucketName)
                            .expectedError(NO_CORS_POLICY)
                            .build(),
                    R2Cors.class);
        } catch (NotFoundException e) {
            if (e.hasCode(BUCKET_NOT_FOUND)) {
                throw e;
            }
            return R2Cors.none();
        }
    }

    /** {@code PUT …/cors}: replaces the whole policy. */
    public void putCors(String accountId, String bucketName, R2Cors cors) {
        caller.execute(bucket(ApiRequest.put("r2.bucket.cors.put", BUCKET + "/cors"), accountId, bucketName)
                .jsonBody(cors)
                .build());
    }

    /** {@code DELETE …/cors}. */
    public void deleteCors(String accountId, String bucketName) {
        caller.execute(bucket(ApiRequest.delete("r2.bucket.cors.delete", BUCKET + "/cors"), accountId, bucketName)
                .build());
    }

    /**
     * {@code POST …/r2/temp-access-credentials}. Retrying only mints another short-lived credential, which is
     * harmless, so the call counts as idempotent.
     */
    public R2TemporaryCredentials createTemporaryCredentials(String accountId, R2TemporaryCredentialsParams params) {
        ApiRequest request = ApiRequest.post(
                        "r2.temp_credentials.create", "/accounts/{account_id}/r2/temp-access-credentials")
                .path("account_id", accountId)
                .jsonBody(params)
                .idempotent(true)
                .build();
        return caller.call(request, R2TemporaryCredentials.class);
    }

    private ApiRequest.Builder start(ApiRequest.Builder builder, String accountId) {
        builder.path("account_id", accountId);
        if (jurisdiction != null) {
            builder.header("cf-r2-jurisdiction", jurisdiction);
        }
        return builder;
    }

    private ApiRequest.Builder bucket(ApiRequest.Builder builder, String accountId, String bucketName) {
        return start(builder, accountId).path("bucket_name", bucketName);
    }
}
