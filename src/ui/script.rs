//! A scripted run of the real app without a window, for the crash test.
//!
//! `MOTEBOK_SCRIPT=FILE motebok [--db PATH]` runs the same [`MotebokApp`] the window runs (same
//! panes, same [`crate::app::Core`], same database thread), but feeds it keystrokes from FILE
//! instead of a window, about 60 frames a second in real time. Nothing is drawn. It exists so
//! a test can type into the real program and kill it at any moment.
//!
//! Script lines (blank lines and `#` comments are skipped):
//!
//! - `log PATH`: append progress lines to PATH (flushed after each line):
//!   `typed <unix ms> <line> <chars typed so far on that line>`, `key <unix ms> <line>`,
//!   `place <meeting id> <item or -> <meeting mode 0/1>`, `mark <unix ms> <text>`.
//! - `settle`: run frames until a meeting is open and nothing is pending (at most 10 s).
//! - `pane minutes` (or `agenda`, `attendance`, `report`): bring that pane to the front.
//! - `key SPEC`: one key press, e.g. `key F5`, `key alt+ArrowRight`, `key shift+Tab`, `key Enter`.
//! - `type TEXT`: types TEXT one character a frame, `pace` milliseconds apart.
//! - `pace MS`: the time between typed characters (default 30).
//! - `wait MS`: run frames for MS milliseconds.
//! - `report`: log where the app is (`place ...`).
//! - `mark TEXT`: log TEXT with the time.
//! - `quit`: close the app normally (saving what is unsaved), as closing the window does.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use egui::{Event, Key, Modifiers};

use super::{MotebokApp, Pane};

/// Runs `script` against the database at `db` (or the default one). See the module docs.
pub fn run_script(db: Option<PathBuf>, script: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(script).map_err(|e| format!("{}: {e}", script.display()))?;
    let path = crate::app::startup::resolve_db_path(db)?;
    let (store, problem) = crate::app::startup::open_for_window(&path)?;
    let ctx = egui::Context::default();
    let cc = eframe::CreationContext::_new_kittest(ctx.clone());
    let app = MotebokApp::new(&cc, store, problem);
    let mut runner = Runner {
        ctx,
        app,
        frame: eframe::Frame::_new_kittest(),
        start: Instant::now(),
        log: None,
        pace: Duration::from_millis(30),
    };
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = line.trim_end();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
        match word {
            "log" => {
                let file = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(rest)
                    .map_err(|e| format!("{rest}: {e}"))?;
                runner.log = Some(file);
            }
            "settle" => runner.settle(),
            "pane" => {
                let pane = match rest {
                    "minutes" => Pane::Minutes,
                    "agenda" => Pane::Agenda,
                    "attendance" => Pane::Attendance,
                    "report" => Pane::Report,
                    other => return Err(format!("line {line_no}: unknown pane «{other}»")),
                };
                runner
                    .app
                    .persisted
                    .tree
                    .make_active(|_, tile| matches!(tile, egui_tiles::Tile::Pane(p) if *p == pane));
                runner.frame_with(Vec::new(), Modifiers::NONE);
            }
            "key" => {
                let (key, modifiers) = parse_key(rest)
                    .ok_or_else(|| format!("line {line_no}: unknown key «{rest}»"))?;
                let press = |pressed| Event::Key {
                    key,
                    physical_key: None,
                    pressed,
                    repeat: false,
                    modifiers,
                };
                runner.frame_with(vec![press(true), press(false)], modifiers);
                runner.write(&format!("key {} {line_no}", unix_ms()));
                runner.idle(Duration::from_millis(16));
            }
            "type" => {
                for (k, ch) in rest.chars().enumerate() {
                    runner.frame_with(vec![Event::Text(ch.to_string())], Modifiers::NONE);
                    runner.write(&format!("typed {} {line_no} {}", unix_ms(), k + 1));
                    runner.idle(runner.pace);
                }
            }
            "pace" => {
                let ms: u64 = rest
                    .parse()
                    .map_err(|_| format!("line {line_no}: pace needs milliseconds"))?;
                runner.pace = Duration::from_millis(ms);
            }
            "wait" => {
                let ms: u64 = rest
                    .parse()
                    .map_err(|_| format!("line {line_no}: wait needs milliseconds"))?;
                runner.idle(Duration::from_millis(ms));
            }
            "report" => {
                let core = &runner.app.core;
                let place = format!(
                    "place {} {} {}",
                    core.open.as_ref().map_or(-1, |o| o.id.0),
                    runner
                        .app
                        .runtime
                        .selected_item
                        .map_or_else(|| "-".to_owned(), |n| n.to_string()),
                    u8::from(runner.app.runtime.minutes.meeting_mode)
                );
                runner.write(&place);
            }
            "mark" => runner.write(&format!("mark {} {rest}", unix_ms())),
            "quit" => break,
            other => return Err(format!("line {line_no}: unknown command «{other}»")),
        }
    }
    // Dropping the app saves what is unsaved, as closing the window does.
    eframe::App::on_exit(&mut runner.app, None);
    Ok(())
}

fn unix_ms() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis())
}

/// `alt+ArrowRight`, `shift+Tab`, `ctrl+B`, `F5`, `Enter`, `1` ...
fn parse_key(spec: &str) -> Option<(Key, Modifiers)> {
    let mut modifiers = Modifiers::NONE;
    let mut parts: Vec<&str> = spec.split('+').collect();
    let name = parts.pop()?;
    for m in parts {
        match m.to_ascii_lowercase().as_str() {
            "alt" => modifiers.alt = true,
            "shift" => modifiers.shift = true,
            "ctrl" => {
                modifiers.ctrl = true;
                modifiers.command = true;
            }
            _ => return None,
        }
    }
    Some((Key::from_name(name)?, modifiers))
}

struct Runner {
    ctx: egui::Context,
    app: MotebokApp,
    frame: eframe::Frame,
    start: Instant,
    log: Option<std::fs::File>,
    pace: Duration,
}

impl Runner {
    fn frame_with(&mut self, events: Vec<Event>, _modifiers: Modifiers) {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 860.0),
            )),
            time: Some(self.start.elapsed().as_secs_f64()),
            events,
            focused: true,
            ..Default::default()
        };
        let app = &mut self.app;
        let frame = &mut self.frame;
        let mut output = self.ctx.run_ui(input, |ui| {
            eframe::App::logic(app, ui.ctx(), frame);
            eframe::App::ui(app, ui, frame);
        });
        // Nothing is drawn: the textures egui made are not needed.
        output.textures_delta.clear();
    }

    /// Runs empty frames for `time`, about 60 a second.
    fn idle(&mut self, time: Duration) {
        let until = Instant::now() + time;
        loop {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return;
            }
            std::thread::sleep(left.min(Duration::from_millis(16)));
            self.frame_with(Vec::new(), Modifiers::NONE);
        }
    }

    fn settle(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            self.idle(Duration::from_millis(16));
            if self.app.core.open.is_some() && self.app.core.is_idle() {
                return;
            }
        }
    }

    fn write(&mut self, line: &str) {
        if let Some(log) = &mut self.log {
            // A failed log write only weakens the test that reads it; the run goes on.
            let _ = writeln!(log, "{line}");
            let _ = log.flush();
        }
    }
}
