//! The user's language. Labels are written at the call site in both languages:
//! `lang.tr("Saksliste", "Agenda")`, so a translation never drifts from its original.

use serde::{Deserialize, Serialize};

/// A language the user interface speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    /// Norwegian Bokmål, the default.
    #[default]
    Nb,
    /// English.
    En,
}

impl Lang {
    /// Picks the text for this language.
    #[must_use]
    pub fn tr(self, nb: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Nb => nb,
            Lang::En => en,
        }
    }

    /// The language's own name, for the language menu.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Lang::Nb => "Norsk bokmål",
            Lang::En => "English",
        }
    }
}
