package dev.flarelink.d1;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ResultExportTests {

    private static List<@Nullable Object> row(@Nullable Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    @Test
    void keepsNullApartFromEmptyAndQuotesWhatCsvNeeds() {
        ResultExport export = ResultExport.of(
                List.of("id", "note", "price", "data"),
                List.of(
                        row(1, null, 2.5, List.of(0, 255, 16)),
                        row(2L, "", null, null),
                        row(3, "a,\"b\"\nc", -1, null),
                        row(4, "Zoë 🦊 <script>alert(1)</script>", 0, null)));

        assertThat(export).isNotNull();
        assertThat(export.csv())
                .isEqualTo("id,note,price,data\r\n"
                        + "1,,2.5,00ff10\r\n"
                        + "2,\"\",,\r\n"
                        + "3,\"a,\"\"b\"\"\nc\",-1,\r\n"
                        + "4,Zoë 🦊 <script>alert(1)</script>,0,\r\n");
        assertThat(export.json().replaceAll("\\s+", ""))
                .isEqualTo("[{\"id\":1,\"note\":null,\"price\":2.5,\"data\":[0,255,16]},"
                        + "{\"id\":2,\"note\":\"\",\"price\":null,\"data\":null},"
                        + "{\"id\":3,\"note\":\"a,\\\"b\\\"\\nc\",\"price\":-1,\"data\":null},"
                        + "{\"id\":4,\"note\":\"Zoë🦊<script>alert(1)</script>\",\"price\":0,\"data\":null}]");
        assertThat(new String(Base64.getDecoder().decode(export.csvBase64()), StandardCharsets.UTF_8))
                .isEqualTo(export.csv());
        assertThat(new String(Base64.getDecoder().decode(export.jsonBase64()), StandardCharsets.UTF_8))
                .isEqualTo(export.json());
    }

    @Test
    void neutralisesTextThatASpreadsheetWouldRunButKeepsNumbersAndJsonExact() {
        ResultExport export = ResultExport.of(
                List.of("v", "n"),
                List.of(
                        row("=1+2", -3),
                        row("+x", -1.5),
                        row("-x", null),
                        row("@x", null),
                        row("\tx", null),
                        row("'x", null),
                        row("a=b", null)));

        assertThat(export).isNotNull();
        assertThat(export.csv()).isEqualTo("v,n\r\n'=1+2,-3\r\n'+x,-1.5\r\n'-x,\r\n'@x,\r\n'\tx,\r\n''x,\r\na=b,\r\n");
        assertThat(export.json()).contains("\"=1+2\"", "\"'x\"").doesNotContain("'=1+2");
    }

    @Test
    void keepsColumnOrderAndEveryRepeatedColumn() {
        ResultExport export = ResultExport.of(List.of("b", "a", "b", "b (2)"), List.of(row(1, 2, 3, 4)));

        assertThat(export).isNotNull();
        assertThat(export.csv()).startsWith("b,a,b,b (2)\r\n1,2,3,4\r\n");
        assertThat(export.json().replaceAll("\\s+", "")).isEqualTo("[{\"b\":1,\"a\":2,\"b(3)\":3,\"b(2)\":4}]");
    }

    @Test
    void holdsEveryRowUpToTheCap() {
        List<List<@Nullable Object>> rows = new ArrayList<>();
        for (int i = 0; i < ResultExport.MAX_ROWS; i++) {
            rows.add(row(i));
        }
        ResultExport full = ResultExport.of(List.of("n"), rows);
        assertThat(full).isNotNull();
        assertThat(full.csv().split("\r\n")).hasSize(ResultExport.MAX_ROWS + 1);

        rows.add(row(-1));
        assertThat(ResultExport.of(List.of("n"), rows)).isNull();
        assertThat(ResultExport.of(List.of("t"), List.of(row("x".repeat(ResultExport.MAX_CHARS)))))
                .isNull();
    }
}
