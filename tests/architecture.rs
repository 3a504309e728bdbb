//! The layers of the project as a test: each layer names only those below it (see
//! ARCHITECTURE.md). Reads the source under `src/` as text: what a file names in code (comments
//! are skipped) is what it depends on.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A source file: its module path (`ui::minutes::focus`) and its code without comments.
struct Source {
    path: PathBuf,
    module: Vec<String>,
    code: String,
}

fn sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("a source file is UTF-8");
                let rel = path.strip_prefix(&root).expect("below src/");
                let mut module: Vec<String> = rel
                    .with_extension("")
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                if module.last().is_some_and(|m| m == "mod") {
                    module.pop();
                }
                if module.len() == 1 && (module[0] == "lib" || module[0] == "main") {
                    module.clear();
                }
                out.push(Source {
                    path: rel.to_path_buf(),
                    module,
                    code: without_comments(&text),
                });
            }
        }
    }
    assert!(
        out.len() > 50,
        "the source tree was found ({} files)",
        out.len()
    );
    out
}

/// The text with `//` comments removed (doc comments included); string contents are kept.
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut in_string = false;
        let mut prev = ' ';
        let mut cut = line.len();
        for (i, c) in line.char_indices() {
            if c == '"' && prev != '\\' {
                in_string = !in_string;
            }
            if !in_string && c == '/' && prev == '/' {
                cut = i - 1;
                break;
            }
            prev = c;
        }
        out.push_str(&line[..cut]);
        out.push('\n');
    }
    out
}

/// Whether `code` contains `word` as a whole identifier (or the start of a path).
fn names(code: &str, word: &str) -> bool {
    code.match_indices(word).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + word.len()..].chars().next();
        let ident = |c: char| c.is_alphanumeric() || c == '_';
        !before.is_some_and(ident) && !after.is_some_and(ident)
    })
}

fn in_layer<'a>(sources: &'a [Source], layer: &str) -> impl Iterator<Item = &'a Source> {
    sources
        .iter()
        .filter(move |s| s.module.first().is_some_and(|m| m == layer))
}

#[test]
fn layers_below_the_window_never_name_egui() {
    let sources = sources();
    let mut offenders = Vec::new();
    for layer in ["model", "store", "package", "report", "sign", "app"] {
        for s in in_layer(&sources, layer) {
            if names(&s.code, "egui") || names(&s.code, "eframe") {
                offenders.push(s.path.display().to_string());
            }
        }
    }
    assert!(offenders.is_empty(), "name egui/eframe: {offenders:?}");
}

#[test]
fn the_window_never_names_the_database() {
    let sources = sources();
    let offenders: Vec<_> = in_layer(&sources, "ui")
        .filter(|s| names(&s.code, "rusqlite"))
        .map(|s| s.path.display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "ui files naming rusqlite: {offenders:?}"
    );
}

/// Files that still break a rule because another branch owns them, with why. Each entry must
/// still be needed: when the file is fixed, the test says to remove the entry.
const REPORT_READS_STORE_EXCEPTIONS: &[(&str, &str)] = &[(
    "report/register.rs",
    "owned by issue 17 this round: its DecisionRow/DecisionFilter now live in model (the store \
     re-exports them), only the import path still says crate::store",
)];

#[test]
fn documents_never_read_the_store() {
    let sources = sources();
    let mut offenders = BTreeSet::new();
    for s in in_layer(&sources, "report") {
        let reads = s.code.contains("crate::store") || s.code.contains("super::super::store");
        if reads {
            offenders.insert(s.path.display().to_string().replace('\\', "/"));
        }
    }
    for (file, why) in REPORT_READS_STORE_EXCEPTIONS {
        assert!(
            offenders.remove(*file),
            "{file} no longer reads the store: remove its exception ({why})"
        );
    }
    assert!(
        offenders.is_empty(),
        "report files using crate::store: {offenders:?}"
    );
}

#[test]
fn the_model_does_no_file_io() {
    let sources = sources();
    let offenders: Vec<_> = in_layer(&sources, "model")
        .filter(|s| s.code.contains("std::fs") || s.code.contains(" fs::"))
        .map(|s| s.path.display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "model files doing file I/O: {offenders:?}"
    );
}

/// The modules each file refers to by path (`crate::a::b`, `super::b`, `super::{b, c}`),
/// resolved to the module paths that exist.
fn references(source: &Source, modules: &BTreeSet<Vec<String>>) -> BTreeSet<Vec<String>> {
    let mut out = BTreeSet::new();
    let code = &source.code;
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    for start in ["crate::", "super::"] {
        for (at, _) in code.match_indices(start) {
            if code[..at]
                .chars()
                .next_back()
                .is_some_and(|c| ident(c) || c == ':')
            {
                continue;
            }
            // Walk the path: crate::a::b, super::super::a, super::{a, b::c}.
            let mut base: Vec<String> = if start == "crate::" {
                Vec::new()
            } else {
                source.module[..source.module.len().saturating_sub(1)].to_vec()
            };
            let mut rest = &code[at + start.len()..];
            while let Some(r) = rest.strip_prefix("super::") {
                base.pop();
                rest = r;
            }
            let mut heads: Vec<Vec<String>> = Vec::new();
            if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for part in group[..end].split(',') {
                    let segs: Vec<String> = part
                        .trim()
                        .split("::")
                        .map(|s| s.trim().chars().take_while(|c| ident(*c)).collect())
                        .take_while(|s: &String| !s.is_empty())
                        .collect();
                    heads.push(segs);
                }
            } else {
                let segs: Vec<String> = rest
                    .split("::")
                    .map(|s| s.chars().take_while(|c| ident(*c)).collect::<String>())
                    .scan(true, |go, s| {
                        let keep = *go && !s.is_empty();
                        *go = keep;
                        keep.then_some(s)
                    })
                    .collect();
                heads.push(segs);
            }
            for segs in heads {
                let mut path = base.clone();
                let mut best = None;
                for s in segs {
                    path.push(s);
                    if modules.contains(&path) {
                        best = Some(path.clone());
                    }
                }
                if let Some(m) = best {
                    out.insert(m);
                }
            }
        }
    }
    out
}

/// Cycles among sibling modules below `layer`: for every reference from module A to module B,
/// the children of their nearest common parent that hold A and B are linked; a cycle among
/// those links is reported as its members.
fn sibling_cycles(sources: &[Source], layer: &str) -> Vec<Vec<String>> {
    let modules: BTreeSet<Vec<String>> = sources.iter().map(|s| s.module.clone()).collect();
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for s in in_layer(sources, layer) {
        for target in references(s, &modules) {
            let common = s
                .module
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            if common == s.module.len() || common == target.len() {
                continue; // a parent and its child
            }
            let from = s.module[..=common].to_vec();
            let to = target[..=common].to_vec();
            edges.entry(from).or_default().insert(to);
        }
    }
    // Every node that reaches itself, grouped by the set it shares a cycle with.
    let reach = |start: &Vec<String>| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![start.clone()];
        while let Some(n) = stack.pop() {
            for m in edges.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    stack.push(m.clone());
                }
            }
        }
        seen
    };
    let mut cycles: BTreeSet<Vec<String>> = BTreeSet::new();
    for node in edges.keys() {
        let from_node = reach(node);
        if from_node.contains(node) {
            let members: Vec<String> = from_node
                .iter()
                .filter(|m| reach(m).contains(node))
                .map(|m| m.join("::"))
                .collect();
            cycles.insert(members);
        }
    }
    cycles.into_iter().collect()
}

#[test]
fn sibling_modules_of_the_window_do_not_import_each_other() {
    let cycles = sibling_cycles(&sources(), "ui");
    assert!(cycles.is_empty(), "import cycles in src/ui: {cycles:?}");
}

#[test]
fn sibling_modules_of_the_store_do_not_import_each_other() {
    let cycles = sibling_cycles(&sources(), "store");
    assert!(cycles.is_empty(), "import cycles in src/store: {cycles:?}");
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    // Two siblings naming each other, as ui/minutes_ui.rs and ui/minutes_parts.rs once did.
    let file = |module: &[&str], code: &str| Source {
        path: PathBuf::from(module.join("/")),
        module: module.iter().map(|s| (*s).to_owned()).collect(),
        code: code.to_owned(),
    };
    let sources = [
        file(&["ui"], "mod a; mod b;"),
        file(&["ui", "a"], "use super::b::draw;"),
        file(&["ui", "b"], "use super::{a::Field, c};"),
    ];
    assert_eq!(
        sibling_cycles(&sources, "ui"),
        vec![vec!["ui::a".to_owned(), "ui::b".to_owned()]]
    );
}

#[test]
fn no_pane_or_app_file_is_over_900_lines() {
    // Files other branches own this round (they are split when those merge).
    const OWNED_ELSEWHERE: &[&str] = &["app/rapport.rs"];
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let long: Vec<String> = sources()
        .iter()
        .filter(|s| matches!(s.module.first().map(String::as_str), Some("ui" | "app")))
        .filter(|s| {
            !OWNED_ELSEWHERE.contains(&s.path.to_string_lossy().replace('\\', "/").as_str())
        })
        .filter_map(|s| {
            let lines = std::fs::read_to_string(root.join(&s.path))
                .expect("readable")
                .lines()
                .count();
            (lines > 900).then(|| format!("{} ({lines} lines)", s.path.display()))
        })
        .collect();
    assert!(long.is_empty(), "files over 900 lines: {long:?}");
}
