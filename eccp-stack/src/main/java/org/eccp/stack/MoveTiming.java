package org.eccp.stack;

/**
 * How long after an address change the stack sent its first RSYN: from the moment the netlink
 * notification was read from the socket to the moment the link's send call returned.
 *
 * @param change the notification, as text (for example "address 198.18.2.11 added on 3")
 * @param rsynFrom the RSYN's source address
 * @param rsynTo the RSYN's destination address
 * @param micros the delay in microseconds
 * @param noRouteRetries how many sends failed first because the kernel had no route yet
 */
public record MoveTiming(String change, String rsynFrom, String rsynTo, long micros,
    int noRouteRetries) {}
