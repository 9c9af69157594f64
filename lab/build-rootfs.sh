#!/bin/bash
# Builds (once) everything the lab VM needs, cached under lab/.work/:
#   kernel/vmlinuz     Debian's own bookworm kernel (the version linux-image-amd64 depends on)
#   rootfs/            debootstrap'ed bookworm minbase + the lab tools + the kernel's modules
#   rootfs.cpio        the root filesystem packed as an uncompressed initramfs (booted with rdinit=)
# Each step leaves a stamp file; re-running skips finished steps. Delete lab/.work to start over.
set -euo pipefail
LAB=$(cd "$(dirname "$0")" && pwd)
WORK=${LAB_WORK:-$LAB/.work}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
PKGS=iproute2,ipvsadm,tcpdump,keepalived,python3,curl,kmod,procps,iputils-arping,iputils-ping,ethtool,nftables,busybox,tar,netcat-openbsd
mkdir -p "$WORK"
log() { echo "[build-rootfs] $*" >&2; }

# 1. kernel -------------------------------------------------------------------
if [ ! -e "$WORK/kernel/.done" ]; then
  rm -rf "$WORK/kernel"; mkdir -p "$WORK/kernel"
  [ -n "$(ls /var/lib/apt/lists/*Packages* 2>/dev/null)" ] || timeout 300 apt-get update
  KPKG=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/{print $2; exit}')
  [ -n "$KPKG" ] || { log "cannot resolve the versioned kernel package"; exit 1; }
  log "downloading $KPKG"
  (cd "$WORK/kernel" && timeout 600 apt-get download "$KPKG")
  dpkg-deb -x "$WORK"/kernel/"$KPKG"_*.deb "$WORK/kernel/root"
  KVER=${KPKG#linux-image-}
  cp "$WORK/kernel/root/boot/vmlinuz-$KVER" "$WORK/kernel/vmlinuz"
  echo "$KVER" > "$WORK/kernel/version"
  touch "$WORK/kernel/.done"
fi
KVER=$(cat "$WORK/kernel/version")
log "kernel $KVER"

# 2. root filesystem ------------------------------------------------------------
if [ ! -e "$WORK/rootfs/.debootstrap-done" ]; then
  rm -rf "$WORK/rootfs"
  log "debootstrap bookworm minbase (several minutes)"
  timeout 3600 debootstrap --variant=minbase --include="$PKGS" bookworm "$WORK/rootfs" "$MIRROR"
  touch "$WORK/rootfs/.debootstrap-done"
fi

# 3. modules + trimming + init ---------------------------------------------------
# Drivers the lab uses besides the kernel's net/ tree (macvlan: keepalived's use_vmac).
DRIVERS="virtio block net/veth.ko net/virtio_net.ko net/net_failover.ko net/dummy.ko net/macvlan.ko"
INIT_SUM=$( { cat "$LAB/guest/init"; echo "$DRIVERS"; } | sha256sum | cut -c1-16)
if [ ! -e "$WORK/rootfs/.lab-$INIT_SUM" ]; then
  R=$WORK/rootfs
  M=lib/modules/$KVER
  rm -rf "${R:?}/$M"; mkdir -p "$R/$M/kernel/drivers"
  cp -a "$WORK/kernel/root/$M/kernel/net" "$WORK/kernel/root/$M/kernel/lib" "$WORK/kernel/root/$M/kernel/crypto" "$R/$M/kernel/"
  for d in $DRIVERS; do
    mkdir -p "$R/$M/kernel/drivers/$(dirname "$d")"
    cp -a "$WORK/kernel/root/$M/kernel/drivers/$d" "$R/$M/kernel/drivers/$d" 2>/dev/null || true
  done
  cp -a "$WORK/kernel/root/$M"/modules.order "$WORK/kernel/root/$M"/modules.builtin* "$R/$M/"
  chroot "$R" /sbin/depmod -a "$KVER"
  # trim what a VM that only moves packets never reads
  rm -rf "$R"/usr/share/doc/* "$R"/usr/share/man/* "$R"/usr/share/locale/* "$R"/usr/share/info/* \
         "$R"/var/cache/apt/archives/*.deb "$R"/var/lib/apt/lists/*
  install -m 0755 "$LAB/guest/init" "$R/sbin/lab-init"
  rm -f "$R"/.lab-*
  touch "$R/.lab-$INIT_SUM"
  rm -f "$WORK/rootfs.cpio"
fi

# 4. initramfs --------------------------------------------------------------------
if [ ! -e "$WORK/rootfs.cpio" ]; then
  log "packing initramfs"
  (cd "$WORK/rootfs" && find . -xdev -path ./proc -prune -o -path ./sys -prune -o -print0 | cpio --null -o -H newc --quiet) > "$WORK/rootfs.cpio.tmp"
  mv "$WORK/rootfs.cpio.tmp" "$WORK/rootfs.cpio"
fi
log "ready: $WORK/kernel/vmlinuz $WORK/rootfs.cpio ($(du -m "$WORK/rootfs.cpio" | cut -f1) MB)"
