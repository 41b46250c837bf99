package dev.flarelink.d1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The binary search over rolled-back probes, with a stand-in for D1 that fails at a chosen statement exactly as the
 * sandbox does (first failing statement wins, sentinel errors name the missing table). The real D1 behaviour is
 * covered against the sandbox in {@link DatabaseIntegrationTests}.
 */
class FailingStatementLocatorTests {

    private static final String ERROR = "D1 refused the statement, so nothing was changed: boom";
    private static final Pattern SENTINEL = Pattern.compile("SELECT \\* FROM \"(__flarelink_probe_[0-9a-f]{32})\"$");

    @Test
    void findsEveryPositionWithCeilLog2Probes() {
        for (int n = 2; n <= 17; n++) {
            for (int failing = 1; failing <= n; failing++) {
                String sql = script(n, failing);
                List<String> probes = new ArrayList<>();
                Integer found = FailingStatementLocator.locate(
                        sql, SqlScript.analyse(sql), ERROR, probe -> fakeD1(probe, probes));

                assertThat(found).as("n=%d failing=%d", n, failing).isEqualTo(failing);
                int log2 = 32 - Integer.numberOfLeadingZeros(n - 1); // ceil(log2 n)
                assertThat(probes.size()).as("probes for n=%d", n).isLessThanOrEqualTo(log2);
            }
        }
    }

    @Test
    void aSingleStatementNeedsNoProbe() {
        List<String> probes = new ArrayList<>();

        assertThat(FailingStatementLocator.locate(
                        "SELECT fail", SqlScript.analyse("SELECT fail"), ERROR, p -> fakeD1(p, probes)))
                .isEqualTo(1);
        assertThat(probes).isEmpty();
    }

    @Test
    void usesTheStatementNumberWhenD1NamesIt() {
        String sql = script(5, 2);
        List<String> probes = new ArrayList<>();

        assertThat(FailingStatementLocator.locate(
                        sql, SqlScript.analyse(sql), "D1 refused: error in statement 4: boom", p -> fakeD1(p, probes)))
                .isEqualTo(4);
        assertThat(probes).isEmpty();

        String named = "SELECT ok; SELECT * FROM \"in statement 1\"; SELECT fail";
        assertThat(FailingStatementLocator.locate(
                        named,
                        SqlScript.analyse(named),
                        "no such table: in statement 1: SQLITE_ERROR",
                        p -> fakeD1(p, probes)))
                .as("a name from the script is not D1 naming a statement")
                .isNotEqualTo(1);
    }

    @Test
    void givesUpWhenAProbeFailsDifferently() {
        String sql = script(4, 3);

        assertThat(FailingStatementLocator.locate(
                        sql, SqlScript.analyse(sql), ERROR, p -> "D1 is busy: Network connection lost."))
                .isNull();
    }

    @Test
    void probesEndALineCommentBeforeTheSentinel() {
        String sql = "SELECT ok -- a comment\n; SELECT fail";
        List<String> probes = new ArrayList<>();

        assertThat(FailingStatementLocator.locate(sql, SqlScript.analyse(sql), ERROR, p -> fakeD1(p, probes)))
                .isEqualTo(2);
        assertThat(probes).singleElement().satisfies(p -> assertThat(p).startsWith("SELECT ok -- a comment\n;\n"));
    }

    private static String script(int n, int failing) {
        List<String> statements = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            statements.add(i == failing ? "SELECT fail" : "SELECT ok");
        }
        return String.join("; ", statements);
    }

    /** Fails with the script's error at the first "fail", else with the sentinel's "no such table". */
    private static String fakeD1(String sql, List<String> probes) {
        probes.add(sql);
        Matcher sentinel = SENTINEL.matcher(sql);
        assertThat(sentinel.find()).as("every probe ends with the sentinel").isTrue();
        String body = sql.substring(0, sentinel.start());
        return body.contains("SELECT fail")
                ? ERROR
                : "D1 refused the statement, so nothing was changed: no such table: " + sentinel.group(1)
                        + ": SQLITE_ERROR";
    }
}
