package dev.flarelink.cloudflare.d1;

import dev.flarelink.cloudflare.core.ApiCaller;
import dev.flarelink.cloudflare.core.ApiRequest;
import dev.flarelink.cloudflare.core.Page;
import dev.flarelink.cloudflare.core.PageRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** D1 databases of an account and SQL execution against them. */
public final class D1Api {

    private static final String DATABASES = "/accounts/{account_id}/d1/database";
    private static final String DATABASE = DATABASES + "/{database_id}";

    private final ApiCaller caller;

    public D1Api(ApiCaller caller) {
        this.caller = caller;
    }

    /** {@code POST …/d1/database}; not retried blindly: a duplicate name fails with 7502 (Conflict). */
    public D1Database create(String accountId, D1CreateParams params) {
        return caller.call(
                ApiRequest.post("d1.database.create", DATABASES)
                        .path("account_id", accountId)
                        .jsonBody(params)
                        .build(),
                D1Database.class);
    }

    /** {@code GET …/d1/database}, first page of 20. */
    public Page<D1Database> list(String accountId) {
        return list(accountId, null, PageRequest.first());
    }

    /** {@code GET …/d1/database?name=&page=&per_page=}. */
    public Page<D1Database> list(String accountId, @Nullable String name, PageRequest page) {
        ApiRequest request = ApiRequest.get("d1.database.list", DATABASES)
                .path("account_id", accountId)
                .query("name", name)
                .build();
        return caller.pageByNumber(request, page, D1Database.class);
    }

    /** {@code GET …/d1/database/{database_id}} (the id may also be the database name). */
    public D1Database get(String accountId, String databaseId) {
        return caller.call(database("d1.database.get", ApiRequest::get, accountId, databaseId, ""), D1Database.class);
    }

    /** {@code DELETE …/d1/database/{database_id}}. */
    public void delete(String accountId, String databaseId) {
        caller.execute(database("d1.database.delete", ApiRequest::delete, accountId, databaseId, ""));
    }

    /** {@code POST …/query} with one statement (which may contain several, separated by semicolons). */
    public List<D1QueryResult> query(String accountId, String databaseId, String sql, List<@Nullable Object> params) {
        return caller.list(
                sqlRequest("d1.database.query", "/query", accountId, databaseId, single(sql, params), sql),
                D1QueryResult.class);
    }

    /** {@code POST …/query} without parameters. */
    public List<D1QueryResult> query(String accountId, String databaseId, String sql) {
        return query(accountId, databaseId, sql, List.of());
    }

    /** {@code POST …/raw}: column names plus row arrays, cheaper for grids. */
    public List<D1RawResult> raw(String accountId, String databaseId, String sql, List<@Nullable Object> params) {
        return caller.list(
                sqlRequest("d1.database.raw", "/raw", accountId, databaseId, single(sql, params), sql),
                D1RawResult.class);
    }

    /** {@code POST …/query} with {@code {"batch": [...]}}: statements run as one unit, one result each. */
    public List<D1QueryResult> batch(String accountId, String databaseId, List<D1Statement> statements) {
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one statement");
        }
        List<Map<String, Object>> batch =
                statements.stream().map(s -> single(s.sql(), s.params())).toList();
        String sql = statements.stream().map(D1Statement::sql).collect(Collectors.joining(";\n"));
        return caller.list(
                sqlRequest("d1.database.query", "/query", accountId, databaseId, Map.of("batch", batch), sql),
                D1QueryResult.class);
    }

    private static Map<String, Object> single(String sql, List<@Nullable Object> params) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sql", sql);
        if (!params.isEmpty()) {
            body.put("params", params);
        }
        return body;
    }

    private static ApiRequest sqlRequest(
            String action, String suffix, String accountId, String databaseId, Object body, String sql) {
        // A query may write: never retried after it may have reached D1 (only 429 and pre-send failures are).
        return ApiRequest.post(action, DATABASE + suffix)
                .path("account_id", accountId)
                .path("database_id", databaseId)
                .jsonBody(body)
                .sql(sql)
                .build();
    }

    private interface Method {
        ApiRequest.Builder start(String action, String template);
    }

    private static ApiRequest database(
            String action, Method method, String accountId, String databaseId, String suffix) {
        return method.start(action, DATABASE + suffix)
                .path("account_id", accountId)
                .path("database_id", databaseId)
                .build();
    }
}
