// A decode issue says why decoding stopped early. `snaplen` means the frame was cut by the
// capture's snap length (not a fault of the packet); `malformed` means the bytes that are
// there contradict themselves; `unsupported` means a valid protocol we do not decode.

export type DecodeLayer =
  | 'link' | 'ethernet' | 'vlan' | 'sll' | 'sll2' | 'null'
  | 'arp' | 'ipv4' | 'ipv6' | 'tcp' | 'udp' | 'icmp' | 'icmpv6' | 'vrrp';

export type DecodeCause = 'snaplen' | 'malformed' | 'unsupported';

export type DecodeIssue = {
  /** `<layer>.<condition>`, e.g. `ipv4.truncated`, `tcp.bad-data-offset`. Stable: tests and JSON use it. */
  readonly code: string;
  readonly layer: DecodeLayer;
  readonly cause: DecodeCause;
  /** Offset of the layer's start within the frame. */
  readonly offset: number;
};
