package io.kefu.knowledge;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds {@code kefu.knowledge.*} and creates the Markdown renderer and this node's in-memory index. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KnowledgeProperties.class)
class KnowledgeConfiguration {

    @Bean
    MarkdownRenderer markdownRenderer() {
        return new MarkdownRenderer();
    }

    @Bean(destroyMethod = "close")
    KnowledgeIndex knowledgeIndex(MarkdownRenderer markdown) {
        return new KnowledgeIndex(markdown);
    }
}
