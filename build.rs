//! Build script: on Windows targets, embeds the application icon and version information
//! (from Cargo.toml) in `motebok.exe`. Other targets need nothing and it does nothing.
//!
//! The resource script is compiled with GNU `windres` (MinGW: `x86_64-w64-mingw32-windres`
//! when cross-compiling from Linux, `windres` on Windows) into an object linked into the
//! binary. MSVC targets are built without the resources (a warning says so).

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icons/motebok.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    if std::env::var("CARGO_CFG_TARGET_ENV").as_deref() != Ok("gnu") {
        println!(
            "cargo:warning=Windows resources (icon, version) are only embedded for -gnu targets"
        );
        return;
    }
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let manifest_dir = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let rc = out_dir.join("motebok.rc");
    std::fs::write(
        &rc,
        resource_script(&manifest_dir.join("assets/icons/motebok.ico")),
    )
    .expect("write the resource script");
    let object = out_dir.join("motebok-resources.o");
    let windres = windres();
    let status = Command::new(&windres)
        .arg("--codepage=65001")
        .arg("--input-format=rc")
        .arg("--output-format=coff")
        .arg("-i")
        .arg(&rc)
        .arg("-o")
        .arg(&object)
        .status()
        .unwrap_or_else(|e| panic!("cannot run {windres} (install MinGW binutils): {e}"));
    assert!(status.success(), "{windres} failed on {}", rc.display());
    // An object file given to the linker is linked whole, resources included.
    println!("cargo:rustc-link-arg-bins={}", object.display());
}

/// The windres program for the target: the MinGW cross tool when it is on the PATH.
fn windres() -> String {
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    let cross = format!("{arch}-w64-mingw32-windres");
    let found = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(&cross).is_file()));
    if found { cross } else { "windres".to_owned() }
}

/// The resource script: icon, then version information in Norwegian Bokmål (0x0414), UTF-16.
fn resource_script(icon: &Path) -> String {
    let version = std::env::var("CARGO_PKG_VERSION").expect("cargo sets the version");
    let mut parts: Vec<u16> = version
        .split(['.', '-', '+'])
        .take(3)
        .map(|p| p.parse().unwrap_or(0))
        .collect();
    parts.resize(4, 0);
    let numeric = parts
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let description = std::env::var("CARGO_PKG_DESCRIPTION").unwrap_or_default();
    let license = std::env::var("CARGO_PKG_LICENSE").unwrap_or_default();
    let icon = icon.display().to_string().replace('\\', "/");
    format!(
        r#"#pragma code_page(65001)
1 ICON "{icon}"
1 VERSIONINFO
FILEVERSION {numeric}
PRODUCTVERSION {numeric}
FILEFLAGSMASK 0x3f
FILEFLAGS 0
FILEOS 0x40004
FILETYPE 1
FILESUBTYPE 0
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "041404B0"
    BEGIN
      VALUE "CompanyName", "Møtebok"
      VALUE "FileDescription", "Møtebok"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "motebok"
      VALUE "LegalCopyright", "Licence: {license}"
      VALUE "OriginalFilename", "motebok.exe"
      VALUE "ProductName", "Møtebok"
      VALUE "ProductVersion", "{version}"
      VALUE "Comments", "{description}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x0414, 1200
  END
END
"#
    )
}
