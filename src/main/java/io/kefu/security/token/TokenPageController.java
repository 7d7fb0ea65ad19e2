package io.kefu.security.token;

import java.time.Clock;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admins' token page {@code /admin/tokens}: the list, a form that creates a token and shows it
 * once (in the answer to the form, never stored in the session), and a revoke button per token.
 */
@Controller
class TokenPageController {

    /** Lifetimes the form offers; the API accepts any up to kefu.security.tokens.max-lifetime. */
    static final List<String> LIFETIMES = List.of("P30D", "P90D", "P180D", "P365D");

    private final ApiTokenService tokens;
    private final Clock clock;

    TokenPageController(ApiTokenService tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @GetMapping("/admin/tokens")
    String page(Model model) {
        return page(model, new TokenForm("", List.of(), "P90D"));
    }

    @PostMapping("/admin/tokens")
    String create(@RequestParam(defaultValue = "") String name, @RequestParam(required = false) List<String> scopes,
            @RequestParam(defaultValue = "") String expiresIn, Model model, HttpServletResponse response) {
        try {
            IssuedToken issued = tokens.issue(name, scopes == null ? List.of() : scopes, expiresIn);
            // The page holds the token: no browser or proxy may keep a copy.
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            model.addAttribute("issued", issued);
            return page(model, new TokenForm("", List.of(), "P90D"));
        } catch (InvalidTokenRequestException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", "expiresIn".equals(e.field()) ? "admin.tokens.error.expires-in"
                    : "admin.tokens.error." + e.field());
            return page(model, new TokenForm(name, scopes == null ? List.of() : scopes, expiresIn));
        }
    }

    @PostMapping("/admin/tokens/{id}/revoke")
    String revoke(@PathVariable long id, RedirectAttributes flash) {
        if (tokens.revoke(id)) {
            flash.addFlashAttribute("notice", "admin.tokens.flash.revoked");
        } else {
            flash.addFlashAttribute("error", "admin.tokens.error.unknown");
        }
        return "redirect:/admin/tokens";
    }

    private String page(Model model, TokenForm form) {
        model.addAttribute("form", form);
        model.addAttribute("tokens", tokens.list());
        model.addAttribute("allScopes", ApiTokenScope.names());
        model.addAttribute("lifetimes", LIFETIMES);
        model.addAttribute("now", clock.instant());
        return "admin/tokens";
    }

    /** What the form shows: empty, or what the admin sent when it was refused. */
    record TokenForm(String name, List<String> scopes, String expiresIn) {
    }
}
