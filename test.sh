#!/usr/bin/env bash
# Runs every test of Møtebok: the README's test command, and what CI runs.
#
# Some tests read Møtebok's PDFs with independent programs (poppler's pdftotext, pdfinfo,
# pdffonts and pdfsig; qpdf), because a PDF is only as good as what other readers make of it.
# This script makes sure they are there before it builds anything: on Debian or Ubuntu it
# installs the missing packages when it may (as root, or with sudo that asks no password);
# otherwise it stops at once with the one command to run. No test skips a missing program.
#
#   ./test.sh                     every test (cargo test --all-targets --no-fail-fast)
#   ./test.sh --test sign_pdf     any other cargo test arguments, after the same check
set -euo pipefail
cd "$(dirname "$0")"

# program  Debian package (one line each; add a line when a test starts using a program)
needs='
pdftotext poppler-utils
pdfinfo   poppler-utils
pdffonts  poppler-utils
pdfsig    poppler-utils
pdftoppm  poppler-utils
qpdf      qpdf
openssl   openssl
mkfifo    coreutils
xmllint   libxml2-utils
chattr    e2fsprogs
'

missing=()
missing_programs=()
while read -r program package; do
  [ -n "$program" ] || continue
  if ! command -v "$program" >/dev/null 2>&1; then
    missing_programs+=("$program")
    [[ " ${missing[*]} " == *" $package "* ]] || missing+=("$package")
  fi
done <<<"$needs"

if ! command -v cargo >/dev/null 2>&1; then
  echo "test.sh: cargo is missing: install the Rust toolchain (rustup.rs), 1.95 or newer." >&2
  exit 1
fi
if ! command -v cc >/dev/null 2>&1; then
  missing+=(gcc)
  missing_programs+=(cc)
fi

if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: the tests need these programs, which are missing: ${missing_programs[*]}" >&2
    echo "test.sh: on Debian/Ubuntu they come from: ${missing[*]}; install them with your system's package manager." >&2
    exit 1
  fi
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "test.sh: the tests need ${missing_programs[*]}; run this once, then ./test.sh again:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "test.sh: installing ${missing[*]} (for ${missing_programs[*]})"
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ $# -eq 0 ]; then
  exec cargo test --all-targets --no-fail-fast
else
  exec cargo test "$@"
fi
