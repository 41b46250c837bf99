package dev.flarelink.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link PageBytes} must encode exactly as {@link String#getBytes} with UTF-8 does, however the text is split. */
class PageBytesTests {

    /** ASCII, Latin-1, the BMP beyond it, surrogate pairs, and lone surrogates of either half. */
    private static final String ALPHABET = "<a href=\"x\">é—◆日\uD83D\uDE00\uD83D\uDC4D\uD800\uDFFF</a>\n";

    @Test
    void aPageOfAsciiAndBeyondIsTheSameBytesAsGetBytes() throws IOException {
        String page = "<title>Table — Flarelink</title><span>◆</span> naïve 日本語 \uD83D\uDE00 ".repeat(2_000);
        PageBytes bytes = new PageBytes();

        bytes.write(page);

        assertThat(sent(bytes)).isEqualTo(page.getBytes(StandardCharsets.UTF_8));
        assertThat(bytes.length()).isEqualTo(page.getBytes(StandardCharsets.UTF_8).length);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomTextInRandomPiecesIsTheSameBytesAsGetBytes(long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        String page = text.toString();
        PageBytes bytes = new PageBytes();

        int at = 0;
        while (at < page.length()) {
            int count = Math.min(page.length() - at, random.nextInt(6));
            switch (random.nextInt(4)) {
                case 0 -> bytes.write(page, at, count);
                case 1 -> bytes.write(page.toCharArray(), at, count);
                case 2 -> bytes.write(page.substring(at, at + count));
                default -> {
                    count = Math.min(count, 1);
                    if (count == 1) {
                        bytes.write(page.charAt(at));
                    }
                }
            }
            at += count;
        }

        assertThat(sent(bytes)).isEqualTo(page.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSurrogatePairSplitAcrossWritesIsOneCharacterAndALoneHalfAQuestionMark() throws IOException {
        PageBytes pair = new PageBytes();
        pair.write("a\uD83D");
        pair.write("\uDE00b");
        assertThat(new String(sent(pair), StandardCharsets.UTF_8)).isEqualTo("a\uD83D\uDE00b");

        PageBytes lone = new PageBytes();
        lone.write("a\uD83D");
        lone.write("b\uDE00");
        lone.write("\uD83D");
        assertThat(new String(sent(lone), StandardCharsets.US_ASCII)).isEqualTo("a?b??");
    }

    private static byte[] sent(PageBytes bytes) throws IOException {
        bytes.flushPending();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        bytes.writeTo(out);
        return out.toByteArray();
    }
}
