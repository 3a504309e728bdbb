#!/usr/bin/env bash
# Builds Møtebok's packages on a Debian/Ubuntu x86_64 machine. See packaging/README.md.
#
#   packaging/build.sh            # all: the .deb and the Windows zip
#   packaging/build.sh deb        # target/packages/motebok_<version>-1_amd64.deb
#   packaging/build.sh windows    # target/packages/motebok-<version>-windows-x86_64.zip
#
# Needs: cargo-deb (cargo install cargo-deb), dpkg-dev for the .deb; the Rust target
# x86_64-pc-windows-gnu (rustup target add x86_64-pc-windows-gnu) and gcc-mingw-w64-x86-64
# for Windows. macOS cannot be built here: packaging/macos/README.md says how, on a Mac.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
. packaging/common.sh
out=target/packages
mkdir -p "$out"

missing() { fail "$1 is missing: $2"; }

build_deb() {
  command -v cargo-deb >/dev/null || missing cargo-deb "cargo install cargo-deb --locked"
  command -v dpkg-shlibdeps >/dev/null || missing dpkg-shlibdeps "apt-get install dpkg-dev"
  local started=$SECONDS
  cargo build --release --locked
  cargo deb --no-build --locked --output "$out/"
  echo "build.sh: $(ls "$out"/motebok_"$version"*_amd64.deb) ($((SECONDS - started)) s)"
}

build_windows() {
  rustup target list --installed 2>/dev/null | grep -q x86_64-pc-windows-gnu ||
    missing "the Rust target x86_64-pc-windows-gnu" "rustup target add x86_64-pc-windows-gnu"
  command -v x86_64-w64-mingw32-gcc >/dev/null || missing MinGW "apt-get install gcc-mingw-w64-x86-64"
  local started=$SECONDS
  cargo build --release --locked --target x86_64-pc-windows-gnu
  local stage
  stage=$(mktemp -d)
  mkdir "$stage/Motebok"
  cp target/x86_64-pc-windows-gnu/release/motebok.exe "$stage/Motebok/"
  sed "s/@VERSION@/$version/" packaging/windows/LESMEG.txt > "$stage/Motebok/LESMEG.txt"
  local zip="$out/motebok-$version-windows-x86_64.zip"
  rm -f "$zip"
  (cd "$stage" && python3 -m zipfile -c "$OLDPWD/$zip" Motebok)
  rm -rf "$stage"
  echo "build.sh: $zip ($((SECONDS - started)) s)"
}

case "$what" in
  deb) build_deb ;;
  windows) build_windows ;;
  all) build_deb; build_windows ;;
  *) echo "usage: packaging/build.sh [all|deb|windows]" >&2; exit 2 ;;
esac
