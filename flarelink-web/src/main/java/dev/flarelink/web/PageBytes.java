package dev.flarelink.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Arrays;

/**
 * A page's text encoded to UTF-8 as it is written, for {@link EncodedPageView}. ASCII, nearly all of a page, is
 * copied a byte a character; anything else is encoded as {@link String#getBytes} would (a lone surrogate becomes
 * {@code ?}), including a surrogate pair split across two writes. One thread writes a page, so unlike
 * {@link PrintWriter} it takes no lock; it never fails, so there is no error to check.
 */
final class PageBytes extends PrintWriter {

    private byte[] bytes = new byte[16 * 1024];
    private int length;
    /** A high surrogate that ended the last write, waiting for its low half. */
    private char pendingHigh;

    PageBytes() {
        super(Writer.nullWriter());
    }

    int length() {
        return length;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    /** Ends the page: a high surrogate with nothing after it is a lone one. */
    void flushPending() {
        if (pendingHigh != 0) {
            pendingHigh = 0;
            room(1);
            bytes[length++] = '?';
        }
    }

    @Override
    public void write(String text, int offset, int count) {
        int end = offset + count;
        int i = offset;
        if (pendingHigh != 0 && i < end) {
            i = encode(text, i, end);
        }
        while (i < end) {
            room(end - i);
            byte[] out = bytes;
            int at = length;
            char c;
            while (i < end && (c = text.charAt(i)) < 0x80) {
                out[at++] = (byte) c;
                i++;
            }
            length = at;
            if (i < end) {
                i = encode(text, i, end);
            }
        }
    }

    @Override
    public void write(char[] text, int offset, int count) {
        write(new String(text, offset, count), 0, count);
    }

    @Override
    public void write(int c) {
        write(String.valueOf((char) c), 0, 1);
    }

    @Override
    public void write(String text) {
        write(text, 0, text.length());
    }

    @Override
    public void write(char[] text) {
        write(text, 0, text.length);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public boolean checkError() {
        return false;
    }

    /** Encodes the character at {@code i} (and its low surrogate), returning where the text goes on. */
    private int encode(String text, int i, int end) {
        room(8);
        char c = text.charAt(i);
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(c)) {
                codePoint(Character.toCodePoint(high, c));
                return i + 1;
            }
            bytes[length++] = '?';
        }
        if (c < 0x80) {
            bytes[length++] = (byte) c;
        } else if (c < 0x800) {
            bytes[length++] = (byte) (0xC0 | (c >> 6));
            bytes[length++] = (byte) (0x80 | (c & 0x3F));
        } else if (Character.isHighSurrogate(c)) {
            if (i + 1 == end) {
                pendingHigh = c;
            } else if (Character.isLowSurrogate(text.charAt(i + 1))) {
                codePoint(Character.toCodePoint(c, text.charAt(i + 1)));
                return i + 2;
            } else {
                bytes[length++] = '?';
            }
        } else if (Character.isLowSurrogate(c)) {
            bytes[length++] = '?';
        } else {
            bytes[length++] = (byte) (0xE0 | (c >> 12));
            bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            bytes[length++] = (byte) (0x80 | (c & 0x3F));
        }
        return i + 1;
    }

    private void codePoint(int codePoint) {
        bytes[length++] = (byte) (0xF0 | (codePoint >> 18));
        bytes[length++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
        bytes[length++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
        bytes[length++] = (byte) (0x80 | (codePoint & 0x3F));
    }

    /** Room for {@code count} more ASCII characters (a non-ASCII one asks for its own). */
    private void room(int count) {
        if (bytes.length - length < count) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
        }
    }
}
