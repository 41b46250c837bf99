package dev.flarelink.cloudflare.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartTests {

    @Test
    void encodesPartsThatParseBackIdentically() {
        byte[] binary = {0, 13, 10, 45, 45, (byte) 0xff};
        Multipart form = Multipart.form()
                .part("metadata", null, null, "{\"a\":1}".getBytes(StandardCharsets.UTF_8))
                .part("worker.mjs", "worker.mjs", "application/javascript+module", binary);

        List<Multipart.Part> parts = Multipart.parse(
                form.toBytes(), Multipart.boundaryOf(form.contentType()).orElseThrow());

        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).name()).isEqualTo("metadata");
        assertThat(parts.get(0).filename()).isNull();
        assertThat(parts.get(0).contentType()).isNull();
        assertThat(new String(parts.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(parts.get(1).filename()).isEqualTo("worker.mjs");
        assertThat(parts.get(1).contentType()).isEqualTo("application/javascript+module");
        assertThat(parts.get(1).content()).containsExactly(binary);
    }

    @Test
    void boundaryIsReadFromQuotedOrPlainContentTypes() {
        assertThat(Multipart.boundaryOf("multipart/form-data; boundary=\"abc\""))
                .contains("abc");
        assertThat(Multipart.boundaryOf("multipart/form-data; boundary=xyz; charset=utf-8"))
                .contains("xyz");
        assertThat(Multipart.boundaryOf("application/javascript")).isEmpty();
    }

    @Test
    void eachFormGetsAFreshBoundary() {
        assertThat(Multipart.form().contentType()).isNotEqualTo(Multipart.form().contentType());
    }
}
