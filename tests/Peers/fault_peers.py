"""Faulty network peers on 127.0.0.1 for the network-fault matrix.

  DNS front   answers A/AAAA/PTR for the --record names, SERVFAIL for the --servfail names (and their subdomains),
              and relays every other query to --upstream (the fixture's dnsmasq), so its NXDOMAIN stays real.
  blackhole   a TCP listener that never accepts and never speaks: connects complete, then nothing (a timeout).
  relay       a TCP relay to --target (sshd): a second address for the same server, so known_hosts can hold
              another key for it (host-key mismatch).
  drop        a TCP relay to --target that cuts both sides (RST) once the client has sent --drop-after bytes and the
              server has answered them: the SSH session is up and a command is under way.
  stall       the same relay, but at that point it goes silent instead: both sides stay open and nothing more is passed
              on (a link that stops carrying traffic without a reset).
Prints {"dns": port, "blackhole": port, "relay": port, "drop": port, "stall": port} on one line of stdout, then
serves until killed.
"""
import argparse
import ipaddress
import json
import select
import socket
import struct
import sys
import threading

RCODE_SERVFAIL = 2


def encode_name(name):
    return b"".join(bytes([len(label)]) + label.encode("ascii") for label in name.rstrip(".").split(".")) + b"\0"


def parse_question(packet):
    """(name, type, end offset of the question) of a one-question query."""
    labels, i = [], 12
    while packet[i]:
        labels.append(packet[i + 1:i + 1 + packet[i]].decode("ascii"))
        i += 1 + packet[i]
    qtype = struct.unpack(">H", packet[i + 1:i + 3])[0]
    return ".".join(labels).lower(), qtype, i + 5


def reply(query, end, rcode, answers=()):
    flags = 0x8000 | 0x0400 | (struct.unpack(">H", query[2:4])[0] & 0x0100) | 0x0080 | rcode
    header = query[:2] + struct.pack(">HHHHH", flags, 1, len(answers), 0, 0)
    records = b"".join(b"\xc0\x0c" + struct.pack(">HHIH", rtype, 1, 60, len(data)) + data for rtype, data in answers)
    return header + query[12:end] + records


def serve_dns(sock, upstream, records, servfail):
    reverse = {ipaddress.ip_address(ip).reverse_pointer: name for name, ip in records.items()}
    while True:
        query, client = sock.recvfrom(4096)
        try:
            name, qtype, end = parse_question(query)
        except (IndexError, UnicodeDecodeError, struct.error):
            continue
        if any(name == s or name.endswith("." + s) for s in servfail):
            sock.sendto(reply(query, end, RCODE_SERVFAIL), client)
        elif name in records:
            answers = [(1, socket.inet_aton(records[name]))] if qtype == 1 else []
            sock.sendto(reply(query, end, 0, answers), client)
        elif name in reverse:
            answers = [(12, encode_name(reverse[name]))] if qtype == 12 else []
            sock.sendto(reply(query, end, 0, answers), client)
        else:
            threading.Thread(target=relay_query, args=(sock, query, client, upstream), daemon=True).start()


def relay_query(sock, query, client, upstream):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as up:
        up.settimeout(5)
        up.sendto(query, upstream)
        try:
            sock.sendto(up.recv(4096), client)
        except socket.timeout:
            pass


def cut(*socks):
    """Closes with RST (linger 0), as a dropped link or a killed middlebox would look."""
    for s in socks:
        try:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            s.close()
        except OSError:
            pass


def serve_relay(listener, target, drop_after, stall=False):
    while True:
        client, _ = listener.accept()
        server = socket.create_connection(target)
        threading.Thread(target=relay_connection, args=(client, server, drop_after, stall), daemon=True).start()


def relay_connection(client, server, drop_after, stall):
    """One thread per connection and no blocking call while cutting, so closing really resets both sides at once."""
    other = {client: server, server: client}
    sent, armed = 0, False
    try:
        while True:
            readable, _, _ = select.select([client, server], [], [])
            for source in readable:
                data = source.recv(65536)
                if not data:
                    client.close()
                    server.close()
                    return
                other[source].sendall(data)
                if drop_after is None:
                    continue
                if source is client:
                    sent += len(data)
                    armed = sent >= drop_after
                elif armed:
                    if stall:
                        swallow(client, server)
                    cut(client, server)
                    return
    except OSError:
        cut(client, server)


def swallow(*socks):
    """Reads and drops everything until either side closes: the peers see an open, silent connection."""
    while True:
        readable, _, _ = select.select(socks, [], [])
        for s in readable:
            if not s.recv(65536):
                return


def listen_tcp(backlog=16):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(backlog)
    return s


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--upstream", required=True, help="host:port of the DNS server for every other name")
    parser.add_argument("--record", action="append", default=[], help="name=IPv4 (A and PTR)")
    parser.add_argument("--servfail", action="append", default=[], help="name answered with SERVFAIL")
    parser.add_argument("--target", required=True, type=int, help="loopback port of sshd for the relays")
    parser.add_argument("--drop-after", type=int, required=True, help="client bytes after which the drop relay cuts")
    args = parser.parse_args()
    host, port = args.upstream.rsplit(":", 1)
    records = dict(r.lower().split("=", 1) for r in args.record)

    dns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    dns.bind(("127.0.0.1", 0))
    blackhole = listen_tcp()
    relay, drop, stall = listen_tcp(), listen_tcp(), listen_tcp()
    target = ("127.0.0.1", args.target)
    threads = [
        threading.Thread(target=serve_dns, args=(dns, (host, int(port)), records, [s.lower() for s in args.servfail]), daemon=True),
        threading.Thread(target=serve_relay, args=(relay, target, None), daemon=True),
        threading.Thread(target=serve_relay, args=(drop, target, args.drop_after), daemon=True),
        threading.Thread(target=serve_relay, args=(stall, target, args.drop_after, True), daemon=True),
    ]
    for t in threads:
        t.start()
    ports = {"dns": dns.getsockname()[1], "blackhole": blackhole.getsockname()[1], "relay": relay.getsockname()[1], "drop": drop.getsockname()[1],
             "stall": stall.getsockname()[1]}
    print(json.dumps(ports), flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    sys.exit(main())
