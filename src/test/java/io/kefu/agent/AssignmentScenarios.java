package io.kefu.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeService;
import io.kefu.lifecycle.TicketLifecycleProcess;
import io.kefu.security.KefuGroups;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Priority;
import io.kefu.ticket.QueuePositionChanged;
import io.kefu.ticket.TicketAccess;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.TicketView;
import io.kefu.ticket.Topic;
import io.kefu.workspace.AgentWorkService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Pushing waiting tickets to agents, end to end through intake, the lifecycle and the API, on a
 * database the subclass names (H2, MariaDB). No job executor runs: each test executes the jobs of
 * its tickets itself (triage and routing), so every assignment follows from what the test did, in
 * the test's thread, and is checked right after. Each test works with agents of its own; before
 * each, every agent is taken offline and every ticket still waiting is abandoned, so no ticket of
 * an earlier test meets its agents.
 *
 * <p>Routing (rules/routing.drl): BILLING goes to billing_team needing the skill {@code billing};
 * ORDER goes to general_support needing nothing; a VIP gets HIGH, a standard customer NORMAL on a
 * live channel and LOW by e-mail. English text is language {@code en}. The context sets
 * general_support to round-robin; billing_team keeps the default, least-loaded.
 */
abstract class AssignmentScenarios {

    static final String PASSWORD = "assign-Secret-1";
    static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Autowired
    MockMvc mvc;
    @Autowired
    IntakeService intake;
    @Autowired
    CustomerService customers;
    @Autowired
    TicketService tickets;
    @Autowired
    AgentService agents;
    @Autowired
    AgentWorkService work;
    @Autowired
    IdentityService identity;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    PositionNotices notices;

    String run;

    /** Records the queue places the application tells (all threads). */
    static class PositionNotices {
        final ConcurrentLinkedQueue<QueuePositionChanged> told = new ConcurrentLinkedQueue<>();

        @EventListener
        void on(QueuePositionChanged event) {
            told.add(event);
        }

        List<Integer> positionsOf(long ticketId) {
            return told.stream().filter(e -> e.ticketId() == ticketId).map(QueuePositionChanged::position).toList();
        }

        /** The places told, "4+" for "more than 3 ahead". */
        List<String> placesOf(long ticketId) {
            return told.stream().filter(e -> e.ticketId() == ticketId)
                    .map(e -> e.position() + (e.atLeast() ? "+" : "")).toList();
        }
    }

    @BeforeEach
    void nobodyOnlineAndNothingWaiting() {
        run = "r" + SEQUENCE.incrementAndGet() + "x" + Long.toString(System.nanoTime() % 1_000_000, 36);
        for (AgentProfile agent : agents.list()) {
            if (agent.presence() != AgentPresence.OFFLINE) {
                agents.setPresence(agent.userId(), "OFFLINE");
            }
        }
        for (TicketView waiting : tickets.waiting(10_000)) {
            tickets.abandon(waiting.id());
        }
        notices.told.clear();
    }

    @AfterEach
    void resetEngineClock() {
        ClockUtil.reset();
    }

    @Test
    void aNewTicketGoesToTheLeastLoadedAgentWithItsSkillAndLanguage() {
        String busy = agent("busy", List.of("billing_team"), List.of("billing"), List.of("en"), 3, 5);
        String free = agent("free", List.of("billing_team"), List.of("billing"), List.of("en"), 3, 5);
        String unskilled = agent("unskilled", List.of("billing_team"), List.of(), List.of("en"), 3, 5);
        String otherQueue = agent("other", List.of("general_support"), List.of("billing"), List.of("en"), 3, 5);
        online(busy, free, unskilled, otherQueue);
        long first = ticket(Topic.BILLING, CustomerTier.STANDARD, Channel.WEB);
        String firstAgent = tickets.get(first).assignee();
        assertThat(firstAgent).as("either skilled billing agent, both idle").isIn(busy, free);
        String other = firstAgent.equals(busy) ? free : busy;

        long second = ticket(Topic.BILLING, CustomerTier.STANDARD, Channel.WEB);

        TicketView assigned = tickets.get(second);
        assertThat(assigned.status()).isEqualTo(TicketStatus.ASSIGNED);
        assertThat(assigned.assignee()).as("the one holding fewer tickets").isEqualTo(other);
        assertThat(openTaskOf(second).getAssignee()).as("the task is claimed as by the agent").isEqualTo(other);
        assertThat(outboxTypes(second)).contains("ticket.routed", "ticket.assigned");
    }

    @Test
    void equallyLoadedAgentsTakeTurnsByLongestIdle() {
        String a = agent("a", List.of("billing_team"), List.of("billing"), List.of("en"), 3, 5);
        String b = agent("b", List.of("billing_team"), List.of("billing"), List.of("en"), 3, 5);
        online(a, b);
        long t1 = ticket(Topic.BILLING, CustomerTier.STANDARD, Channel.WEB);
        long t2 = ticket(Topic.BILLING, CustomerTier.STANDARD, Channel.WEB);
        String firstIdle = tickets.get(t1).assignee();
        assertThat(tickets.get(t2).assignee()).isNotEqualTo(firstIdle);
        work.resolve(t1, TicketAccess.everyTicket(firstIdle));
        work.resolve(t2, TicketAccess.everyTicket(tickets.get(t2).assignee()));

        long t3 = ticket(Topic.BILLING, CustomerTier.STANDARD, Channel.WEB);

        assertThat(tickets.get(t3).assignee()).as("both hold none; the one whose last ticket came first waited longest")
                .isEqualTo(firstIdle);
    }

    @Test
    void roundRobinGivesTheQueueTicketsInTurn() {
        String a = agent("rr-a", List.of("general_support"), List.of(), List.of("en"), 10, 10);
        String b = agent("rr-b", List.of("general_support"), List.of(), List.of("en"), 10, 10);
        String c = agent("rr-c", List.of("general_support"), List.of(), List.of("en"), 10, 10);
        online(a, b, c);

        List<String> order = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            order.add(tickets.get(ticket(Topic.ORDER, CustomerTier.STANDARD, Channel.WEB)).assignee());
        }

        assertThat(order.subList(0, 3)).as("each once").containsExactlyInAnyOrder(a, b, c);
        assertThat(order.subList(3, 6)).as("then in the same turn again, not by load").isEqualTo(order.subList(0, 3));
    }

    @Test
    void afterTheSkillsTimeoutAnyAgentOfTheQueueWithRoomTakesTheTicket() {
        String unskilled = agent("plain", List.of("billing_team"), List.of(), List.of(), 3, 5);
        online(unskilled);
        long ticket = ticket(Topic.BILLING, CustomerTier.STANDARD, Channel.WEB);
        assertThat(tickets.get(ticket).status()).as("nobody with the billing skill and English").isEqualTo(TicketStatus.QUEUED);
        Job timer = management.createJobQuery().processInstanceId(instanceOf(ticket).getId())
                .activityId(TicketLifecycleProcess.BOUNDARY_SKILLS_TIMEOUT).singleResult();
        assertThat(timer.getDuedate().toInstant()).isAfter(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofSeconds(100)));
        assertThat(executableJobs(ticket)).as("not due before the timeout").isEmpty();

        ClockUtil.setCurrentTime(Date.from(timer.getDuedate().toInstant().plusSeconds(1)));
        assertThat(executableJobs(ticket)).extracting(Job::getId).containsExactly(timer.getId());
        management.executeJob(timer.getId());

        TicketView assigned = tickets.get(ticket);
        assertThat(assigned.assignee()).isEqualTo(unskilled);
        assertThat(assigned.skillsTimedOutAt()).isNotNull();
        assertThat(openTaskOf(ticket).getAssignee()).isEqualTo(unskilled);
    }

    @Test
    void anAgentGoingOfflineGivesBackOnlyTheTicketsTheyHaveNotAnswered() {
        String leaving = agent("leaving", List.of("general_support"), List.of(), List.of("en"), 2, 5);
        online(leaving);
        long answered = ticket(Topic.ORDER, CustomerTier.STANDARD, Channel.WEB);
        long unanswered = ticket(Topic.ORDER, CustomerTier.STANDARD, Channel.WEB);
        assertThat(tickets.get(answered).assignee()).isEqualTo(leaving);
        assertThat(tickets.get(unanswered).assignee()).isEqualTo(leaving);
        work.reply(answered, TicketAccess.everyTicket(leaving), "Let me check your order.");
        String staying = agent("staying", List.of("general_support"), List.of(), List.of("en"), 3, 5);
        online(staying);

        agents.setPresence(leaving, "OFFLINE");

        assertThat(tickets.get(answered).assignee()).as("answered: kept").isEqualTo(leaving);
        assertThat(tickets.get(unanswered).assignee()).as("given back, then pushed to the online agent").isEqualTo(staying);
        assertThat(outboxTypes(unanswered)).containsSubsequence("ticket.assigned", "ticket.unassigned", "ticket.assigned");
        assertThat(agents.get(leaving).load().chat()).isEqualTo(1);
    }

    @Test
    void awayKeepsTheTicketsButTakesNoNewOnes() {
        String agent = agent("away", List.of("general_support"), List.of(), List.of("en"), 3, 5);
        online(agent);
        long held = ticket(Topic.ORDER, CustomerTier.STANDARD, Channel.WEB);

        agents.setPresence(agent, "AWAY");
        long waiting = ticket(Topic.ORDER, CustomerTier.STANDARD, Channel.WEB);

        assertThat(tickets.get(held).assignee()).isEqualTo(agent);
        assertThat(tickets.get(waiting).status()).isEqualTo(TicketStatus.QUEUED);
    }

    @Test
    void freedCapacityTakesTheWaitingTicketsInPriorityThenAgeOrder() {
        String agent = agent("solo", List.of("general_support"), List.of(), List.of("en"), 1, 1);
        online(agent);
        long current = ticket(Topic.ORDER, CustomerTier.STANDARD, Channel.WEB);
        long olderNormal = ticket(Topic.ORDER, CustomerTier.STANDARD, Channel.WEB);
        long newerNormal = ticket(Topic.ORDER, CustomerTier.STANDARD, Channel.WEB);
        long vip = ticket(Topic.ORDER, CustomerTier.VIP, Channel.WEB);
        long email = ticket(Topic.ORDER, CustomerTier.STANDARD, Channel.EMAIL);
        assertThat(tickets.get(current).assignee()).isEqualTo(agent);
        assertThat(tickets.get(vip).priority()).isEqualTo(Priority.HIGH);
        assertThat(tickets.get(email).assignee()).as("e-mail is counted apart from chat: room for one").isEqualTo(agent);
        assertThat(List.of(olderNormal, newerNormal, vip)).allSatisfy(id ->
                assertThat(tickets.get(id).status()).isEqualTo(TicketStatus.QUEUED));
        assertThat(queuePosition(vip)).isEqualTo(1);
        assertThat(queuePosition(olderNormal)).isEqualTo(2);
        assertThat(queuePosition(newerNormal)).isEqualTo(3);

        List<Long> served = new ArrayList<>();
        for (long resolving = current; served.size() < 3; ) {
            work.resolve(resolving, TicketAccess.everyTicket(agent));
            resolving = agents.get(agent).load().chat() == 0 ? -1 : heldChat(agent);
            served.add(resolving);
        }

        assertThat(served).containsExactly(vip, olderNormal, newerNormal);
    }

    @Test
    void raisingCapacityAndComingOnlineDrainTheQueue() {
        String agent = agent("grow", List.of("general_support"), List.of(), List.of("en"), 1, 1);
        long a = ticket(Topic.ORDER, CustomerTier.STANDARD, Channel.WEB);
        long b = ticket(Topic.ORDER, CustomerTier.STANDARD, Channel.WEB);
        assertThat(tickets.get(a).status()).as("nobody online yet").isEqualTo(TicketStatus.QUEUED);

        online(agent);
        assertThat(tickets.get(a).assignee()).isEqualTo(agent);
        assertThat(tickets.get(b).status()).isEqualTo(TicketStatus.QUEUED);

        agents.update(agent, new AgentUpdate(List.of(), List.of("en"), new AgentUpdate.Capacity(2, 1), null));
        assertThat(tickets.get(b).assignee()).isEqualTo(agent);
    }

    @Test
    void claimingByHandStillWorksAndCountsTowardsTheLoad() {
        String agent = agent("hand", List.of("general_support"), List.of(), List.of("en"), 1, 1);
        long claimed = ticket(Topic.ORDER, CustomerTier.STANDARD, Channel.WEB);
        work.claim(claimed, TicketAccess.everyTicket(agent));
        long next = ticket(Topic.ORDER, CustomerTier.STANDARD, Channel.WEB);

        online(agent);

        assertThat(tickets.get(claimed).assignee()).isEqualTo(agent);
        assertThat(tickets.get(next).status()).as("capacity 1, held by the claim").isEqualTo(TicketStatus.QUEUED);
        assertThat(agents.get(agent).load().chat()).isEqualTo(1);
    }

    @Test
    void noTicketIsLeftWaitingBesideAnAgentWithRoomWhenTicketsArriveAndResolveAtOnce() throws Exception {
        List<String> team = List.of(agent("race-a", List.of("general_support"), List.of(), List.of("en"), 2, 2),
                agent("race-b", List.of("general_support"), List.of(), List.of("en"), 2, 2),
                agent("race-c", List.of("general_support"), List.of(), List.of("en"), 2, 2));
        online(team.toArray(String[]::new));
        List<Long> opened = Collections.synchronizedList(new ArrayList<>());
        int arriving = 24;
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int worker = 0; worker < 2; worker++) {
            done.add(threads.submit(() -> {
                start.await();
                for (int i = 0; i < arriving / 2; i++) {
                    opened.add(ticketRetrying(Topic.ORDER, CustomerTier.STANDARD, Channel.WEB));
                }
                return null;
            }));
        }
        for (String agent : team.subList(0, 2)) {
            done.add(threads.submit(() -> {
                start.await();
                for (int resolved = 0; resolved < 6; ) {
                    Long held = heldChatOrNull(agent);
                    if (held == null) {
                        Thread.onSpinWait();
                        continue;
                    }
                    try {
                        work.resolve(held, TicketAccess.everyTicket(agent));
                        resolved++;
                    } catch (RuntimeException conflict) {
                        // the same ticket changed meanwhile (a customer message, a give-back): try again
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        threads.shutdown();

        assertThat(opened).hasSize(arriving);
        for (String agent : team) {
            assertThat(agents.get(agent).load().chat()).as("never over capacity: %s", agent).isLessThanOrEqualTo(2);
        }
        long waiting = opened.stream().filter(id -> tickets.get(id).status() == TicketStatus.QUEUED).count();
        int room = team.stream().mapToInt(a -> 2 - agents.get(a).load().chat()).sum();
        assertThat(room == 0 || waiting == 0)
                .as("%d tickets wait while the team has room for %d", waiting, room).isTrue();
        assertThat(waiting).as("24 arrived, 12 resolved, 6 held").isEqualTo(arriving - 12 - 6);
    }

    @Test
    void aWaitingTicketShowsItsPlaceAndEstimatedWaitAndIsToldWhenItMoves() throws Exception {
        String agent = agent("pos", List.of("general_support"), List.of(), List.of("en"), 1, 1);
        String supervisor = staff("sup", KefuGroups.SUPERVISORS);
        long first = ticket(Topic.ORDER, CustomerTier.STANDARD, Channel.WEB);
        long second = ticket(Topic.ORDER, CustomerTier.STANDARD, Channel.WEB);
        long third = ticket(Topic.ORDER, CustomerTier.STANDARD, Channel.WEB);

        JsonNode waiting = getTicket(third, supervisor);
        assertThat(waiting.get("status").asText()).isEqualTo("QUEUED");
        assertThat(waiting.get("queuePosition").asInt()).isEqualTo(3);
        assertThat(waiting.get("id").asLong()).as("the ticket's own fields stay flat").isEqualTo(third);
        long assignedInWindow = jdbc.sql("SELECT COUNT(*) FROM ticket WHERE queue = 'general_support' AND assigned_at >= ?")
                .param(java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofMinutes(15)))).query(Long.class).single();
        if (assignedInWindow == 0) {
            assertThat(waiting.has("estimatedWaitSeconds")).as("no handling rate yet").isFalse();
        }

        online(agent);

        JsonNode moved = getTicket(third, supervisor);
        assertThat(moved.get("queuePosition").asInt()).isEqualTo(2);
        long rate = jdbc.sql("SELECT COUNT(*) FROM ticket WHERE queue = 'general_support' AND assigned_at >= ?")
                .param(java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofMinutes(15)))).query(Long.class).single();
        assertThat(moved.get("estimatedWaitSeconds").asLong()).as("2 places × 900 s / %d assignments", rate)
                .isEqualTo((long) Math.ceil(2 * 900.0 / rate));
        assertThat(getTicket(first, supervisor).has("queuePosition")).as("assigned: no longer waiting").isFalse();
        assertThat(notices.positionsOf(third)).as("told when it started waiting and when it moved").containsExactly(3, 2);
        assertThat(notices.positionsOf(second)).containsExactly(2, 1);
        assertThat(notices.positionsOf(first)).as("assigned: nothing more to tell").containsExactly(1);
    }

    @Test
    void aTicketFurtherBackThanPlacesAreToldHearsMoreThanThatThenItsPlaceOnceAmongThem() throws Exception {
        // kefu.queue.notice-depth=3 here: the first 3 waiting tickets are told their places
        String agent = agent("deep", List.of("general_support"), List.of(), List.of("en"), 1, 1);
        String supervisor = staff("deep-sup", KefuGroups.SUPERVISORS);
        long[] waiting = new long[5];
        for (int i = 0; i < waiting.length; i++) {
            waiting[i] = ticket(Topic.ORDER, CustomerTier.STANDARD, Channel.WEB);
        }
        assertThat(notices.placesOf(waiting[2])).containsExactly("3");
        assertThat(notices.placesOf(waiting[3])).as("3 ahead: more than places are counted").containsExactly("4+");
        assertThat(notices.placesOf(waiting[4])).containsExactly("4+");
        assertThat(getTicket(waiting[4], supervisor).get("queuePosition").asInt()).as("the API counts all").isEqualTo(5);

        online(agent);

        assertThat(tickets.get(waiting[0]).assignee()).isEqualTo(agent);
        assertThat(notices.placesOf(waiting[1])).containsExactly("2", "1");
        assertThat(notices.placesOf(waiting[3])).as("now among the first 3: its exact place").containsExactly("4+", "3");
        assertThat(notices.placesOf(waiting[4])).as("still further back: nothing new").containsExactly("4+");
        assertThat(queuePosition(waiting[4])).isEqualTo(4);
    }

    @Test
    void aCustomerWhoLeavesWhileWaitingIsRecordedAndTheTicketStopsWaiting() throws Exception {
        String supervisor = staff("abandon-sup", KefuGroups.SUPERVISORS);
        long leaving = ticket(Topic.ORDER, CustomerTier.STANDARD, Channel.WEB);
        long behind = ticket(Topic.ORDER, CustomerTier.STANDARD, Channel.WEB);
        assertThat(queuePosition(behind)).isEqualTo(2);

        mvc.perform(post("/api/tickets/{id}/abandon", leaving).with(httpBasic(supervisor, PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CLOSED"))
                .andExpect(jsonPath("$.abandonedAt").exists());

        assertThat(outboxTypes(leaving)).endsWith("ticket.abandoned");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(leaving)).count())
                .as("its lifecycle ended").isZero();
        assertThat(queuePosition(behind)).isEqualTo(1);
        assertThat(notices.positionsOf(behind)).endsWith(1);
        mvc.perform(post("/api/tickets/{id}/abandon", leaving).with(httpBasic(supervisor, PASSWORD)))
                .andExpect(status().isConflict());
    }

    @Test
    void anAgentSetsOnlyTheirOwnPresenceSupervisorsAnyones() throws Exception {
        String ann = agent("ann", List.of("general_support"), List.of(), List.of("en"), 3, 5);
        String bob = agent("bob", List.of("general_support"), List.of(), List.of("en"), 3, 5);
        String supervisor = staff("sup2", KefuGroups.SUPERVISORS);
        String designer = staff("des", KefuGroups.DESIGNERS);

        presence(ann, ann, "AWAY").andExpect(status().isOk()).andExpect(jsonPath("$.presence").value("AWAY"))
                .andExpect(jsonPath("$.presenceSince").exists());
        presence(ann, bob, "ONLINE").andExpect(status().isForbidden());
        assertThat(agents.get(bob).presence()).isEqualTo(AgentPresence.OFFLINE);
        presence(supervisor, bob, "ONLINE").andExpect(status().isOk()).andExpect(jsonPath("$.presence").value("ONLINE"));
        presence(designer, bob, "OFFLINE").andExpect(status().isForbidden());
        presence(ann, ann, "BUSY").andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("status"));
        assertThat(agents.get(ann).presence()).isEqualTo(AgentPresence.AWAY);
        presence(supervisor, "nobody-" + run, "ONLINE").andExpect(status().isNotFound());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'agent.presence' AND target = ?")
                .param("agent " + bob).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void supervisorsEditProfilesStrictlyAndAgentsCannot() throws Exception {
        String ann = agent("edit", List.of("billing_team"), List.of(), List.of(), 3, 5);
        String supervisor = staff("sup3", KefuGroups.SUPERVISORS);
        String good = """
                {"skills": ["billing", "tech.senior"], "languages": ["zh", "en"], "capacity": {"chat": 4, "email": 8},
                 "workingHours": {"timeZone": "Asia/Shanghai", "periods": [{"days": ["MON", "TUE"], "from": "09:00", "to": "12:00"},
                                                                           {"days": ["MON", "TUE"], "from": "13:30", "to": "18:00"}]}}""";

        mvc.perform(put("/api/agents/{id}", ann).with(httpBasic(supervisor, PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content(good))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.skills[0]").value("billing"))
                .andExpect(jsonPath("$.languages[0]").value("en"))
                .andExpect(jsonPath("$.capacity.chat").value(4))
                .andExpect(jsonPath("$.queues[0]").value("billing_team"))
                .andExpect(jsonPath("$.presence").value("OFFLINE"))
                .andExpect(jsonPath("$.workingHours.periods[1].from").value("13:30"));
        mvc.perform(get("/api/agents").with(httpBasic(supervisor, PASSWORD))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.userId == '" + ann + "')].capacity.email").value(8));
        mvc.perform(put("/api/agents/{id}", ann).with(httpBasic(ann, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content(good)).andExpect(status().isForbidden());

        Map<String, String> bad = Map.of(
                "capacity.chat", "{\"skills\": [], \"languages\": [], \"capacity\": {\"chat\": -1, \"email\": 1}}",
                "capacity.email", "{\"skills\": [], \"languages\": [], \"capacity\": {\"chat\": 1}}",
                "skills[1]", "{\"skills\": [\"ok\", \"bad skill\"], \"languages\": [], \"capacity\": {\"chat\": 1, \"email\": 1}}",
                "languages[0]", "{\"skills\": [], \"languages\": [\"English\"], \"capacity\": {\"chat\": 1, \"email\": 1}}",
                "capacity", "{\"skills\": [], \"languages\": []}",
                "workingHours.timeZone", "{\"skills\": [], \"languages\": [], \"capacity\": {\"chat\": 1, \"email\": 1}, \"workingHours\": {\"timeZone\": \"Mars/Base\", \"periods\": []}}",
                "workingHours.periods[0].to", "{\"skills\": [], \"languages\": [], \"capacity\": {\"chat\": 1, \"email\": 1}, \"workingHours\": {\"timeZone\": \"UTC\", \"periods\": [{\"days\": [\"MON\"], \"from\": \"18:00\", \"to\": \"09:00\"}]}}");
        for (Map.Entry<String, String> c : bad.entrySet()) {
            mvc.perform(put("/api/agents/{id}", ann).with(httpBasic(supervisor, PASSWORD))
                            .contentType(MediaType.APPLICATION_JSON).content(c.getValue()))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value(c.getKey()));
        }
        mvc.perform(put("/api/agents/{id}", ann).with(httpBasic(supervisor, PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"skills\": [], \"languages\": [], \"capacity\": {\"chat\": \"3\", \"email\": 1}}"))
                .andExpect(status().isBadRequest());
        mvc.perform(put("/api/agents/{id}", ann).with(httpBasic(supervisor, PASSWORD)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"skills\": [], \"languages\": [], \"capacity\": {\"chat\": 3, \"email\": 1}, \"vip\": true}"))
                .andExpect(status().isBadRequest());
        assertThat(agents.get(ann).capacity()).as("nothing stored by the refusals").isEqualTo(new AgentCapacity(4, 8));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'agent.update' AND target = ?")
                .param("agent " + ann).query(Long.class).single()).as("the profile made here and the edit; no refusal").isEqualTo(2);
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** An agent (groups agents + the queues) with a password and a profile; offline. */
    String agent(String name, List<String> queues, List<String> skills, List<String> languages, int chat, int email) {
        String id = name + "-" + run;
        createUser(id, KefuGroups.AGENTS);
        queues.forEach(q -> identity.createMembership(id, q));
        agents.update(id, new AgentUpdate(skills, languages, new AgentUpdate.Capacity(chat, email), null));
        return id;
    }

    String staff(String name, String group) {
        String id = name + "-" + run;
        createUser(id, group);
        return id;
    }

    private void createUser(String id, String group) {
        User user = identity.newUser(id);
        user.setFirstName(id);
        user.setLastName("Test");
        user.setEmail(id + "@localhost");
        user.setPassword(PASSWORD);
        identity.saveUser(user);
        identity.createMembership(id, group);
    }

    void online(String... ids) {
        for (String id : ids) {
            agents.setPresence(id, "ONLINE");
        }
    }

    /** A ticket from a new customer, triaged and routed by running its jobs here. */
    long ticket(Topic topic, CustomerTier tier, Channel channel) {
        String customer = "c-" + run + "-" + SEQUENCE.incrementAndGet();
        customers.register(customer, customer, tier);
        long id = intake.receive(new InboundMessage(channel, customer, "Please help me with my " + topic.name().toLowerCase()
                + " question, thank you", topic)).ticketId();
        for (List<Job> due = executableJobs(id); !due.isEmpty(); due = executableJobs(id)) {
            due.forEach(job -> management.executeJob(job.getId()));
        }
        assertThat(tickets.get(id).status()).isIn(TicketStatus.QUEUED, TicketStatus.ASSIGNED);
        return id;
    }

    /** As {@link #ticket}, retrying a job that collided with another thread's change. */
    long ticketRetrying(Topic topic, CustomerTier tier, Channel channel) {
        String customer = "c-" + run + "-" + SEQUENCE.incrementAndGet();
        customers.register(customer, customer, tier);
        long id = intake.receive(new InboundMessage(channel, customer, "Please help me with my order, thank you", topic))
                .ticketId();
        for (int attempt = 0; attempt < 20; attempt++) {
            List<Job> due = executableJobs(id);
            if (due.isEmpty()) {
                break;
            }
            for (Job job : due) {
                try {
                    management.executeJob(job.getId());
                } catch (RuntimeException collided) {
                    // retried in the next round, as the job executor would
                }
            }
        }
        return id;
    }

    List<Job> executableJobs(long ticketId) {
        ProcessInstance instance = instanceOf(ticketId);
        return instance == null ? List.of()
                : management.createJobQuery().processInstanceId(instance.getId()).executable().list();
    }

    ProcessInstance instanceOf(long ticketId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(ticketId)).singleResult();
    }

    org.camunda.bpm.engine.task.Task openTaskOf(long ticketId) {
        return taskService.createTaskQuery().processInstanceBusinessKey(String.valueOf(ticketId))
                .taskDefinitionKey(TicketLifecycleProcess.TASK_AGENT_WORK).singleResult();
    }

    long heldChat(String agent) {
        Long held = heldChatOrNull(agent);
        assertThat(held).isNotNull();
        return held;
    }

    Long heldChatOrNull(String agent) {
        return tickets.assignedTo(agent).stream().filter(t -> t.channel().isLive()).map(TicketView::id)
                .findFirst().orElse(null);
    }

    int queuePosition(long ticketId) {
        return tickets.queuePlace(ticketId).orElseThrow().position();
    }

    List<String> outboxTypes(long ticketId) {
        return jdbc.sql("SELECT event_type FROM outbox_event WHERE aggregate_type = 'ticket' AND aggregate_id = ?"
                + " ORDER BY id").param(ticketId).query(String.class).list();
    }

    JsonNode getTicket(long id, String user) throws Exception {
        String body = mvc.perform(get("/api/tickets/{id}", id).with(httpBasic(user, PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }

    ResultActions presence(String caller, String agent, String status) throws Exception {
        return mvc.perform(put("/api/agents/{id}/presence", agent).with(httpBasic(caller, PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"status\": \"" + status + "\"}"));
    }
}
