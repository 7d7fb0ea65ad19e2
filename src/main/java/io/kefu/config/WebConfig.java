package io.kefu.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Page language: the browser's Accept-Language first, then the user's choice ({@code ?lang=zh} or
 * {@code ?lang=en}) kept in a cookie; any other {@code lang} value or cookie is ignored. Texts live in
 * {@code messages*.properties}. JSON request bodies are read strictly ({@link StrictJsonReader}).
 */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    private final ObjectMapper mapper;
    private final boolean secureCookies;

    WebConfig(ObjectMapper mapper, @Value("${server.servlet.session.cookie.secure:false}") boolean secureCookies) {
        this.mapper = mapper;
        this.secureCookies = secureCookies;
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("KEFU_LANG") {
            @Override
            protected Locale parseLocaleValue(String value) {
                return pageLanguage(value);
            }
        };
        // a cookie holding anything but zh or en (forged, or from an older version) is ignored, not a 500
        resolver.setRejectInvalidCookies(false);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        // the same attributes as the session cookie: not for scripts, not sent on cross-site requests
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        resolver.setCookieSecure(secureCookies);
        resolver.setDefaultLocaleFunction(request -> request.getLocale() == null ? Locale.ENGLISH : request.getLocale());
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PageLanguageChange());
        registry.addInterceptor(new UnsafeParameterCheck());
    }

    /** Reads JSON request bodies with {@link StrictJsonReader}; Boot's converter still writes every response. */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (int i = 0; i < converters.size(); i++) {
            if (converters.get(i) instanceof MappingJackson2HttpMessageConverter) {
                converters.add(i, new StrictJsonReader(mapper));
                return;
            }
        }
        throw new IllegalStateException("No Jackson message converter to put the strict JSON reader before");
    }

    /**
     * {@code ?lang=} switches between the two languages the pages have; anything else (an unknown
     * language, a malformed locale such as {@code x.y} or {@code a b}) leaves the language as it was
     * instead of failing the request.
     */
    static final class PageLanguageChange extends LocaleChangeInterceptor {

        PageLanguageChange() {
            setParamName("lang");
            setIgnoreInvalidLocale(true);
        }

        @Override
        protected Locale parseLocaleValue(String value) {
            return pageLanguage(value);
        }
    }

    /** The pages' two languages; anything else is an {@link IllegalArgumentException}, which the callers ignore. */
    static Locale pageLanguage(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "zh" -> Locale.CHINESE;
            case "en" -> Locale.ENGLISH;
            default -> throw new IllegalArgumentException("Not a page language: " + value);
        };
    }
}
