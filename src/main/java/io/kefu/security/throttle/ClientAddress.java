package io.kefu.security.throttle;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The key a client address is counted under: an IPv4 address as it is, an IPv6 address by its /64
 * network (one subscriber usually holds a whole /64, so counting single IPv6 addresses would give
 * an attacker 2^64 fresh buckets). The address is the one the servlet container reports: behind a
 * reverse proxy, set {@code server.forward-headers-strategy=native} and list the proxy in
 * {@code server.tomcat.remoteip.internal-proxies}, or every client shares the proxy's address.
 */
final class ClientAddress {

    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private ClientAddress() {
    }

    static String key(String address) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        String bare = address.strip();
        int zone = bare.indexOf('%');
        if (zone >= 0) {
            bare = bare.substring(0, zone);
        }
        if (bare.startsWith("[") && bare.endsWith("]")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        if (bare.indexOf(':') < 0 || !IPV6_LITERAL.matcher(bare).matches()) {
            return KeyedBuckets.cut(bare);
        }
        try {
            // Brackets make the JDK parse a literal and never look a name up in DNS.
            InetAddress parsed = InetAddress.getByName("[" + bare + "]");
            if (parsed instanceof Inet6Address) {
                byte[] bytes = parsed.getAddress();
                StringBuilder prefix = new StringBuilder();
                for (int i = 0; i < 8; i += 2) {
                    prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
                }
                return prefix.append(":/64").toString();
            }
            return parsed.getHostAddress(); // an IPv4-mapped IPv6 address
        } catch (UnknownHostException e) {
            return KeyedBuckets.cut(bare);
        }
    }
}
