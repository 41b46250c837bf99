package dev.flarelink.jsonapi;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Any other address or method under {@code /api/}: a JSON 404 that points at the API's description. */
@RestController
class ApiFallbackController {

    @RequestMapping("/api/**")
    void unknown(HttpServletRequest request) {
        throw new ApiProblem(
                HttpStatus.NOT_FOUND,
                "NOT_FOUND",
                "There is no API route " + request.getMethod() + " " + request.getRequestURI()
                        + ". See /api/openapi.json and the API docs page for the routes.");
    }
}
