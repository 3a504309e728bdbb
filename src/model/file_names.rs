//! Names that come from files and end up in paths: attachment file names and review ids.
//!
//! A package comes by e-mail from another machine, so every name in it is hostile until it
//! matches its documented pattern (`docs/FORMAT-additions.md`). The checks here are the only
//! gate between a name in a file and a path on disk: `../`, absolute paths, Windows drives
//! (`C:\`), UNC paths (`\\server\share`), device names (`CON`, `NUL`) and invisible
//! direction marks that disguise an extension (`x\u{202e}fdp.exe`) are refused. Also here:
//! which attachments may be handed to the system's opener and which only saved.
//!
//! No I/O: text in, a verdict out.

/// The longest attachment file name, in bytes of UTF-8 (the limit of common file systems).
pub const MAX_FILE_NAME_BYTES: usize = 255;

/// Characters Windows does not allow in file names; `/` and `\` separate paths everywhere.
const FORBIDDEN: &[char] = &['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

/// Device names Windows reserves in every folder, with or without an extension.
const DEVICE_NAMES: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "COM1", "COM2", "COM3", "COM4", "COM5",
    "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8",
    "LPT9",
];

/// Invisible characters that change the order text is shown in (or hide in it): a name with
/// one can show `.pdf` while it ends in `.exe`.
fn is_invisible_mark(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}'
    )
}

/// Checks an attachment's file name against its pattern: one plain file name of 1 to 255
/// bytes, no path separator or other character Windows forbids (`/ \ : * ? " < > |`), no
/// control character or invisible direction mark, not `.` or `..`, no leading or trailing
/// space, no trailing dot, not a Windows device name (`CON`, `NUL.txt`, `COM1` …).
///
/// The message says what is wrong, for the person who opened the file.
pub fn check_file_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("an attachment needs a file name".into());
    }
    if name.len() > MAX_FILE_NAME_BYTES {
        return Err(format!(
            "the file name is {} bytes long (at most {MAX_FILE_NAME_BYTES})",
            name.len()
        ));
    }
    if name == "." || name == ".." {
        return Err(format!("\"{name}\" is not a file name"));
    }
    if let Some(c) = name.chars().find(|c| FORBIDDEN.contains(c)) {
        let what = match c {
            '/' | '\\' => "a path, not a file name (it holds a folder separator)",
            ':' => "a path, not a file name (it holds a drive or stream separator ':')",
            _ => "not a file name (it holds a character Windows forbids in file names)",
        };
        return Err(format!("{} is {what}", shown(name)));
    }
    if name.chars().any(|c| c.is_control() || is_invisible_mark(c)) {
        return Err(format!(
            "{} holds a control character or an invisible direction mark",
            shown(name)
        ));
    }
    if name.starts_with(char::is_whitespace) || name.ends_with(char::is_whitespace) {
        return Err(format!("{} begins or ends with a space", shown(name)));
    }
    if name.ends_with('.') {
        return Err(format!("{} ends with a dot", shown(name)));
    }
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    if DEVICE_NAMES.iter().any(|d| d.eq_ignore_ascii_case(stem)) {
        return Err(format!(
            "{} is a device name Windows reserves, not a file name",
            shown(name)
        ));
    }
    Ok(())
}

/// A file name safe to create in a folder: one that passes [`check_file_name`]
/// (path separators, control characters and direction marks replaced by `_`, no leading or
/// trailing spaces or dots, device names prefixed, at most 255 bytes). A name that already
/// passes is returned as it is.
#[must_use]
pub fn clean_file_name(name: &str) -> String {
    if check_file_name(name).is_ok() {
        return name.to_owned();
    }
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control()
                || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
                || check_file_name(&format!("a{c}b")).is_err()
            {
                '_'
            } else {
                c
            }
        })
        .collect();
    let mut cleaned = cleaned
        .trim_matches(|c: char| c.is_whitespace() || c == '.')
        .to_owned();
    if cleaned.is_empty() {
        "vedlegg".clone_into(&mut cleaned);
    }
    if check_file_name(&cleaned).is_err() {
        // A device name such as CON or NUL.txt.
        cleaned = format!("_{cleaned}");
    }
    while cleaned.len() > MAX_FILE_NAME_BYTES {
        // Keep the extension: cut the end of the stem, on a character boundary.
        let ext = cleaned
            .rsplit_once('.')
            .map(|(_, e)| format!(".{e}"))
            .filter(|e| e.len() < 32)
            .unwrap_or_default();
        let mut stem = cleaned[..cleaned.len() - ext.len()].to_owned();
        while stem.len() + ext.len() > MAX_FILE_NAME_BYTES {
            stem.pop();
        }
        cleaned = format!("{}{ext}", stem.trim_end());
    }
    if check_file_name(&cleaned).is_err() {
        // Cut to a trailing dot or space: start over from a plain name.
        "vedlegg".clone_into(&mut cleaned);
    }
    cleaned
}

/// A name quoted for a message, with control characters and direction marks made visible.
fn shown(name: &str) -> String {
    let mut out = String::from("\"");
    for c in name.chars().take(80) {
        if c.is_control() || is_invisible_mark(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    if name.chars().count() > 80 {
        out.push('…');
    }
    out.push('"');
    out
}

/// Checks a review id against its pattern `YYYY-Mn-YYYYMMDDTHHMMSS-xxxxxxxx`: the meeting's
/// year and number, the time the package was made, eight lower-case hexadecimal digits
/// (`2024-M4-20240615T101500-3f9a1c02`). Nothing else is accepted, so an id can name a file.
pub fn check_review_id(id: &str) -> Result<(), String> {
    let bad = || {
        Err(format!(
            "{} is not a review id (like \"2024-M4-20240615T101500-3f9a1c02\")",
            shown(id)
        ))
    };
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let parts: Vec<&str> = id.split('-').collect();
    let [year, number, stamp, hash] = parts.as_slice() else {
        return bad();
    };
    let Some(number) = number.strip_prefix('M') else {
        return bad();
    };
    let Some((date, time)) = stamp.split_once('T') else {
        return bad();
    };
    let ok = digits(year, 4..=4)
        && digits(number, 1..=4)
        && !number.starts_with('0')
        && digits(date, 8..=8)
        && digits(time, 6..=6)
        && hash.len() == 8
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if ok { Ok(()) } else { bad() }
}

/// Extensions of files that run code when the system "opens" them (Windows, macOS, Linux
/// desktops, and the script hosts and runtimes commonly installed there).
const EXECUTABLE_EXTENSIONS: &[&str] = &[
    "exe",
    "com",
    "bat",
    "cmd",
    "msi",
    "msp",
    "mst",
    "msc",
    "ps1",
    "ps1xml",
    "ps2",
    "psc1",
    "psm1",
    "psd1",
    "vbs",
    "vbe",
    "js",
    "jse",
    "wsf",
    "wsh",
    "ws",
    "wsc",
    "hta",
    "scr",
    "pif",
    "cpl",
    "dll",
    "ocx",
    "sys",
    "drv",
    "lnk",
    "url",
    "inf",
    "reg",
    "scf",
    "application",
    "appref-ms",
    "gadget",
    "msh",
    "msh1",
    "msh2",
    "mshxml",
    "jar",
    "jnlp",
    "class",
    "sh",
    "bash",
    "zsh",
    "csh",
    "ksh",
    "fish",
    "run",
    "bin",
    "out",
    "elf",
    "appimage",
    "desktop",
    "command",
    "tool",
    "app",
    "pkg",
    "mpkg",
    "dmg",
    "workflow",
    "action",
    "scpt",
    "scptd",
    "applescript",
    "py",
    "pyw",
    "pyc",
    "pyz",
    "pl",
    "rb",
    "php",
    "lua",
    "tcl",
    "deb",
    "rpm",
    "snap",
    "flatpakref",
    "iso",
    "img",
    "vhd",
    "vhdx",
    "xll",
    "xlam",
    "ppam",
    "docm",
    "dotm",
    "xlsm",
    "xltm",
    "pptm",
    "potm",
    "ppsm",
    "sldm",
    "settingcontent-ms",
    "library-ms",
    "search-ms",
    "chm",
    "hlp",
    "apk",
    "crx",
    "xpi",
    "vsix",
    "appx",
    "msix",
    "appxbundle",
    "msixbundle",
];

/// Why an attachment is offered for saving instead of being opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveOnly {
    /// Its extension is one of a program, a script, a shortcut or a macro document.
    Executable(String),
    /// It has no extension, so the system would pick a program by its content.
    NoExtension,
    /// Its content starts like a program, a script or a desktop launcher, whatever its name.
    LooksExecutable(&'static str),
}

impl SaveOnly {
    /// The reason in the user's language: Norwegian Bokmål (`nb`) or English.
    #[must_use]
    pub fn reason(&self, norwegian: bool) -> String {
        match (self, norwegian) {
            (SaveOnly::Executable(ext), true) => format!(
                "Filtypen .{ext} kan starte et program på maskinen din. Møtebok åpner den ikke; \
                 lagre den og åpne den bare hvis du stoler på avsenderen."
            ),
            (SaveOnly::Executable(ext), false) => format!(
                "Files of type .{ext} can run a program on your computer. Møtebok does not open \
                 them; save it and open it only if you trust the sender."
            ),
            (SaveOnly::NoExtension, true) => "Filen har ingen filtype, så Møtebok vet ikke hva \
                 den er og åpner den ikke. Lagre den heller."
                .to_owned(),
            (SaveOnly::NoExtension, false) => "The file has no type (extension), so Møtebok \
                 cannot tell what it is and does not open it. Save it instead."
                .to_owned(),
            (SaveOnly::LooksExecutable(what), true) => format!(
                "Innholdet ser ut som {what}, uansett navnet. Møtebok åpner det ikke; lagre \
                 det og åpne det bare hvis du stoler på avsenderen."
            ),
            (SaveOnly::LooksExecutable(what), false) => format!(
                "Its content looks like {what}, whatever its name. Møtebok does not open it; \
                 save it and open it only if you trust the sender."
            ),
        }
    }
}

/// Whether an attachment may be handed to the system's opener: `Err` when it is (or looks
/// like) something that runs code, judged by its extension (case-insensitive, the last one
/// counts) and by how its bytes begin (a Windows or Linux program, a script with `#!`, a
/// desktop launcher).
pub fn open_policy(name: &str, bytes: &[u8]) -> Result<(), SaveOnly> {
    let trimmed = name.trim_end_matches(['.', ' ']);
    let ext = match trimmed.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.is_empty() => ext.to_ascii_lowercase(),
        _ => return Err(SaveOnly::NoExtension),
    };
    if EXECUTABLE_EXTENSIONS.contains(&ext.as_str()) {
        return Err(SaveOnly::Executable(ext));
    }
    let head = &bytes[..bytes.len().min(4096)];
    let looks = if head.starts_with(b"MZ") {
        Some("et Windows-program / a Windows program")
    } else if head.starts_with(b"\x7fELF") {
        Some("et Linux-program / a Linux program")
    } else if head.starts_with(b"#!") {
        Some("et skript / a script")
    } else if [
        &[0xfe, 0xed, 0xfa, 0xce][..],
        &[0xfe, 0xed, 0xfa, 0xcf],
        &[0xce, 0xfa, 0xed, 0xfe],
        &[0xcf, 0xfa, 0xed, 0xfe],
        &[0xca, 0xfe, 0xba, 0xbe],
    ]
    .iter()
    .any(|magic| head.starts_with(magic))
    {
        Some("et macOS-program / a macOS program")
    } else if contains(head, b"[Desktop Entry]") {
        Some("en programstarter (.desktop) / a desktop launcher (.desktop)")
    } else {
        None
    };
    match looks {
        Some(what) => Err(SaveOnly::LooksExecutable(what)),
        None => Ok(()),
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_pass_and_paths_do_not() {
        for ok in [
            "Aktivitetsrapport.pdf",
            "Budsjett 2025 (utkast).xlsx",
            "Årsmelding – ROR.docx",
            ".hidden",
            "a..b.pdf",
        ] {
            assert_eq!(check_file_name(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            ".",
            "..",
            "../x.pdf",
            "../../.bashrc",
            "/etc/passwd",
            "C:\\Windows\\x.exe",
            "C:x.pdf",
            "\\\\server\\share\\x.pdf",
            "a/b.pdf",
            "x.pdf:stream",
            "CON",
            "nul.txt",
            "Com1.pdf",
            " x.pdf",
            "x.pdf ",
            "x.pdf.",
            "x\u{202e}fdp.exe",
            "x\nb.pdf",
            "x\0.pdf",
        ] {
            assert!(check_file_name(bad).is_err(), "{bad:?} passed");
        }
        assert!(check_file_name(&"a".repeat(256)).is_err());
        assert!(check_file_name(&"a".repeat(255)).is_ok());
    }

    #[test]
    fn review_ids_follow_their_pattern() {
        assert_eq!(check_review_id("2024-M4-20240615T101500-3f9a1c02"), Ok(()));
        assert_eq!(check_review_id("2024-M12-20240615T101500-00000000"), Ok(()));
        for bad in [
            "",
            "r-1",
            "../x",
            "/tmp/x",
            "C:\\x",
            "\\\\server\\x",
            "2024-M4-20240615T101500-3f9a1c02/../../x",
            "2024-M4-20240615T101500-3F9A1C02",
            "2024-M04-20240615T101500-3f9a1c02",
            "2024-M4-20240615T101500-3f9a1c0",
            "2024-M4-20240615-101500-3f9a1c02",
        ] {
            assert!(check_review_id(bad).is_err(), "{bad:?} passed");
        }
    }

    #[test]
    fn programs_are_saved_not_opened() {
        for name in [
            "x.exe",
            "x.EXE",
            "x.desktop",
            "x.bat",
            "x.cmd",
            "x.com",
            "x.msi",
            "x.ps1",
            "x.vbs",
            "x.js",
            "x.jar",
            "x.sh",
            "x.app",
            "x.lnk",
            "x.scr",
            "x.pdf.exe",
            "x.exe. ",
        ] {
            assert!(
                matches!(open_policy(name, b"hello"), Err(SaveOnly::Executable(_))),
                "{name}"
            );
        }
        assert_eq!(open_policy("README", b"hi"), Err(SaveOnly::NoExtension));
        assert_eq!(open_policy("rapport.pdf", b"%PDF-1.7"), Ok(()));
        assert!(open_policy("rapport.pdf", b"MZ\x90\0").is_err());
        assert!(open_policy("notat.txt", b"#!/bin/sh\nrm -rf ~").is_err());
        assert!(open_policy("bilde.png", b"\n[Desktop Entry]\nExec=sh").is_err());
        let why = open_policy("x.exe", b"").unwrap_err();
        assert!(why.reason(true).contains(".exe"));
        assert!(why.reason(false).contains("run a program"));
    }
}
