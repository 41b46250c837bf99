package dev.flarelink.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AssociatedDataTests {

    @Test
    void fieldOrderDoesNotMatter() {
        AssociatedData a = AssociatedData.of("cloudflare-token", "user", "1", "connection", "2");
        AssociatedData b = AssociatedData.forPurpose("cloudflare-token")
                .with("connection", 2)
                .with("user", 1)
                .build();

        assertThat(a).isEqualTo(b);
        assertThat(a.canonicalBytes()).isEqualTo(b.canonicalBytes());
    }

    @Test
    void lengthPrefixesKeepShiftedBoundariesApart() {
        assertThat(AssociatedData.of("p", "ab", "c").canonicalBytes())
                .isNotEqualTo(AssociatedData.of("p", "a", "bc").canonicalBytes());
        assertThat(AssociatedData.of("pa", "b", "c").canonicalBytes())
                .isNotEqualTo(AssociatedData.of("p", "ab", "c").canonicalBytes());
        assertThat(AssociatedData.of("p", "a", "1", "b", "2").canonicalBytes())
                .isNotEqualTo(AssociatedData.of("p", "a", "1b2").canonicalBytes());
    }

    @Test
    void encodesAsDocumented() {
        assertThat(AssociatedData.of("p", "u", "é").canonicalBytes())
                .containsExactly(
                        0, 0, 0, 15, 'f', 'l', 'a', 'r', 'e', 'l', 'i', 'n', 'k', '-', 'a', 'd', '-', 'v', '1', //
                        0, 0, 0, 1, 'p', //
                        0, 0, 0, 1, //
                        0, 0, 0, 1, 'u', //
                        0, 0, 0, 2, 0xc3, 0xa9);
    }

    @Test
    void rejectsAmbiguousOrEmptyInput() {
        assertThatThrownBy(() -> AssociatedData.of("p", "user")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AssociatedData.of("p", "user", "1", "user", "2"))
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> AssociatedData.of("", "user", "1")).hasMessageContaining("purpose");
        assertThatThrownBy(() -> AssociatedData.of("p", "user", "")).hasMessageContaining("'user'");
        assertThatThrownBy(() -> AssociatedData.of("p", "user", "\uD800"))
                .hasMessageContaining("not well-formed Unicode");
    }

    @Test
    void toStringShowsPurposeAndFields() {
        assertThat(AssociatedData.of("cloudflare-token", "user", "1"))
                .hasToString("AssociatedData[purpose=cloudflare-token, {user=1}]");
    }
}
