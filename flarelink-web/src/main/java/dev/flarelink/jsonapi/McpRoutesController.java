package dev.flarelink.jsonapi;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.apikey.ApiKeyService;
import dev.flarelink.apikey.AuthenticatedKey;
import dev.flarelink.cloudflare.d1.D1QueryResult;
import dev.flarelink.connect.ConnectionView;
import dev.flarelink.d1.DatabaseService;
import dev.flarelink.d1.DatabaseSummary;
import dev.flarelink.d1.SqlConsoleService;
import dev.flarelink.d1.SqlScript;
import dev.flarelink.files.BucketService;
import dev.flarelink.files.ConnectionBuckets;
import dev.flarelink.files.ProjectFilesService;
import dev.flarelink.files.ProjectLink;
import dev.flarelink.provisioning.ProjectView;
import dev.flarelink.provisioning.ProvisioningService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The routes the {@code @flarelink/mcp} server calls (reference: app-backend-contract §2), with the shapes it
 * prints, and the active project it implies. Each is a thin call into the same services as the pages.
 */
@RestController
@RequestMapping("/api")
class McpRoutesController {

    static final int MAX_PARAMS = 100;

    private final ApiWorld world;
    private final ApiKeyService keys;
    private final ProvisioningService provisioning;
    private final DatabaseService databases;
    private final SqlConsoleService console;
    private final BucketService buckets;
    private final ProjectFilesService projectFiles;

    McpRoutesController(
            ApiWorld world,
            ApiKeyService keys,
            ProvisioningService provisioning,
            DatabaseService databases,
            SqlConsoleService console,
            BucketService buckets,
            ProjectFilesService projectFiles) {
        this.world = world;
        this.keys = keys;
        this.provisioning = provisioning;
        this.databases = databases;
        this.console = console;
        this.buckets = buckets;
        this.projectFiles = projectFiles;
    }

    /** The key's user, the key itself (name, prefix, scope), the active connection and the active project. */
    @GetMapping("/me")
    ApiJson.Me me(@AuthenticationPrincipal SignedInUser user) {
        AuthenticatedKey key = currentKey();
        Optional<ProjectView> project = world.activeProject(user.id());
        return new ApiJson.Me(
                new ApiJson.User(user.id(), user.email()),
                new ApiJson.Key(key.name(), key.prefix(), key.scope().stored()),
                world.activeConnection(user.id()).map(ApiJson.Connection::of).orElse(null),
                project.map(ApiJson.Project::of).orElse(null));
    }

    /** Chooses the project routes without a project id work on; {@code projectId: null} clears the choice. */
    @PutMapping("/me/active-project")
    ApiJson.Me chooseActiveProject(
            @AuthenticationPrincipal SignedInUser user, @RequestBody(required = false) @Nullable ActiveProject body) {
        if (body == null) {
            throw ApiProblem.badRequest(
                    "Send {\"projectId\": \"<project id>\"}, or {\"projectId\": null} to clear it.");
        }
        UUID projectId = body.projectId();
        if (projectId != null) {
            ProjectView project = provisioning.get(user.id(), projectId); // another user's: 404, nothing changed
            if (project.deleted()) {
                throw new ApiProblem(HttpStatus.NOT_FOUND, "NOT_FOUND", "No project " + projectId + ".");
            }
        }
        keys.chooseActiveProject(user.id(), projectId);
        return me(user);
    }

    /** The projects on the active connection. */
    @GetMapping("/projects")
    ApiJson.Projects projects(@AuthenticationPrincipal SignedInUser user) {
        ConnectionView connection = world.requireConnection(user.id());
        return new ApiJson.Projects(
                ApiJson.Connection.of(connection),
                provisioning.projectsOn(user.id(), connection.id()).stream()
                        .map(ApiJson.ProjectItem::of)
                        .toList());
    }

    /** The D1 databases of the active connection, each saying whether a project's auth module lives in it. */
    @GetMapping("/d1/databases")
    ApiJson.Databases databases(@AuthenticationPrincipal SignedInUser user) {
        ConnectionView connection = world.requireConnection(user.id());
        DatabaseSummary summary = databases.databasesOn(user.id(), connection.id());
        if (summary.problem() != null) {
            throw new ApiProblem(HttpStatus.BAD_GATEWAY, "CLOUDFLARE_ERROR", summary.problem());
        }
        Map<String, UUID> hosts = new LinkedHashMap<>();
        for (ProjectLink link : projectFiles.projectsOf(user.id(), connection.id())) {
            if (link.d1DatabaseId() != null) {
                hosts.put(link.d1DatabaseId(), link.id());
            }
        }
        return new ApiJson.Databases(
                ApiJson.Connection.of(connection),
                summary.databases().stream()
                        .map(d -> new ApiJson.Database(d.id(), d.name(), hosts.containsKey(d.id()), hosts.get(d.id())))
                        .toList());
    }

    /**
     * Runs {@code sql} with bound {@code params} on a database of the active connection, as one D1 call. A read-only
     * key may only send SQL that reads: the console's conservative statement check (any writing keyword outside
     * strings, quoted names and comments counts) decides before anything is sent.
     */
    @PostMapping("/d1/query/{databaseId:[A-Za-z0-9-]{1,64}}")
    Map<String, Object> query(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable String databaseId,
            @RequestBody(required = false) @Nullable QueryRequest body) {
        if (body == null || body.sql() == null || body.sql().isBlank()) {
            throw ApiProblem.badRequest("Send {\"sql\": \"SELECT …\", \"params\": […]} with one or more statements.");
        }
        List<@Nullable Object> params = params(body.params());
        if (currentKey().readOnly() && SqlScript.analyse(body.sql()).writes()) {
            throw ApiProblem.readOnly();
        }
        ConnectionView connection = world.requireConnection(user.id());
        List<D1QueryResult> results = console.query(user.id(), connection.id(), databaseId, body.sql(), params);
        List<Map<String, Object>> statements = new ArrayList<>();
        for (D1QueryResult result : results) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("success", result.success());
            one.put("rows", result.results());
            one.put("meta", result.meta());
            statements.add(one);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("databaseId", databaseId);
        D1QueryResult last = results.isEmpty() ? null : results.get(results.size() - 1);
        answer.put("rows", last == null ? List.of() : last.results());
        answer.put("meta", last == null ? null : last.meta());
        answer.put("results", statements);
        return answer;
    }

    /** The R2 buckets of the active connection. */
    @GetMapping("/r2/buckets")
    ApiJson.Buckets r2Buckets(@AuthenticationPrincipal SignedInUser user) {
        ConnectionView connection = world.requireConnection(user.id());
        ConnectionBuckets found = buckets.bucketsOn(user.id(), connection.id());
        if (found.problem() != null) {
            throw new ApiProblem(HttpStatus.BAD_GATEWAY, "CLOUDFLARE_ERROR", found.problem());
        }
        return new ApiJson.Buckets(
                ApiJson.Connection.of(connection),
                found.buckets().stream()
                        .map(b -> new ApiJson.Bucket(b.name(), b.location(), b.createdAt()))
                        .toList());
    }

    private static List<@Nullable Object> params(@Nullable List<@Nullable Object> params) {
        if (params == null) {
            return List.of();
        }
        if (params.size() > MAX_PARAMS) {
            throw ApiProblem.badRequest("D1 binds at most " + MAX_PARAMS + " parameters per query; send fewer.");
        }
        for (int i = 0; i < params.size(); i++) {
            Object value = params.get(i);
            if (value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw ApiProblem.badRequest("params[" + i + "] must be a string, number, boolean or null.");
            }
        }
        return params;
    }

    static AuthenticatedKey currentKey() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof ApiKeyAuthentication authentication) {
            return authentication.key();
        }
        throw new IllegalStateException("An /api route ran without an API key");
    }

    record ActiveProject(@Nullable UUID projectId) {}

    record QueryRequest(@Nullable String sql, @Nullable List<@Nullable Object> params) {}
}
