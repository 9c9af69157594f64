#!/usr/bin/env python3
"""Tiny servers and clients for the lab.

servers (run on the real servers):
  tools.py http ADDR PORT NAME      HTTP/1.0, answers every GET/POST with "NAME\n" (POST: "NAME got N bytes")
  tools.py lineecho ADDR PORT NAME  TCP, echoes every line back as "NAME: line"
  tools.py udp ADDR PORT NAME       UDP, answers every datagram with a plain sendto() (no IP_PKTINFO),
                                    so the kernel picks the reply's source address by routing
ADDR "0.0.0.0" binds to every IPv4 address, "::" to every IPv4 and IPv6 address.

clients (run on the client):
  tools.py lineclient ADDR PORT COUNT INTERVAL   one TCP connection, one line every INTERVAL s
  tools.py udpclient ADDR PORT COUNT [SIZE]      COUNT requests, each from a new connected UDP socket, 1 s timeout;
                                                 SIZE pads each request to SIZE bytes (larger than the MTU: the
                                                 client's kernel sends it in IP fragments)
  tools.py udpsession ADDR PORT COUNT            COUNT requests from one connected UDP socket (one client port), 1 s timeout
  tools.py traceroute udp|tcp ADDR HOPS [PORT]    the probes of traceroute: for each TTL 1..HOPS, 3 probes; UDP to
                                                 port 33434 + probe number with 32 bytes (Linux traceroute's
                                                 default), TCP a connect() to PORT (80) with that TTL (traceroute -T)
"""
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def family(addr):
    return socket.AF_INET6 if ":" in addr else socket.AF_INET


def http(addr, port, name):
    class Handler(BaseHTTPRequestHandler):
        def _reply(self, body):
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            self._reply(name + "\n")

        def do_POST(self):
            n = int(self.headers.get("Content-Length", "0"))
            got = self.rfile.read(n)
            self._reply("%s got %d bytes\n" % (name, len(got)))

        def log_message(self, fmt, *args):
            sys.stderr.write("%s %s\n" % (self.client_address[0], fmt % args))
            sys.stderr.flush()

    class Server(ThreadingHTTPServer):
        address_family = family(addr)
        daemon_threads = True

        def server_bind(self):
            # like HTTPServer.server_bind, without the getfqdn() DNS lookup
            if self.address_family == socket.AF_INET6:
                self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
            self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self.socket.bind(self.server_address)
            self.server_address = self.socket.getsockname()
            self.server_name = addr
            self.server_port = port

    Server((addr, port), Handler).serve_forever()


def _listen(addr, port, kind):
    s = socket.socket(family(addr), kind)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if family(addr) == socket.AF_INET6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    s.bind((addr, port))
    return s


def lineecho(addr, port, name):
    srv = _listen(addr, port, socket.SOCK_STREAM)
    srv.listen(16)

    def handle(conn, peer):
        with conn:
            f = conn.makefile("rb")
            for line in f:
                conn.sendall(("%s: " % name).encode() + line)
        print("closed", peer, flush=True)

    while True:
        conn, peer = srv.accept()
        print("accepted", peer, flush=True)
        threading.Thread(target=handle, args=(conn, peer), daemon=True).start()


def udp(addr, port, name):
    s = _listen(addr, port, socket.SOCK_DGRAM)
    while True:
        data, peer = s.recvfrom(65535)
        s.sendto(("%s: " % name).encode() + data, peer)
        print("answered", peer, flush=True)


def lineclient(addr, port, count, interval):
    s = socket.create_connection((addr, port), timeout=3)
    s.settimeout(2)
    f = s.makefile("rb")
    for i in range(1, count + 1):
        t = time.strftime("%H:%M:%S")
        try:
            s.sendall(b"line %d\n" % i)
            reply = f.readline()
            print("%s line %d -> %s" % (t, i, reply.decode().strip() or "(connection closed)"), flush=True)
            if not reply:
                return 1
        except OSError as e:
            print("%s line %d -> %s" % (t, i, e), flush=True)
            return 1
        time.sleep(interval)
    s.close()
    return 0


def udpclient(addr, port, count, size=0):
    for i in range(1, count + 1):
        # a new socket (new source port) per request, as resolvers do
        s = socket.socket(family(addr), socket.SOCK_DGRAM)
        s.connect((addr, port))
        s.settimeout(1)
        try:
            request = b"request %d\n" % i
            s.send(request.ljust(size, b"x"))
            reply = s.recv(65535)
            if size:
                print("request %d (%d bytes) -> %s (%d bytes)" % (i, max(size, len(request)), reply.split(b"\n")[0].decode(), len(reply)), flush=True)
            else:
                print("request %d -> %s" % (i, reply.decode().strip()), flush=True)
        except OSError as e:
            print("request %d -> %s" % (i, e), flush=True)
        s.close()
        time.sleep(0.3)
    return 0


def udpsession(addr, port, count):
    s = socket.socket(family(addr), socket.SOCK_DGRAM)
    s.connect((addr, port))
    s.settimeout(1)
    for i in range(1, count + 1):
        try:
            s.send(b"request %d\n" % i)
            print("request %d (port %d) -> %s" % (i, s.getsockname()[1], s.recv(65535).decode().strip()), flush=True)
        except OSError as e:
            print("request %d -> %s" % (i, e), flush=True)
        time.sleep(0.3)
    s.close()
    return 0


def traceroute(proto, addr, hops, port=80):
    ttl_opt = (socket.IPPROTO_IPV6, socket.IPV6_UNICAST_HOPS) if family(addr) == socket.AF_INET6 else (socket.IPPROTO_IP, socket.IP_TTL)
    probe = 0
    for ttl in range(1, hops + 1):
        for _ in range(3):
            kind = socket.SOCK_DGRAM if proto == "udp" else socket.SOCK_STREAM
            s = socket.socket(family(addr), kind)
            s.setsockopt(ttl_opt[0], ttl_opt[1], ttl)
            s.settimeout(0.5)
            try:
                if proto == "udp":
                    s.sendto(bytes(32), (addr, 33434 + probe))
                    result = "sent"
                else:
                    s.connect((addr, port))
                    result = "connected"
            except OSError as e:
                result = str(e)
            s.close()
            print("ttl %d probe %d (%s) -> %s" % (ttl, probe, proto, result), flush=True)
            probe += 1
            time.sleep(0.05)
    return 0


def main(argv):
    mode = argv[1]
    if mode in ("http", "lineecho", "udp"):
        {"http": http, "lineecho": lineecho, "udp": udp}[mode](argv[2], int(argv[3]), argv[4])
    elif mode == "lineclient":
        return lineclient(argv[2], int(argv[3]), int(argv[4]), float(argv[5]))
    elif mode == "udpsession":
        return udpsession(argv[2], int(argv[3]), int(argv[4]))
    elif mode == "traceroute":
        return traceroute(argv[2], argv[3], int(argv[4]), int(argv[5]) if len(argv) > 5 else 80)
    elif mode == "udpclient":
        return udpclient(argv[2], int(argv[3]), int(argv[4]), int(argv[5]) if len(argv) > 5 else 0)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
