package dev.flarelink.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTests {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void refusesPasswordsUnderTwelveCharactersSayingWhy() {
        assertThat(policy.problemWith("elevenchars", "me@example.com"))
                .hasValueSatisfying(problem -> assertThat(problem).contains("at least 12 characters"));
    }

    @Test
    void acceptsTwelveCharacters() {
        assertThat(policy.problemWith("tw3lve-chars", "me@example.com")).isEmpty();
    }

    @Test
    void acceptsSixtyFourCharacters() {
        assertThat(policy.problemWith(
                        "x".repeat(20) + "-long-and-unusual-passphrase-" + "y".repeat(15), "me@example.com"))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"password1234", "PASSWORD1234", "123456789012", "qwertyuiopasdf"})
    void refusesCommonPasswordsWhateverTheCase(String common) {
        assertThat(policy.problemWith(common, "me@example.com"))
                .hasValueSatisfying(problem -> assertThat(problem).contains("commonly used"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abcabcabcabc", "Aa1!Aa1!Aa1!", "AbcAbcAbcAbc", "correct horse battery staple"})
    void refusesPasswordsThatAreLongEnoughButEasyToGuessSayingWhyAndHow(String guessable) {
        assertThat(policy.problemWith(guessable, "me@example.com"))
                .hasValueSatisfying(problem -> assertThat(problem)
                        .startsWith("This password is too easy to guess.")
                        .contains("A few unrelated words make a strong password"));
    }

    @Test
    void namesTheWeaknessItFound() {
        assertThat(policy.problemWith("Aa1!Aa1!Aa1!", "me@example.com"))
                .hasValueSatisfying(problem -> assertThat(problem).contains("Repeats like"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a sturdy passphrase of words", "kettle-mauve", "ox-lantern-7q", "two nodes, one database"})
    void acceptsPassphrasesOfUnrelatedWords(String passphrase) {
        assertThat(policy.problemWith(passphrase, "me@example.com")).isEmpty();
    }

    @Test
    void shipsTheCommonPasswordList() {
        assertThat(policy.commonPasswordCount()).isGreaterThan(200);
    }

    @Test
    void refusesTheEmailAddressItself() {
        assertThat(policy.problemWith("Me@Example.com", "me@example.com"))
                .hasValueSatisfying(problem -> assertThat(problem).contains("e-mail"));
    }

    @Test
    void refusesAbsurdlyLongPasswords() {
        assertThat(policy.problemWith("z".repeat(PasswordPolicy.MAX_LENGTH + 1), "me@example.com"))
                .isPresent();
    }
}
