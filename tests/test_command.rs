//! The README's test command is what CI runs, and it brings every program the tests start:
//! each external program named in a test (`Command::new("…")`, `require(&[…])`, `need(&[…])`)
//! is in `test.sh`'s list of programs it installs, so a fresh machine never meets a test that
//! needs something the command did not bring.

use std::collections::BTreeSet;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The quoted strings in the arguments after each occurrence of `opener` (up to the `)`).
fn quoted_after(source: &str, opener: &str, into: &mut BTreeSet<String>) {
    for (at, _) in source.match_indices(opener) {
        let rest = &source[at + opener.len()..];
        let args = &rest[..rest.find(')').unwrap_or(rest.len())];
        for (i, part) in args.split('"').enumerate() {
            if i % 2 == 1 {
                into.insert(part.to_owned());
            }
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The programs `test.sh` makes sure of: the first word of each line of its `needs` list.
fn programs_test_sh_brings() -> BTreeSet<String> {
    let script = read(&Path::new(ROOT).join("test.sh"));
    let list = script
        .split("needs='")
        .nth(1)
        .expect("test.sh has a needs='…' list");
    let list = &list[..list.find('\'').expect("the needs list ends")];
    list.lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_program_a_test_starts_is_brought_by_the_test_command() {
    let mut files = Vec::new();
    rust_files(&Path::new(ROOT).join("tests"), &mut files);
    let mut programs = BTreeSet::new();
    for file in &files {
        if file.ends_with("test_command.rs") {
            continue;
        }
        let source = read(file);
        for (at, _) in source.match_indices("Command::new(\"") {
            let name = &source[at + "Command::new(\"".len()..];
            programs.insert(name[..name.find('"').unwrap_or(0)].to_owned());
        }
        quoted_after(&source, "require(&[", &mut programs);
        quoted_after(&source, "need(&[", &mut programs);
    }
    programs.retain(|p| !p.is_empty() && !p.contains(['/', ' ', '{']));
    assert!(
        programs.contains("pdftotext") && programs.contains("qpdf"),
        "the scan found the PDF readers the tests use: {programs:?}"
    );
    let brought = programs_test_sh_brings();
    let missing: Vec<_> = programs.difference(&brought).collect();
    assert!(
        missing.is_empty(),
        "tests start {missing:?}, which test.sh does not install (add a line to its needs list)"
    );
}

#[test]
fn ci_runs_the_readme_test_command() {
    let readme = read(&Path::new(ROOT).join("README.md"));
    let block = readme
        .split("```")
        .nth(1)
        .expect("README opens with a command block");
    let test_line = block
        .lines()
        .find(|l| l.contains("test"))
        .expect("the block has a test command")
        .trim();
    assert!(
        test_line.starts_with("./test.sh"),
        "README's test command: {test_line}"
    );
    let ci = read(&Path::new(ROOT).join(".ci/run"));
    assert!(
        ci.lines().any(|l| l.trim() == test_line),
        ".ci/run does not run the README's test command «{test_line}»"
    );
}
