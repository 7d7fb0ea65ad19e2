package io.kefu.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

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
                : "classpath:kefu/integrations/**/*.camel.yaml";
        environment.getPropertySources().addLast(new MapPropertySource("kefuHome", Map.of(ROUTES_PATTERN, pattern)));
    }
}
