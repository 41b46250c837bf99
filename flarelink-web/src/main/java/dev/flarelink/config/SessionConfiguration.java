package dev.flarelink.config;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sessions live in PostgreSQL (Spring Session JDBC). Two requests of one session that both add the same attribute
 * (two tabs opened at once, each saving the CSRF token) each insert the attribute row, and the second insert failed
 * on the primary key with a 500. Writing attributes as an upsert makes the later write win instead. Within one
 * request the session is read from PostgreSQL once ({@link SessionReadMemo}).
 */
@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

    @Bean
    PostgreSqlJdbcIndexedSessionRepositoryCustomizer sessionAttributesAsUpsert() {
        return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> sessionReadMemoScope() {
        FilterRegistrationBean<OncePerRequestFilter> registration =
                new FilterRegistrationBean<>(SessionReadMemo.scope());
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
        return registration;
    }

    /** A subclass proxy, so whatever asks for the repository by its class still gets one. */
    @Bean
    static BeanPostProcessor sessionReadMemoRepository() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof JdbcIndexedSessionRepository)) {
                    return bean;
                }
                ProxyFactory proxy = new ProxyFactory(bean);
                proxy.setProxyTargetClass(true);
                proxy.addAdvice(SessionReadMemo.interceptor());
                return proxy.getProxy(bean.getClass().getClassLoader());
            }
        };
    }
}
