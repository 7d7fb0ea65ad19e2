package io.kefu.customer;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Service level a customer is entitled to; routing and priority rules read it. */
public enum CustomerTier {
    VIP, STANDARD;

    public static Optional<CustomerTier> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.name().equals(wanted)).findFirst();
    }
}
