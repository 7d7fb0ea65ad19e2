package io.kefu.sync;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The signed inbound webhook (<code>POST /api/integrations/{source}/events</code>).
 *
 * @param timestampTolerance how far {@code X-Kefu-Timestamp} may be from now, either way
 * @param sources            secrets per source; a source not listed is looked up as
 *                           {@code KEFU_INBOUND_<SOURCE>_SECRET} (see {@link InboundEvents})
 */
@ConfigurationProperties("kefu.inbound")
public record InboundProperties(Duration timestampTolerance, Map<String, Source> sources) {

    public InboundProperties {
        timestampTolerance = timestampTolerance == null ? Duration.ofMinutes(5) : timestampTolerance;
        sources = sources == null ? Map.of() : Map.copyOf(sources);
    }

    /** @param secret the HMAC-SHA256 key the source signs its requests with */
    public record Source(String secret) {
    }
}
