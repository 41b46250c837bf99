package dev.flarelink.cloudflare.sandbox;

import static dev.flarelink.cloudflare.sandbox.Http.map;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * On-demand throughput check of the persistent sandbox (never part of {@code ./mvnw verify}: it is not a test
 * class). It times 1,000 KV puts and 1,000 D1 queries, over HTTP as Flarelink's client sends them, against a
 * sandbox holding 10,000 KV keys, 10,000 R2 objects and a 10,000-row D1 table, and against an empty one, and prints
 * both timings and their ratio (target: within 1.5x). See docs/sandbox.md for the command.
 *
 * <p>Arguments (all optional): {@code [operations] [population] [rounds]}, default {@code 1000 10000 2}.
 */
public final class SandboxThroughputHarness {

    private SandboxThroughputHarness() {}

    public static void main(String[] args) throws Exception {
        int operations = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int population = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        System.out.printf("operations=%d population=%d rounds=%d%n", operations, population, rounds);
        run("warm-up (JIT)", operations / 2, 0);
        List<long[]> empty = new ArrayList<>();
        List<long[]> full = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            empty.add(run("round " + round + ", empty", operations, 0));
            full.add(run("round " + round + ", populated", operations, population));
        }
        long[] bestEmpty = best(empty);
        long[] bestFull = best(full);
        System.out.printf(
                "%nbest of %d rounds   KV puts: empty %d ms, populated %d ms, ratio %.2f"
                        + "   D1 queries: empty %d ms, populated %d ms, ratio %.2f%n",
                rounds,
                bestEmpty[0],
                bestFull[0],
                (double) bestFull[0] / bestEmpty[0],
                bestEmpty[1],
                bestFull[1],
                (double) bestFull[1] / bestEmpty[1]);
        System.out.printf(
                "total (puts + queries): empty %d ms, populated %d ms, ratio %.2f (target <= 1.50)%n",
                bestEmpty[0] + bestEmpty[1],
                bestFull[0] + bestFull[1],
                (double) (bestFull[0] + bestFull[1]) / (bestEmpty[0] + bestEmpty[1]));
    }

    private static long[] best(List<long[]> runs) {
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
        for (long[] run : runs) {
            best[0] = Math.min(best[0], run[0]);
            best[1] = Math.min(best[1], run[1]);
        }
        return best;
    }

    /** One fresh persistent sandbox: populate, then time the puts and the queries; returns {puts ms, queries ms}. */
    private static long[] run(String label, int operations, int population) throws Exception {
        Path data = Files.createTempDirectory("sandbox-throughput");
        try (CloudflareSandbox sandbox =
                CloudflareSandbox.builder().dataDirectory(data).build().start()) {
            sandbox.switches()
                    .rateLimitOff(); // the harness measures storage, not Cloudflare's 1,200-per-5-minutes limit
            String accountId = sandbox.createAccount("Throughput");
            SandboxToken token = sandbox.createToken(accountId, SandboxPermission.flarelinkFive());
            Http api = new Http(sandbox.baseUrl());
            String account = "/accounts/" + accountId;
            String value = token.value();
            String ns = ok(api.post(account + "/storage/kv/namespaces", value, map("title", "bench")))
                    .result()
                    .path("id")
                    .asString();
            ok(api.post(account + "/r2/buckets", value, map("name", "bench")));
            String db = ok(api.post(account + "/d1/database", value, map("name", "bench")))
                    .result()
                    .path("uuid")
                    .asString();
            String query = account + "/d1/database/" + db + "/query";
            ok(api.post(query, value, map("sql", "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")));
            long populating = System.nanoTime();
            if (population > 0) {
                populate(sandbox, api, token, account, ns, query, population);
            }
            populating = (System.nanoTime() - populating) / 1_000_000;

            byte[] body =
                    "a value of about the size of a session record, 64 bytes long...".getBytes(StandardCharsets.UTF_8);
            long start = System.nanoTime();
            for (int i = 0; i < operations; i++) {
                ok(api.send(
                        "PUT",
                        account + "/storage/kv/namespaces/" + ns + "/values/bench-" + i,
                        value,
                        "application/octet-stream",
                        body));
            }
            long puts = (System.nanoTime() - start) / 1_000_000;
            start = System.nanoTime();
            for (int i = 0; i < operations; i++) {
                ok(api.post(
                        query,
                        value,
                        map("sql", "SELECT id, name FROM item WHERE id = ?", "params", List.of(1 + (i * 7) % 10_000))));
            }
            long queries = (System.nanoTime() - start) / 1_000_000;
            System.out.printf(
                    "%-22s populate %6d ms | %d KV puts %6d ms | %d D1 queries %6d ms | state.json %d bytes%n",
                    label, populating, operations, puts, operations, queries, Files.size(data.resolve("state.json")));
            return new long[] {puts, queries};
        } finally {
            StateStore.deleteTree(data);
        }
    }

    private static void populate(
            CloudflareSandbox sandbox,
            Http api,
            SandboxToken token,
            String account,
            String ns,
            String query,
            int population) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < population; i++) {
            items.add(map("key", "seed-" + i, "value", "seed value " + i + " of a populated namespace"));
        }
        ok(api.put(account + "/storage/kv/namespaces/" + ns + "/bulk", token.value(), items));
        ok(api.post(
                query,
                token.value(),
                map(
                        "sql",
                        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
                                + " INSERT INTO item SELECT i, 'item ' || i FROM n",
                        "params",
                        List.of(population))));
        S3Client s3 = new S3Client(sandbox.s3Endpoint(), token, Clock.systemUTC());
        byte[] object = "object bytes".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < population; i++) {
            Http.Reply reply = s3.put("bench", "objects/" + i + ".txt", object, "text/plain");
            if (reply.status() != 200) {
                throw new IllegalStateException("S3 PUT answered " + reply.status());
            }
        }
    }

    private static Http.Reply ok(Http.Reply reply) {
        if (reply.status() != 200) {
            throw new IllegalStateException("the sandbox answered " + reply.status() + ": " + reply.text());
        }
        return reply;
    }
}
