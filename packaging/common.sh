# Shared by the scripts in packaging/ (sourced from the repository's root): the version from
# Cargo.toml, and how a script reports.
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
script=$(basename "$0" .sh)
started=$SECONDS
fail() {
  echo "$script: FAIL: $*" >&2
  exit 1
}
pass() { echo "$script: ok: $*"; }
