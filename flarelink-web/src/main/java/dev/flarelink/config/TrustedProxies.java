package dev.flarelink.config;

import java.util.Arrays;
import org.apache.catalina.util.NetMask;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Checks {@code FLARELINK_TRUSTED_PROXIES} at start-up. Tomcat reads the list as CIDR ranges only when an entry holds
 * a '/', and otherwise as a regular expression, where a bare {@code 10.0.0.5} would also match {@code 10a0b0c5}: so
 * every entry must be a CIDR range, and a wrong one stops the start with a message that says how to write it.
 */
@Component
class TrustedProxies implements InitializingBean {

    static final String PROPERTY = "server.tomcat.remoteip.internal-proxies";

    private final Environment environment;

    TrustedProxies(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        check(environment.getProperty(PROPERTY, ""));
    }

    static void check(String list) {
        if (list.isBlank()) {
            return;
        }
        Arrays.stream(list.split(",")).map(String::strip).forEach(entry -> {
            if (entry.indexOf('/') < 0) {
                throw new IllegalStateException("FLARELINK_TRUSTED_PROXIES: '" + entry + "' needs a prefix length, "
                        + "e.g. " + entry + "/32 for one IPv4 address or " + entry + "/128 for one IPv6 address. "
                        + "List your reverse proxies' addresses as CIDR ranges separated by commas.");
            }
            try {
                new NetMask(entry);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("FLARELINK_TRUSTED_PROXIES: '" + entry + "' is not a CIDR range such "
                        + "as 172.28.0.1/32 or fd00::/64.");
            }
        });
    }
}
