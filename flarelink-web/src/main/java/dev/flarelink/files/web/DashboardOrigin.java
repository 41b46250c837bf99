package dev.flarelink.files.web;

import dev.flarelink.files.CorsService;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The origin (scheme://host[:port]) this dashboard is served from, as the browser sees it. */
final class DashboardOrigin {

    private DashboardOrigin() {}

    static @Nullable String of(HttpServletRequest request) {
        String url = ServletUriComponentsBuilder.fromContextPath(request)
                .replacePath(null)
                .replaceQuery(null)
                .build()
                .toUriString();
        return CorsService.dashboardOrigin(url);
    }
}
