package io.kefu.workspace;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.kefu.agent.AgentService;
import io.kefu.customer.CustomerService;
import io.kefu.ticket.TicketAccess;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketView;

/**
 * Canned responses: an agent's own ({@link CannedScope#PERSONAL}, only they see and change them) and
 * their teams' ({@link CannedScope#TEAM}, shared by the agents of one queue, who may all change
 * them; supervisors and admins see and change every team's). Placeholders
 * <code>{{customer.name}}</code>, <code>{{customer.id}}</code>, <code>{{agent.name}}</code>, <code>{{ticket.id}}</code>
 * and <code>{{ticket.queue}}</code> are filled for a ticket by {@link #forTicket}; any other
 * <code>{{...}}</code> is left as written, so a typo shows rather than vanishing.
 */
@Service
@Transactional
public class CannedResponseService {

    static final int MAX_TITLE = 120;
    static final int MAX_TEXT = 10000;
    static final int LIMIT = 50;
    /** The languages responses are written in, as triage names a ticket's. */
    static final Set<String> LANGUAGES = Set.of("zh", "en");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z]+\\.[a-z]+)\\s*}}");

    private final CannedResponseRepository responses;
    private final TicketService tickets;
    private final CustomerService customers;
    private final IdentityService identity;
    private final Clock clock;
    private final AgentService agents;

    CannedResponseService(CannedResponseRepository responses, TicketService tickets, CustomerService customers,
            IdentityService identity, Clock clock, AgentService agents) {
        this.agents = agents;
        this.responses = responses;
        this.tickets = tickets;
        this.customers = customers;
        this.identity = identity;
        this.clock = clock;
    }

    /** The caller's own and their teams' responses whose title or text contains {@code query} (null: all), by title. */
    @Transactional(readOnly = true)
    public List<CannedResponse> list(TicketAccess access, String query) {
        String text = query == null || query.isBlank() ? null : query.strip();
        if (text != null && text.length() > MAX_TITLE) {
            throw new InvalidCannedResponseException("q", "at most " + MAX_TITLE + " characters");
        }
        return responses.visible(access.userId(), access.queues(), access.everyTicket(), text, LIMIT);
    }

    @Transactional(readOnly = true)
    public CannedResponse get(long id, TicketAccess access) {
        return responses.find(id).filter(r -> sees(r, access)).orElseThrow(() -> new CannedResponseNotFoundException(id));
    }

    public CannedResponse create(CannedResponseDraft draft, TicketAccess access) {
        Checked c = check(draft, access);
        long id = responses.insert(c.title, c.text, c.language, c.scope, c.owner, c.team, access.userId(), clock.instant());
        return responses.find(id).orElseThrow();
    }

    /** Changes a response the caller may change (their own, or their team's); 404 for any other. */
    public CannedResponse update(long id, CannedResponseDraft draft, TicketAccess access) {
        get(id, access);
        Checked c = check(draft, access);
        responses.update(id, c.title, c.text, c.language, c.scope, c.owner, c.team, clock.instant());
        return responses.find(id).orElseThrow();
    }

    public void delete(long id, TicketAccess access) {
        get(id, access);
        responses.delete(id);
    }

    /**
     * The responses matching {@code query} filled for a ticket the caller reaches, those in the
     * ticket's language first.
     */
    @Transactional(readOnly = true)
    public List<CannedResponse> forTicket(long ticketId, TicketAccess access, String query) {
        TicketView ticket = tickets.get(ticketId, access);
        String language = ticket.classification() == null ? null : ticket.classification().language();
        Map<String, String> values = Map.of(
                "customer.name", customers.get(ticket.customerId()).name(),
                "customer.id", ticket.customerExternalId(),
                "agent.name", displayName(access.userId()),
                "ticket.id", String.valueOf(ticket.id()),
                "ticket.queue", ticket.queue() == null ? "" : ticket.queue());
        return list(access, query).stream()
                .sorted(Comparator.comparing((CannedResponse r) -> !r.language().equals(language)))
                .map(r -> new CannedResponse(r.id(), r.title(), fill(r.text(), values), r.language(), r.scope(),
                        r.owner(), r.team(), r.createdBy(), r.createdAt(), r.updatedAt()))
                .toList();
    }

    /** {@code text} with each known placeholder replaced; unknown ones stay. */
    static String fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The user's first and last name as Camunda knows them, else their user id. */
    private String displayName(String userId) {
        User user = identity.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            return userId;
        }
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).strip();
        return name.isEmpty() ? userId : name;
    }

    /** The queues whose team responses the caller may write: their own queues, every queue for supervisors. */
    @Transactional(readOnly = true)
    public List<String> teams(TicketAccess access) {
        return agents.queues().stream().filter(q -> access.everyTicket() || access.queues().contains(q)).toList();
    }

    private static boolean sees(CannedResponse r, TicketAccess access) {
        return r.scope() == CannedScope.PERSONAL ? access.userId().equals(r.owner())
                : access.everyTicket() || access.queues().contains(r.team());
    }

    private record Checked(String title, String text, String language, CannedScope scope, String owner, String team) {
    }

    private Checked check(CannedResponseDraft draft, TicketAccess access) {
        String title = draft.title() == null ? "" : draft.title().strip();
        if (title.isEmpty() || title.length() > MAX_TITLE) {
            throw new InvalidCannedResponseException("title", "between 1 and " + MAX_TITLE + " characters");
        }
        String text = draft.text() == null ? "" : draft.text().strip();
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            throw new InvalidCannedResponseException("text", "between 1 and " + MAX_TEXT + " characters");
        }
        String language = draft.language() == null ? "" : draft.language().strip().toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(language)) {
            throw new InvalidCannedResponseException("language", "zh or en");
        }
        CannedScope scope;
        try {
            scope = CannedScope.valueOf(draft.scope() == null ? "" : draft.scope().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidCannedResponseException("scope", "PERSONAL or TEAM");
        }
        if (scope == CannedScope.PERSONAL) {
            return new Checked(title, text, language, scope, access.userId(), null);
        }
        String team = draft.team() == null || draft.team().isBlank() ? null : draft.team().strip();
        List<String> teams = teams(access);
        if (team == null && teams.size() == 1) {
            team = teams.get(0);
        }
        if (team == null) {
            throw new InvalidCannedResponseException("team", "name the queue whose agents share it");
        }
        if (!teams.contains(team)) {
            throw new InvalidCannedResponseException("team", "you do not work queue " + team);
        }
        return new Checked(title, text, language, scope, null, team);
    }
}
