package dev.flarelink.d1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CellViewTests {

    @Test
    void nullAndEmptyTextAreDifferentCells() {
        CellView nothing = CellView.of(null);
        CellView empty = CellView.of("");

        assertThat(nothing.isNull()).isTrue();
        assertThat(nothing.isEmptyText()).isFalse();
        assertThat(empty.isNull()).isFalse();
        assertThat(empty.isEmptyText()).isTrue();
    }

    @Test
    void blobsShowSizeAndHexPreview() {
        CellView blob = CellView.of(List.of(0, 255, 16));
        assertThat(blob.kind()).isEqualTo("blob");
        assertThat(blob.display()).isEqualTo("BLOB 3 B: 00ff10");
        assertThat(blob.length()).isEqualTo(3);
    }

    @Test
    void longTextIsCutAndJsonCanBePrettyPrinted() {
        CellView longText = CellView.of("x".repeat(500));
        assertThat(longText.truncated()).isTrue();
        assertThat(longText.display()).hasSize(CellView.PREVIEW_CHARS + 1);
        assertThat(longText.full()).hasSize(500);

        CellView json = CellView.of("{\"a\":[1,2]}");
        assertThat(json.json()).isTrue();
        assertThat(json.pretty()).contains("\n").contains("\"a\"");
        assertThat(CellView.of("{not json}").json()).isFalse();
    }
}
