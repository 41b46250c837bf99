package dev.flarelink.d1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlIdentifiersTests {

    @Test
    void doublesInnerQuotesSoTheNameCannotEndEarly() {
        assertThat(SqlIdentifiers.quote("a\"; DROP TABLE x; --")).isEqualTo("\"a\"\"; DROP TABLE x; --\"");
        assertThat(SqlIdentifiers.quote("[we ird]`")).isEqualTo("\"[we ird]`\"");
    }

    @Test
    void refusesEmptyNamesAndNul() {
        assertThatThrownBy(() -> SqlIdentifiers.quote("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlIdentifiers.quote("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }
}
