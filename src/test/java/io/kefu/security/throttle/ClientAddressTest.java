package io.kefu.security.throttle;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which bucket a client address counts in. */
class ClientAddressTest {

    @ParameterizedTest
    @CsvSource({
            "203.0.113.9, 203.0.113.9",
            "2001:db8:1:2::17, 2001:db8:1:2::/64",
            "2001:0db8:0001:0002:ffff:ffff:ffff:ffff, 2001:db8:1:2::/64",
            "[2001:db8::1], 2001:db8:0:0::/64",
            "fe80::1%eth0, fe80:0:0:0::/64",
            "::ffff:203.0.113.9, 203.0.113.9",
            "0:0:0:0:0:0:0:1, 0:0:0:0::/64",
            "not-an-address, not-an-address",
            "'', unknown"})
    void countsIpv4AsItIsAndIpv6PerSlash64(String address, String key) {
        assertThat(ClientAddress.key(address)).isEqualTo(key);
    }
}
