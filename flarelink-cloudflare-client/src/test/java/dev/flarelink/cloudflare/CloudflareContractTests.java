package dev.flarelink.cloudflare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.cloudflare.audit.AuditLogEntry;
import dev.flarelink.cloudflare.audit.AuditLogQuery;
import dev.flarelink.cloudflare.d1.D1CreateParams;
import dev.flarelink.cloudflare.d1.D1Database;
import dev.flarelink.cloudflare.d1.D1QueryResult;
import dev.flarelink.cloudflare.d1.D1RawResult;
import dev.flarelink.cloudflare.d1.D1Statement;
import dev.flarelink.cloudflare.errors.AuthenticationException;
import dev.flarelink.cloudflare.errors.BadRequestException;
import dev.flarelink.cloudflare.errors.ConflictException;
import dev.flarelink.cloudflare.errors.NotFoundException;
import dev.flarelink.cloudflare.kv.KvKey;
import dev.flarelink.cloudflare.kv.KvNamespace;
import dev.flarelink.cloudflare.r2.R2Bucket;
import dev.flarelink.cloudflare.r2.R2BucketCreateParams;
import dev.flarelink.cloudflare.r2.R2Cors;
import dev.flarelink.cloudflare.tokens.CreatedToken;
import dev.flarelink.cloudflare.tokens.PermissionGroup;
import dev.flarelink.cloudflare.tokens.TokenCreateParams;
import dev.flarelink.cloudflare.tokens.TokenPolicy;
import dev.flarelink.cloudflare.tokens.TokenVerification;
import dev.flarelink.cloudflare.workers.CustomDomain;
import dev.flarelink.cloudflare.workers.DomainAttachParams;
import dev.flarelink.cloudflare.workers.WorkerBinding;
import dev.flarelink.cloudflare.workers.WorkerScript;
import dev.flarelink.cloudflare.workers.WorkerScriptUploadParams;
import dev.flarelink.cloudflare.zones.Zone;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behavioural contract of the Cloudflare API as the client sees it: results, not wire details. Subclasses provide
 * a backend: {@code WireMockContractTests} replays documented fixtures; a sandbox-backed subclass runs the same
 * assertions against the emulator.
 *
 * <p>A backend must know the account {@link ContractTarget#accountId()}, accept {@link ContractTarget#token()} as a
 * user token with all permissions Flarelink needs, and hold an active zone named {@link ContractTarget#zoneName()}.
 */
public abstract class CloudflareContractTests {

    protected static final String DB_NAME = "contract-db";
    protected static final String DUPLICATE_DB_NAME = "contract-dup-db";
    protected static final String MISSING_DB = "00000000-0000-0000-0000-000000000000";
    protected static final String NAMESPACE_TITLE = "contract-sessions";
    protected static final String KV_KEY = "session:abc/1?x";
    protected static final String BUCKET = "contract-files";
    protected static final String MISSING_BUCKET = "contract-missing";
    protected static final String SCRIPT = "contract-worker";
    protected static final String SCRIPT_SOURCE =
            "export default { async fetch() { return new Response(\"ok\"); } };\n";
    protected static final String HOSTNAME = "auth.contract.example";
    protected static final String TOKEN_NAME = "contract-r2-token";
    protected static final String BOGUS_TOKEN = "bogus-token-value-0000000000000000000000";
    protected static final String BUCKET_ITEM_WRITE = "Workers R2 Storage Bucket Item Write";

    /**
     * Where and as whom the contract runs.
     *
     * @param baseUrl API root, e.g. {@code http://localhost:1234/client/v4}
     * @param token a user token with all permissions
     * @param accountId the token's account
     * @param zoneName an active zone of that account
     */
    protected record ContractTarget(URI baseUrl, ApiToken token, String accountId, String zoneName) {}

    /** Prepares the backend and says how to reach it; called before each test. */
    protected abstract ContractTarget target();

    protected CloudflareClient client;
    protected CloudflareApi api;
    protected String account;
    protected String zoneName;

    @BeforeEach
    void connectToTarget() {
        ContractTarget target = target();
        FakeClock clock = new FakeClock();
        client = CloudflareClient.builder()
                .options(CloudflareClientOptions.builder()
                        .baseUrl(target.baseUrl())
                        .clock(clock)
                        .sleeper(new RecordingSleeper(clock))
                        .build())
                .build();
        api = client.withToken(target.token());
        account = target.accountId();
        zoneName = target.zoneName();
    }

    @Test
    void verifiesTheBoundUserToken() {
        TokenVerification verification = api.tokens().verify();

        assertThat(verification.isActive()).isTrue();
        assertThat(verification.id()).isNotBlank();
        assertThat(verification.kind()).isEqualTo(ApiToken.Kind.USER);
    }

    @Test
    void rejectsAnUnknownToken() {
        CloudflareApi bogus = client.withToken(ApiToken.of(BOGUS_TOKEN));

        assertThatThrownBy(() -> bogus.tokens().verifyUserToken())
                .isInstanceOf(AuthenticationException.class)
                .hasMessageNotContaining(BOGUS_TOKEN);
    }

    @Test
    void listsTheAccountOfTheToken() {
        assertThat(api.accounts().list().items()).extracting(a -> a.id()).contains(account);
    }

    @Test
    void findsAZoneByExactName() {
        Zone zone = api.zones().findByName(zoneName).orElseThrow();

        assertThat(zone.isActive()).isTrue();
        assertThat(api.zones().findForHostname(HOSTNAME, account)).map(Zone::id).contains(zone.id());
    }

    @Test
    void createsQueriesAndDeletesAD1Database() {
        D1Database db = api.d1().create(account, D1CreateParams.named(DB_NAME));
        assertThat(db.name()).isEqualTo(DB_NAME);
        assertThat(api.d1().get(account, db.uuid()).name()).isEqualTo(DB_NAME);
        assertThat(api.d1().list(account).autoPager().stream())
                .extracting(D1Database::uuid)
                .contains(db.uuid());

        assertThatThrownBy(() -> api.d1().query(account, db.uuid(), "SELECT * FROM no_such_table"))
                .isInstanceOfSatisfying(
                        BadRequestException.class,
                        e -> assertThat(e.hasCode(7500)).isTrue());

        api.d1().query(account, db.uuid(), "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)");
        List<D1QueryResult> insert =
                api.d1().query(account, db.uuid(), "INSERT INTO users (id, email) VALUES (?, ?)", List.of(1, "a@b.c"));
        assertThat(insert.get(0).success()).isTrue();

        List<D1QueryResult> select =
                api.d1().query(account, db.uuid(), "SELECT id, email FROM users WHERE id = ?", List.of(1));
        assertThat(select).hasSize(1);
        Map<String, Object> row = select.get(0).results().get(0);
        assertThat(((Number) row.get("id")).intValue()).isEqualTo(1);
        assertThat(row.get("email")).isEqualTo("a@b.c");

        List<D1RawResult> raw =
                api.d1().raw(account, db.uuid(), "SELECT id, email FROM users WHERE id = ?", List.of(1));
        assertThat(raw.get(0).results().columns()).containsExactly("id", "email");
        assertThat(raw.get(0).results().rows().get(0).get(1)).isEqualTo("a@b.c");

        List<D1QueryResult> batch = api.d1()
                .batch(
                        account,
                        db.uuid(),
                        List.of(
                                D1Statement.of("INSERT INTO users (id, email) VALUES (?, ?)", 2, "c@d.e"),
                                D1Statement.of("SELECT count(*) AS n FROM users WHERE id = ?", 2)));
        assertThat(batch).hasSize(2);
        assertThat(((Number) batch.get(1).results().get(0).get("n")).intValue()).isEqualTo(1);

        api.d1().delete(account, db.uuid());
    }

    @Test
    void duplicateD1NameIsAConflict() {
        D1Database first = api.d1().create(account, D1CreateParams.named(DUPLICATE_DB_NAME));

        assertThatThrownBy(() -> api.d1().create(account, D1CreateParams.named(DUPLICATE_DB_NAME)))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.hasCode(7502)).isTrue());
        api.d1().delete(account, first.uuid());
    }

    @Test
    void missingD1DatabaseIsNotFound() {
        assertThatThrownBy(() -> api.d1().get(account, MISSING_DB)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void storesReadsListsAndDeletesKvValues() {
        KvNamespace ns = api.kv().createNamespace(account, NAMESPACE_TITLE);
        assertThat(ns.title()).isEqualTo(NAMESPACE_TITLE);
        assertThat(api.kv().listNamespaces(account).autoPager().stream())
                .extracting(KvNamespace::id)
                .contains(ns.id());

        byte[] value = "hello".getBytes(StandardCharsets.UTF_8);
        api.kv().put(account, ns.id(), KV_KEY, value, Duration.ofMinutes(2));

        assertThat(api.kv().get(account, ns.id(), KV_KEY))
                .hasValueSatisfying(v -> assertThat(v).isEqualTo(value));
        assertThat(api.kv().listKeys(account, ns.id(), "session:", 100).autoPager().stream())
                .extracting(KvKey::name)
                .contains(KV_KEY);
        assertThat(api.kv().get(account, ns.id(), "missing-key")).isEmpty();

        api.kv().delete(account, ns.id(), KV_KEY);
        api.kv().deleteNamespace(account, ns.id());
    }

    @Test
    void managesAnR2BucketAndItsCorsPolicy() {
        R2Bucket bucket = api.r2().createBucket(account, R2BucketCreateParams.named(BUCKET));
        assertThat(bucket.name()).isEqualTo(BUCKET);
        assertThat(api.r2().getBucket(account, BUCKET).name()).isEqualTo(BUCKET);
        assertThat(api.r2().listBuckets(account).autoPager().stream())
                .extracting(R2Bucket::name)
                .contains(BUCKET);

        R2Cors cors = new R2Cors(List.of(new R2Cors.Rule(
                "browser-uploads",
                new R2Cors.Allowed(List.of("https://app.example.com"), List.of("GET", "PUT"), List.of("content-type")),
                List.of("ETag"),
                3600)));
        api.r2().putCors(account, BUCKET, cors);
        assertThat(api.r2().getCors(account, BUCKET)).isEqualTo(cors);

        api.r2().deleteCors(account, BUCKET);
        api.r2().deleteBucket(account, BUCKET);
    }

    @Test
    void missingBucketIsNotFound() {
        assertThatThrownBy(() -> api.r2().getBucket(account, MISSING_BUCKET))
                .isInstanceOfSatisfying(
                        NotFoundException.class,
                        e -> assertThat(e.hasCode(10006)).isTrue());
    }

    @Test
    void deploysDownloadsExposesAndDeletesAWorker() {
        WorkerScriptUploadParams params = WorkerScriptUploadParams.builder(SCRIPT)
                .mainModule("worker.mjs", SCRIPT_SOURCE)
                .compatibilityDate(LocalDate.of(2026, 1, 15))
                .binding(WorkerBinding.plainText("APP_ENV", "production"))
                .binding(WorkerBinding.secretText("API_SECRET", "s3cr3t"))
                .build();

        WorkerScript script = api.workers().upload(account, params);
        assertThat(script.id()).isEqualTo(SCRIPT);
        assertThat(script.etag()).isNotBlank();
        assertThat(api.workers().list(account)).extracting(WorkerScript::id).contains(SCRIPT);
        assertThat(api.workers().downloadAsString(account, SCRIPT)).isEqualTo(SCRIPT_SOURCE);

        assertThat(api.workers().enableSubdomain(account, SCRIPT).enabled()).isTrue();
        assertThat(api.workers().accountSubdomain(account)).isPresent();

        Zone zone = api.zones().findByName(zoneName).orElseThrow();
        CustomDomain domain = api.workers().attachDomain(account, DomainAttachParams.of(HOSTNAME, SCRIPT, zone.id()));
        assertThat(domain.hostname()).isEqualTo(HOSTNAME);
        assertThat(domain.service()).isEqualTo(SCRIPT);
        assertThat(api.workers().listDomains(account, SCRIPT))
                .extracting(CustomDomain::id)
                .contains(domain.id());

        api.workers().detachDomain(account, domain.id());
        api.workers().delete(account, SCRIPT);
    }

    @Test
    void mintsRollsAndRevokesAUserToken() {
        PermissionGroup bucketWrite = api.tokens().permissionGroups().stream()
                .filter(g -> g.name().equals(BUCKET_ITEM_WRITE))
                .findFirst()
                .orElseThrow();
        String resource = "com.cloudflare.edge.r2.bucket." + account + "_default_" + BUCKET;
        TokenCreateParams params = TokenCreateParams.of(
                TOKEN_NAME, List.of(TokenPolicy.allow(Map.of(resource, "*"), List.of(bucketWrite.id()))));

        CreatedToken created = api.tokens().create(params);
        assertThat(created.id()).isNotBlank();
        assertThat(created.name()).isEqualTo(TOKEN_NAME);
        assertThat(created.value().reveal()).isNotBlank();
        assertThat(api.tokens().get(created.id()).name()).isEqualTo(TOKEN_NAME);
        assertThat(api.tokens().list().autoPager().stream())
                .extracting(t -> t.id())
                .contains(created.id());

        ApiToken rolled = api.tokens().roll(created.id());
        assertThat(rolled).isNotEqualTo(created.value());

        api.tokens().delete(created.id());
    }

    @Test
    void auditLogLinksMutationsToTheToken() {
        String tokenId = api.tokens().verify().id();
        KvNamespace ns = api.kv().createNamespace(account, NAMESPACE_TITLE);
        api.kv().deleteNamespace(account, ns.id());

        Instant now = Instant.now();
        List<AuditLogEntry> entries = api
                .auditLogs()
                .list(
                        account,
                        AuditLogQuery.between(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)))
                                .byToken(tokenId))
                .autoPager()
                .stream()
                .toList();

        assertThat(entries).isNotEmpty();
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.actor().tokenId()).isEqualTo(tokenId);
            assertThat(e.raw().cfRayId()).isNotBlank();
        });
    }
}
