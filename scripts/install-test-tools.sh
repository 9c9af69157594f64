#!/bin/sh
# Installs the system tools the test suite uses as oracles and drivers: tshark (decoder
# differential), tcpdump, tmux (terminal UI end-to-end), iproute2/ethtool (namespace tests),
# libpcap-dev and a compiler (the optional live-capture binding). Debian/Ubuntu, as root.
set -eu
missing=""
for tool in tshark tcpdump tmux ip ethtool python3 make g++; do
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
[ -f /usr/include/pcap/pcap.h ] || missing="$missing libpcap-dev"
if [ -z "$missing" ]; then
  echo "test tools present"
  exit 0
fi
echo "installing:$missing"
if [ "$(id -u)" != 0 ]; then
  echo "run as root (apt-get needs it), or install: tshark tcpdump tmux iproute2 ethtool libpcap-dev python3 make g++" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections 2>/dev/null || true
apt-get update -qq
apt-get install -y -qq --no-install-recommends tshark tcpdump tmux iproute2 ethtool libpcap-dev python3 make g++ >/dev/null
echo "test tools installed"
