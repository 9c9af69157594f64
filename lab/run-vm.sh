#!/bin/bash
# run-vm.sh OUTDIR SCENARIO...
# Boots the lab VM (qemu TCG, Debian's kernel, the initramfs from build-rootfs.sh), hands it the
# guest scripts and the scenario list on a raw disk image, and unpacks the results into OUTDIR.
# The VM has no network device: everything it does stays inside it.
set -euo pipefail
LAB=$(cd "$(dirname "$0")" && pwd)
WORK=${LAB_WORK:-$LAB/.work}
OUT=$1; shift
[ $# -gt 0 ] || { echo "usage: run-vm.sh OUTDIR SCENARIO..." >&2; exit 2; }
VM_TIMEOUT=${LAB_VM_TIMEOUT:-$((300 + 240 * $#))}
VM_MEM=${LAB_VM_MEM:-2048}
VM_SMP=${LAB_VM_SMP:-2}

RUN=$WORK/run.$$
rm -rf "$RUN"; mkdir -p "$RUN/payload" "$OUT"
cp -a "$LAB/guest" "$RUN/payload/guest"
printf '%s\n' "$@" > "$RUN/payload/request"
# one disk: the payload tar going in, the results tar coming out
tar -cf "$RUN/disk.img" -C "$RUN/payload" guest request
truncate -s 64M "$RUN/disk.img"

echo "[run-vm] booting for: $* (timeout ${VM_TIMEOUT}s, console log $RUN/console.log)" >&2
set +e
timeout --kill-after=10 "$VM_TIMEOUT" qemu-system-x86_64 \
  -accel tcg -machine q35 -smp "$VM_SMP" -m "$VM_MEM" \
  -kernel "$WORK/kernel/vmlinuz" -initrd "$WORK/rootfs.cpio" \
  -append "console=ttyS0 rdinit=/sbin/lab-init panic=-1 quiet loglevel=4 net.ifnames=0 ipv6.disable=0" \
  -drive file="$RUN/disk.img",format=raw,if=virtio,cache=unsafe \
  -nic none -nodefaults -no-reboot -display none -serial file:"$RUN/console.log" \
  -rtc base=utc
rc=$?
set -e
cp "$RUN/console.log" "$WORK/last-console.log"
if ! grep -q "LAB-INIT: results written" "$RUN/console.log"; then
  echo "[run-vm] the VM did not write results (qemu exit $rc); see $WORK/last-console.log" >&2
  tail -30 "$RUN/console.log" >&2
  exit 1
fi
tar -xf "$RUN/disk.img" -C "$OUT"
rm -rf "$RUN"
echo "[run-vm] results in $OUT" >&2
