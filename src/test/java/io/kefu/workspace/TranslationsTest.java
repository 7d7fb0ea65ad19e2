package io.kefu.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every page text exists in English and Chinese, and templates show no text outside the message files. */
class TranslationsTest {

    private static final Pattern KEY = Pattern.compile("#\\{([a-z][a-z0-9.-]*)[}(]");

    @Test
    void englishAndChineseHaveTheSameKeys() throws IOException {
        Properties en = load("messages.properties");
        Properties zh = load("messages_zh.properties");

        assertThat(zh.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
    }

    @Test
    void everyKeyATemplateUsesIsTranslated() throws IOException {
        Properties en = load("messages.properties");
        try (Stream<Path> templates = Files.walk(Path.of("web/templates"))) {
            for (Path template : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher keys = KEY.matcher(Files.readString(template));
                while (keys.find()) {
                    assertThat(en).as("%s uses #{%s}", template, keys.group(1)).containsKey(keys.group(1));
                }
            }
        }
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources", name))) {
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }
}
