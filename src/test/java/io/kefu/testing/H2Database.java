package io.kefu.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactories;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * The Spring test context runs on the in-memory H2 database of this name, kept until the JVM ends
 * ({@code DB_CLOSE_DELAY=-1}) so that a cached context keeps its data. Test classes that name the
 * same database (and are otherwise configured alike) share one database and one application
 * context; a class whose rows must not meet other tests' rows names a database of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextCustomizerFactories(H2Database.Factory.class)
public @interface H2Database {

    /** The database's name, e.g. {@code "workspace-page"}. */
    String value();

    /** Sets {@code spring.datasource.url} as an inlined test property, as {@code @SpringBootTest(properties)} does. */
    final class Factory implements ContextCustomizerFactory {

        @Override
        public ContextCustomizer createContextCustomizer(Class<?> testClass,
                List<ContextConfigurationAttributes> configAttributes) {
            H2Database database = TestContextAnnotationUtils.findMergedAnnotation(testClass, H2Database.class);
            return database == null ? null : new Url(url(database.value()));
        }

        /** The JDBC URL of the in-memory database of that name. */
        public static String url(String name) {
            return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
        }
    }

    /** A record, so that two classes naming one database get equal customizers and share a cached context. */
    record Url(String url) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration merged) {
            TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context, "spring.datasource.url=" + url);
        }
    }
}
