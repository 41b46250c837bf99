package dev.flarelink.cloudflare.sandbox;

import static dev.flarelink.cloudflare.sandbox.Http.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * ListObjectsV2 past 1,000 entries: max-keys, IsTruncated, NextContinuationToken and continuation-token, with
 * folders (CommonPrefixes) counted as entries and never repeated across a page boundary.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3ListingPagesTests extends SandboxFixture {

    private static final Pattern KEY = Pattern.compile("<Key>([^<]*)</Key>");
    private static final Pattern PREFIX = Pattern.compile("<CommonPrefixes><Prefix>([^<]*)</Prefix>");

    S3Client s3;
    final List<String> allKeys = new ArrayList<>();

    /**
     * 2,500 entries at the root: 999 objects, folder b/ (the 1,000th entry; its keys sort after the page boundary),
     * 1,000 objects, folder d/ (first of the third page), 499 objects. 2,503 keys in all.
     */
    @BeforeAll
    void fill() {
        api.post(accounts("/r2/buckets"), token.value(), map("name", "many"));
        s3 = new S3Client(sandbox.s3Endpoint(), token, clock);
        add("a", 999);
        allKeys.addAll(List.of("b/0", "b/1", "b/2"));
        add("c", 1000);
        allKeys.addAll(List.of("d/0", "d/1"));
        add("e", 499);
        for (String key : allKeys) {
            assertThat(s3.put("many", key, new byte[] {1}, "application/octet-stream")
                            .status())
                    .isEqualTo(200);
        }
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @Test
    void foldersAndObjectsComeInPagesOf1000Then1000Then500() {
        List<List<String>> pages = pages(Map.of("delimiter", "/"));

        assertThat(pages).extracting(List::size).containsExactly(1000, 1000, 500);
        assertThat(pages.get(0)).endsWith("a0998", "b/");
        assertThat(pages.get(1)).startsWith("c0000").endsWith("c0999");
        assertThat(pages.get(2)).startsWith("d/", "e0000").endsWith("e0498");
        List<String> flat = pages.stream().flatMap(List::stream).toList();
        Set<String> unique = new LinkedHashSet<>(flat);
        assertThat(unique).hasSize(2500);
        assertThat(flat.stream().filter(entry -> entry.endsWith("/"))).containsExactly("b/", "d/");
    }

    @Test
    void withoutADelimiterEveryKeyComesOnceInOrder() {
        List<List<String>> pages = pages(Map.of());

        assertThat(pages).extracting(List::size).containsExactly(1000, 1000, 503);
        assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(allKeys);
    }

    @Test
    void smallerPagesAndFoldersOnTheirOwnPage() {
        List<List<String>> pages = pages(Map.of("delimiter", "/", "prefix", "b/", "max-keys", "2"));

        assertThat(pages).containsExactly(List.of("b/0", "b/1"), List.of("b/2"));
    }

    @Test
    void maxKeysAbove1000StillAnswers1000AndBadInputIsRefused() {
        Http.Reply big = s3.list("many", Map.of("max-keys", "5000"));
        Http.Reply negative = s3.list("many", Map.of("max-keys", "-1"));
        Http.Reply badToken = s3.list("many", Map.of("continuation-token", "%%%not-a-token"));

        assertThat(big.text()).contains("<MaxKeys>1000</MaxKeys>", "<KeyCount>1000</KeyCount>");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.text()).contains("<Code>InvalidArgument</Code>");
        assertThat(badToken.status()).isEqualTo(400);
        assertThat(badToken.text()).contains("<Code>InvalidArgument</Code>");
    }

    /** Follows NextContinuationToken until IsTruncated is false; each page's keys and folders in answer order. */
    private List<List<String>> pages(Map<String, String> params) {
        List<List<String>> pages = new ArrayList<>();
        String token = null;
        do {
            Map<String, String> query = new HashMap<>(params);
            if (token != null) {
                query.put("continuation-token", token);
            }
            String xml = s3.list("many", query).text();
            if (token != null) {
                assertThat(xml).contains("<ContinuationToken>" + token + "</ContinuationToken>");
            }
            pages.add(entries(xml));
            boolean truncated = xml.contains("<IsTruncated>true</IsTruncated>");
            token = truncated ? between(xml, "<NextContinuationToken>", "</NextContinuationToken>") : null;
            assertThat(xml.contains("<NextContinuationToken>")).isEqualTo(truncated);
        } while (token != null);
        return pages;
    }

    /** Keys and prefixes merged in S3's order (both sorted together, as R2 lists them). */
    private static List<String> entries(String xml) {
        List<String> entries = new ArrayList<>();
        Matcher keys = KEY.matcher(xml);
        while (keys.find()) {
            entries.add(keys.group(1));
        }
        Matcher prefixes = PREFIX.matcher(xml);
        while (prefixes.find()) {
            entries.add(prefixes.group(1));
        }
        entries.sort(null);
        return entries;
    }

    private void add(String letter, int count) {
        for (int i = 0; i < count; i++) {
            allKeys.add(letter + String.format("%04d", i));
        }
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start) + start.length();
        return text.substring(from, text.indexOf(end, from));
    }
}
