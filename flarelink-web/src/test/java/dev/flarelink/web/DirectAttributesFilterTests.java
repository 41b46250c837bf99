package dev.flarelink.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class DirectAttributesFilterTests {

    private final MockHttpServletRequest tomcat = new MockHttpServletRequest("GET", "/activity");

    @Test
    void wrappersThatOnlyPassAttributesOnAreSkipped() {
        HttpServletRequest chain = new Plain(new Plain(new Plain(tomcat)));

        assertThat(DirectAttributesFilter.holderOfAttributes(chain)).isSameAs(tomcat);
    }

    @Test
    void aWrapperThatAnswersAttributesItselfStaysInThePath() {
        Answering answering = new Answering(new Plain(tomcat));
        HttpServletRequest chain = new Plain(new Plain(answering));

        assertThat(DirectAttributesFilter.holderOfAttributes(chain)).isSameAs(answering);
    }

    @Test
    void theRequestPassedOnReadsAndWritesWhatTheChainWouldAndKeepsEverythingElse() throws Exception {
        tomcat.setAttribute("set before", "yes");
        Answering answering = new Answering(new Plain(tomcat));
        AtomicReference<@Nullable ServletRequest> passedOn = new AtomicReference<>();

        new DirectAttributesFilter()
                .doFilter(new Plain(answering), new MockHttpServletResponse(), (request, response) -> {
                    passedOn.set(request);
                    request.setAttribute("template variable", 42);
                    request.removeAttribute("set before");
                });

        ServletRequest request = passedOn.get();
        assertThat(request).isNotNull();
        assertThat(tomcat.getAttribute("template variable")).isEqualTo(42);
        assertThat(tomcat.getAttribute("set before")).isNull();
        assertThat(request.getAttribute("answered")).isEqualTo("by the wrapper");
        assertThat(((HttpServletRequest) request).getRequestURI()).isEqualTo("/activity");
    }

    private static class Plain extends HttpServletRequestWrapper {
        Plain(HttpServletRequest request) {
            super(request);
        }
    }

    /** Like Tomcat's dispatch wrappers, which answer the forward and error attributes themselves. */
    private static final class Answering extends HttpServletRequestWrapper {
        Answering(HttpServletRequest request) {
            super(request);
        }

        @Override
        public @Nullable Object getAttribute(String name) {
            return name.equals("answered") ? "by the wrapper" : super.getAttribute(name);
        }
    }
}
