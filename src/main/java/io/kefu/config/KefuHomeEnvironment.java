package io.kefu.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Points Camel at the route files: {@code <kefu.home>/integrations} on disk, or the copy packed in
 * the jar when that folder is missing. Runs before the context starts, as Camel reads its
 * {@code camel.main.routes-include-pattern} early.
 */
public class KefuHomeEnvironment implements EnvironmentPostProcessor {

    static final String ROUTES_PATTERN = "kefu.integrations.routes-include-pattern";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(ROUTES_PATTERN)) {
            return;
        }
        Path integrations = Path.of(environment.getProperty("kefu.home", ".")).toAbsolutePath().normalize()
                .resolve("integrations");
        String pattern = Files.isDirectory(integrations)
                ? "file:" + integrations + "/**/*.camel.yaml"
                : packedRoutes();
        environment.getPropertySources().addLast(new MapPropertySource("kefuHome", Map.of(ROUTES_PATTERN, pattern)));
    }

    /**
     * The route files packed in the jar, listed one by one: Camel's own wildcard scan loses
     * sub-folders inside a Spring Boot jar, Spring's resolver does not.
     */
    private static String packedRoutes() {
        String folder = "kefu/integrations/";
        try {
            return Arrays.stream(new PathMatchingResourcePatternResolver()
                            .getResources("classpath*:" + folder + "**/*.camel.yaml"))
                    .map(r -> {
                        try {
                            String url = r.getURL().toString();
                            return "classpath:" + url.substring(url.lastIndexOf(folder));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sorted()
                    .collect(Collectors.joining(","));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the packed integrations", e);
        }
    }
}
