package dev.flarelink.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Goal G10's gate: no template writes unescaped text except the two that show Flarelink's own documentation, which
 * the Markdown renderer produces with every raw HTML tag of the source escaped (DocsPagesIntegrationTests), and the
 * table rows of the grid and the Activity page, which {@code GridRowsHtml} and {@code ActivityRowsHtml} build with
 * every value escaped as {@code th:text} escapes it (their tests render the former templates and compare, with values
 * meant to break out; the XSS corpus covers both pages in Chromium). Those two may write exactly
 * {@code th:utext="${rowsHtml}"} and nothing else unescaped. A new {@code th:utext} anywhere else fails here, so user
 * data can only ever be rendered as text.
 */
class TemplateEscapingTests {

    private static final Set<String> RENDERED_DOCS = Set.of("trust/doc.html", "trust/changelog.html");
    private static final Set<String> ROWS_BUILT_IN_JAVA = Set.of("database/table.html", "activity/index.html");
    private static final String ROWS = "th:utext=\"${rowsHtml}\"";

    @Test
    void onlyTheRenderedDocsUseUnescapedText() throws IOException {
        Resource[] templates = new PathMatchingResourcePatternResolver().getResources("classpath*:templates/**/*.html");
        assertThat(templates).as("templates found on the classpath").hasSizeGreaterThan(20);
        List<String> unescaped = new ArrayList<>();
        for (Resource template : templates) {
            String path = template.getURL().getPath();
            String name = path.substring(path.indexOf("/templates/") + "/templates/".length());
            String html = template.getContentAsString(StandardCharsets.UTF_8);
            if (ROWS_BUILT_IN_JAVA.contains(name)) {
                assertThat(html).as(name + " writes its Java-built rows").containsOnlyOnce(ROWS);
                html = html.replace(ROWS, "");
            }
            if ((html.contains("th:utext") || html.contains("data-th-utext") || html.contains("[(${"))
                    && !RENDERED_DOCS.contains(name)) {
                unescaped.add(name);
            }
        }
        assertThat(unescaped).as("templates writing unescaped text").isEmpty();
    }
}
