package io.kefu.knowledge;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Article bodies are pasted from anywhere: nothing in them may run script on a page. */
class MarkdownRendererTest {

    private final MarkdownRenderer markdown = new MarkdownRenderer();

    @Test
    void rendersFormattingListsLinksAndCode() {
        String html = markdown.toSafeHtml("""
                ## 退款 refund

                1. **Open** the order
                2. Click [help](https://help.example.com/refund)

                `code` and > quote
                """);

        assertThat(html).contains("<h2>退款 refund</h2>", "<ol>", "<strong>Open</strong>",
                "<a href=\"https://help.example.com/refund\"", "<code>code</code>");
    }

    @Test
    void unsafeMarkdownNeverReachesThePageAsMarkup() {
        String html = markdown.toSafeHtml("""
                Hello <script>alert('x')</script>

                <img src=x onerror="alert(1)">

                [click me](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=)

                ![pic](javascript:alert(2))

                <a href="https://ok.example" onclick="alert(3)">raw link</a>
                """);

        assertThat(html).doesNotContain("<script", "<img src=x", "onerror=\"", "onclick=\"", "javascript:",
                "data:text/html");
        // the text is still there for the reader, escaped
        assertThat(html).contains("&lt;script&gt;", "click me");
    }

    @Test
    void plainTextDropsMarkupAndLinkTargets() {
        assertThat(markdown.toPlainText("**Refunds** take [3 days](https://x.example/very-secret-path)"))
                .isEqualTo("Refunds take 3 days");
    }
}
