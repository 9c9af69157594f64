# Traffic for the watch namespace test. Every mode is bounded by a count or a time limit and
# uses only the interface of the namespace it runs in (ip netns exec NS python3 ...).
#   director IFACE VIP RS_MAC SECONDS  a fake DR director: answer ARP for VIP and forward TCP to
#                                      VIP unchanged to RS_MAC (only the destination MAC changes)
#   garp IFACE IP COUNT                announce IP with gratuitous ARP replies (as keepalived does)
#   arp IFACE SENDER_IP TARGET_IP COUNT send ARP requests "who-has TARGET_IP"
#   serve IP PORT SECONDS              accept TCP connections, answer "ok", close
#   connect IP:PORT...                 open one TCP connection to each, read the answer
import select, socket, struct, sys, time

ETH_P_ALL, ETH_P_ARP, ETH_P_IP = 0x0003, 0x0806, 0x0800
PACKET_OUTGOING = 4
BROADCAST = b'\xff' * 6


def raw(ifname, proto):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(proto))
    s.bind((ifname, 0))
    return s, s.getsockname()[4]


def arp_frame(dst_mac, src_mac, op, sha, spa, tha, tpa):
    return (dst_mac + src_mac + struct.pack('!H', ETH_P_ARP)
            + struct.pack('!HHBBH', 1, ETH_P_IP, 6, 4, op) + sha + spa + tha + tpa)


def director(ifname, vip, rs_mac, seconds):
    s, mac = raw(ifname, ETH_P_ALL)
    vip_b, rs = socket.inet_aton(vip), bytes.fromhex(rs_mac.replace(':', ''))
    end = time.time() + float(seconds)
    while time.time() < end:
        if not select.select([s], [], [], 0.2)[0]:
            continue
        frame, addr = s.recvfrom(65535)
        if addr[2] == PACKET_OUTGOING or len(frame) < 42:
            continue
        ethertype = struct.unpack('!H', frame[12:14])[0]
        if ethertype == ETH_P_ARP and frame[20:22] == b'\x00\x01' and frame[38:42] == vip_b:
            s.send(arp_frame(frame[6:12], mac, 2, mac, vip_b, frame[22:28], frame[28:32]))
        elif ethertype == ETH_P_IP and frame[0:6] == mac and frame[30:34] == vip_b and frame[23] == 6:
            s.send(rs + mac + frame[12:])


def garp(ifname, ip, count):
    s, mac = raw(ifname, ETH_P_ARP)
    ip_b = socket.inet_aton(ip)
    for _ in range(int(count)):
        s.send(arp_frame(BROADCAST, mac, 2, mac, ip_b, BROADCAST, ip_b))
        time.sleep(0.05)


def arp(ifname, sender_ip, target_ip, count):
    s, mac = raw(ifname, ETH_P_ARP)
    frame = arp_frame(BROADCAST, mac, 1, mac, socket.inet_aton(sender_ip), b'\x00' * 6, socket.inet_aton(target_ip))
    for _ in range(int(count)):
        s.send(frame)
        time.sleep(0.1)


def serve(ip, port, seconds):
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((ip, int(port)))
    srv.listen(16)
    srv.settimeout(0.5)
    end = time.time() + float(seconds)
    while time.time() < end:
        try:
            conn, _ = srv.accept()
        except socket.timeout:
            continue
        conn.sendall(b'ok\n')
        conn.close()


def connect(*targets):
    for target in targets:
        ip, port = target.rsplit(':', 1)
        try:
            with socket.create_connection((ip, int(port)), timeout=2) as c:
                c.recv(16)
        except OSError:
            pass  # a refused port still shows the host's MAC, which is all some targets are for


MODES = {'director': director, 'garp': garp, 'arp': arp, 'serve': serve, 'connect': connect}
if __name__ == '__main__':
    MODES[sys.argv[1]](*sys.argv[2:])
