package io.kefu.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Text of e-mails: HTML reduced to plain text, and the new part of a reply.
 */
public final class MailText {

    /** Lines that start the quoted original of a reply, in the clients Kefu's customers use. */
    private static final List<Pattern> QUOTE_HEADS = List.of(
            // Gmail, Thunderbird, Apple Mail: "On Tue, 1 Dec 2026 at 10:00, Kefu <support@…> wrote:"
            Pattern.compile("^On .{4,200}wrote:\\s*$", Pattern.DOTALL),
            // Gmail / Foxmail in Chinese: "在 2026年12月1日 10:00，Kefu <…> 写道："
            Pattern.compile("^在.{2,200}写道[:：]\\s*$"),
            // Outlook: "-----Original Message-----", QQ Mail / Foxmail: "------------------ 原始邮件 ------------------"
            Pattern.compile("^-{2,}\\s*(Original Message|原始邮件|Forwarded message|转发的邮件)\\s*-{2,}\\s*$",
                    Pattern.CASE_INSENSITIVE),
            // Outlook's header block: "From: …" / "发件人: …" directly after the new text
            Pattern.compile("^(From|发件人)\\s*[:：].+$"));

    private static final Pattern SIGNATURE = Pattern.compile("^(-- ?|—— ?|__+)$");

    private MailText() {
    }

    /**
     * The visible text of an HTML mail: block elements become line breaks (one line per block, no blank
     * lines), links keep their
     * address, scripts, styles and everything else that is not text are dropped. Nothing of the
     * HTML is kept, so the result is safe to show anywhere as text.
     */
    public static String fromHtml(String html) {
        Document document = Jsoup.parse(html);
        document.select("script, style, head, noscript, template, iframe, object").remove();
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(text.getWholeText().replaceAll("\\s+", " "));
                } else if (node instanceof Element element && (element.nameIs("br") || element.isBlock())) {
                    out.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element) {
                    if (element.nameIs("a") && element.hasAttr("href")) {
                        String href = element.attr("href");
                        if (href.startsWith("http") && !element.text().strip().equals(href)) {
                            out.append(" (").append(href).append(')');
                        }
                    }
                    if (element.isBlock()) {
                        out.append('\n');
                    }
                }
            }
        }, document.body() == null ? document : document.body());
        return out.toString().lines().map(String::strip).reduce((a, b) -> a + "\n" + b).orElse("")
                .replaceAll("\n{2,}", "\n").strip();
    }

    /**
     * The new part of a message: stops at the first line that starts the quoted original
     * ({@code On … wrote:}, {@code 在…写道：}, {@code -----Original Message-----}, an Outlook header
     * block) or a signature separator ({@code -- }), and drops {@code >} quoted lines. When
     * nothing would be left (a message that is only a quote) the whole text is kept.
     */
    public static String newPart(String text) {
        List<String> kept = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String stripped = line.strip();
            if (SIGNATURE.matcher(line.stripTrailing()).matches() || SIGNATURE.matcher(stripped).matches()) {
                break;
            }
            if (QUOTE_HEADS.stream().anyMatch(p -> p.matcher(stripped).matches())) {
                break;
            }
            if (stripped.startsWith(">")) {
                continue;
            }
            kept.add(line);
        }
        String result = String.join("\n", kept).strip();
        return result.isEmpty() ? text.strip() : result;
    }
}
