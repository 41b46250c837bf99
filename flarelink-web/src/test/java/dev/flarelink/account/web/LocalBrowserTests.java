package dev.flarelink.account.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class LocalBrowserTests {

    @Test
    void aBrowserOnThisMachineAtALoopbackNameIsLocal() {
        assertThat(LocalBrowser.isDirect(request("127.0.0.1", "localhost:8080")))
                .isTrue();
        assertThat(LocalBrowser.isDirect(request("127.0.0.1", "127.0.0.1:8080")))
                .isTrue();
        assertThat(LocalBrowser.isDirect(request("0:0:0:0:0:0:0:1", "[::1]:8080")))
                .isTrue();
        assertThat(LocalBrowser.isDirect(request("127.0.0.1", "LOCALHOST"))).isTrue();
    }

    @Test
    void anotherMachineIsNot() {
        assertThat(LocalBrowser.isDirect(request("192.0.2.7", "localhost:8080")))
                .isFalse();
        assertThat(LocalBrowser.isDirect(request("10.0.0.2", "10.0.0.1:8080"))).isFalse();
    }

    @Test
    void anotherSitesNameReboundToLoopbackIsNot() {
        assertThat(LocalBrowser.isDirect(request("127.0.0.1", "rebinding.example:8080")))
                .isFalse();
        assertThat(LocalBrowser.isDirect(request("127.0.0.1", "localhost.rebinding.example")))
                .isFalse();
        assertThat(LocalBrowser.isDirect(request("127.0.0.1", null))).isFalse();
    }

    @Test
    void aProxyOrTunnelOnThisMachineIsNot() {
        for (String header : new String[] {"Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP"}) {
            MockHttpServletRequest proxied = request("127.0.0.1", "localhost:8080");
            proxied.addHeader(header, "203.0.113.7");
            assertThat(LocalBrowser.isDirect(proxied)).as(header).isFalse();
        }
    }

    @Test
    void readsTheHostOfAHostHeader() {
        assertThat(LocalBrowser.hostOf("localhost:8080")).isEqualTo("localhost");
        assertThat(LocalBrowser.hostOf("[::1]:8080")).isEqualTo("::1");
        assertThat(LocalBrowser.hostOf("example.com")).isEqualTo("example.com");
        assertThat(LocalBrowser.hostOf("[::1")).isNull();
        assertThat(LocalBrowser.hostOf(" ")).isNull();
    }

    private static MockHttpServletRequest request(String remoteAddress, @Nullable String host) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/outbox/dashboard");
        request.setRemoteAddr(remoteAddress);
        request.removeHeader("Host");
        if (host != null) {
            request.addHeader("Host", host);
        }
        return request;
    }
}
