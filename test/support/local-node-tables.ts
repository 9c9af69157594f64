// ipvsadm tables for fixtures/director-localnode (the director 192.0.2.2 is a real server of its
// own service beside rs1 and rs2): as recorded, and as others would have configured it.

const table = (sched: string, servers: readonly string[]) =>
  [`-A -t 192.0.2.100:80 -s ${sched}`, ...servers.map((s) => `-a -t 192.0.2.100:80 -r ${s} -g`), ''].join('\n');

/** The director configured as 127.0.0.1, the LVS-HOWTO's way of writing a LocalNode. */
export const LOCAL_AS_LOOPBACK = table('rr', ['127.0.0.1:80 -w 1', '192.0.2.11:80 -w 1', '192.0.2.12:80 -w 1']);
/** A table without the director: its share goes to a host the configuration does not list. */
export const WITHOUT_LOCAL = table('rr', ['192.0.2.11:80 -w 1', '192.0.2.12:80 -w 1']);
/** The director with weight 0: it should get no new connection. */
export const LOCAL_WEIGHT_ZERO = table('wrr', ['192.0.2.2:80 -w 0', '192.0.2.11:80 -w 1', '192.0.2.12:80 -w 1']);
