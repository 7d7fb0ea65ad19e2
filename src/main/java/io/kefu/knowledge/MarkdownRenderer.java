package io.kefu.knowledge;

import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Turns article Markdown into HTML that is safe to put on a page, and into plain text for the
 * search index. Two guards, because article bodies are pasted from anywhere: commonmark escapes
 * raw HTML in the source and drops {@code javascript:}-style link targets; then the OWASP
 * sanitiser keeps only formatting, block, table, link and image elements with safe attributes,
 * so an element the first guard let through (or a future renderer option) still cannot run
 * script. Thread-safe.
 */
public final class MarkdownRenderer {

    private static final PolicyFactory POLICY = Sanitizers.FORMATTING
            .and(Sanitizers.BLOCKS)
            .and(Sanitizers.TABLES)
            .and(Sanitizers.LINKS)
            .and(Sanitizers.IMAGES)
            .and(new HtmlPolicyBuilder().allowElements("pre", "code", "hr", "br").toFactory());

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer html = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private final TextContentRenderer text = TextContentRenderer.builder().build();

    /** Safe HTML for a Markdown source. */
    public String toSafeHtml(String markdown) {
        Node document = parser.parse(markdown == null ? "" : markdown);
        return POLICY.sanitize(html.render(document));
    }

    /** The words a reader sees, without Markdown syntax or link targets, for indexing and snippets. */
    public String toPlainText(String markdown) {
        return text.render(parser.parse(markdown == null ? "" : markdown)).strip();
    }
}
