//! Errors of reading a meeting package: every problem names the field it is about.

use std::fmt;

/// One problem in a meeting package, with the path of the field it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Where the problem is, like `meeting.items[3].presenters[0]`; empty for the file as a whole
    /// (not JSON, empty, not an object).
    pub path: String,
    /// What is wrong, in words meant for the person who opened the file.
    pub message: String,
}

impl FieldError {
    /// A problem at `path`.
    #[must_use]
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for FieldError {}

/// Why a meeting package was refused: every problem found, in the order found.
/// Never empty when returned by [`read`](super::read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageError {
    /// The problems, at least one.
    pub errors: Vec<FieldError>,
}

impl PackageError {
    /// Whether some problem is about exactly `path`.
    #[must_use]
    pub fn has_path(&self, path: &str) -> bool {
        self.errors.iter().any(|e| e.path == path)
    }
}

impl fmt::Display for PackageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for PackageError {}

impl From<FieldError> for PackageError {
    fn from(e: FieldError) -> Self {
        Self { errors: vec![e] }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_prefixes_the_path_and_puts_one_error_per_line() {
        let e = PackageError {
            errors: vec![
                FieldError::new("meeting.items[3].presenters[0]", "unknown person \"x\""),
                FieldError::new("", "the file is empty"),
            ],
        };
        assert_eq!(
            e.to_string(),
            "meeting.items[3].presenters[0]: unknown person \"x\"\nthe file is empty"
        );
    }
}
