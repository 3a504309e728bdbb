#!/usr/bin/env bash
# Tests the Debian package (packaging/build.sh deb) in a clean Debian root made with
# debootstrap: `apt install ./motebok_*.deb` pulls in what it needs, then the installed
# program reports its version, imports the example meeting, renders its minutes, and its
# window starts (on the host's Xvfb, when there is one) and stays up.
# Needs root, debootstrap and network access to a Debian mirror. MOTEBOK_TEST_ROOT_TARBALL
# may name a debootstrap tarball (debootstrap --make-tarball) to save the download.
set -euo pipefail
cd "$(dirname "$0")/.."
root_dir=$PWD
. packaging/common.sh
deb=$(ls "$root_dir"/target/packages/motebok_"$version"*_amd64.deb 2>/dev/null | head -1)
suite=${MOTEBOK_TEST_SUITE:-$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")}
mirror=${MOTEBOK_TEST_MIRROR:-http://deb.debian.org/debian}

[ -n "$deb" ] || fail "no target/packages/motebok_${version}*_amd64.deb (run packaging/build.sh deb)"
[ "$(id -u)" = 0 ] || fail "needs root (debootstrap, chroot)"

# --- What the package holds ---
contents=$(dpkg-deb --contents "$deb")
for f in ./usr/bin/motebok ./usr/share/applications/motebok.desktop \
  ./usr/share/icons/hicolor/scalable/apps/motebok.svg; do
  grep -q " $f\$" <<<"$contents" || fail "the package lacks $f"
done
for s in 16 24 32 48 64 128 256 512; do
  grep -q " ./usr/share/icons/hicolor/${s}x$s/apps/motebok.png\$" <<<"$contents" || fail "no ${s}x$s icon"
done
depends=$(dpkg-deb --field "$deb" Depends)
for lib in libc6 libgl1 libxcursor1 libxi6 libxkbcommon-x11-0; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate packaging/linux/motebok.desktop || fail "the desktop entry is not valid"
fi
pass "$(basename "$deb"): binary, desktop entry, 8 icon sizes + SVG; Depends: $depends"

# --- A clean root ---
root=$(mktemp -d /var/tmp/motebok-root.XXXXXX)
chmod 755 "$root" # apt downloads as the _apt user
xvfb_pid=
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  for m in tmp/.X11-unix dev proc; do
    mountpoint -q "$root/$m" && umount -l "$root/$m"
  done
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT
if [ -n "${MOTEBOK_TEST_ROOT_TARBALL:-}" ]; then
  debootstrap --variant=minbase --unpack-tarball="$MOTEBOK_TEST_ROOT_TARBALL" "$suite" "$root" "$mirror" >/dev/null
else
  debootstrap --variant=minbase "$suite" "$root" "$mirror" >/dev/null
fi
pass "clean $suite root made with debootstrap ($((SECONDS - started)) s)"
# /proc and /dev for apt and maintainer scripts; a container that forbids mounts still gets
# debootstrap's own /dev nodes.
mount -t proc proc "$root/proc" 2>/dev/null || echo "test-deb: (cannot mount /proc in the root; going on without)"
mount --bind /dev "$root/dev" 2>/dev/null || echo "test-deb: (cannot bind /dev into the root; going on without)"
cp "$deb" "$root/tmp/"
cp assets/demo/2024-M4.motebok.json "$root/tmp/meeting.motebok.json"
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

in_root apt-get update -qq >/dev/null
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "/tmp/$(basename "$deb")" >"$root/tmp/apt.log" 2>&1 ||
  fail "apt install failed: $(tail -20 "$root/tmp/apt.log")"
pass "apt install ./$(basename "$deb") in the clean root ($(grep -c '^Setting up' "$root/tmp/apt.log") packages set up)"

out=$(in_root motebok --version)
[ "$out" = "motebok $version" ] || fail "motebok --version printed «$out»"
pass "motebok --version: $out"
in_root motebok --db /tmp/test.sqlite3 import /tmp/meeting.motebok.json >/dev/null || fail "import"
in_root motebok --db /tmp/test.sqlite3 list | grep -q "2024/M4" || fail "the imported meeting is not listed"
in_root motebok --db /tmp/test.sqlite3 render minutes 2024/M4 -o /tmp/minutes.pdf || fail "render"
head -c 5 "$root/tmp/minutes.pdf" | grep -q "%PDF-" || fail "render wrote no PDF"
pass "import, list and render minutes in the clean root"

# --- The window starts: on the host's X server (Xvfb), with the root's libraries ---
if command -v Xvfb >/dev/null; then
  display=:$((90 + RANDOM % 9))
  Xvfb "$display" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  sleep 2
  # Xlib reaches the server by its abstract socket even from the root; the bind mount is a
  # fallback for servers that listen only on the file socket.
  mkdir -p "$root/tmp/.X11-unix"
  mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix" 2>/dev/null || true
  chroot "$root" env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 DISPLAY="$display" \
    motebok --db /tmp/window.sqlite3 >"$root/tmp/window.log" 2>&1 &
  window_pid=$!
  sleep 10
  kill -0 "$window_pid" 2>/dev/null || fail "the window exited at once: $(tail -20 "$root/tmp/window.log")"
  if command -v import >/dev/null; then
    import -display "$display" -window root "${MOTEBOK_TEST_SCREENSHOT:-/tmp/motebok-deb-window.png}" 2>/dev/null || true
  fi
  kill "$window_pid"
  wait "$window_pid" 2>/dev/null || true
  [ -s "$root/tmp/window.sqlite3" ] || fail "the window made no database"
  pass "the window starts from the installed package and makes its database (demo data)"
else
  echo "test-deb: (no Xvfb on this host: the window was not started)"
fi
echo "test-deb: all passed in $((SECONDS - started)) s"
