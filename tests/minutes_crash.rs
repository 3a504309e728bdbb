//! The crash test: the real program in a child process types into the minutes (scripted, see
//! `motebok::ui::run_script`) and is killed with SIGKILL at random moments. After every kill
//! the database passes `PRAGMA integrity_check` and holds everything typed more than one
//! second before the kill, and the next start opens the same meeting at the same item.
//!
//! `MOTEBOK_CRASH_KILLS` sets the number of kills (default 20); `MOTEBOK_CRASH_SEED` replays a
//! run (the seed is printed).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use motebok::store::Store;

/// A small deterministic random source (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `lo..hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo)
    }
}

fn unix_ms() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_millis()
}

/// What one run's log says.
#[derive(Default, Debug)]
struct Log {
    /// `place` lines: (meeting id, item, meeting mode).
    places: Vec<(i64, Option<u32>, bool)>,
    /// `key` lines: (time, script line).
    keys: Vec<(u128, usize)>,
    /// `typed` lines: (time, script line, characters typed so far on the line).
    typed: Vec<(u128, usize, usize)>,
}

fn read_log(path: &Path) -> Log {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut log = Log::default();
    for line in text.lines() {
        let w: Vec<&str> = line.split(' ').collect();
        match w.as_slice() {
            ["place", id, item, mode] => {
                log.places
                    .push((id.parse().unwrap_or(-1), item.parse().ok(), *mode == "1"));
            }
            ["key", t, n] => log.keys.push((t.parse().unwrap(), n.parse().unwrap())),
            ["typed", t, n, k] => {
                log.typed
                    .push((t.parse().unwrap(), n.parse().unwrap(), k.parse().unwrap()));
            }
            // A line cut short by the kill.
            _ => {}
        }
    }
    log
}

/// The text typed in round `round`: unique, with Norwegian letters, long enough to still be
/// typing when the kill comes.
fn round_text(rng: &mut Rng, round: usize) -> String {
    const WORDS: [&str; 10] = [
        "vedtak", "økonomi", "rådet", "ærlig", "sak", "følge", "opp", "frist", "møte", "på",
    ];
    let mut s = format!("⟨{round:02}⟩ ");
    while s.chars().count() < 170 {
        s.push_str(WORDS[rng.range(0, WORDS.len() as u64) as usize]);
        s.push(' ');
    }
    s
}

fn integrity(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).expect("open for the check");
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check runs")
}

#[test]
fn killing_the_app_at_random_moments_loses_nothing_typed_a_second_before() {
    let kills: usize = std::env::var("MOTEBOK_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let seed: u64 = std::env::var("MOTEBOK_CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| (unix_ms() as u64) | 1);
    println!("crash test seed {seed} (MOTEBOK_CRASH_SEED={seed} replays it)");
    let mut rng = Rng(seed);

    let dir = tempfile::tempdir().expect("temp dir");
    let db: PathBuf = dir.path().join("motebok.sqlite3");
    // A database with the demo meeting, as a first start makes it.
    drop(motebok::app::startup::open_for_window(&db).expect("a new database"));

    let started = Instant::now();
    let mut checked_text = 0;
    let mut checked_resume = 0;
    // What a restart must show: the place of the last round, if it was remembered in time.
    let mut expect_place: Option<(i64, u32)> = None;
    for round in 0..kills {
        let store = Store::open(&db).expect("the database opens after a kill");
        let remembered = store.work_place().expect("the place reads");
        drop(store);
        let in_meeting_mode = remembered.is_some_and(|p| p.meeting_mode);

        let log_path = dir.path().join(format!("log-{round}.txt"));
        let script_path = dir.path().join(format!("script-{round}.txt"));
        let text = round_text(&mut rng, round);
        let mut script = format!("log {}\nsettle\npane minutes\nreport\n", log_path.display());
        if !in_meeting_mode {
            script.push_str("key F5\n");
        }
        match rng.range(0, 6) {
            0 | 1 => script.push_str("key alt+ArrowRight\n"),
            2 => script.push_str("key alt+ArrowLeft\n"),
            _ => {}
        }
        script.push_str("report\nkey alt+N\n");
        let _ = writeln!(script, "pace {}", rng.range(12, 35));
        let type_line = script.lines().count() + 1;
        let _ = write!(script, "type {text}\nwait 60000\n");
        std::fs::write(&script_path, &script).unwrap();

        let mut child = Command::new(env!("CARGO_BIN_EXE_motebok"))
            .arg("--db")
            .arg(&db)
            .env("MOTEBOK_SCRIPT", &script_path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the program starts");
        std::thread::sleep(Duration::from_millis(rng.range(300, 3300)));
        let kill_ms = unix_ms();
        child.kill().expect("SIGKILL");
        child.wait().unwrap();

        // 1. The file is sound.
        assert_eq!(
            integrity(&db),
            "ok",
            "round {round}: integrity_check after the kill"
        );

        let log = read_log(&log_path);
        // 2. The restart opened where the last round left off.
        if let (Some(first), Some((meeting, item))) = (log.places.first(), expect_place) {
            assert_eq!(
                (first.0, first.1),
                (meeting, Some(item)),
                "round {round}: a restart opens the same meeting at the same item"
            );
            assert!(first.2, "round {round}: a restart reopens meeting mode");
            checked_resume += 1;
        }
        // The item typed into: the place reported after moving.
        let Some(&(meeting, Some(item), _)) = log.places.get(1) else {
            // Killed before the app got going: nothing typed, nothing to find.
            expect_place = None;
            continue;
        };
        // A move more than a second before the kill is remembered for the next start.
        let moved_early = log.keys.iter().any(|&(t, _)| t + 1000 <= kill_ms);
        expect_place = moved_early.then_some((meeting, item));

        // 3. Everything typed a second before the kill is in the database.
        let typed_early = log
            .typed
            .iter()
            .filter(|&&(t, line, _)| line == type_line && t + 1000 <= kill_ms)
            .map(|&(_, _, k)| k)
            .max()
            .unwrap_or(0);
        let store = Store::open(&db).expect("reopen");
        let record = store
            .load_meeting(motebok::store::MeetingId(meeting))
            .expect("the meeting loads");
        let notes = record
            .meeting
            .items
            .iter()
            .find(|i| i.number == item)
            .and_then(|i| i.notes.clone())
            .unwrap_or_default();
        let must_have: String = text.chars().take(typed_early).collect();
        assert!(
            notes.contains(&must_have),
            "round {round} (seed {seed}): {typed_early} characters typed a second before the \
             kill into item {item}, but the notes hold:\n{notes}\n--- expected to contain:\n{must_have}"
        );
        if typed_early > 0 {
            checked_text += 1;
        }
        drop(store);
    }
    println!(
        "{kills} kills in {:.1} s; {checked_text} checked typed text, {checked_resume} checked the restart",
        started.elapsed().as_secs_f64()
    );
    if kills >= 20 {
        assert!(
            checked_text >= kills / 3,
            "too few rounds typed for long enough: {checked_text}"
        );
        assert!(
            checked_resume >= kills / 4,
            "too few rounds checked the restart: {checked_resume}"
        );
    }
}
