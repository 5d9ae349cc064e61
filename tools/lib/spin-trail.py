#!/usr/bin/env python3
"""Turns the output of `spin -t` on verification/eccp.pml into a numbered sequence of packets.

Reads the "MSC: ..." lines that the model prints and spin's own error lines from standard input.
"""
import sys

HOSTS = ("client", "server")
VERSIONED = {"SYN", "SYN_ACK", "ACK", "RSYN", "RSYN_ACK", "DATA_ACK"}
ACKING = {"SYN_ACK", "RSYN_ACK"}
MAX_CYCLE_LINES = 40


def wire_name(packet_type):
    return packet_type.replace("_", "-")


def describe(packet_type, version, acked, seq):
    text = wire_name(packet_type)
    if packet_type in VERSIONED:
        text += f" v={version}"
    if packet_type in ACKING:
        text += f" ack={acked}"
    if packet_type in ("DATA", "DATA_ACK"):
        text += f" echo#{seq}"
    return text


def main():
    number = 0
    pending = None
    in_cycle = False
    cycle_lines = 0
    out = []
    for raw in sys.stdin:
        line = raw.strip()
        if "START OF CYCLE" in line:
            out.append("   --- from here the run repeats forever without progress ---")
            in_cycle = True
            continue
        if "assertion violated" in line or "Error:" in line or "trail ends" in line:
            out.append("   " + line)
            continue
        if not line.startswith("MSC: "):
            continue
        if in_cycle:
            cycle_lines += 1
            if cycle_lines > MAX_CYCLE_LINES:
                out.append("   ...")
                break
        fields = line[5:].split()
        kind = fields[0]
        if kind == "pkt":
            host, ptype, version, acked, seq, dst = fields[1:7]
            pending = (HOSTS[int(host)], HOSTS[1 - int(host)], describe(ptype, version, acked, seq), dst)
        elif kind in ("lost", "sent", "duplicated") and pending:
            number += 1
            src, dst_host, text, addr = pending
            fate = {"lost": " (lost)", "sent": "", "duplicated": " (duplicated)"}[kind]
            out.append(f"{number}. {src} -> {dst_host} {text} to address {addr}{fate}")
            pending = None
        elif kind == "recv":
            host, ptype, version, acked, seq = fields[1:6]
            out.append(f"   {HOSTS[int(host)]} receives {describe(ptype, version, acked, seq)}")
        elif kind == "misdirected":
            out.append(f"   {HOSTS[int(fields[1])]}: a packet for an address it no longer holds is dropped")
        elif kind == "state":
            out.append(f"   {HOSTS[int(fields[1])]} enters {fields[2]}")
        elif kind == "move":
            out.append(f"   {HOSTS[int(fields[1])]} moves to address {fields[2]}, version {fields[3]}")
        elif kind == "noaddress":
            out.append(f"   {HOSTS[int(fields[1])]} loses its address")
        elif kind == "timeout":
            out.append(f"   {HOSTS[int(fields[1])]}: retransmission timer fires")
        elif kind == "reset":
            out.append(f"   {HOSTS[int(fields[1])]} is reset by its peer")
        elif kind == "acked":
            out.append(f"   {HOSTS[int(fields[1])]} takes its migration as acknowledged")
        elif kind == "drop":
            out.append(f"   dropped: {fields[1]}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
