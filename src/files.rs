//! Files Møtebok writes and reads outside its database: atomic writes, writes into a chosen
//! folder under a name that came from a file, bounded reads, and the private temporary folder
//! attachments and review PDFs are opened from.
//!
//! - [`write_atomic`]: the bytes go to a new temporary file beside the target (same folder, so
//!   the same file system), are flushed to disk, and the temporary file is renamed over the
//!   target. A crash, a full disk or a kill at any moment leaves either the old file or the
//!   new one, never half a file. Every file the command line and the window's exports write
//!   goes through here.
//! - [`write_into`]: [`write_atomic`] of `folder/name` after checking `name` against the file
//!   name pattern ([`crate::model::check_file_name`]), so a name from a package can never
//!   leave the folder the user chose.
//! - [`read_limited`]: reads a file only up to a size limit, refusing larger ones with a
//!   message that names the file and the limit, before reading them into memory.
//! - [`private_temp_dir`]: one folder per run, created fresh with a random name and mode 0700
//!   (only the user can list or read it), files in it 0600; [`remove_private_temp_dir`] deletes
//!   it when the window closes.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The largest PDF read from outside (a signed PDF to verify): 200 MB.
pub const MAX_PDF_BYTES: u64 = 200_000_000;

/// The largest key file read (a PKCS#12 identity): 1 MB.
pub const MAX_KEY_FILE_BYTES: u64 = 1_000_000;

/// How many times a temporary name is tried before giving up (names are random).
const TEMP_ATTEMPTS: u32 = 32;

fn random_suffix() -> String {
    format!("{:016x}", rand::random::<u64>())
}

/// Creates a new file that did not exist before (never follows or reuses an existing file or
/// link), readable and writable by the user only where the system has modes.
fn create_new_private(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Creates a new file for [`write_atomic`], with the default permissions (the umask's), since
/// it becomes the user's document.
fn create_new(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed, then
/// renamed over `path`. On any failure the temporary file is removed and `path` is as it was.
///
/// The error message names `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    write_atomic_with(path, bytes, create_new)
}

fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    create: fn(&Path) -> std::io::Result<File>,
) -> Result<(), String> {
    let fail = |e: &dyn std::fmt::Display| format!("cannot write {}: {e}", path.display());
    let Some(name) = path.file_name() else {
        return Err(fail(&"not a file name"));
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if path.is_dir() {
        return Err(fail(&"it is a folder"));
    }
    let mut attempt = 0;
    let (tmp, mut file) = loop {
        // A short prefix of the name, so a 255-byte name still leaves room for the suffix.
        let short: String = name.to_string_lossy().chars().take(40).collect();
        let tmp_name = format!(".{short}.{}.motebok-tmp", random_suffix());
        let tmp = folder.join(tmp_name);
        match create(&tmp) {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < TEMP_ATTEMPTS => {
                attempt += 1;
            }
            Err(e) => return Err(fail(&e)),
        }
    };
    let written = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            drop(file);
            std::fs::rename(&tmp, path)
        });
    if let Err(e) = written {
        // Best effort: the temporary file is ours and holds nothing anyone needs.
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(&e));
    }
    sync_folder(&folder);
    Ok(())
}

/// Makes the rename itself durable where the system allows syncing a folder.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(folder) {
        // Best effort: the file's bytes are already on disk; a failure here only means the
        // rename could be lost in a power cut, which leaves the old file.
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

/// The path `folder/name` for a `name` that came from a file: refused (with the reason) unless
/// `name` is one plain file name ([`crate::model::check_file_name`]), so the path can never
/// leave `folder`.
pub fn path_in(folder: &Path, name: &str) -> Result<PathBuf, String> {
    crate::model::check_file_name(name).map_err(|why| format!("refused to write: {why}"))?;
    let path = folder.join(name);
    // The check above already guarantees this; kept as a second lock on the same door.
    if path.parent() != Some(folder) || path.file_name() != Some(std::ffi::OsStr::new(name)) {
        return Err(format!(
            "refused to write: \"{name}\" is not a plain file name"
        ));
    }
    Ok(path)
}

/// Writes `bytes` as `folder/name` atomically; `name` is checked first ([`path_in`]).
pub fn write_into(folder: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, String> {
    let path = path_in(folder, name)?;
    write_atomic(&path, bytes)?;
    Ok(path)
}

/// Reads a whole file, refusing one larger than `max_bytes` before reading it (and one that
/// grows past it while being read). The message names the file and the limit.
pub fn read_limited(path: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    let fail = |e: &dyn std::fmt::Display| format!("cannot read {}: {e}", path.display());
    let file = File::open(path).map_err(|e| fail(&e))?;
    let meta = file.metadata().map_err(|e| fail(&e))?;
    if !meta.is_file() {
        return Err(fail(&"not a file"));
    }
    let too_big = |size: u64| {
        format!(
            "{}: the file is {size} bytes, more than the {max_bytes} bytes Møtebok reads \
             from a file of this kind",
            path.display()
        )
    };
    if meta.len() > max_bytes {
        return Err(too_big(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(&e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Like [`read_limited`], as UTF-8 text.
pub fn read_text_limited(path: &Path, max_bytes: u64) -> Result<String, String> {
    let bytes = read_limited(path, max_bytes)?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: the file is not UTF-8 text (byte {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// The private temporary folder of this run, once made.
static PRIVATE_TEMP: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Makes a new folder with mode 0700 under `parent` with a random name. Creating (not
/// reusing) it means nobody else can have prepared it or a link in its place.
fn make_private_dir(parent: &Path) -> std::io::Result<PathBuf> {
    let mut last = None;
    for _ in 0..TEMP_ATTEMPTS {
        let path = parent.join(format!("motebok-{}", random_suffix()));
        #[cfg_attr(not(unix), expect(unused_mut, reason = "only Unix sets a mode"))]
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        match builder.create(&path) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free name")))
}

/// This run's private temporary folder (made on first use under the system's temporary
/// folder): mode 0700 on systems with modes, a fresh random name, removed by
/// [`remove_private_temp_dir`].
pub fn private_temp_dir() -> Result<PathBuf, String> {
    let mut slot = PRIVATE_TEMP
        .lock()
        .map_err(|_| "the temporary folder is unavailable".to_owned())?;
    if let Some(dir) = slot.as_ref()
        && dir.is_dir()
    {
        return Ok(dir.clone());
    }
    let dir = make_private_dir(&std::env::temp_dir()).map_err(|e| {
        format!(
            "cannot make a private temporary folder in {}: {e}",
            std::env::temp_dir().display()
        )
    })?;
    *slot = Some(dir.clone());
    Ok(dir)
}

/// Writes `bytes` as `name` into a new private subfolder of [`private_temp_dir`] (each file in
/// its own, so two attachments with one name never meet), readable by the user only. `name`
/// is checked first ([`path_in`]). Returns the file's path.
pub fn write_private_temp(name: &str, bytes: &[u8]) -> Result<PathBuf, String> {
    let root = private_temp_dir()?;
    let dir = make_private_dir(&root).map_err(|e| format!("{}: {e}", root.display()))?;
    let path = path_in(&dir, name)?;
    write_atomic_with(&path, bytes, create_new_private)?;
    Ok(path)
}

/// Deletes this run's private temporary folder and everything in it (called when the window
/// closes). Returns the folder that was removed, if one was made.
pub fn remove_private_temp_dir() -> Option<PathBuf> {
    let dir = PRIVATE_TEMP.lock().ok()?.take()?;
    // Best effort: a viewer may still hold a file open on systems that forbid removing it;
    // the folder is private either way.
    let _ = std::fs::remove_dir_all(&dir);
    Some(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_atomic_write_replaces_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        std::fs::write(&path, b"old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub");
        std::fs::create_dir(&path).unwrap();
        assert!(write_atomic(&path, b"x").is_err());
        assert!(write_atomic(&dir.path().join("missing/x.pdf"), b"x").is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_name_of_255_bytes_is_written_too() {
        let dir = tempfile::tempdir().unwrap();
        let name = format!("{}.pdf", "æ".repeat(125));
        assert_eq!(name.len(), 254);
        let path = write_into(dir.path(), &name, b"x").unwrap();
        assert_eq!(std::fs::read(path).unwrap(), b"x");
    }

    #[test]
    fn names_from_files_stay_in_their_folder() {
        let dir = tempfile::tempdir().unwrap();
        for bad in ["../x", "/tmp/x", "C:\\x", "\\\\srv\\x", "..", "a/b"] {
            assert!(write_into(dir.path(), bad, b"x").is_err(), "{bad}");
        }
        let p = write_into(dir.path(), "ok.pdf", b"x").unwrap();
        assert_eq!(p, dir.path().join("ok.pdf"));
    }

    #[test]
    fn reads_are_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big");
        std::fs::write(&path, vec![b'a'; 100]).unwrap();
        assert_eq!(read_limited(&path, 100).unwrap().len(), 100);
        let e = read_limited(&path, 99).unwrap_err();
        assert!(e.contains("99 bytes"), "{e}");
    }
}
