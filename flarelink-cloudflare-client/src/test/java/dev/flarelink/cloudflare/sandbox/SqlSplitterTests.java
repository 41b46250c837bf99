package dev.flarelink.cloudflare.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlSplitterTests {

    @Test
    void splitsOnTopLevelSemicolonsOnly() {
        assertThat(SqlSplitter.split("SELECT 'a;b'; SELECT \"c;d\" ; /* x; */ SELECT 3;"))
                .containsExactly("SELECT 'a;b'", "SELECT \"c;d\"", "/* x; */ SELECT 3");
    }

    @Test
    void keepsTriggerAndCaseBodiesWhole() {
        String trigger =
                "CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET n = CASE WHEN 1 THEN 2 END; DELETE FROM c; END";

        assertThat(SqlSplitter.split(trigger + "; SELECT 1")).containsExactly(trigger, "SELECT 1");
    }

    @Test
    void dropsBlankAndCommentOnlyStatements() {
        assertThat(SqlSplitter.split(" ; -- only a comment\n ;SELECT 1;;")).containsExactly("SELECT 1");
    }
}
