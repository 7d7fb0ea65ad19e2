package io.kefu.testing;

import java.lang.reflect.Type;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.AbstractMessageConverter;
import org.springframework.messaging.converter.CompositeMessageConverter;
import org.springframework.messaging.converter.MappingJackson2MessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import org.awaitility.Awaitility;

/**
 * A real STOMP client over WebSocket (Spring's {@link WebSocketStompClient}) for the chat's
 * tests: a widget visitor on {@code /chat/ws} or a signed-in agent on {@code /workspace/ws}. It
 * records every frame body it receives, per destination, the ERROR frames and transport
 * failures, and the WebSocket close status the connection ended with, for tests to wait on.
 */
public final class StompChat implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("JSESSIONID=([^;]+)");

    private final List<Received> received = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private volatile boolean closed;
    private volatile CloseStatus closeStatus;
    private StompSession session;
    private volatile WebSocketSession socket;

    /** A frame body and where it came to. */
    public record Received(String destination, JsonNode body) {
    }

    private StompChat() {
    }

    /** {@code POST /chat/api/visitors} from a page of {@code origin}: the status and the answer. */
    public static HttpResponse<String> startVisitor(int port, String origin, Map<String, ?> body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/chat/api/visitors"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code POST /chat/api/attachments}: a multipart upload with the visitor's token. */
    public static HttpResponse<String> upload(int port, String token, String fileName, byte[] bytes,
            String clientMessageId) throws Exception {
        String boundary = "kefu-" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"clientMessageId\"\r\n\r\n"
                + clientMessageId + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(bytes);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/chat/api/attachments"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("X-Kefu-Visitor-Token", token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A GET with these headers (name, value, name, value …), the body as bytes. */
    public static HttpResponse<byte[]> get(int port, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A new visitor's token on that channel, from Kefu's own origin. */
    public static String newVisitorToken(int port, String channelKey) throws Exception {
        HttpResponse<String> started = startVisitor(port, "http://localhost:" + port, Map.of("channelKey", channelKey));
        if (started.statusCode() != 201) {
            throw new AssertionError("visitor not started: " + started.statusCode() + " " + started.body());
        }
        return JSON.readTree(started.body()).get("visitorToken").asText();
    }

    /** Signs in through the login form and returns the session cookie ({@code JSESSIONID=…}). */
    public static String signIn(int port, String user, String password) throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(page.body());
        if (!csrf.find()) {
            throw new AssertionError("no CSRF token on the login page");
        }
        String cookie = "JSESSIONID=" + session(page);
        HttpResponse<String> signedIn = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(user) + "&password=" + enc(password)
                        + "&_csrf=" + enc(csrf.group(1)))).build(), HttpResponse.BodyHandlers.ofString());
        if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("error")) {
            throw new AssertionError("sign-in failed: " + signedIn.statusCode());
        }
        return "JSESSIONID=" + session(signedIn);
    }

    /** A visitor's connection from a page of {@code origin}, subscribed to its chat and error queues. */
    public static StompChat visitor(int port, String channelKey, String token, String origin) throws Exception {
        WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
        if (origin != null) {
            handshake.setOrigin(origin);
        }
        StompHeaders connect = new StompHeaders();
        connect.add("visitor-token", token);
        StompChat chat = new StompChat();
        chat.connect("ws://localhost:" + port + "/chat/ws?channelKey=" + enc(channelKey), handshake, connect);
        chat.subscribe("/user/queue/chat");
        chat.subscribe("/user/queue/errors");
        return chat;
    }

    /** An agent's workspace connection with the signed-in session's cookie, subscribed to its error queue. */
    public static StompChat agent(int port, String sessionCookie) throws Exception {
        WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
        handshake.add("Cookie", sessionCookie);
        handshake.setOrigin("http://localhost:" + port);
        StompChat chat = new StompChat();
        chat.connect("ws://localhost:" + port + "/workspace/ws", handshake, new StompHeaders());
        chat.subscribe("/user/queue/errors");
        return chat;
    }

    private void connect(String url, WebSocketHttpHeaders handshake, StompHeaders connect) throws Exception {
        // Tomcat's client container takes 8 KiB text messages by default; a browser takes any size,
        // and a pushed 10,000-character Chinese message is 30 KB.
        jakarta.websocket.WebSocketContainer container = jakarta.websocket.ContainerProvider.getWebSocketContainer();
        container.setDefaultMaxTextMessageBufferSize(1024 * 1024);
        WebSocketStompClient client = new WebSocketStompClient(new ClosingRecorded(new StandardWebSocketClient(container)));
        MappingJackson2MessageConverter json = new MappingJackson2MessageConverter();
        json.setObjectMapper(JSON);
        client.setMessageConverter(new CompositeMessageConverter(List.of(new RawJson(), json)));
        client.setDefaultHeartbeat(new long[] {0, 0});
        client.setInboundMessageSizeLimit(1024 * 1024);
        session = client.connectAsync(URI.create(url), handshake, connect, new StompSessionHandlerAdapter() {
            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                synchronized (errors) {
                    errors.add("ERROR " + headers.getFirst("message"));
                }
            }

            @Override
            public void handleException(StompSession s, StompCommand command, StompHeaders headers, byte[] payload,
                    Throwable exception) {
                synchronized (errors) {
                    errors.add("exception " + exception);
                }
            }

            @Override
            public void handleTransportError(StompSession s, Throwable exception) {
                closed = true;
                synchronized (errors) {
                    errors.add("transport " + exception);
                }
            }
        }).get(10, TimeUnit.SECONDS);
    }

    /** Subscribes; frames arriving there are recorded. */
    public StompSession.Subscription subscribe(String destination) {
        return session.subscribe(destination, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return JsonNode.class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                synchronized (received) {
                    received.add(new Received(destination, (JsonNode) payload));
                }
            }
        });
    }

    /** Sends a JSON body (anything Jackson writes). */
    public void send(String destination, Object body) {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        session.send(headers, body);
    }

    /** Sends these bytes as the body, declared as JSON whatever they are. */
    public void sendRaw(String destination, String body) {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        session.send(headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends one STOMP SEND frame with that JSON body cut into {@code parts} WebSocket text messages
     * of about equal length, as a client whose WebSocket library sends a long frame in pieces.
     */
    public void sendSplit(String destination, String body, int parts) throws java.io.IOException {
        String frame = "SEND\ndestination:" + destination + "\ncontent-type:application/json\ncontent-length:"
                + body.getBytes(StandardCharsets.UTF_8).length + "\n\n" + body + "\0";
        int size = (frame.length() + parts - 1) / parts;
        synchronized (this) {
            for (int from = 0; from < frame.length(); from += size) {
                socket.sendMessage(new org.springframework.web.socket.TextMessage(
                        frame.substring(from, Math.min(frame.length(), from + size))));
            }
        }
    }

    /** Every body received at that destination so far, in order. */
    public List<JsonNode> at(String destination) {
        synchronized (received) {
            return received.stream().filter(r -> r.destination().equals(destination)).map(Received::body).toList();
        }
    }

    /** Waits until a body at that destination matches, and returns it. */
    public JsonNode await(String destination, Predicate<JsonNode> wanted) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> at(destination).stream().anyMatch(wanted));
        return at(destination).stream().filter(wanted).findFirst().orElseThrow();
    }

    /** ERROR frames and transport failures so far. */
    public List<String> failures() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    public boolean connected() {
        return session.isConnected() && !closed;
    }

    /** The close status the WebSocket ended with (the server's code, such as 1009), or null while it is open. */
    public CloseStatus closeStatus() {
        return closeStatus;
    }

    @Override
    public void close() {
        if (session != null && session.isConnected()) {
            session.disconnect();
        }
    }

    private static String session(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().map(SESSION::matcher).filter(Matcher::find)
                .map(m -> m.group(1)).reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no session cookie"));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * The transport with each connection's handler wrapped to note the close status: the STOMP
     * client reports a lost connection without its code.
     */
    private final class ClosingRecorded implements WebSocketClient {

        private final WebSocketClient transport;

        ClosingRecorded(WebSocketClient transport) {
            this.transport = transport;
        }

        @Override
        public CompletableFuture<WebSocketSession> execute(WebSocketHandler handler, String uriTemplate,
                Object... uriVariables) {
            return transport.execute(recording(handler), uriTemplate, uriVariables);
        }

        @Override
        public CompletableFuture<WebSocketSession> execute(WebSocketHandler handler, WebSocketHttpHeaders headers,
                URI uri) {
            return transport.execute(recording(handler), headers, uri);
        }

        private WebSocketHandler recording(WebSocketHandler handler) {
            return new WebSocketHandlerDecorator(handler) {
                @Override
                public void afterConnectionEstablished(WebSocketSession s) throws Exception {
                    socket = s;
                    super.afterConnectionEstablished(s);
                }

                @Override
                public void afterConnectionClosed(WebSocketSession s, CloseStatus status) throws Exception {
                    closeStatus = status;
                    closed = true;
                    super.afterConnectionClosed(s, status);
                }
            };
        }
    }

    /** Passes byte[] bodies through untouched, whatever content type they declare. */
    private static final class RawJson extends AbstractMessageConverter {

        RawJson() {
            super(MimeTypeUtils.APPLICATION_JSON);
        }

        @Override
        protected boolean supports(Class<?> clazz) {
            return byte[].class == clazz;
        }

        @Override
        protected Object convertFromInternal(org.springframework.messaging.Message<?> message, Class<?> targetClass,
                Object conversionHint) {
            return message.getPayload();
        }

        @Override
        protected Object convertToInternal(Object payload, MessageHeaders headers, Object conversionHint) {
            return payload;
        }
    }
}
