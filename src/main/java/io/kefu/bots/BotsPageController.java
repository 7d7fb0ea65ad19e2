package io.kefu.bots;

import java.time.Clock;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The page {@code /bots} for supervisors, designers and admins: topics, waiting and locked tasks,
 * workers with their last sign of life, failures with a retry button.
 */
@Controller
class BotsPageController {

    private final BotsOverview overview;
    private final BuiltInBots builtIn;
    private final Clock clock;

    BotsPageController(BotsOverview overview, BuiltInBots builtIn, Clock clock) {
        this.overview = overview;
        this.builtIn = builtIn;
        this.clock = clock;
    }

    @GetMapping("/bots")
    String page(Model model) {
        model.addAttribute("view", overview.view(builtIn.workerId()));
        model.addAttribute("now", clock.instant());
        return "bots/overview";
    }

    @PostMapping("/bots/tasks/{id}/retry")
    String retry(@PathVariable String id, RedirectAttributes flash) {
        try {
            overview.retry(id);
            flash.addFlashAttribute("notice", "bots.flash.retried");
        } catch (BotsOverview.InvalidTaskId | BotsOverview.UnknownTask e) {
            flash.addFlashAttribute("error", "bots.error.unknown");
        }
        return "redirect:/bots";
    }
}
