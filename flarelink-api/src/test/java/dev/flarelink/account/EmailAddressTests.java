package dev.flarelink.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailAddressTests {

    @Test
    void trimsAndLowerCases() {
        assertThat(EmailAddress.normalise("  Ada.Lovelace@Example.COM \t")).isEqualTo("ada.lovelace@example.com");
    }

    @Test
    void checksTheShape() {
        assertThat(EmailAddress.isValid("ada@example.com")).isTrue();
        assertThat(EmailAddress.isValid("ada@example")).isFalse();
        assertThat(EmailAddress.isValid("ada example@example.com")).isFalse();
        assertThat(EmailAddress.isValid("@example.com")).isFalse();
        assertThat(EmailAddress.isValid("a".repeat(250) + "@x.io")).isFalse();
    }
}
