//! The packages' metadata agrees with the program: every file the .deb ships exists, the
//! desktop entry starts the binary with the icon it installs, the macOS bundle names the
//! binary and an icon set that is there, and the icon sizes are the sizes they claim.

use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Width and height of a PNG file, from its IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn every_file_the_deb_ships_exists() {
    let toml = read("Cargo.toml");
    let deb = &toml[toml.find("[package.metadata.deb]").expect("deb metadata")..];
    let assets = &deb[deb.find("assets = [").unwrap()..];
    let assets = &assets[..assets.find("\n]").unwrap()];
    let mut sources = 0;
    for line in assets.lines().filter(|l| l.trim_start().starts_with("[\"")) {
        let source = line.trim_start().trim_start_matches("[\"");
        let source = &source[..source.find('"').unwrap()];
        sources += 1;
        if source.starts_with("target/") {
            continue; // built by cargo
        }
        assert!(
            Path::new(ROOT).join(source).is_file(),
            "the .deb ships {source}, which is missing"
        );
    }
    assert!(
        sources >= 12,
        "binary, desktop entry, 9 icons and the README: {sources} assets"
    );
}

#[test]
fn the_desktop_entry_starts_the_binary_with_the_installed_icon() {
    let entry = read("packaging/linux/motebok.desktop");
    let field = |key: &str| {
        entry
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}=")))
            .unwrap_or_else(|| panic!("no {key}= in the desktop entry"))
            .to_owned()
    };
    assert_eq!(
        field("Exec").split_whitespace().next(),
        Some(env!("CARGO_PKG_NAME"))
    );
    assert_eq!(field("Icon"), "motebok");
    assert_eq!(field("Type"), "Application");
    // The window's app id (ui::run_window) is what desktops match the entry by.
    assert_eq!(field("StartupWMClass"), "motebok");
    assert!(read("Cargo.toml").contains("usr/share/icons/hicolor/256x256/apps/motebok.png"));
}

#[test]
fn the_icon_sizes_are_the_sizes_they_claim() {
    for size in [16, 24, 32, 48, 64, 128, 256, 512] {
        let bytes = std::fs::read(Path::new(ROOT).join(format!("assets/icons/motebok-{size}.png")))
            .unwrap();
        assert_eq!(png_size(&bytes), (size, size), "motebok-{size}.png");
    }
    // The ICO directory lists its images; each is a PNG of the size its entry gives.
    let ico = std::fs::read(Path::new(ROOT).join("assets/icons/motebok.ico")).unwrap();
    assert_eq!(&ico[..4], &[0, 0, 1, 0], "ICO header");
    let count = usize::from(u16::from_le_bytes([ico[4], ico[5]]));
    let mut sizes = Vec::new();
    for i in 0..count {
        let e = &ico[6 + 16 * i..6 + 16 * (i + 1)];
        let side = if e[0] == 0 { 256 } else { u32::from(e[0]) };
        let len = u32::from_le_bytes(e[8..12].try_into().unwrap()) as usize;
        let at = u32::from_le_bytes(e[12..16].try_into().unwrap()) as usize;
        assert_eq!(png_size(&ico[at..at + len]), (side, side));
        sizes.push(side);
    }
    assert_eq!(sizes, [16, 24, 32, 48, 64, 256]);
    let icns = std::fs::read(Path::new(ROOT).join("assets/icons/motebok.icns")).unwrap();
    assert_eq!(&icns[..4], b"icns");
    assert_eq!(
        u32::from_be_bytes(icns[4..8].try_into().unwrap()) as usize,
        icns.len()
    );
}

#[test]
fn the_macos_bundle_names_the_binary_and_its_icon_set() {
    let plist = read("packaging/macos/Info.plist");
    let value = |key: &str| {
        let at = plist
            .find(&format!("<key>{key}</key>"))
            .unwrap_or_else(|| panic!("no {key}"));
        let rest = &plist[at..];
        let start = rest.find("<string>").unwrap() + "<string>".len();
        rest[start..start + rest[start..].find("</string>").unwrap()].to_owned()
    };
    assert_eq!(value("CFBundleExecutable"), env!("CARGO_PKG_NAME"));
    assert_eq!(
        value("CFBundleShortVersionString"),
        "@VERSION@",
        "filled in by bundle.sh"
    );
    let icon = value("CFBundleIconFile");
    assert!(
        Path::new(ROOT).join("assets/icons").join(&icon).is_file(),
        "{icon} is missing"
    );
    assert!(read("packaging/macos/bundle.sh").contains(&format!("assets/icons/{icon}")));
}
