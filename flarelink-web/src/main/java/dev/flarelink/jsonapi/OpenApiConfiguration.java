package dev.flarelink.jsonapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title and the one way in (a bearer API key) of the generated {@code /api/openapi.json}. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI flarelinkApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Flarelink API")
                        .version("1")
                        .description("The dashboard's JSON API, authorised by a personal API key (flk_…). Errors are "
                                + "{error, code}; 401 means the key is missing, unknown, revoked or expired; 412 "
                                + "NO_CONNECTION means no Cloudflare account is connected; 403 READ_ONLY_KEY means "
                                + "a read-only key asked to change something; 429 RATE_LIMITED comes with "
                                + "Retry-After."))
                .components(new Components()
                        .addSecuritySchemes(
                                "apiKey",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("flk_ followed by 64 hex digits")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
