package dev.flarelink.support;

import java.util.Map;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * Renders a template fragment kept in the test resources, as Thymeleaf with Spring EL renders it in the app, to prove
 * that markup now built in Java is the markup the template made.
 */
public final class FormerTemplates {

    private static final SpringTemplateEngine ENGINE = engine();

    private FormerTemplates() {}

    /** The template at {@code path} (a class-path resource) with {@code variables}, served under {@code contextPath}. */
    public static String render(String path, Map<String, Object> variables, String contextPath) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", contextPath + "/");
        request.setContextPath(contextPath);
        var exchange = JakartaServletWebApplication.buildApplication(request.getServletContext())
                .buildExchange(request, new MockHttpServletResponse());
        WebContext context = new WebContext(exchange);
        context.setVariables(variables);
        return ENGINE.process(path, context);
    }

    /** Markup with the whitespace between tags and around text dropped: where the two put line breaks differs. */
    public static String normalised(String html) {
        return html.replaceAll("\\s+", " ")
                .replaceAll("> <", "><")
                .replaceAll("> ", ">")
                .replaceAll(" <", "<")
                .strip();
    }

    private static SpringTemplateEngine engine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setTemplateMode(TemplateMode.HTML);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
