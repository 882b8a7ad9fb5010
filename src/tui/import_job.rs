//! An import started from the TUI: typed as "FORMAT PATH", run on its own thread and
//! connection, reported back as progress and a summary.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

use super::action::Action;
use super::app::{App, Mode};
use crate::config::Config;
use crate::import::{Format, Summary};
use crate::store::Store;
use crate::time::Clock;

/// What the import thread reports.
enum Msg {
    Progress(u64, u64),
    Done(Result<Summary, String>),
}

/// A running import.
pub struct ImportJob {
    /// "letterboxd ~/export.zip", for the gauge.
    pub label: String,
    pub done: u64,
    pub total: u64,
    rx: Receiver<Msg>,
    /// The sending end, held only by a job that stands still ([`ImportJob::standing`]).
    _hold: Option<Sender<Msg>>,
}

/// Reads "FORMAT PATH" (the formats of `nightreel import`; `~/` is the home folder).
pub fn parse_request(text: &str) -> Result<(Format, PathBuf), String> {
    let text = text.trim();
    let (format, path) = text.split_once(' ').unwrap_or((text, ""));
    let format = match format.to_ascii_lowercase().as_str() {
        "letterboxd" => Format::Letterboxd,
        "tmdb" => Format::Tmdb,
        "movielens" => Format::Movielens,
        "imdb" => Format::Imdb,
        "json" => Format::Json,
        other => {
            return Err(format!(
                "\"{other}\" is not a format: letterboxd, tmdb, movielens, imdb or json"
            ));
        }
    };
    let path = unquote(path.trim());
    if path.is_empty() {
        return Err("type the format, a space and the path".into());
    }
    let path = match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    };
    Ok((format, path))
}

/// A path as a terminal pastes a dropped file: in quotes ('/my exports/x.zip'), or with
/// its spaces escaped (/my\ exports/x.zip) when no file has the name as typed.
fn unquote(path: &str) -> String {
    for q in ['\'', '"'] {
        if let Some(inner) = path.strip_prefix(q).and_then(|p| p.strip_suffix(q)) {
            return inner.to_string();
        }
    }
    if path.contains("\\ ") && !std::path::Path::new(path).exists() {
        return path.replace("\\ ", " ");
    }
    path.to_string()
}

impl ImportJob {
    /// Starts importing `path` into the database at `db` on a new thread. After a
    /// successful import of a large catalog (see `[startup] image_from` in `config`) the
    /// thread computes the new films' vectors and writes the start-up image, as `nightreel
    /// import` does, before it reports: the reload that follows finds the vectors cached,
    /// and the next start reads the image.
    pub fn start(
        db: PathBuf,
        format: Format,
        path: PathBuf,
        label: String,
        config: &Config,
        clock: Clock,
    ) -> ImportJob {
        let config = config.clone();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let progress_tx = tx.clone();
            let mut last = u64::MAX;
            let mut progress = move |done: u64, total: u64| {
                // Only whole-percent steps reach the UI.
                let pct = done.saturating_mul(100) / total.max(1);
                if pct != last {
                    last = pct;
                    let _ = progress_tx.send(Msg::Progress(done, total));
                }
            };
            let result = Store::open(&db)
                .and_then(|(mut store, _)| {
                    crate::import::run(&mut store, format, &path, clock.now(), &mut progress)
                })
                .map_err(|e| e.to_string());
            if result.is_ok() {
                // The import stands whatever happens here; without an image the next start
                // reads the database and writes it.
                match crate::library::prepare_image(&db, &config, clock, &mut |_, _| {}) {
                    Ok(done) => tracing::debug!("start-up image after the import: {done:?}"),
                    Err(e) => tracing::info!("start-up image not written after the import: {e}"),
                }
            }
            let _ = tx.send(Msg::Done(result));
        });
        ImportJob {
            label,
            done: 0,
            total: 0,
            rx,
            _hold: None,
        }
    }

    /// A job that stays at `done` of `total` and never finishes: what the gauge shows
    /// mid-import, for the view tests.
    #[doc(hidden)]
    pub fn standing(label: String, done: u64, total: u64) -> ImportJob {
        let (tx, rx) = channel();
        ImportJob {
            label,
            done,
            total,
            rx,
            _hold: Some(tx),
        }
    }

    /// Takes what the thread reported; `Some` once it has finished.
    pub fn poll(&mut self) -> Option<Result<Summary, String>> {
        loop {
            match self.rx.try_recv() {
                Ok(Msg::Progress(d, t)) => (self.done, self.total) = (d, t),
                Ok(Msg::Done(r)) => return Some(r),
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => {
                    return Some(Err("the import stopped unexpectedly".into()));
                }
            }
        }
    }

    /// How far it is, 0 to 1.
    pub fn ratio(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            (self.done as f64 / self.total as f64).clamp(0.0, 1.0)
        }
    }
}

/// One status line for a finished import.
pub fn describe(s: &Summary) -> String {
    // Rows add up (read = imported + updated + skipped); the films added are counted apart
    // (a film can have several rows).
    let updated = if s.updated > 0 {
        format!(", {} updated", s.updated)
    } else {
        String::new()
    };
    let mut line = format!(
        "read {} rows: {} imported{updated}, {} skipped · {} added to the catalog",
        s.read,
        s.imported,
        s.skipped,
        crate::text::plural(s.created, "film")
    );
    if let Some(e) = s.errors.first() {
        line.push_str(&format!(
            " · {} unreadable; first: line {}: {}",
            s.errors.len(),
            e.line,
            e.reason
        ));
    }
    line
}

/// The import prompt and the background job, as `App` state changes (called from
/// `App::update`).
impl App {
    pub(super) fn update_import(&mut self, action: Action) {
        let Some(text) = self.import_form.as_mut() else {
            return;
        };
        match action {
            Action::Input(c) => {
                text.insert(c);
                self.import_error = None;
            }
            Action::Paste(pasted) => {
                text.insert_str(&pasted);
                self.import_error = None;
            }
            Action::Backspace => {
                text.backspace();
                self.import_error = None;
            }
            Action::Edit(e) => {
                // A cursor that only moved changes nothing else.
                let changed = text.edit(e);
                if changed {
                    self.import_error = None;
                }
            }
            Action::Back => {
                self.import_form = None;
                self.import_error = None;
            }
            Action::Quit => self.quit = true,
            Action::Select => match parse_request(text) {
                Err(e) => {
                    self.import_error = Some(e.clone());
                    self.status = e;
                }
                Ok((format, path)) => {
                    let Some(db) = self.lib.store().path().map(|p| p.to_path_buf()) else {
                        self.status = "imports need a database file".into();
                        return;
                    };
                    let label = text.trim().to_string();
                    self.import_form = None;
                    self.import_error = None;
                    self.status = format!("importing {label}…");
                    self.import_job = Some(ImportJob::start(
                        db,
                        format,
                        path,
                        label,
                        &self.lib.config,
                        self.lib.clock,
                    ));
                }
            },
            _ => {}
        }
    }

    /// Takes the background import's news; when it is done, reloads and re-ranks.
    pub(super) fn poll_import(&mut self) {
        let Some(done) = self.import_job.as_mut().and_then(ImportJob::poll) else {
            return;
        };
        let Some(job) = self.import_job.take() else {
            return;
        };
        match done {
            Ok(summary) => {
                if let Err(e) = self.lib.reload() {
                    self.status = format!("imported, but reloading failed: {e}");
                    return;
                }
                self.apply_mood();
                self.status = describe(&summary);
            }
            Err(e) => {
                // The prompt again, with what was typed and the whole reason: the footer
                // line would cut it after the path.
                let why = format!("import failed, nothing was changed: {e}");
                self.status = why.clone();
                if matches!(
                    self.mode(),
                    Mode::Browse | Mode::Diary | Mode::Stats | Mode::Watchlist
                ) {
                    self.import_form = Some(job.label.into());
                    self.import_error = Some(why);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_line_adds_up() {
        let s = Summary {
            read: 1374,
            imported: 846,
            updated: 3,
            matched: 653,
            created: 463,
            skipped: 525,
            ..Summary::default()
        };
        assert_eq!(
            describe(&s),
            "read 1374 rows: 846 imported, 3 updated, 525 skipped · 463 films added to the catalog"
        );
    }

    /// An import from the TUI into a catalog at or above `image_from` leaves the start-up
    /// image written (and the new film in it): the next start reads it instead of the
    /// database.
    #[test]
    fn an_import_of_a_large_catalog_writes_the_start_up_image() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("n.db");
        let (mut store, _) = Store::open(&db).unwrap();
        crate::catalog::ensure_seeded(&mut store).unwrap();
        drop(store);
        let diary = dir.path().join("diary.csv");
        std::fs::write(
            &diary,
            "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n\
             2026-11-01,A Film Nobody Catalogued,2019,,4,,,2026-11-01\n",
        )
        .unwrap();
        let config = Config {
            image_from: Some(1000),
            ..Config::default()
        };
        let clock = Clock::from_option(Some("2026-12-02T23:30:00+01:00")).unwrap();
        let image = crate::image::path_for(&db);
        assert!(!image.exists());
        let mut job = ImportJob::start(
            db.clone(),
            Format::Letterboxd,
            diary,
            "letterboxd diary.csv".into(),
            &config,
            clock,
        );
        let summary = loop {
            if let Some(done) = job.poll() {
                break done.unwrap();
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        assert_eq!(summary.created, 1, "{summary:?}");
        assert!(image.exists(), "no start-up image after the import");
        let (store, _) = Store::open(&db).unwrap();
        let (lib, _, timings) =
            crate::library::Library::load(store, config, clock, &|_| {}, true).unwrap();
        assert!(timings.image, "the next start did not read the image");
        assert!(
            lib.films()
                .iter()
                .any(|f| f.title.as_str() == "A Film Nobody Catalogued")
        );
    }

    #[test]
    fn requests() {
        let (f, p) = parse_request("letterboxd /tmp/export.zip").unwrap();
        assert_eq!(
            (f, p),
            (Format::Letterboxd, PathBuf::from("/tmp/export.zip"))
        );
        let (f, p) = parse_request("  IMDB  /data/title basics.tsv ").unwrap();
        assert_eq!(
            (f, p),
            (Format::Imdb, PathBuf::from("/data/title basics.tsv"))
        );
        assert!(
            parse_request("netflix x.csv")
                .unwrap_err()
                .contains("not a format")
        );
        assert!(parse_request("tmdb").is_err());
        // Dropped on the terminal: quoted, or with escaped spaces.
        for dropped in [
            "letterboxd '/my exports/lb.zip'",
            "letterboxd \"/my exports/lb.zip\"",
            "letterboxd /my\\ exports/lb.zip",
        ] {
            let (_, p) = parse_request(dropped).unwrap();
            assert_eq!(p, PathBuf::from("/my exports/lb.zip"), "{dropped}");
        }
        assert!(parse_request("json ''").is_err());
    }
}
