//! The independent programs some tests read Møtebok's output with, and the one rule for them:
//! a missing program fails the test with the Debian package that brings it; none is passed
//! over. `./test.sh` (the README's test command) installs these packages first.

use std::process::Command;

/// The Debian package that provides `tool`.
fn package_of(tool: &str) -> &'static str {
    match tool {
        "pdftotext" | "pdfinfo" | "pdffonts" | "pdfsig" | "pdftoppm" => "poppler-utils",
        "qpdf" => "qpdf",
        "xmllint" => "libxml2-utils",
        "openssl" => "openssl",
        _ => "the package that provides it",
    }
}

/// Panics unless every program in `tools` can be started, naming the package to install.
pub fn require(tools: &[&str]) {
    for tool in tools {
        // `-v` prints a version for poppler and qpdf; only whether the program starts matters.
        assert!(
            Command::new(tool).arg("-v").output().is_ok(),
            "`{tool}` is not installed: this test reads the PDF with it. \
             Install it with `apt-get install {}` (or run ./test.sh, which does).",
            package_of(tool)
        );
    }
}
