package io.kefu.knowledge;

import io.kefu.text.Language;

import java.util.List;
import java.util.Locale;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The knowledge pages: the list with search, type-ahead and hot searches for everyone signed in;
 * the article form with preview, publish, unpublish and delete for editors (enforced in
 * {@code SecurityConfig}).
 */
@Controller
class KnowledgePageController {

    private static final int PAGE_SIZE = 20;
    private static final int RESULTS = 20;
    private static final int HOT_DAYS = 7;
    private static final int HOT_LIMIT = 10;

    private final KnowledgeService knowledge;

    KnowledgePageController(KnowledgeService knowledge) {
        this.knowledge = knowledge;
    }

    @GetMapping("/knowledge")
    String list(@RequestParam(required = false) String q, @RequestParam(name = "language", required = false) String lang,
            @RequestParam(required = false) String status, @RequestParam(required = false) String tag,
            @RequestParam(defaultValue = "0") int page, Model model) {
        String language = Language.parse(lang).map(Language::code).orElse(null);
        String statusFilter = statusFilter(status);
        model.addAttribute("q", q == null ? "" : q.strip());
        model.addAttribute("languageFilter", language == null ? "" : language);
        model.addAttribute("status", statusFilter);
        model.addAttribute("tag", tag == null ? "" : tag.strip());
        model.addAttribute("hot", knowledge.hot(HOT_DAYS, null, HOT_LIMIT));
        if (q != null && !q.isBlank()) {
            model.addAttribute("results", knowledge.search(q, language, statusFilter, tag, RESULTS, QuerySource.AGENT));
        } else {
            model.addAttribute("articles", knowledge.list(statusFilter, language, tag,
                    Math.min(Math.max(0, page), KnowledgeService.MAX_PAGE), PAGE_SIZE));
        }
        return "knowledge/list";
    }

    /** Type-ahead for the search box (JSON, on the page session rather than the API's Basic login). */
    @GetMapping("/knowledge/suggest")
    @ResponseBody
    List<Suggestion> suggest(@RequestParam String prefix, @RequestParam(name = "language", required = false) String lang) {
        return knowledge.suggest(prefix, Language.parse(lang).map(Language::code).orElse(null), 8);
    }

    @GetMapping("/knowledge/articles/{id}")
    String article(@PathVariable long id, Model model) {
        Article article = knowledge.get(id);
        model.addAttribute("article", article);
        model.addAttribute("html", knowledge.toSafeHtml(article.body()));
        return "knowledge/article";
    }

    @GetMapping("/knowledge/articles/new")
    String newArticle(Model model, Locale locale) {
        ArticleForm form = new ArticleForm();
        form.setLanguage(Locale.CHINESE.getLanguage().equals(locale.getLanguage()) ? "zh" : "en");
        return form(model, form, null);
    }

    @PostMapping("/knowledge/articles")
    String create(@ModelAttribute("form") ArticleForm form, @RequestParam(required = false) String preview,
            Authentication user, Model model, RedirectAttributes flash) {
        if (preview != null) {
            return preview(model, form, null);
        }
        try {
            Article article = knowledge.create(form.content(), user.getName());
            flash.addFlashAttribute("notice", "knowledge.flash.saved");
            return "redirect:/knowledge/articles/" + article.id();
        } catch (InvalidArticleException e) {
            model.addAttribute("error", "knowledge.error.invalid");
            return form(model, form, null);
        }
    }

    @GetMapping("/knowledge/articles/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        return form(model, ArticleForm.of(knowledge.get(id)), id);
    }

    @PostMapping("/knowledge/articles/{id}")
    String update(@PathVariable long id, @ModelAttribute("form") ArticleForm form,
            @RequestParam(required = false) String preview, Authentication user, Model model,
            RedirectAttributes flash) {
        if (preview != null) {
            return preview(model, form, id);
        }
        try {
            int version = form.getVersion() == null ? knowledge.get(id).version() : form.getVersion();
            knowledge.update(id, version, form.content(), user.getName());
            flash.addFlashAttribute("notice", "knowledge.flash.saved");
            return "redirect:/knowledge/articles/" + id;
        } catch (InvalidArticleException e) {
            model.addAttribute("error", "knowledge.error.invalid");
        } catch (ArticleVersionConflictException e) {
            model.addAttribute("error", "knowledge.error.conflict");
        }
        return form(model, form, id);
    }

    @PostMapping("/knowledge/articles/{id}/publish")
    String publish(@PathVariable long id, @RequestParam(required = false) Integer version, Authentication user,
            RedirectAttributes flash) {
        return act(id, flash, "knowledge.flash.published", () -> knowledge.publish(id, version, user.getName()));
    }

    @PostMapping("/knowledge/articles/{id}/unpublish")
    String unpublish(@PathVariable long id, @RequestParam(required = false) Integer version, Authentication user,
            RedirectAttributes flash) {
        return act(id, flash, "knowledge.flash.unpublished", () -> knowledge.unpublish(id, version, user.getName()));
    }

    @PostMapping("/knowledge/articles/{id}/delete")
    String delete(@PathVariable long id, @RequestParam(required = false) Integer version, RedirectAttributes flash) {
        String view = act(id, flash, "knowledge.flash.deleted", () -> knowledge.delete(id, version));
        return flash.getFlashAttributes().containsKey("error") ? view : "redirect:/knowledge";
    }

    private String act(long id, RedirectAttributes flash, String success, Runnable action) {
        try {
            action.run();
            flash.addFlashAttribute("notice", success);
        } catch (ArticleVersionConflictException e) {
            flash.addFlashAttribute("error", "knowledge.error.conflict");
        }
        return "redirect:/knowledge/articles/" + id;
    }

    private String preview(Model model, ArticleForm form, Long id) {
        model.addAttribute("preview", knowledge.toSafeHtml(form.getBody()));
        return form(model, form, id);
    }

    private static String form(Model model, ArticleForm form, Long id) {
        model.addAttribute("form", form);
        model.addAttribute("articleId", id);
        return "knowledge/form";
    }

    /**
     * The pages are for staff, who see drafts beside published articles (each marked): anything but
     * DRAFT or PUBLISHED means any status.
     */
    private static String statusFilter(String status) {
        String s = status == null ? "" : status.strip().toUpperCase(Locale.ROOT);
        return s.equals("DRAFT") || s.equals("PUBLISHED") ? s : "ANY";
    }
}
