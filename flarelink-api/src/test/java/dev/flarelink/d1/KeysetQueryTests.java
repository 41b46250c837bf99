package dev.flarelink.d1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flarelink.cloudflare.d1.D1Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeysetQueryTests {

    private static final TableShape PEOPLE = new TableShape(
            "people",
            List.of(
                    new ColumnInfo(0, "id", "INTEGER", false, null, 1),
                    new ColumnInfo(1, "name", "TEXT", false, null, 0)),
            false);

    @Test
    void aDeepPageSeeksPastTheCursorInsteadOfSkippingRows() {
        RowsQuery query = new RowsQuery("people", null, false, List.of(), 50, null, null, false);
        KeysetQuery keyset = new KeysetQuery(PEOPLE, query);

        D1Statement page = keyset.rows(Arrays.asList(499_950L), false);

        assertThat(page.sql())
                .doesNotContainIgnoringCase("OFFSET")
                .isEqualTo("SELECT rowid AS \"__flarelink_rowid\", \"id\", \"name\" FROM \"people\" WHERE rowid > ? "
                        + "ORDER BY rowid ASC LIMIT ?");
        assertThat(page.params()).containsExactly(499_950L, 51L);
    }

    @Test
    void sortingByANullableColumnBreaksTiesOnTheKey() {
        RowsQuery query = new RowsQuery("people", "name", true, List.of(), 100, null, null, false);

        D1Statement page = new KeysetQuery(PEOPLE, query).rows(Arrays.asList("bob", 7L), false);

        String select = "SELECT rowid AS \"__flarelink_rowid\", \"id\", \"name\" FROM \"people\" WHERE ";
        String order = " ORDER BY \"name\" DESC, rowid DESC LIMIT ?";
        assertThat(page.sql())
                .doesNotContainIgnoringCase("OFFSET")
                .isEqualTo("SELECT * FROM (" + select + "(\"name\", rowid) < (?, ?)" + order + ") UNION ALL "
                        + "SELECT * FROM (" + select + "\"name\" IS NULL" + order + ") "
                        + "ORDER BY \"name\" DESC, \"__flarelink_rowid\" DESC LIMIT ?");
        assertThat(page.params()).containsExactly("bob", 7L, 101L, 101L, 101L);
    }

    @Test
    void filterValuesAreBoundNeverSpliced() {
        String hostile = "x' OR '1'='1";
        RowsQuery query = new RowsQuery(
                "people",
                null,
                false,
                List.of(
                        new RowFilter("name", FilterOperator.EQ, hostile),
                        new RowFilter("id", FilterOperator.IS_NULL, "")),
                50,
                null,
                null,
                false);

        D1Statement page = new KeysetQuery(PEOPLE, query).rows(null, false);

        assertThat(page.sql()).doesNotContain(hostile).contains("\"name\" = ? AND \"id\" IS NULL");
        assertThat(page.params()).containsExactly(hostile, 51L);
    }

    @Test
    void refusesUnknownColumnsAndLongLikePatterns() {
        assertThatThrownBy(() -> new KeysetQuery(
                        PEOPLE, new RowsQuery("people", "nope", false, List.of(), 50, null, null, false)))
                .isInstanceOf(DatabaseProblemException.class)
                .hasMessageContaining("no column named \"nope\"");
        RowFilter longLike = new RowFilter("name", FilterOperator.LIKE, "%".repeat(51));
        assertThatThrownBy(() -> new KeysetQuery(
                        PEOPLE, new RowsQuery("people", null, false, List.of(longLike), 50, null, null, false)))
                .isInstanceOf(DatabaseProblemException.class)
                .hasMessageContaining("50 bytes");
    }

    @Test
    void withoutRowidTablesPageByTheirCompositeKey() {
        TableShape pairs = new TableShape(
                "pairs",
                List.of(new ColumnInfo(0, "a", "TEXT", true, null, 1), new ColumnInfo(1, "b", "INT", true, null, 2)),
                true);

        D1Statement page = new KeysetQuery(pairs, RowsQuery.firstPage("pairs")).rows(Arrays.asList("k", 3L), false);

        assertThat(page.sql())
                .isEqualTo("SELECT \"a\", \"b\" FROM \"pairs\" WHERE (\"a\", \"b\") > (?, ?) ORDER BY \"a\" ASC, "
                        + "\"b\" ASC LIMIT ?");
    }
}
