package io.kefu.bench;

import java.lang.reflect.Type;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.HdrHistogram.Histogram;
import org.springframework.messaging.converter.MappingJackson2MessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * P5 chat ({@code bench/chat}): the engine jar in its own process on a fresh database, P1's floor
 * beside it, then N widget visitors connected over WebSocket/STOMP at once, each with an open
 * ticket, and one agent connection subscribed to all their tickets. Steps of an open-model load
 * (messages sent on a fixed schedule, whatever the answers do): customers send chat messages at
 * the step's rate, the agent replies through {@code POST /api/tickets/{id}/replies} at a tenth of it;
 * timed from the scheduled send to the agent's (or the customer's) receipt of the pushed message,
 * in HdrHistogram. Memory per idle connection: the engine's RSS and heap after a full GC, before
 * and after the visitors connected. Measures only.
 */
public final class ChatBench {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final String KEY = "bench";
    private static final String SECRET = "bench-secret-0123456789";

    private ChatBench() {
    }

    /** One step's outcome. */
    record Step(int rate, long sent, long received, double seconds, Histogram toAgent, long replies, long repliesReceived,
            Histogram toCustomer, long errors) {
    }

    public static void main(String[] args) throws Exception {
        int connections = Integer.getInteger("kefu.bench.chat.connections", 2000);
        List<Integer> rates = Arrays.stream(System.getProperty("kefu.bench.chat.rates", "100,250,500,1000").split(","))
                .map(String::strip).map(Integer::valueOf).toList();
        int stepSeconds = Integer.getInteger("kefu.bench.chat.step-seconds", 20);
        Options parsed = Options.parse(args);
        List<String> serverArgs = new ArrayList<>(parsed.serverArgs());
        serverArgs.addAll(List.of("--kefu.chat.channels[0].key=" + KEY, "--kefu.chat.channels[0].secret=" + SECRET,
                "--kefu.chat.channels[0].allowed-origins=http://127.0.0.1:[*]",
                // One address (the load generator) speaks for every visitor: its limits must not bite.
                "--kefu.chat.messages-per-address.capacity=100000000", "--kefu.chat.messages-per-address.refill=100000000",
                "--kefu.chat.messages-per-address.period=PT1S", "--kefu.chat.visitors-per-address.capacity=100000000",
                "--kefu.chat.visitors-per-address.refill=100000000", "--kefu.chat.visitors-per-address.period=PT1S",
                "--kefu.chat.messages-per-visitor.capacity=1000", "--kefu.chat.messages-per-visitor.refill=1000",
                "--kefu.chat.messages-per-visitor.period=PT1S"));
        Options options = new Options(parsed.quick(), parsed.db(), parsed.history(), parsed.home(), parsed.serverPool(),
                parsed.serverHeap(), parsed.floorSeconds(), parsed.engineTickets(), parsed.rates(), parsed.stepSeconds(),
                parsed.warmupSeconds(), parsed.p99LimitMs(), List.copyOf(serverArgs), parsed.serverJvmArgs(),
                parsed.output());
        String stamp = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path workDir = Files.createDirectories(options.home().resolve("bench/target/chat-" + stamp));
        StringBuilder out = new StringBuilder();
        String loadAtStart = Proc.loadAverage();

        Db db = Db.fresh(options, workDir);
        Bench.progress("P1 floor on " + db.name);
        List<FloorPhase.Result> floor = FloorPhase.run(db, options.floorSeconds());
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Bench.progress("starting the engine on port " + port);
        try (Server server = Server.start(db, options, workDir, port)) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            long rss0 = Proc.rssMiB(server.pid());
            long heap0 = heapAfterGc(server.pid());

            WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
            MappingJackson2MessageConverter converter = new MappingJackson2MessageConverter();
            converter.setObjectMapper(JSON);
            client.setMessageConverter(converter);
            client.setDefaultHeartbeat(new long[] {0, 0});

            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            Histogram[] toAgent = {new Histogram(TimeUnit.MINUTES.toMicros(5), 3)};
            Histogram[] toCustomer = {new Histogram(TimeUnit.MINUTES.toMicros(5), 3)};
            AtomicLong received = new AtomicLong();
            AtomicLong repliesReceived = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            long[] ticketOf = new long[connections];
            StompSession[] visitors = new StompSession[connections];

            Bench.progress("connecting " + connections + " visitors");
            for (int i = 0; i < connections; i++) {
                String token = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/chat/api/visitors"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"channelKey\":\"" + KEY + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).get("visitorToken").asText();
                StompHeaders connect = new StompHeaders();
                connect.add("visitor-token", token);
                WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
                handshake.setOrigin(base);
                int visitor = i;
                StompSession session = client.connectAsync(URI.create("ws://127.0.0.1:" + port + "/chat/ws?channelKey=" + KEY),
                        handshake, connect, new StompSessionHandlerAdapter() { }).get(30, TimeUnit.SECONDS);
                session.subscribe("/user/queue/chat", handler(event -> {
                    String type = event.path("type").asText();
                    if (type.equals("ack") && ticketOf[visitor] == 0) {
                        ticketOf[visitor] = event.get("ticketId").asLong();
                    } else if (type.equals("message") && event.path("author").asText().equals("agent")) {
                        Long at = sentAt.remove(event.path("text").asText());
                        if (at != null) {
                            synchronized (toCustomer) {
                                toCustomer[0].recordValue(Math.max(0, (System.nanoTime() - at) / 1000));
                            }
                            repliesReceived.incrementAndGet();
                        }
                    }
                }));
                session.subscribe("/user/queue/errors", handler(event -> errors.incrementAndGet()));
                visitors[i] = session;
            }
            long rss1 = Proc.rssMiB(server.pid());
            long heap1 = heapAfterGc(server.pid());

            Bench.progress("opening one ticket per visitor (50/s)");
            long start = System.nanoTime();
            for (int i = 0; i < connections; i++) {
                LockSupport.parkNanos(Math.max(0, start + i * 20_000_000L - System.nanoTime()));
                send(visitors[i], "open-" + i, "Where is my parcel? Order " + i);
            }
            waitFor(() -> Arrays.stream(ticketOf).allMatch(t -> t != 0), 120);
            waitFor(() -> queued(db) >= connections, 300);

            Bench.progress("agent subscribing to " + connections + " tickets, claiming " + Math.min(connections, 200));
            String cookie = signIn(http, base);
            WebSocketHttpHeaders agentHandshake = new WebSocketHttpHeaders();
            agentHandshake.add("Cookie", cookie);
            agentHandshake.setOrigin(base);
            StompSession agent = client.connectAsync(URI.create("ws://127.0.0.1:" + port + "/workspace/ws"), agentHandshake,
                    new StompHeaders(), new StompSessionHandlerAdapter() { }).get(30, TimeUnit.SECONDS);
            StompFrameHandler onTicket = handler(event -> {
                if (event.path("type").asText().equals("message") && event.path("author").asText().equals("customer")) {
                    Long at = sentAt.remove(event.path("clientMessageId").asText());
                    if (at != null) {
                        synchronized (toAgent) {
                            toAgent[0].recordValue(Math.max(0, (System.nanoTime() - at) / 1000));
                        }
                        received.incrementAndGet();
                    }
                }
            });
            for (long ticket : ticketOf) {
                agent.subscribe("/topic/tickets." + ticket, onTicket);
            }
            int claimed = Math.min(connections, 200);
            String basic = "Basic " + Base64.getEncoder().encodeToString((Server.USER + ":" + Server.PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < claimed; i++) {
                http.send(HttpRequest.newBuilder(URI.create(base + "/api/tickets/" + ticketOf[i] + "/claim"))
                        .header("Authorization", basic).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.discarding());
            }

            List<Step> steps = new ArrayList<>();
            long sequence = 0;
            for (int rate : rates) {
                Bench.progress("step " + rate + " messages/s for " + stepSeconds + " s");
                toAgent[0] = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
                toCustomer[0] = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
                received.set(0);
                repliesReceived.set(0);
                errors.set(0);
                sentAt.clear();
                long total = (long) rate * stepSeconds;
                long interval = 1_000_000_000L / rate;
                long replies = 0;
                long stepStart = System.nanoTime();
                for (long n = 0; n < total; n++) {
                    long due = stepStart + n * interval;
                    LockSupport.parkNanos(Math.max(0, due - System.nanoTime()));
                    int visitor = (int) (sequence++ % connections);
                    if (n % 10 == 9) {
                        String text = "r-" + sequence;
                        sentAt.put(text, due);
                        replies++;
                        http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/tickets/" + ticketOf[(int) (n / 10 % claimed)]
                                        + "/replies")).header("Authorization", basic).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\"}")).build(),
                                HttpResponse.BodyHandlers.discarding());
                    } else {
                        String id = "m-" + sequence;
                        sentAt.put(id, due);
                        send(visitors[visitor], id, "message " + sequence);
                    }
                }
                double seconds = (System.nanoTime() - stepStart) / 1e9;
                long expected = total - replies;
                long expectedReplies = replies;
                waitFor(() -> received.get() >= expected && repliesReceived.get() >= expectedReplies, 30);
                Step step = new Step(rate, expected, received.get(), seconds, toAgent[0].copy(), replies,
                        repliesReceived.get(), toCustomer[0].copy(), errors.get());
                steps.add(step);
                Bench.progress(String.format("  %d/s: received %d/%d, p99 %.1f ms", rate, step.received(), step.sent(),
                        step.toAgent().getValueAtPercentile(99) / 1000.0));
                if (step.received() < expected * 0.99 || step.toAgent().getValueAtPercentile(99) > 1_000_000) {
                    break;
                }
            }
            long rss2 = Proc.rssMiB(server.pid());
            out.append(render(options, db, connections, floor, steps, rss0, rss1, rss2, heap0, heap1, loadAtStart,
                    Proc.loadAverage()));
            for (StompSession s : visitors) {
                s.disconnect();
            }
            agent.disconnect();
        }
        Files.createDirectories(options.output().toAbsolutePath().getParent());
        Files.writeString(options.output(), out);
        System.out.println(out);
    }

    private static String render(Options options, Db db, int connections, List<FloorPhase.Result> floor, List<Step> steps,
            long rss0, long rss1, long rss2, long heap0, long heap1, String loadAtStart, String loadAtEnd) {
        StringBuilder md = new StringBuilder();
        md.append("## P5 chat — ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("\n\n");
        md.append("`bench/chat` on ").append(db.kind).append(" (").append(db.name).append("), history ")
                .append(options.history()).append(", engine -Xmx").append(options.serverHeap()).append("; load average ")
                .append(loadAtStart).append(" → ").append(loadAtEnd).append("\n\n");
        double floor1 = floor.isEmpty() ? 0 : floor.get(0).commits() / floor.get(0).seconds();
        double floor8 = floor.size() < 2 ? 0 : floor.get(1).commits() / floor.get(1).seconds();
        md.append(String.format("P1 floor: %.0f commits/s (1 connection), %.0f commits/s (8 connections)%n%n", floor1, floor8));
        md.append(String.format("Connections held: %d visitors + 1 agent. Engine RSS %d → %d MiB (%.1f KiB per idle "
                        + "connection), heap after full GC %d → %d MiB (%.1f KiB per idle connection); RSS at the end %d MiB%n%n",
                connections, rss0, rss1, (rss1 - rss0) * 1024.0 / connections, heap0, heap1,
                (heap1 - heap0) * 1024.0 / connections, rss2));
        md.append("| offered msg/s | customer msgs sent | received by agent | achieved msg/s | ÷ P1 (1 conn) | ÷ P1 (8 conn) "
                + "| customer→agent p50 / p99 / p99.9 ms | agent replies | received by customer | agent→customer p50 / p99 / p99.9 ms | error frames |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Step s : steps) {
            double achieved = (s.received() + s.repliesReceived()) / s.seconds();
            md.append(String.format("| %d | %d | %d | %.0f | %.2f | %.2f | %s | %d | %d | %s | %d |%n", s.rate(), s.sent(),
                    s.received(), achieved, floor1 == 0 ? 0 : achieved / floor1, floor8 == 0 ? 0 : achieved / floor8,
                    percentiles(s.toAgent()), s.replies(), s.repliesReceived(), percentiles(s.toCustomer()), s.errors()));
        }
        md.append("\nLatency from the scheduled send (open model: a late sender does not hide a slow engine) to the "
                + "pushed message's arrival; every customer message goes through intake (conversation, lifecycle "
                + "correlation), every reply is a REST call storing an outbound message. Load generator, engine and "
                + "database share the machine.\n");
        return md.toString();
    }

    private static String percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "—";
        }
        return String.format("%.1f / %.1f / %.1f", h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0);
    }

    private static void send(StompSession session, String clientMessageId, String text) {
        StompHeaders headers = new StompHeaders();
        headers.setDestination("/app/chat.send");
        session.send(headers, Map.of("clientMessageId", clientMessageId, "text", text));
    }

    private static StompFrameHandler handler(java.util.function.Consumer<JsonNode> consumer) {
        return new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return JsonNode.class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                consumer.accept((JsonNode) payload);
            }
        };
    }

    private static long queued(Db db) {
        try (Connection c = DriverManager.getConnection(db.url, db.user, db.password); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM ticket WHERE status = 'QUEUED'")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }

    private static long heapAfterGc(long pid) throws Exception {
        new ProcessBuilder(Proc.javaTool("jcmd"), String.valueOf(pid), "GC.run").redirectErrorStream(true).start()
                .waitFor(30, TimeUnit.SECONDS);
        return Proc.heapUsedMiB(pid);
    }

    private static void waitFor(java.util.function.BooleanSupplier done, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private static String signIn(HttpClient http, String base) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        csrf.find();
        String cookie = session(page);
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + Server.USER + "&password=" + Server.PASSWORD
                        + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        return session(signedIn);
    }

    private static String session(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).reduce((a, b) -> b).orElseThrow();
    }
}
