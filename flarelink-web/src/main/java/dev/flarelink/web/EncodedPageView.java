package dev.flarelink.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.spring6.view.ThymeleafView;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * A Thymeleaf page encoded to UTF-8 as it is written and sent as bytes in one write with its length (issue 24).
 *
 * <p>Left to itself, Thymeleaf renders a page into a string builder, which widens to two bytes a character for the
 * rest of the page at its first character beyond Latin-1 (the layout's brand mark, every title's em dash): each
 * later piece is widened as it is appended, then the page is copied out of the builder and encoded character by
 * character. Then Tomcat copies it again through its character buffer, and without a length sends it in chunks.
 * Here the view writes straight into a {@link PageBytes} (nothing reaches the client before the page is whole, so
 * an error while rendering still shows the error page), which copies ASCII as it comes. What reaches the browser is
 * byte for byte the same.
 */
public class EncodedPageView extends ThymeleafView {

    @Override
    public void render(@Nullable Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
            throws Exception {
        CapturedPage page = new CapturedPage(response);
        super.render(model, request, page);
        page.send();
    }

    /** Partial output goes to {@link CapturedPage}'s buffer, never to the client: no need for a second buffer. */
    @Override
    public boolean getProducePartialOutputWhileProcessing() {
        return true;
    }

    /** Holds what the view writes until it is done, then sends it in one piece. */
    private static final class CapturedPage extends HttpServletResponseWrapper {

        private @Nullable PageBytes page;
        private @Nullable PrintWriter writer;

        CapturedPage(HttpServletResponse response) {
            super(response);
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            if (writer == null) {
                // The view has set the charset before it asks for the writer. Pages are UTF-8; anything else is
                // left to the container's own writer rather than encoded wrongly.
                if (StandardCharsets.UTF_8.name().equalsIgnoreCase(getCharacterEncoding())) {
                    page = new PageBytes();
                    writer = page;
                } else {
                    writer = super.getWriter();
                }
            }
            return writer;
        }

        void send() throws IOException {
            if (page != null) {
                page.flushPending();
                getResponse().setContentLength(page.length());
                page.writeTo(getResponse().getOutputStream());
            }
        }
    }

    /** Makes Spring Boot's Thymeleaf view resolver create this view instead of the plain one. */
    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        static BeanPostProcessor encodedPageViews() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessBeforeInitialization(Object bean, String beanName) {
                    if (bean instanceof ThymeleafViewResolver resolver) {
                        resolver.setViewClass(EncodedPageView.class);
                    }
                    return bean;
                }
            };
        }
    }
}
