package dev.flarelink.jsonapi;

import dev.flarelink.account.web.SignedInUser;
import dev.flarelink.activity.ActivityCursor;
import dev.flarelink.activity.ActivityEntry;
import dev.flarelink.activity.ActivityEventView;
import dev.flarelink.activity.ActivityFilter;
import dev.flarelink.activity.ActivityPage;
import dev.flarelink.activity.ActivityService;
import dev.flarelink.activity.web.ActivityExports;
import dev.flarelink.activity.web.ActivityFilterForm;
import dev.flarelink.d1.CellView;
import dev.flarelink.d1.ColumnInfo;
import dev.flarelink.d1.DatabaseService;
import dev.flarelink.d1.RowView;
import dev.flarelink.d1.RowsPage;
import dev.flarelink.d1.RowsQuery;
import dev.flarelink.d1.TableList;
import dev.flarelink.files.BucketService;
import dev.flarelink.files.FileBrowserService;
import dev.flarelink.files.FilesProblemException;
import dev.flarelink.files.ObjectListing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Beyond the MCP contract, on the active connection: a database's tables and pages of rows (keyset cursors, as the
 * table editor pages), a bucket's objects with presigned URLs (the bytes go straight between the script and R2,
 * never through Flarelink), and the Activity log with cursor paging, filters and exports.
 */
@RestController
@RequestMapping("/api")
class DataApiController {

    static final String DATABASE = "/d1/databases/{databaseId:[A-Za-z0-9-]{1,64}}";
    static final String BUCKET = "/r2/buckets/{bucket:[a-z0-9][a-z0-9-]{1,61}[a-z0-9]}";

    private final ApiWorld world;
    private final DatabaseService databases;
    private final FileBrowserService files;
    private final ActivityService activity;
    private final BucketService buckets;

    DataApiController(
            ApiWorld world,
            DatabaseService databases,
            FileBrowserService files,
            ActivityService activity,
            BucketService buckets) {
        this.world = world;
        this.databases = databases;
        this.files = files;
        this.activity = activity;
        this.buckets = buckets;
    }

    @GetMapping(DATABASE + "/tables")
    TableList tables(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable String databaseId,
            @RequestParam(defaultValue = "false") boolean internal) {
        return databases.tables(user.id(), connection(user), databaseId, internal);
    }

    /**
     * One page of rows in key order (or {@code sort}), {@code limit} 50, 100 or 500. {@code nextCursor} is passed
     * back as {@code after} for the following page; a page costs the same wherever it is in the table.
     */
    @GetMapping(DATABASE + "/tables/{table}/rows")
    Map<String, Object> rows(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable String databaseId,
            @PathVariable String table,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(defaultValue = "false") boolean desc,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(required = false) @Nullable String before) {
        if (!RowsQuery.PAGE_SIZES.contains(limit)) {
            throw ApiProblem.badRequest("limit is 50, 100 or 500.");
        }
        RowsPage page = databases.rows(
                user.id(),
                connection(user),
                databaseId,
                new RowsQuery(table, sort, desc, List.of(), limit, after, before, false));
        List<String> columns =
                page.schema().columns().stream().map(ColumnInfo::name).toList();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RowView row : page.rows()) {
            Map<String, @Nullable Object> values = new LinkedHashMap<>();
            for (int i = 0; i < columns.size() && i < row.cells().size(); i++) {
                CellView cell = row.cells().get(i);
                values.put(columns.get(i), cell.kind().equals("null") ? null : cell.full());
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("key", row.key());
            one.put("values", values);
            rows.add(one);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("table", page.schema().name());
        answer.put("columns", columns);
        answer.put("rows", rows);
        answer.put("nextCursor", page.nextCursor());
        answer.put("previousCursor", page.previousCursor());
        answer.put("estimatedRows", page.estimatedRows());
        return answer;
    }

    /** One page of the folders and objects under {@code prefix}; {@code nextCursor} goes back as {@code cursor}. */
    @GetMapping(BUCKET + "/objects")
    Map<String, Object> objects(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable String bucket,
            @RequestParam(defaultValue = "") String prefix,
            @RequestParam(required = false) @Nullable String cursor) {
        ObjectListing listing = files.list(user.id(), bucketConnection(user, bucket), bucket, prefix, cursor);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("bucket", bucket);
        answer.put("prefix", listing.prefix());
        answer.put(
                "folders",
                listing.folders().stream().map(ObjectListing.Folder::prefix).toList());
        answer.put("objects", listing.objects());
        answer.put("nextCursor", listing.nextPageToken());
        return answer;
    }

    /** A presigned GET for one object, valid 15 minutes: fetch the bytes from R2 with it. */
    @GetMapping(BUCKET + "/objects/download-url")
    ResponseEntity<Map<String, Object>> downloadUrl(
            @AuthenticationPrincipal SignedInUser user, @PathVariable String bucket, @RequestParam String key) {
        return presigned(
                key,
                files.downloadUrl(user.id(), bucketConnection(user, bucket), bucket, key)
                        .toString(),
                "GET");
    }

    /** A presigned PUT for one object, valid 15 minutes: send the bytes to R2 with it. */
    @PostMapping(BUCKET + "/objects/upload-url")
    ResponseEntity<Map<String, Object>> uploadUrl(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable String bucket,
            @RequestBody(required = false) @Nullable ObjectKey body) {
        if (body == null || body.key() == null || body.key().isBlank()) {
            throw ApiProblem.badRequest("Send {\"key\": \"path/of/the/object\"}.");
        }
        return presigned(
                body.key(),
                files.uploadUrl(user.id(), bucketConnection(user, bucket), bucket, body.key())
                        .toString(),
                "PUT");
    }

    /**
     * The key user's Activity log, newest first, 50 events a page, narrowed by {@code project}, {@code action},
     * {@code outcome}, {@code from}, {@code to} (UTC) and {@code q}; {@code nextCursor} goes back as {@code before}.
     */
    @GetMapping("/activity")
    Map<String, Object> activity(
            @AuthenticationPrincipal SignedInUser user,
            @ModelAttribute ActivityFilterForm form,
            BindingResult errors,
            @RequestParam(required = false) @Nullable String before) {
        ActivityFilter filter = filter(form, errors);
        ActivityCursor cursor;
        try {
            cursor = before == null || before.isBlank() ? null : ActivityCursor.parse(before);
        } catch (IllegalArgumentException malformed) {
            throw ApiProblem.badRequest("before is the nextCursor of a previous page.");
        }
        ActivityPage page = activity.page(user.id(), filter, cursor);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(
                "events", page.events().stream().map(DataApiController::event).toList());
        answer.put("nextCursor", page.next() == null ? null : page.next().token());
        answer.put("searchedBackTo", page.searchedBackTo());
        return answer;
    }

    /** The matching events, oldest first, streamed as CSV or JSON Lines (the page's export, with its hash chain). */
    @GetMapping("/activity/export.{format:csv|jsonl}")
    ResponseEntity<StreamingResponseBody> export(
            @AuthenticationPrincipal SignedInUser user,
            @ModelAttribute ActivityFilterForm form,
            BindingResult errors,
            @PathVariable String format) {
        ActivityFilter filter = filter(form, errors);
        return ActivityExports.download(activity, user.id(), filter, format);
    }

    @ExceptionHandler(FilesProblemException.class)
    ResponseEntity<Map<String, Object>> filesProblem(FilesProblemException problem) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .body(ApiErrors.body(String.valueOf(problem.getMessage()), "R2_ERROR", null));
    }

    private UUID connection(SignedInUser user) {
        return world.requireConnection(user.id()).id();
    }

    // A bucket that is not in the active connection's account is not found (as another user's is on the pages),
    // before the file browser would say it has no key for it.
    private UUID bucketConnection(SignedInUser user, String bucket) {
        UUID connection = connection(user);
        buckets.bucket(user.id(), connection, bucket);
        return connection;
    }

    private static ActivityFilter filter(ActivityFilterForm form, BindingResult errors) {
        ActivityFilter filter = form.toFilter(errors);
        if (errors.hasErrors()) {
            throw ApiProblem.badRequest(errors.getAllErrors().stream()
                    .map(e -> String.valueOf(e.getDefaultMessage()))
                    .findFirst()
                    .orElse("A filter is not valid."));
        }
        return filter;
    }

    private static ResponseEntity<Map<String, Object>> presigned(String key, String url, String method) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("key", key);
        answer.put("method", method);
        answer.put("url", url);
        answer.put("expiresInSeconds", FileBrowserService.URL_VALIDITY.toSeconds());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer);
    }

    private static Map<String, Object> event(ActivityEventView view) {
        ActivityEntry e = view.entry();
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("seq", e.seq());
        one.put("occurredAt", e.occurredAt());
        one.put("kind", e.kind());
        one.put("action", e.action());
        one.put("outcome", e.outcome());
        one.put("connectionId", e.connectionId());
        one.put("projectId", e.projectId());
        one.put("method", e.method());
        one.put("path", e.path());
        one.put("resourceIds", e.resourceIds());
        one.put("status", e.status());
        one.put("errorCodes", e.errorCodes());
        one.put("cfRay", e.cfRay());
        one.put("durationMs", e.durationMs());
        one.put("attempt", e.attempt());
        one.put("detail", e.detail());
        one.put("hash", view.hash());
        return one;
    }

    record ObjectKey(@Nullable String key) {}
}
