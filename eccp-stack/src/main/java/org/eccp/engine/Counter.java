package org.eccp.engine;

/** The engine's counters; each drop reason has its own. Names are what tools print. */
public enum Counter {
  PACKETS_IN("packets_in"),
  PACKETS_OUT("packets_out"),
  DATA_IN("data_in"),
  DATA_OUT("data_out"),
  MALFORMED("drop.malformed"),
  NOT_LOCAL_DESTINATION("drop.not_local_destination"),
  UNKNOWN_FLOWID("drop.unknown_flowid"),
  BAD_NONCE("drop.bad_nonce"),
  BAD_JOIN("drop.bad_join"),
  STALE_VERSION("drop.stale_version"),
  STALE_ACK("drop.stale_ack"),
  NO_TRANSITION("drop.no_transition"),
  FIN_DEFERRED("drop.fin_deferred"),
  NOT_LISTENING("drop.not_listening"),
  OTHER_STACK("drop.other_stack"),
  DATA_NOT_READY("drop.data_not_ready"),
  UNKNOWN_NEXT_PROTOCOL("drop.unknown_next_protocol"),
  BAD_ECHO("drop.bad_echo"),
  LIMIT_CONNECTIONS("limit.connections"),
  LIMIT_HALF_OPEN("limit.half_open"),
  LIMIT_FLOWS_PER_CONNECTION("limit.flows_per_connection"),
  SEND_NOT_READY("send.not_ready"),
  NO_SUCH_LOCAL_ADDRESS("send.no_such_local_address"),
  RST_SENT("rst_sent"),
  RST_RATE_LIMITED("rst_rate_limited"),
  NACK_SENT("nack_sent"),
  RETRANSMISSIONS("retransmissions"),
  FLOWID_REDRAWS("flowid_redraws"),
  ECHO_REQUESTS_ANSWERED("echo.requests_answered"),
  ECHO_REPLIES_RECEIVED("echo.replies_received"),
  MIGRATIONS_STARTED("migrations_started"),
  MIGRATIONS_ACCEPTED("migrations_accepted"),
  FLOW_FAILURES("flow_failures");

  private final String label;

  Counter(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
