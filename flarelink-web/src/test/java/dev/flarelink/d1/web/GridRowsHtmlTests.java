package dev.flarelink.d1.web;

import static dev.flarelink.support.FormerTemplates.normalised;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flarelink.d1.CellView;
import dev.flarelink.d1.RowView;
import dev.flarelink.support.FormerTemplates;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The grid's rows built in Java are the markup the template made, and every value in them stays text: checked against
 * the former template rendered by Thymeleaf itself, with values meant to break out of elements and attributes.
 */
class GridRowsHtmlTests {

    private static final String HOSTILE = "<script>alert(\"x\")</script> & 'q' \" onmouseover=\"alert(1)";

    private final GridState grid = new GridState(
            UUID.fromString("00000000-0000-0000-0000-000000000001"),
            "db-1",
            "orders",
            null,
            false,
            50,
            List.of(),
            false);

    private final List<RowView> rows = List.of(
            new RowView(
                    "k1\"><img src=x onerror=alert(1)>",
                    List.of(
                            new CellView("integer", "1", "1", 0, false, false),
                            new CellView("text", HOSTILE, HOSTILE, HOSTILE.length(), false, false),
                            new CellView("null", "NULL", "", 0, false, false),
                            new CellView("text", "", "", 0, false, false))),
            new RowView(
                    "k2",
                    List.of(
                            new CellView("text", "a long text…", "a long text that goes on", 24, true, false),
                            new CellView("text", "{\"a\":\"<b>\"}", "{\"a\":\"<b>\"}", 11, false, true),
                            new CellView("blob", "BLOB 40 B: 00ff…", "00ff", 40, true, false),
                            new CellView("real", "2.5", "2.5", 0, false, false))));

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void isTheMarkupTheTemplateMade(boolean readOnly) {
        String template = asTemplate(readOnly);

        assertThat(normalised(GridRowsHtml.of(grid, rows, readOnly))).isEqualTo(normalised(template));
    }

    @Test
    void keepsEveryValueText() {
        String html = GridRowsHtml.of(grid, rows, false);

        assertThat(html)
                .doesNotContain("<script", "<img", "<b>", "onmouseover=\"alert")
                .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; &quot; onmouseover=")
                .contains("value=\"k1&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\"");
    }

    @Test
    void showsNullEmptyAndLinksAsBefore() {
        String html = GridRowsHtml.of(grid, rows, false);

        assertThat(html)
                .contains("<span class=\"cell-null\">NULL</span>")
                .contains("<span class=\"cell-empty\" title=\"empty string\">empty</span>")
                .contains("class=\"more\">show all</a>")
                .contains("&amp;pretty=1\" class=\"more\">JSON</a>")
                .contains("<label for=\"sel1\" class=\"visually-hidden\">Select row 2</label>");
        assertThat(GridRowsHtml.of(grid, rows, true)).doesNotContain("checkbox").contains(">View</a>");
    }

    private String asTemplate(boolean readOnly) {
        return FormerTemplates.render(
                "d1/grid-rows-as-template.html", Map.of("grid", grid, "rows", rows, "readOnly", readOnly), "");
    }
}
