package dev.flarelink.connect.web;

import dev.flarelink.connect.ConnectionNotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Another user's connection and a missing one get the same plain 404 page. */
@ControllerAdvice(assignableTypes = {ConnectController.class, ConnectionController.class})
class ConnectionNotFoundAdvice {

    @ExceptionHandler(ConnectionNotFoundException.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
