//! Where Møtebok keeps its data on this computer: the database, its backups and the signing
//! identities. Shown by `motebok paths` and in the About window.

use std::path::{Path, PathBuf};

/// The folders and files Møtebok uses, for one database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataPaths {
    /// The database file.
    pub database: PathBuf,
    /// The folder of the database's rolling backups.
    pub backups: PathBuf,
    /// The folder of the user's signing identities (`None` when the system names no config
    /// folder and `MOTEBOK_CONFIG_DIR` is not set).
    pub identities: Option<PathBuf>,
}

impl DataPaths {
    /// The paths for the database at `database` (made absolute).
    #[must_use]
    pub fn for_database(database: &Path) -> DataPaths {
        let database = std::path::absolute(database).unwrap_or_else(|_| database.to_path_buf());
        let database = database.as_path();
        DataPaths {
            database: database.to_path_buf(),
            backups: crate::store::backup_dir(database),
            identities: crate::sign::IdentityStore::default_location()
                .ok()
                .map(|s| s.dir().to_path_buf()),
        }
    }

    /// Labelled lines, one per path, in the user's language.
    #[must_use]
    pub fn lines(&self, lang: crate::i18n::Lang) -> Vec<(&'static str, String)> {
        let unknown = lang.tr("(ukjent)", "(unknown)");
        vec![
            (
                lang.tr("Database", "Database"),
                self.database.display().to_string(),
            ),
            (
                lang.tr("Sikkerhetskopier", "Backups"),
                self.backups.display().to_string(),
            ),
            (
                lang.tr("Signeringsidentiteter", "Signing identities"),
                self.identities
                    .as_ref()
                    .map_or_else(|| unknown.to_owned(), |p| p.display().to_string()),
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backups_are_beside_the_database() {
        let p = DataPaths::for_database(Path::new("/data/motebok/motebok.sqlite3"));
        assert_eq!(p.backups, Path::new("/data/motebok/backups"));
    }
}
