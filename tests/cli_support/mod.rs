//! Running the real `motebok` binary from tests, as a script or a user at a terminal does.
#![allow(dead_code, reason = "each test binary uses the helpers it needs")]

use std::path::Path;
use std::process::{Command, Output};

/// `motebok --db DB ARGS...`: the finished process (status, stdout, stderr).
pub fn motebok(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_motebok"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Output bytes as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
