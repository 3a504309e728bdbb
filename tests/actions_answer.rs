//! Every action answers, and a new action's answer replaces the last one's: an export that
//! fails says so; the next export's message replaces that error, so an old message is never
//! taken for the answer to a new action.

mod common;

use motebok::app::{Command, NoticeLevel};
use motebok::i18n::Lang;

#[test]
fn a_new_action_replaces_the_last_ones_message() {
    let (mut h, path) = common::app_harness_at();
    let dir = path.parent().expect("the database's folder").to_path_buf();

    // A folder that does not exist: the export fails, and says where.
    let bad = dir.join("finnes-ikke").join("møte.motebok.json");
    h.state_mut().core.run(vec![Command::Export(bad.clone())]);
    common::settle(&mut h);
    let notices = &h.state().core.notices;
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0].level, NoticeLevel::Error);
    assert!(notices[0].detail.contains("finnes-ikke"), "{notices:?}");

    // The next export: its answer alone is shown, in the user's language.
    let good = dir.join("møte.motebok.json");
    h.state_mut().core.run(vec![Command::Export(good.clone())]);
    common::settle(&mut h);
    let notices = &h.state().core.notices;
    assert_eq!(notices.len(), 1, "the old error is gone: {notices:?}");
    assert_eq!(notices[0].level, NoticeLevel::Info);
    assert_eq!(
        notices[0].title.text(Lang::En),
        "The meeting package is exported"
    );
    assert!(good.exists());
}
