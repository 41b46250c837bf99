package dev.flarelink.d1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlScriptTests {

    @Test
    void readsWritingKeywordsOutsideLiteralsAndComments() {
        SqlScript read = SqlScript.analyse("SELECT 'DROP TABLE x' AS \"delete\" -- UPDATE\n; /* INSERT */ SELECT 1");
        assertThat(read.writes()).isFalse();
        assertThat(read.statements()).isEqualTo(2);

        SqlScript cte = SqlScript.analyse("WITH t AS (SELECT 1) DELETE FROM x WHERE id IN (SELECT * FROM t)");
        assertThat(cte.writeKeywords()).containsExactly("DELETE");
        assertThat(cte.warnings()).isEmpty();
    }

    @Test
    void warnsAboutUpdatesWithoutWhereAndDrops() {
        SqlScript script = SqlScript.analyse("update t set a = 1; DROP TABLE t");

        assertThat(script.writeKeywords()).containsExactly("UPDATE", "DROP");
        assertThat(script.warnings())
                .containsExactly(
                        "Statement 1 is an UPDATE without WHERE: it changes every row of the table.",
                        "Statement 2 drops something; only Time Travel can bring it back.");
    }

    @Test
    void keepsATriggerBodyInOneStatement() {
        SqlScript script = SqlScript.analyse(
                "CREATE TRIGGER tr AFTER INSERT ON a BEGIN UPDATE b SET n = n + 1 WHERE id = 1; END; SELECT 1");
        assertThat(script.statements()).isEqualTo(2);
    }

    @Test
    void knowsWhereEachStatementIsInTheScript() {
        String sql = "  SELECT 1 ;\n-- note\nCREATE TRIGGER tr AFTER INSERT ON a BEGIN SELECT 2; END;\n\tSELECT 'a;b'";
        SqlScript script = SqlScript.analyse(sql);

        assertThat(script.parts())
                .extracting(SqlScript.Part::text)
                .containsExactly(
                        "SELECT 1", "-- note\nCREATE TRIGGER tr AFTER INSERT ON a BEGIN SELECT 2; END", "SELECT 'a;b'");
        assertThat(script.parts())
                .allSatisfy(p -> assertThat(sql.substring(p.start(), p.end())).isEqualTo(p.text()));
    }

    @Test
    void derivesRowCountsForPlainUpdatesAndDeletes() {
        SqlScript script = SqlScript.analyse("DELETE FROM \"my;table\" WHERE note = 'a;b' AND id IN (SELECT id FROM x "
                + "WHERE y = 1) RETURNING *; UPDATE OR IGNORE t AS a SET n = (SELECT 1 WHERE 1) WHERE n > 2 LIMIT 5;"
                + " UPDATE t SET n = 1 FROM u WHERE t.id = u.id; DELETE FROM t");

        assertThat(script.statements()).isEqualTo(4);
        assertThat(script.impacts())
                .extracting(SqlScript.ImpactQuery::statement, SqlScript.ImpactQuery::countSql)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                1,
                                "SELECT count(*) AS n FROM \"my;table\" WHERE note = "
                                        + "'a;b' AND id IN (SELECT id FROM x WHERE y = 1)"),
                        org.assertj.core.groups.Tuple.tuple(2, "SELECT count(*) AS n FROM t AS a WHERE n > 2"),
                        org.assertj.core.groups.Tuple.tuple(4, "SELECT count(*) AS n FROM t"));
    }
}
