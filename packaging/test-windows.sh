#!/usr/bin/env bash
# Tests the Windows build (packaging/build.sh windows) on Linux:
#  - the .exe is a 64-bit GUI program (no console window) with icon and version resources;
#  - the zip holds it;
#  - under Wine, its command line imports the example meeting and renders the minutes, and
#    that PDF passes the checks of the Linux one (pdfinfo, pdffonts, qpdf --check) and has the
#    same text as the Linux binary's (pdftotext);
#  - the window starts under Wine (on Xvfb, when there is one) and makes its database in %APPDATA%.
# Needs: wine (Debian: wine wine64), gcc-mingw-w64-x86-64, poppler-utils, qpdf, python3; and a Linux
# build of Møtebok (MOTEBOK_LINUX_BIN, default target/release/motebok).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
. packaging/common.sh
exe=$root/target/x86_64-pc-windows-gnu/release/motebok.exe
zip=$root/target/packages/motebok-$version-windows-x86_64.zip
linux_bin=${MOTEBOK_LINUX_BIN:-$root/target/release/motebok}
example=$root/assets/demo/2024-M4.motebok.json

[ -f "$exe" ] || fail "no $exe (run packaging/build.sh windows)"
[ -x "$linux_bin" ] || fail "no Linux binary at $linux_bin"

# --- The executable itself ---
headers=$(x86_64-w64-mingw32-objdump -p "$exe")
grep -q "^Magic.*020b" <<<"$headers" || fail "not a PE32+ (64-bit) executable"
grep -q "^Subsystem.*(Windows GUI)" <<<"$headers" || fail "not a GUI-subsystem program (a console would open)"
dlls=$(grep "DLL Name" <<<"$headers" | awk '{print $3}' | sort -u | tr '\n' ' ')
for dll in $dlls; do
  case "${dll,,}" in
    libgcc*|libstdc*|libwinpthread*) fail "needs $dll, which Windows does not have" ;;
  esac
done
pass "PE32+ GUI program; imports only system DLLs: $dlls"
python3 - "$exe" "$version" <<'PY' || fail "icon or version resources missing"
import sys
data = open(sys.argv[1], "rb").read()
version = sys.argv[2]
def utf16(s): return s.encode("utf-16-le")
needed = {"version info": utf16("VS_VERSION_INFO"), "product name": utf16("Møtebok"),
          "product version": utf16("ProductVersion") + b"\0\0" + utf16(version),
          "icon (PNG)": b"\x89PNG\r\n\x1a\n"}
missing = [k for k, v in needed.items() if v not in data]
if missing:
    print("missing:", ", ".join(missing)); sys.exit(1)
PY
x86_64-w64-mingw32-objdump -h "$exe" | grep -q " \.rsrc " || fail "no .rsrc section"
pass "icon and version $version embedded (.rsrc)"

if [ -f "$zip" ]; then
  python3 -m zipfile -l "$zip" | grep -q "Motebok/motebok.exe" || fail "$zip lacks Motebok/motebok.exe"
  python3 -m zipfile -l "$zip" | grep -q "Motebok/LESMEG.txt" || fail "$zip lacks Motebok/LESMEG.txt"
  pass "$(basename "$zip") holds motebok.exe and LESMEG.txt"
fi

# --- The command line under Wine ---
work=$(mktemp -d)
trap 'wineserver -k >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY WAYLAND_DISPLAY
command -v wine >/dev/null || fail "wine is not installed"
wine_bin=wine
# A new 64-bit prefix; then the stand-in for bcryptprimitives.dll, which Windows 10+ has and
# Wine 8 lacks (see packaging/wine/bcryptprimitives.c).
WINEARCH=win64 wine wineboot --init >/dev/null 2>&1 || fail "wineboot could not make a prefix"
x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  packaging/wine/bcryptprimitives.c -ladvapi32 || fail "cannot build the bcryptprimitives stand-in"
cp "$exe" "$example" "$work/"
cd "$work"
meeting=$(basename "$example")

out=$("$wine_bin" motebok.exe --version </dev/null 2>wine.log | tr -d '\r') || fail "--version under Wine: $(tail -5 wine.log)"
[ "$out" = "motebok $version" ] || fail "--version printed «$out»"
pass "wine motebok.exe --version: $out"

"$wine_bin" motebok.exe --db windows.sqlite3 import "$meeting" </dev/null >import.txt 2>>wine.log ||
  fail "import under Wine: $(cat import.txt; tail -5 wine.log)"
"$wine_bin" motebok.exe --db windows.sqlite3 list </dev/null >list.txt 2>>wine.log || fail "list under Wine"
grep -q "2024/M4" list.txt || fail "the imported meeting is not listed: $(cat list.txt)"
pass "import + list under Wine: $(tr -d '\r' <list.txt | head -1)"

"$wine_bin" motebok.exe --db windows.sqlite3 render minutes 2024/M4 -o minutes-windows.pdf </dev/null 2>>wine.log ||
  fail "render under Wine: $(tail -5 wine.log)"
"$linux_bin" --db linux.sqlite3 import "$meeting" >/dev/null
"$linux_bin" --db linux.sqlite3 render minutes 2024/M4 -o minutes-linux.pdf

for pdf in minutes-windows.pdf minutes-linux.pdf; do
  qpdf --check "$pdf" >/dev/null || fail "qpdf --check $pdf"
  pdfinfo "$pdf" | grep -q "^Title:.*2024/M4" || fail "$pdf has no title naming 2024/M4"
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  [ "${pages:-0}" -ge 1 ] || fail "$pdf has no pages"
  if pdffonts "$pdf" | tail -n +3 | awk '{print $(NF-4)}' | grep -qv yes; then
    fail "$pdf has a font that is not embedded"
  fi
  pdftotext -layout "$pdf" "${pdf%.pdf}.txt"
  grep -q "Møtereferat" "${pdf%.pdf}.txt" || fail "$pdf: no «Møtereferat» in its text"
done
diff -u minutes-linux.txt minutes-windows.txt >/dev/null || fail "the Windows PDF's text differs from the Linux one's"
if cmp -s minutes-linux.pdf minutes-windows.pdf; then same="byte-identical to"; else same="same text as"; fi
pass "minutes rendered under Wine: $pages pages, qpdf --check clean, fonts embedded, $same the Linux PDF"
# --- The window under Wine, on Xvfb (Wine's OpenGL through Mesa) ---
if command -v Xvfb >/dev/null; then
  display=:$((80 + RANDOM % 9))
  Xvfb "$display" -screen 0 1400x950x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  trap 'kill $xvfb_pid 2>/dev/null; wineserver -k >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  sleep 2
  DISPLAY=$display "$wine_bin" motebok.exe </dev/null >window.log 2>&1 &
  window_pid=$!
  db=
  for _ in $(seq 60); do
    sleep 1
    db=$(find "$WINEPREFIX/drive_c/users" -path "*AppData/Roaming/Motebok/Motebok/data/motebok.sqlite3" 2>/dev/null | head -1)
    [ -n "$db" ] && break
  done
  sleep 5
  kill -0 "$window_pid" 2>/dev/null || fail "the window exited under Wine: $(tail -5 window.log)"
  [ -n "$db" ] || fail "the window made no database in %APPDATA%\\Motebok\\Motebok\\data"
  if command -v import >/dev/null; then
    DISPLAY=$display import -window root "${MOTEBOK_TEST_SCREENSHOT:-/tmp/motebok-wine-window.png}" 2>/dev/null || true
  fi
  wineserver -k >/dev/null 2>&1 || true
  pass "the window starts under Wine and makes its database in %APPDATA%"
else
  echo "test-windows: (no Xvfb on this host: the window was not started)"
fi
echo "test-windows: all passed in $((SECONDS - started)) s"
