package io.kefu.workspace;

import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /}, where the sign-in lands: the task list for those who work tickets (agents, supervisors,
 * admins), the knowledge base for everyone else on the staff (designers), who may not open the
 * workspace.
 */
@Controller
class HomeController {

    @GetMapping("/")
    String home(HttpServletRequest request) {
        boolean worksTickets = Stream.of("AGENT", "SUPERVISOR", "ADMIN").anyMatch(request::isUserInRole);
        return worksTickets ? "redirect:/workspace" : "redirect:/knowledge";
    }
}
