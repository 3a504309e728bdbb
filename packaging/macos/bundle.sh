#!/usr/bin/env bash
# Assembles Møtebok.app from a macOS build of motebok (run on a Mac; see README.md here).
#
#   packaging/macos/bundle.sh [BINARY]   # default: target/release/motebok
#
# Writes target/packages/Møtebok.app with Info.plist (version from Cargo.toml) and the icon.
set -euo pipefail
cd "$(dirname "$0")/../.."
binary=${1:-target/release/motebok}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
app="target/packages/Møtebok.app"
[ -f "$binary" ] || { echo "bundle.sh: no binary at $binary (cargo build --release first)" >&2; exit 1; }
rm -rf "$app"
mkdir -p "$app/Contents/MacOS" "$app/Contents/Resources"
cp "$binary" "$app/Contents/MacOS/motebok"
cp assets/icons/motebok.icns "$app/Contents/Resources/"
sed "s/@VERSION@/$version/g" packaging/macos/Info.plist > "$app/Contents/Info.plist"
printf 'APPL????' > "$app/Contents/PkgInfo"
echo "bundle.sh: $app"
