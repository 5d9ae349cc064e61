/*
 * Promela model of ECCP v1 (docs/protocol.md): two hosts, one flow, a lossy,
 * duplicating, reordering network, mobility of either host, the handshake
 * and the close. docs/verification.md explains the structure and how to run it.
 *
 * Compile-time parameters (spin -D...):
 *   MAX_MIGRATIONS=N  migrations allowed in the whole run (default 5); unused with ABSTRACT
 *   ABSTRACT          versions stored as ranks by age, any number of migrations
 *   NETCAP=N          packets in flight towards one host (default 2)
 *   ILIST_CHANGES     a move may also keep the address (an IList change)
 *   NO_CLOSE          leave the close out
 *   MAX_DUPS=N        network duplications in a run (default 1, -1 for any number)
 *   SEQUENTIAL_MOVES  no redirection of RSYNs; hosts never move at the same time
 * Bug variants, each one checked by tools/verify-model --variant:
 *   VARIANT_NO_RSYN_SENT_RCVD   the RSYN_SENT_RCVD state removed
 *   VARIANT_IMPLICIT_ACK        data arriving while an RSYN is open acknowledges it
 *   VARIANT_NO_VERSION_CHECK    versions not compared
 *   VARIANT_DRAFT_TABLE         the first draft of the transition table
 *   VARIANT_FIN_SENT_DEAF       FIN_SENT ignores RSYN and RSYN-ACK
 *   VARIANT_CLOSE_IN_SYN_RCVD   the server may close in SYN_RCVD
 *   VARIANT_CLOSE_WHILE_MOVING  a host may close, or take a FIN, in RSYN_SENT and RSYN_SENT_RCVD
 */

#ifndef MAX_MIGRATIONS
#define MAX_MIGRATIONS 5
#endif
#ifndef NETCAP
#define NETCAP 2
#endif

mtype = {
  /* flow states */
  CLOSED, LISTEN, SYN_SENT, SYN_RCVD, ESTABLISHED, NOADDRESS, RSYN_SENT,
  RSYN_RCVD, RSYN_SENT_RCVD, NOADDRESS_RSYN_RCVD, NOADDRESS_SYN_RCVD, FIN_SENT, LAST_ACK,
  TIME_WAIT,
  /* packet types ("SYN-ACK" on the wire is SYN_ACK here) */
  SYN, SYN_ACK, ACK, RSYN, RSYN_ACK, FIN, FIN_ACK, RST, NACK, DATA, DATA_ACK
};

/*
 * A packet is packed into one int so that the network can keep its packets
 * sorted: type, version (the sender's), acknowledged version (the receiver's),
 * echo sequence bit, source address (SYN, SYN-ACK and RSYN only) and destination address.
 */
#define PACK(t, v, a, q, s, d) (((t) << 24) | ((v) << 16) | ((a) << 8) | ((q) << 4) | ((s) << 2) | (d))
#define P_TYPE(p) (((p) >> 24) & 255)
#define P_VER(p)  (((p) >> 16) & 255)
#define P_ACK(p)  (((p) >> 8) & 255)
#define P_SEQ(p)  (((p) >> 4) & 1)
#define P_SRC(p)  (((p) >> 2) & 3)
#define P_DST(p)  ((p) & 3)
/* Which fields hold versions: the version of every control packet, the acknowledged version when ACK is set. */
#define HAS_VER(t) ((t) == SYN || (t) == SYN_ACK || (t) == ACK || (t) == RSYN || (t) == RSYN_ACK || (t) == DATA_ACK)
#define HAS_ACK(t) ((t) == SYN_ACK || (t) == RSYN_ACK || (t) == ACK || (t) == DATA_ACK)

/*
 * Versions. Concrete: 8-bit serial-number arithmetic (RFC 1982 at 8 bits);
 * the hosts start close to the wrap so that it is exercised. Abstract: a
 * version is its rank by age among the live copies of its host's versions
 * (0 = the host's current one); only comparisons are made, so ranks are exact.
 */
#ifdef ABSTRACT
#define NEWER(a, b) ((a) < (b))
#define INITIAL_VERSION_0 0
#define INITIAL_VERSION_1 0
#else
#define NEWER(a, b) ((((a) - (b)) & 255) != 0 && (((a) - (b)) & 255) < 128)
#define INITIAL_VERSION_0 253
#define INITIAL_VERSION_1 120
#endif

typedef Queue { int pkt[NETCAP] };
Queue net[2];          /* net[h]: packets in flight towards host h, sorted ascending */
byte inflight[2];      /* how many of net[h] are used */

mtype st[2];           /* flow state of each host */
bool began[2];         /* the host opened (CLOSED before is not CLOSED after) */
byte addr[2];          /* current address (1 or 2); meaningless in NOADDRESS* */
byte peerAddr[2];      /* where the host sends to */
byte myVer[2];
byte peerVer[2];       /* the peer version last processed */
bool peerKnown[2];     /* peerVer set by the handshake */
bool moved[2];         /* the host moved in SYN_RCVD; cleared when it leaves SYN_RCVD */
bool pingOut;          /* host 0 has an echo request outstanding */
bit pingSeq;
bool closing;          /* a close was started (at most one per run) */
byte turn;             /* whose retransmission timer fires next */
byte prog;             /* 1: a packet was lost, 2: an echo reply arrived */
#ifndef ABSTRACT
byte migrations;
#endif

#define DATA_STATE(s) ((s) == ESTABLISHED || (s) == RSYN_SENT || (s) == RSYN_RCVD || (s) == RSYN_SENT_RCVD)
#define NO_ADDR(s) ((s) == NOADDRESS || (s) == NOADDRESS_RSYN_RCVD || (s) == NOADDRESS_SYN_RCVD)
#define STATE_TIMER(s) ((s) == SYN_SENT || (s) == SYN_RCVD || (s) == RSYN_SENT || (s) == RSYN_RCVD || \
                        (s) == RSYN_SENT_RCVD || (s) == FIN_SENT || (s) == LAST_ACK || (s) == TIME_WAIT)
#define TIMER_ON(h) (STATE_TIMER(st[h]) || ((h) == 0 && pingOut && DATA_STATE(st[0])))
/* Network duplications in a run: at most MAX_DUPS (default 1), any number with MAX_DUPS=-1. */
#ifndef MAX_DUPS
#define MAX_DUPS 1
#endif
#if MAX_DUPS < 0
#define MAY_DUPLICATE 1
#define DUPLICATED skip
#else
byte dups;
#define MAY_DUPLICATE (dups < MAX_DUPS)
#define DUPLICATED dups++
#endif
/*
 * Timers fire, host 0 pings and a host closes only when no packet is in
 * flight and both hosts have opened and have an address. Spin's own `timeout` would not do:
 * a move is enabled almost always, so `timeout` would hold back every
 * retransmission until the last move. Waiting for the address makes it
 * appear in the end, as the model assumes; a retransmission sent meanwhile
 * would be dropped anyway.
 */
#define IDLE (inflight[0] == 0 && inflight[1] == 0 && !NO_ADDR(st[0]) && !NO_ADDR(st[1]) && began[0] && began[1])
#define PING_WHEN && IDLE
#define MOBILE(s) ((s) == SYN_RCVD || (s) == ESTABLISHED || (s) == RSYN_SENT || (s) == RSYN_RCVD || (s) == RSYN_SENT_RCVD)
/*
 * Simultaneous movement. When both hosts move before hearing from each other,
 * each sends its RSYN to the other's old address and neither can reach the
 * other: in-band signalling cannot fix that (the paper's Section VII). By
 * default the model has the fix of that section: a redirection box at a
 * host's old address forwards RSYNs to the host, so an RSYN reaches a host
 * that holds an address whatever address it was sent to, and both hosts may
 * move at any time. With SEQUENTIAL_MOVES there is no box, and a host moves
 * (or loses its address) only while it knows where its peer is: it holds the
 * peer's current version and the peer has an address.
 */
#ifdef SEQUENTIAL_MOVES
#define KNOWS_PEER(h) (peerVer[h] == myVer[1 - (h)] && !NO_ADDR(st[1 - (h)]))
#define REDIRECTED(t) 0
#else
#define KNOWS_PEER(h) 1
#define REDIRECTED(t) ((t) == RSYN)
#endif
#ifdef ABSTRACT
#define MAY_MIGRATE KNOWS_PEER(h)
#else
#define MAY_MIGRATE (migrations < MAX_MIGRATIONS && KNOWS_PEER(h))
#endif

/* The one place where the network acts: insert p sorted into net[to], or lose it when full. */
inline put(to, p) {
  if
  :: inflight[to] < NETCAP ->
     j = inflight[to];
     do
     :: j > 0 && net[to].pkt[j - 1] > p -> net[to].pkt[j] = net[to].pkt[j - 1]; j--
     :: else -> break
     od;
     net[to].pkt[j] = p;
     inflight[to]++;
     j = 0
  :: else -> prog = prog | 1
  fi
}

/* Send one packet from the outbox: lost, delivered once or duplicated. Reordering happens at receipt. */
inline transmit(to, p) {
  printf("MSC: pkt %d %e %d %d %d %d\n", h, P_TYPE(p), P_VER(p), P_ACK(p), P_SEQ(p), P_DST(p));
  if
  :: prog = prog | 1; printf("MSC: lost\n")
  :: printf("MSC: sent\n"); put(to, p)
  :: MAY_DUPLICATE -> DUPLICATED; printf("MSC: duplicated\n"); put(to, p); put(to, p)
  fi
}

inline emit(p) {
  if
  :: nout == 0 -> out0 = p
  :: nout == 1 -> out1 = p
  :: nout == 2 -> out2 = p
  fi;
  nout++
}

inline flush() {
  if :: nout > 0 -> transmit(1 - h, out0) :: else -> skip fi;
  if :: nout > 1 -> transmit(1 - h, out1) :: else -> skip fi;
  if :: nout > 2 -> transmit(1 - h, out2) :: else -> skip fi;
  out0 = 0; out1 = 0; out2 = 0; nout = 0
}

inline goTo(s) {
  printf("MSC: state %d %e\n", h, s);
  if
  :: s != SYN_RCVD -> moved[h] = 0
  :: else -> skip
  fi;
  st[h] = s
}

#ifdef ABSTRACT
/*
 * Age every copy of host w's versions after w took a new one, then renumber
 * the copies by rank (0 = current) so that equal sets of comparisons give
 * equal states. Copies live in the peer's peerVer, in the version field of
 * w's packets in flight and in the acknowledged field of the peer's packets.
 */
inline ageVersions(w) {
  d_step {
    used = 1;
    peerVer[1 - w] = peerVer[1 - w] + 1;
    used = used | (1 << peerVer[1 - w]);
    k = 0;
    do
    :: k < inflight[1 - w] ->
       p = net[1 - w].pkt[k];
       if
       :: HAS_VER(P_TYPE(p)) -> p = p + (1 << 16); used = used | (1 << P_VER(p))
       :: else -> skip
       fi;
       net[1 - w].pkt[k] = p; k++
    :: else -> break
    od;
    k = 0;
    do
    :: k < inflight[w] ->
       p = net[w].pkt[k];
       if
       :: HAS_ACK(P_TYPE(p)) -> p = p + (1 << 8); used = used | (1 << P_ACK(p))
       :: else -> skip
       fi;
       net[w].pkt[k] = p; k++
    :: else -> break
    od;
    /* rank(x) = number of used ages below x */
    x = peerVer[1 - w]; rankOf(x); peerVer[1 - w] = r;
    k = 0;
    do
    :: k < inflight[1 - w] ->
       p = net[1 - w].pkt[k];
       if
       :: HAS_VER(P_TYPE(p)) -> x = P_VER(p); rankOf(x); p = p - (x << 16) + (r << 16)
       :: else -> skip
       fi;
       net[1 - w].pkt[k] = p; k++
    :: else -> break
    od;
    k = 0;
    do
    :: k < inflight[w] ->
       p = net[w].pkt[k];
       if
       :: HAS_ACK(P_TYPE(p)) -> x = P_ACK(p); rankOf(x); p = p - (x << 8) + (r << 8)
       :: else -> skip
       fi;
       net[w].pkt[k] = p; k++
    :: else -> break
    od;
    sortQueue(1 - w); sortQueue(w);
    used = 0; k = 0; p = 0; x = 0; r = 0
  }
}

inline rankOf(x) {
  r = 0; b = 0;
  do
  :: b < x -> if :: (used >> b) & 1 -> r++ :: else -> skip fi; b++
  :: else -> break
  od;
  b = 0
}

inline sortQueue(q) {
  k = 1;
  do
  :: k < inflight[q] ->
     b = k;
     do
     :: b > 0 && net[q].pkt[b - 1] > net[q].pkt[b] ->
        p = net[q].pkt[b]; net[q].pkt[b] = net[q].pkt[b - 1]; net[q].pkt[b - 1] = p; b--
     :: else -> break
     od;
     k++
  :: else -> break
  od;
  b = 0; p = 0
}
#endif

/* A move takes the other address; with ILIST_CHANGES the address may also stay (an IList change). */
inline newAddress() {
#ifdef ILIST_CHANGES
  if
  :: addr[h] = 3 - addr[h]
  :: skip
  fi
#else
  addr[h] = 3 - addr[h]
#endif
}

/* Take a new version for a migration or an IList change. */
inline newVersion() {
#ifdef ABSTRACT
  ageVersions(h)
#else
  myVer[h] = (myVer[h] + 1) & 255
#endif
}

/* Record a new peer version; versions never go back. */
inline acceptPeerVersion(v) {
  assert(!peerKnown[h] || !NEWER(peerVer[h], v));
  peerVer[h] = v
}

/* An acknowledgement of my version: the peer must really hold it (no implicit acks). */
inline acceptAck() {
  assert(peerVer[1 - h] == myVer[h]);
  printf("MSC: acked %d\n", h)
}

inline sendRsyn() { emit(PACK(RSYN, myVer[h], 0, 0, addr[h], peerAddr[h])) }
inline sendRsynAck() { emit(PACK(RSYN_ACK, myVer[h], peerVer[h], 0, 0, peerAddr[h])) }
inline sendSynAck() { emit(PACK(SYN_ACK, myVer[h], peerVer[h], 0, addr[h], peerAddr[h])) }

/*
 * ACK that closes a three-way exchange, acknowledging the peer version; host 0
 * piggy-backs an echo request when it can.
 */
inline sendAck() {
  if
  :: h == 0 && !pingOut ->
     pingOut = 1;
     emit(PACK(DATA_ACK, myVer[h], peerVer[h], pingSeq, 0, peerAddr[h]))
  :: else -> emit(PACK(ACK, myVer[h], peerVer[h], 0, 0, peerAddr[h]))
  fi
}

/* A valid RSYN: new (newer than the peer version), repeated (equal) or stale (older). */
inline onRsyn(nextIfNew) {
#ifdef VARIANT_NO_VERSION_CHECK
  if
  :: v != peerVer[h] ->
#else
  if
  :: NEWER(v, peerVer[h]) ->
#endif
     acceptPeerVersion(v);
     peerAddr[h] = P_SRC(pk);
     sendRsynAck();
     goTo(nextIfNew)
  :: v == peerVer[h] -> sendRsynAck()
  :: else -> printf("MSC: drop stale_version\n")
  fi
}

/* A valid RSYN-ACK: counts only when it acknowledges my current version. */
inline onRsynAck(next) {
#ifdef VARIANT_NO_VERSION_CHECK
  if
  :: true ->
#else
  if
  :: a == myVer[h] ->
#endif
     assert(a == myVer[h]);
     acceptAck();
     sendAck();
     goTo(next)
  :: else -> printf("MSC: drop stale_ack\n")
  fi
}

/* The echo payload of DATA or DATA-ACK: host 1 answers, host 0 counts the reply. */
inline onEcho() {
  if
  :: h == 1 -> emit(PACK(DATA, 0, 0, P_SEQ(pk), 0, peerAddr[h]))
  :: h == 0 && pingOut && P_SEQ(pk) == pingSeq ->
     pingOut = 0; pingSeq = 1 - pingSeq; prog = prog | 2
  :: else -> skip
  fi
}

/* An ACK or the ACK part of a DATA-ACK. */
inline onAck() {
  if
  /* only an ACK of the current version: after a move an older one may come from a stale SYN-ACK */
  :: st[h] == SYN_RCVD && a == myVer[h] -> goTo(ESTABLISHED)
  :: st[h] == RSYN_RCVD && v == peerVer[h] -> goTo(ESTABLISHED)
  :: st[h] == RSYN_SENT_RCVD && v == peerVer[h] -> goTo(RSYN_SENT)
  :: st[h] == LAST_ACK -> goTo(CLOSED)
  :: else -> skip
  fi
}

inline onData() {
#ifdef VARIANT_IMPLICIT_ACK
  /* TCP Migrate: data arriving at the new address acknowledges the migration. */
  if
  :: st[h] == RSYN_SENT -> acceptAck(); goTo(ESTABLISHED)
  :: st[h] == RSYN_SENT_RCVD -> acceptAck(); goTo(RSYN_RCVD)
  :: else -> skip
  fi;
#endif
  if
  :: DATA_STATE(st[h]) -> onEcho()
  :: else -> skip
  fi
}


#ifdef VARIANT_DRAFT_TABLE
#define FIN_OPENS_CLOSE(s) ((s) == ESTABLISHED)
#define FIN_REPEATED(s) ((s) == FIN_SENT || (s) == LAST_ACK)
#define MAY_CLOSE(s) ((s) == ESTABLISHED)
#else
/*
 * A FIN is taken in SYN_RCVD, ESTABLISHED and RSYN_RCVD. In RSYN_SENT and
 * RSYN_SENT_RCVD it is dropped until the host's own RSYN is acknowledged:
 * otherwise LAST_ACK stops resending the RSYN and the peer's ACK goes to the
 * old address (variant close-while-moving).
 */
#ifdef VARIANT_CLOSE_WHILE_MOVING
#define FIN_OPENS_CLOSE(s) ((s) == SYN_RCVD || DATA_STATE(s))
#else
#define FIN_OPENS_CLOSE(s) ((s) == SYN_RCVD || (s) == ESTABLISHED || (s) == RSYN_RCVD)
#endif
#define FIN_REPEATED(s) ((s) == FIN_SENT || (s) == LAST_ACK || (s) == TIME_WAIT)
/*
 * A close starts in ESTABLISHED and RSYN_RCVD only. In SYN_RCVD the client may
 * not have the SYN-ACK yet and drops the FIN; in RSYN_SENT and RSYN_SENT_RCVD
 * the host would stop resending its RSYN, and the peer would answer the FIN
 * at the old address. The variants show both.
 */
#if defined(VARIANT_CLOSE_IN_SYN_RCVD)
#define MAY_CLOSE(s) ((s) == SYN_RCVD || (s) == ESTABLISHED || (s) == RSYN_RCVD)
#elif defined(VARIANT_CLOSE_WHILE_MOVING)
#define MAY_CLOSE(s) DATA_STATE(s)
#else
#define MAY_CLOSE(s) ((s) == ESTABLISHED || (s) == RSYN_RCVD)
#endif
#endif
#ifdef VARIANT_FIN_SENT_DEAF
#define RSYN_ACK_REPEATED(s) ((s) == ESTABLISHED || (s) == RSYN_RCVD)
#else
#define RSYN_ACK_REPEATED(s) ((s) == ESTABLISHED || (s) == RSYN_RCVD || (s) == FIN_SENT)
#endif

/* Receipt of a packet that reached the host's current address, by state and type. */
inline receive() {
  if
  :: t == RST ->
     if
     :: st[h] != CLOSED && st[h] != LISTEN -> printf("MSC: reset %d\n", h); goTo(CLOSED)
     :: else -> skip
     fi
  :: t != RST && st[h] == CLOSED ->
     /* the flow is gone: its flowID is unknown */
     emit(PACK(RST, 0, 0, 0, 0, peerAddr[h]))
  :: t != RST && st[h] != CLOSED -> receiveOpen()
  fi
}

/* Receipt by an open flow of anything but RST. The guards exclude each other: Promela picks any true one. */
inline receiveOpen() {
  if
  :: st[h] == LISTEN && t == SYN ->
     acceptPeerVersion(v);
     peerKnown[h] = 1;
     peerAddr[h] = P_SRC(pk);
     sendSynAck();
     goTo(SYN_RCVD)
  :: st[h] == SYN_SENT && t == SYN_ACK && a == myVer[h] ->
     acceptPeerVersion(v);
     peerKnown[h] = 1;
     peerAddr[h] = P_SRC(pk);
     sendAck();
     goTo(ESTABLISHED)
  :: st[h] == SYN_SENT && t == NACK ->
     /* never sent here: flowIDs are unique in the model */
     emit(PACK(SYN, myVer[h], 0, 0, addr[h], peerAddr[h]))
  :: st[h] == SYN_RCVD && t == SYN && v == peerVer[h] -> sendSynAck()
  /*
   * The responder moved during the handshake: take its new address. FIN_SENT
   * needs this too, and must answer a repeated SYN-ACK, as protocol.md's FIN_SENT rows
   * do: the moved responder drops the FIN until its SYN-ACK is acknowledged.
   */
  :: (st[h] == ESTABLISHED || st[h] == FIN_SENT) && t == SYN_ACK && a == myVer[h] && NEWER(v, peerVer[h]) ->
     acceptPeerVersion(v);
     peerAddr[h] = P_SRC(pk);
     sendAck()
  :: st[h] == ESTABLISHED && t == SYN_ACK && !(a == myVer[h] && NEWER(v, peerVer[h])) -> sendAck()
  :: st[h] == FIN_SENT && t == SYN_ACK && a == myVer[h] && v == peerVer[h] -> sendAck()
  :: t == ACK -> onAck()
  :: t == DATA_ACK -> onAck(); onData()
  :: t == DATA -> onData()
  :: t == RSYN ->
     if
     /* moved in SYN_RCVD: the peer does not know the new address yet, so send an RSYN too */
     :: st[h] == SYN_RCVD && moved[h] && NEWER(v, peerVer[h]) -> sendRsyn(); onRsyn(RSYN_SENT_RCVD)
     :: (st[h] == SYN_RCVD && !(moved[h] && NEWER(v, peerVer[h]))) || st[h] == ESTABLISHED || st[h] == RSYN_RCVD ->
        onRsyn(RSYN_RCVD)
     :: st[h] == RSYN_SENT ->
#ifdef VARIANT_NO_RSYN_SENT_RCVD
        onRsyn(RSYN_RCVD)
#else
        onRsyn(RSYN_SENT_RCVD)
#endif
     :: st[h] == RSYN_SENT_RCVD -> onRsyn(RSYN_SENT_RCVD)
#if !defined(VARIANT_DRAFT_TABLE) && !defined(VARIANT_FIN_SENT_DEAF)
     /* the peer moved while we close: learn its address, or our FIN never reaches it */
     :: st[h] == FIN_SENT -> onRsyn(FIN_SENT)
#endif
     :: else -> skip
     fi
  :: t == RSYN_ACK ->
     if
     :: st[h] == RSYN_SENT -> onRsynAck(ESTABLISHED)
     :: st[h] == RSYN_SENT_RCVD -> onRsynAck(RSYN_RCVD)
#ifndef VARIANT_DRAFT_TABLE
     /* a retransmitted RSYN-ACK: our ACK was lost */
     :: RSYN_ACK_REPEATED(st[h]) && a == myVer[h] -> sendAck()
#endif
     :: else -> skip
     fi
  :: t == FIN ->
     if
     /* a responder that moved in SYN_RCVD drops a FIN until its SYN-ACK is acknowledged, as RSYN_SENT does */
     :: FIN_OPENS_CLOSE(st[h]) && !(st[h] == SYN_RCVD && moved[h]) ->
        emit(PACK(FIN_ACK, 0, 0, 0, 0, peerAddr[h])); goTo(LAST_ACK)
     :: FIN_REPEATED(st[h]) -> emit(PACK(FIN_ACK, 0, 0, 0, 0, peerAddr[h]))
     :: else -> skip
     fi
  :: t == FIN_ACK ->
     if
     :: st[h] == FIN_SENT -> emit(PACK(ACK, myVer[h], peerVer[h], 0, 0, peerAddr[h])); goTo(TIME_WAIT)
     :: st[h] == TIME_WAIT -> emit(PACK(ACK, myVer[h], peerVer[h], 0, 0, peerAddr[h]))
     :: else -> skip
     fi
  :: else -> skip
  fi
}

/* The retransmission timer of the host's state, and of host 0's echo request. */
inline retransmit() {
  if
  :: st[h] == SYN_SENT -> emit(PACK(SYN, myVer[h], 0, 0, addr[h], peerAddr[h]))
  :: st[h] == SYN_RCVD -> sendSynAck()
  :: st[h] == RSYN_SENT -> sendRsyn()
  :: st[h] == RSYN_RCVD -> sendRsynAck()
  :: st[h] == RSYN_SENT_RCVD -> sendRsyn(); sendRsynAck()
  :: st[h] == FIN_SENT -> emit(PACK(FIN, 0, 0, 0, 0, peerAddr[h]))
  :: st[h] == LAST_ACK -> emit(PACK(FIN_ACK, 0, 0, 0, 0, peerAddr[h]))
  :: st[h] == TIME_WAIT -> goTo(CLOSED)
  :: else -> skip
  fi;
  if
  :: h == 0 && pingOut && DATA_STATE(st[h]) -> emit(PACK(DATA, 0, 0, pingSeq, 0, peerAddr[h]))
  :: else -> skip
  fi
}

proctype Host(byte h) {
  int pk, out0, out1, out2, p;
  byte t, v, a, i, j, k, x, r, b, nout;
  int used;

  do
  /* opening: host 0 connects, host 1 listens */
  :: atomic { prog == 0 && !began[h] ->
       began[h] = 1;
       if
       :: h == 0 -> goTo(SYN_SENT); emit(PACK(SYN, myVer[h], 0, 0, addr[h], peerAddr[h]))
       :: h == 1 -> goTo(LISTEN)
       fi;
       flush() }

  /* a packet arrives: any of those in flight (reordering) */
  :: atomic { prog == 0 && inflight[h] > 0 ->
       if
       :: i = 0
       :: inflight[h] > 1 && net[h].pkt[1] != net[h].pkt[0] -> i = 1
#if NETCAP > 2
       :: inflight[h] > 2 && net[h].pkt[2] != net[h].pkt[1] -> i = 2
#endif
#if NETCAP > 3
       :: inflight[h] > 3 && net[h].pkt[3] != net[h].pkt[2] -> i = 3
#endif
       fi;
       pk = net[h].pkt[i];
       do
       :: i + 1 < inflight[h] -> net[h].pkt[i] = net[h].pkt[i + 1]; i++
       :: else -> break
       od;
       net[h].pkt[i] = 0; inflight[h]--; i = 0;
       t = P_TYPE(pk); v = P_VER(pk); a = P_ACK(pk);
       if
       :: (P_DST(pk) == addr[h] || REDIRECTED(t)) && !NO_ADDR(st[h]) && began[h] ->
          printf("MSC: recv %d %e %d %d %d\n", h, t, v, a, P_SEQ(pk));
          receive()
       :: else -> printf("MSC: misdirected %d\n", h)
       fi;
       pk = 0; t = 0; v = 0; a = 0;
       flush() }

  /* mobility: a new address, or a new IList on the same address */
  :: atomic { prog == 0 && MAY_MIGRATE && MOBILE(st[h]) ->
#ifndef ABSTRACT
       migrations++;
#endif
       newAddress();
       newVersion();
       prog = prog | 4;
       printf("MSC: move %d %d %d\n", h, addr[h], myVer[h]);
       if
       :: st[h] == SYN_RCVD -> moved[h] = 1; sendSynAck()
       :: else -> sendRsyn()
       fi;
       if
       :: st[h] == ESTABLISHED -> goTo(RSYN_SENT)
       :: st[h] == RSYN_RCVD ->
#ifdef VARIANT_NO_RSYN_SENT_RCVD
          goTo(RSYN_SENT)
#else
          goTo(RSYN_SENT_RCVD)
#endif
       :: else -> skip
       fi;
       flush() }

  /* mobility: the last address is lost (the migration that follows is counted here) */
  :: atomic { prog == 0 && MAY_MIGRATE && MOBILE(st[h]) ->
#ifndef ABSTRACT
       migrations++;
#endif
       printf("MSC: noaddress %d\n", h);
       if
       :: st[h] == SYN_RCVD -> goTo(NOADDRESS_SYN_RCVD)
       :: st[h] == ESTABLISHED || st[h] == RSYN_SENT -> goTo(NOADDRESS)
       :: else -> goTo(NOADDRESS_RSYN_RCVD)
       fi }

  :: atomic { prog == 0 && NO_ADDR(st[h]) ->
       newAddress();
       newVersion();
       prog = prog | 4;
       printf("MSC: move %d %d %d\n", h, addr[h], myVer[h]);
       if
       :: st[h] == NOADDRESS_SYN_RCVD -> goTo(SYN_RCVD); moved[h] = 1; sendSynAck()
       :: st[h] == NOADDRESS -> sendRsyn(); goTo(RSYN_SENT)
       :: else ->
          sendRsyn();
#ifdef VARIANT_NO_RSYN_SENT_RCVD
          goTo(RSYN_SENT)
#else
          goTo(RSYN_SENT_RCVD)
#endif
       fi;
       flush() }

  /* host 0 pings host 1 */
  :: atomic { prog == 0 && h == 0 && !pingOut && st[h] == ESTABLISHED PING_WHEN ->
       pingOut = 1;
       emit(PACK(DATA, 0, 0, pingSeq, 0, peerAddr[h]));
       flush() }

#ifndef NO_CLOSE
  :: atomic { prog == 0 && !closing && MAY_CLOSE(st[h]) PING_WHEN ->
       closing = 1;
       goTo(FIN_SENT);
       emit(PACK(FIN, 0, 0, 0, 0, peerAddr[h]));
       flush() }
#endif

  /* retransmission timer, round robin between the hosts */
  :: atomic { prog == 0 && IDLE && TIMER_ON(h) && (turn == h || !TIMER_ON(1 - h)) ->
       turn = 1 - h;
       printf("MSC: timeout %d\n", h);
       retransmit();
       flush() }

  /* both flows closed: the run ends */
  :: atomic { began[h] && st[h] == CLOSED && st[1 - h] == CLOSED && began[1 - h] -> break }
  od
}

/* Marks progress in a step of its own: a progress label inside an atomic sequence is invisible to spin. */
active proctype Progress() {
end:
  do
  :: (prog & 2) -> progress_echo: prog = 0
  :: (prog & 3) == 1 -> progress_loss: prog = 0
  :: prog == 4 -> progress_move: prog = 0
  od
}

init {
  atomic {
    myVer[0] = INITIAL_VERSION_0;
    myVer[1] = INITIAL_VERSION_1;
    addr[0] = 1; addr[1] = 1;
    peerAddr[0] = 1;
    st[0] = CLOSED; st[1] = CLOSED;
    run Host(0);
    run Host(1)
  }
}
