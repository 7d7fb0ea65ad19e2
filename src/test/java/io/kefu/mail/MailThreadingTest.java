package io.kefu.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The threading rule of {@link MailThreading} and the customer ids of {@link MailCustomers}. */
class MailThreadingTest {

    private static final long LI_WEI = 1;
    private static final long STRANGER = 2;

    /** Ticket 57 is Li Wei's; Kefu's reply on it had Message-ID kefu-57-311@shop.test. Ticket 58 is someone else's. */
    private static final Map<String, Long> STORED = Map.of("kefu-57-311@shop.test", 57L, "kefu-58-400@shop.test", 58L);
    private static final Map<Long, Long> OWNERS = Map.of(57L, LI_WEI, 58L, 3L);
    private static final Function<String, Optional<Long>> TICKET_OF = id -> Optional.ofNullable(STORED.get(id));
    private static final LongFunction<Optional<Long>> OWNER_OF = t -> Optional.ofNullable(OWNERS.get(t));

    @Test
    void aReplyContinuesTheTicketItAnswers() {
        ParsedMail reply = mail(List.of("kefu-57-311@shop.test"), List.of(), null);

        assertThat(MailThreading.ticketFor(reply, LI_WEI, TICKET_OF, OWNER_OF)).contains(57L);
    }

    @Test
    void referencesAreFollowedNewestFirstWhenInReplyToIsUnknown() {
        ParsedMail reply = mail(List.of("unknown@client.test"), List.of("kefu-58-400@shop.test", "kefu-57-311@shop.test"),
                null);

        assertThat(MailThreading.ticketFor(reply, LI_WEI, TICKET_OF, OWNER_OF)).contains(57L);
    }

    @Test
    void theTokenAloneContinuesTheSendersOwnTicket() {
        assertThat(MailThreading.ticketFor(mail(List.of(), List.of(), 57L), LI_WEI, TICKET_OF, OWNER_OF)).contains(57L);
    }

    @Test
    void aForwardedCopyFromAnotherAddressDoesNotJoinTheTicket() {
        ParsedMail forwarded = mail(List.of("kefu-57-311@shop.test"), List.of("kefu-57-311@shop.test"), 57L);

        assertThat(MailThreading.ticketFor(forwarded, STRANGER, TICKET_OF, OWNER_OF)).isEmpty();
    }

    @Test
    void anUnknownTokenOrIdCountsForNothing() {
        assertThat(MailThreading.ticketFor(mail(List.of("nobody@x.test"), List.of(), 999L), LI_WEI, TICKET_OF,
                OWNER_OF)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Li.Wei@Customer.test                 | mail:li.wei@customer.test
            wang+shop@example.com                | mail:wang+shop@example.com
            o'brien@example.ie                   | hashed
            """)
    void anAddressBecomesAPrefixedExternalId(String address, String externalId) {
        String id = MailCustomers.externalIdFor(address);

        assertThat(id).startsWith("mail:").matches("[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}");
        if (externalId.equals("hashed")) {
            // ' may not appear in an external id: the address's SHA-256, 40 hex digits
            assertThat(id).matches("mail:[0-9a-f]{40}");
        } else {
            assertThat(id).isEqualTo(externalId);
        }
        assertThat(MailCustomers.externalIdFor(address.toUpperCase())).isEqualTo(id);
    }

    @Test
    void aVeryLongAddressStillFitsAnExternalId() {
        String id = MailCustomers.externalIdFor("a".repeat(200) + "@example.com");

        assertThat(id).hasSize(45).startsWith("mail:");
    }

    private static ParsedMail mail(List<String> inReplyTo, List<String> references, Long token) {
        return new ParsedMail("new@client.test", inReplyTo, references, "li.wei@customer.test", "Li Wei", "Re: x", token,
                "text", "text", List.of(), null);
    }
}
