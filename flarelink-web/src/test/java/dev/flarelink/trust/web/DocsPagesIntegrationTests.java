package dev.flarelink.trust.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.support.BrowserlessSession;
import dev.flarelink.support.TestDatabase;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;

/** The docs served from docs/*.md: every page renders in the layout, every internal link resolves, llms files. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DocsPagesIntegrationTests {

    private static final Pattern HREF = Pattern.compile("href=\"([^\"]*)\"");
    private static final Path DOCS = Path.of("..", "docs");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void everyMarkdownFileIsServedInTheLayoutWithoutSignIn() throws IOException {
        BrowserlessSession anonymous = new BrowserlessSession(port);
        for (Path file : markdownFiles()) {
            String slug = file.getFileName().toString().replace(".md", "");
            String url = slug.equals("README") ? "/docs" : "/docs/" + slug;

            HttpResponse<String> page = anonymous.get(url);

            assertThat(page.statusCode()).as(url).isEqualTo(200);
            assertThat(page.body())
                    .as(url)
                    .contains("<nav", "class=\"docs-nav\"", "</article>")
                    .contains(HtmlUtils.htmlEscape(titleOf(file)));
        }
    }

    @Test
    void everyInternalLinkFromTheIndexResolves() {
        BrowserlessSession anonymous = new BrowserlessSession(port);
        Deque<String> queue = new ArrayDeque<>(List.of("/docs"));
        Set<String> seen = new HashSet<>(queue);
        while (!queue.isEmpty()) {
            String url = queue.poll();
            HttpResponse<String> page = anonymous.get(url);
            assertThat(page.statusCode()).as("link to " + url).isEqualTo(200);
            Matcher href = HREF.matcher(page.body());
            while (href.find()) {
                String target = HtmlUtils.htmlUnescape(href.group(1)).replaceFirst("#.*$", "");
                assertThat(target).as("a relative .md link left on " + url).doesNotEndWith(".md");
                if ((target.startsWith("/docs") || target.equals("/changelog")) && seen.add(target)) {
                    queue.add(target);
                }
            }
        }
        assertThat(seen).hasSizeGreaterThanOrEqualTo(markdownFilesCount());
    }

    @Test
    void rawHtmlInMarkdownIsEscapedAndAnchorsExist() {
        String page = new BrowserlessSession(port).get("/docs/trust").body();

        assertThat(page).contains("<h2 id=\"").contains("<table");
        assertThat(new DocsLibrary().render("Hi <script>alert(1)</script> [x](javascript:alert(1))"))
                .contains("&lt;script&gt;")
                .doesNotContain("<script>")
                .doesNotContain("javascript:");
    }

    @Test
    void llmsFullContainsEveryPageAndTheIndexListsEveryUrl() throws IOException {
        BrowserlessSession anonymous = new BrowserlessSession(port);
        HttpResponse<String> full = anonymous.get("/llms-full.txt");
        HttpResponse<String> index = anonymous.get("/llms.txt");

        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(full.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        for (Path file : markdownFiles()) {
            String slug = file.getFileName().toString().replace(".md", "");
            assertThat(full.body()).contains("# " + titleOf(file));
            assertThat(index.body())
                    .contains(titleOf(file))
                    .contains(slug.equals("README") ? "(/docs)" : "(/docs/" + slug + ")");
        }
    }

    @Test
    void changelogRendersAndUnknownPagesAre404() {
        BrowserlessSession anonymous = new BrowserlessSession(port);

        HttpResponse<String> changelog = anonymous.get("/changelog");
        assertThat(changelog.statusCode()).isEqualTo(200);
        assertThat(changelog.body()).contains(">Changelog</h1>", "0.1.0");
        assertThat(anonymous.get("/docs/no-such-page").statusCode()).isEqualTo(404);
    }

    @Test
    void linksAreRewrittenToTheirDocsUrls() {
        assertThat(DocsLibrary.rewrite("crypto.md")).isEqualTo("/docs/crypto");
        assertThat(DocsLibrary.rewrite("./crypto.md#key-rotation")).isEqualTo("/docs/crypto#key-rotation");
        assertThat(DocsLibrary.rewrite("README.md")).isEqualTo("/docs");
        assertThat(DocsLibrary.rewrite("../README.md")).isEqualTo("/docs");
        assertThat(DocsLibrary.rewrite("../CHANGELOG.md")).isEqualTo("/changelog");
        assertThat(DocsLibrary.rewrite("docs/sandbox.md#persistence")).isEqualTo("/docs/sandbox#persistence");
        assertThat(DocsLibrary.rewrite("docs/../secret.md")).isEqualTo("docs/../secret.md");
        assertThat(DocsLibrary.rewrite("https://example.com/a.md")).isEqualTo("https://example.com/a.md");
        assertThat(DocsLibrary.rewrite("#anchor")).isEqualTo("#anchor");
    }

    private static List<Path> markdownFiles() throws IOException {
        try (Stream<Path> files = Files.list(DOCS)) {
            return files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
        }
    }

    private static int markdownFilesCount() {
        try {
            return markdownFiles().size();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String titleOf(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .filter(l -> l.startsWith("# "))
                .map(l -> l.substring(2).strip())
                .findFirst()
                .orElseThrow();
    }
}
