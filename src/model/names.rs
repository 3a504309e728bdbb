//! Person names: Norwegian sorting and the two ways a name is written.

use std::cmp::Ordering;

/// A sort key that orders Norwegian text the way a Norwegian reader expects:
/// case-insensitive, with æ, ø, å after z (in that order), and accented Latin letters
/// (é, ü, ...) beside their base letter.
#[must_use]
pub fn sort_key(text: &str) -> Vec<u32> {
    let mut key = Vec::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let k = match c {
            'æ' | 'ä' => u32::from('z') + 1,
            'ø' | 'ö' => u32::from('z') + 2,
            'å' => u32::from('z') + 3,
            'é' | 'è' | 'ê' => u32::from('e'),
            'á' | 'à' | 'â' => u32::from('a'),
            'ó' | 'ò' | 'ô' => u32::from('o'),
            'ü' | 'ú' => u32::from('u'),
            'í' => u32::from('i'),
            'ç' => u32::from('c'),
            'ñ' => u32::from('n'),
            other => u32::from(other),
        };
        key.push(k);
    }
    key
}

/// Compares two texts in Norwegian order (see [`sort_key`]); ties are broken by the raw text.
#[must_use]
pub fn norwegian_cmp(a: &str, b: &str) -> Ordering {
    sort_key(a).cmp(&sort_key(b)).then_with(|| a.cmp(b))
}

/// Turns a list name "Surname, Given names" into running text "Given names Surname".
/// A name without a comma is returned as it is.
#[must_use]
pub fn display_name(list_name: &str) -> String {
    match list_name.split_once(',') {
        Some((surname, given)) if !given.trim().is_empty() => {
            format!("{} {}", given.trim(), surname.trim())
        }
        _ => list_name.trim().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_letters_sort_after_z() {
        let mut names = vec!["Åsen", "Ørsta", "Zahl", "Ærø", "Aasen", "Berg"];
        names.sort_by(|a, b| norwegian_cmp(a, b));
        assert_eq!(names, ["Aasen", "Berg", "Zahl", "Ærø", "Ørsta", "Åsen"]);
    }

    #[test]
    fn sorting_ignores_case() {
        let mut names = vec!["berg", "Aasen", "Berge"];
        names.sort_by(|a, b| norwegian_cmp(a, b));
        assert_eq!(names, ["Aasen", "berg", "Berge"]);
    }

    #[test]
    fn display_name_puts_given_names_first() {
        assert_eq!(display_name("Gjørtz, Fred"), "Fred Gjørtz");
        assert_eq!(
            display_name("Aasen, Marianne Stokkereit"),
            "Marianne Stokkereit Aasen"
        );
        assert_eq!(display_name("Madonna"), "Madonna");
    }
}
