//! The start-up image: a cache file beside the database that holds the catalog as loaded
//! (films, quality votes, search and series indexes, the embedding space), so that a large
//! catalog starts without reading every row of SQLite and checking every cached vector.
//!
//! The database is the truth; the image is only used while it provably matches it. Before
//! the catalog is read for an image, a fresh token is written to the database's `meta` table
//! (key [`TOKEN_KEY`]); triggers (schema 4) delete that key on any change to films,
//! popularity or cached vectors. The image carries the token, this build's stamp and the
//! model directory, and every section carries a CRC-32: an image whose token is no longer in
//! the database, or that was written by another build, or that is damaged, is not used, and
//! the catalog is read from SQLite as before. Images are written only for catalogs of at
//! least `[startup] image_from` films (default [`FROM_FILMS`]), after the space was built
//! from the cache alone.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

pub mod codec;
mod films;

use codec::{In, Kind, Out, Section, bad};

use crate::embed::MoodSpace;
use crate::embed::space::SpaceParts;
use crate::model::Film;
use crate::recommend::series::SeriesIndex;
use crate::search::Haystack;

/// Catalogs from this many films on get a start-up image.
pub const FROM_FILMS: usize = 50_000;

/// The `meta` key holding the token of the image that matches the database.
pub const TOKEN_KEY: &str = "startup_image";

/// Set to stop an image being written (the program is quitting).
static CANCEL: AtomicBool = AtomicBool::new(false);
/// Images being written now.
static WRITING: AtomicUsize = AtomicUsize::new(0);

/// Where the image of the database at `db` lives: beside it.
pub fn path_for(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push("-image");
    PathBuf::from(p)
}

/// This build: the version and the executable's size and modification time, so an image
/// written by another build (whose loading code may differ) is never read. `None` when the
/// executable cannot be examined; images are then not used.
pub fn stamp() -> Option<String> {
    static STAMP: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    STAMP
        .get_or_init(|| {
            let meta = std::env::current_exe().and_then(std::fs::metadata).ok()?;
            let modified = meta
                .modified()
                .ok()?
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?;
            Some(format!(
                "nightreel {} format 1 exe {} {}",
                env!("CARGO_PKG_VERSION"),
                meta.len(),
                modified.as_nanos()
            ))
        })
        .clone()
}

/// A token no other image has had.
pub fn new_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    h.write_u128(now.as_nanos());
    h.write_u32(std::process::id());
    format!("{:016x}{:08x}", h.finish(), std::process::id())
}

/// What an image holds, read back.
pub struct Loaded {
    pub films: Vec<Film>,
    /// Most votes per film, by film id (the quality prior's input).
    pub votes: Vec<(i64, u64)>,
    pub hay: Haystack,
    pub series: SeriesIndex,
    /// The space's parts, when asked for and present.
    pub space: Option<SpaceParts>,
}

/// The model an image's space was built with: the configured directory, or "" for the
/// built-in model.
pub fn model_key(model_dir: Option<&Path>) -> String {
    model_dir
        .map(|d| d.display().to_string())
        .unwrap_or_default()
}

/// Reads the image at `path` if it was written for `token` by this build with the model
/// `model`, and its films' ids span `bounds` (the database's now: films another program
/// added leave the token in place but move the bounds); films are decoded on two threads,
/// and `progress` hears (films done, total).
pub fn read(
    path: &Path,
    token: &str,
    model: &str,
    bounds: Option<(i64, i64)>,
    want_space: bool,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> io::Result<Loaded> {
    let stamp = stamp().ok_or_else(|| bad("this executable cannot be examined"))?;
    let file = File::open(path)?;
    let table = codec::table(&file)?;
    let find = |k: Kind| table.iter().filter(move |s| s.kind == k);
    let one = |k: Kind| find(k).next().ok_or_else(|| bad("a section is missing"));
    let meta = codec::read(&file, one(Kind::Meta)?)?;
    let mut r = In::new(&meta);
    if r.str()? != token || r.str()? != stamp || r.str()? != model {
        return Err(bad("written for another database state, build or model"));
    }
    let n = usize::try_from(r.u64()?).map_err(|_| bad("too many films"))?;
    let held = (r.i64()?, r.i64()?);
    if n == 0 || Some(held) != bounds {
        return Err(bad("the database's films are not the image's"));
    }
    let names = films::names(&codec::read(&file, one(Kind::Names)?)?)?;
    let blocks: Vec<&Section> = find(Kind::Films).collect();
    if blocks.len() != n.div_ceil(films::BLOCK) {
        return Err(bad("film blocks are missing"));
    }
    let (lower, upper) = blocks.split_at(blocks.len() / 2);
    let done = AtomicUsize::new(0);
    // The lower half decodes into the whole catalog's vector, the upper half beside it.
    let decode = |part: &[&Section], room: usize| -> io::Result<Vec<Film>> {
        let mut films = Vec::with_capacity(room);
        crate::heap::advise_huge(films.spare_capacity_mut());
        let mut buf = Vec::new();
        for s in part {
            let before = films.len();
            codec::read_reusing(&file, s, &mut buf)?;
            films::block(&buf, &names, &mut films)?;
            let d = done.fetch_add(films.len() - before, Ordering::Relaxed);
            progress(d + films.len() - before, n);
        }
        Ok(films)
    };
    let (first, rest) = std::thread::scope(|s| {
        let other = s.spawn(|| -> io::Result<_> {
            let films = decode(upper, upper.len() * films::BLOCK)?;
            let series = SeriesIndex::read_image(&codec::read(&file, one(Kind::Series)?)?, n)?;
            let space = match (want_space, one(Kind::Terms), one(Kind::Matrix)) {
                (true, Ok(t), Ok(m)) => Some(SpaceParts::read(&file, t, m, n)?),
                _ => None,
            };
            Ok((films, series, space))
        });
        let mine = (|| -> io::Result<_> {
            let films = decode(lower, n)?;
            let hay = Haystack::read_image(&codec::read(&file, one(Kind::Search)?)?)?;
            let votes = In::new(&codec::read(&file, one(Kind::Votes)?)?).pods::<[i64; 2]>()?;
            Ok((films, hay, votes))
        })();
        (mine, other.join())
    });
    let (mut all, hay, votes) = first?;
    let (upper, series, space) = rest.unwrap_or_else(|p| std::panic::resume_unwind(p))?;
    all.extend(upper);
    let ids_agree = all.len() == n
        && hay.len() == n
        && all.iter().zip(&hay.film_ids).all(|(f, &id)| f.id == id)
        && all.windows(2).all(|w| w[0].id < w[1].id);
    if !ids_agree {
        return Err(bad("the films and the search index disagree"));
    }
    Ok(Loaded {
        films: all,
        votes: votes.into_iter().map(|[id, v]| (id, v as u64)).collect(),
        hay,
        series,
        space,
    })
}

/// What the next image will hold: the catalog as loaded after its token was written, shared
/// with the library; the space comes when it is built.
pub struct Pending {
    pub path: PathBuf,
    pub token: String,
    pub model: String,
    pub films: Arc<Vec<Film>>,
    pub votes: Arc<Vec<(i64, u64)>>,
    pub hay: Arc<Haystack>,
    pub series: Arc<SeriesIndex>,
}

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pending")
            .field("path", &self.path)
            .field("films", &self.films.len())
            .finish()
    }
}

/// Counts an image being written while it lives.
struct Writing;

impl Writing {
    fn start() -> Writing {
        WRITING.fetch_add(1, Ordering::SeqCst);
        Writing
    }
}

impl Drop for Writing {
    fn drop(&mut self) {
        WRITING.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A partial image older than this was left by a process that died while writing it.
const ABANDONED: Duration = Duration::from_secs(600);

impl Pending {
    /// Writes the image (to a partial file, then renamed into place) unless the program is
    /// quitting ([`stop_writing`]). Another process writing the same image at the moment is
    /// left to it.
    pub fn write(&self, space: &MoodSpace) -> io::Result<()> {
        self.write_cancellable(space, &CANCEL)
    }

    /// [`Pending::write`], stopped (`Interrupted`, the partial file removed) once `cancel`
    /// is set.
    pub fn write_cancellable(&self, space: &MoodSpace, cancel: &AtomicBool) -> io::Result<()> {
        let _writing = Writing::start();
        let stamp = stamp().ok_or_else(|| bad("this executable cannot be examined"))?;
        let mut partial = self.path.as_os_str().to_owned();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        if let Err(e) = crate::paths::create_private_file(&partial) {
            let stale = std::fs::metadata(&partial)
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > ABANDONED));
            if e.kind() != io::ErrorKind::AlreadyExists || !stale {
                return Err(e);
            }
            std::fs::remove_file(&partial)?;
            crate::paths::create_private_file(&partial)?;
        }
        let result = (|| {
            let file = std::fs::OpenOptions::new().write(true).open(&partial)?;
            let out = self.write_to(Out::new(file, cancel)?, &stamp, space)?;
            out.finish()?;
            std::fs::rename(&partial, &self.path)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        result
    }

    fn write_to<'a>(
        &self,
        mut out: Out<'a>,
        stamp: &str,
        space: &MoodSpace,
    ) -> io::Result<Out<'a>> {
        out.begin(Kind::Meta)?;
        out.str(&self.token)?;
        out.str(stamp)?;
        out.str(&self.model)?;
        out.u64(self.films.len() as u64)?;
        let first = self.films.first().map_or(0, |f| f.id);
        let last = self.films.last().map_or(0, |f| f.id);
        out.u64(first as u64)?;
        out.u64(last as u64)?;
        out.end();
        films::write(&mut out, &self.films)?;
        out.begin(Kind::Votes)?;
        let votes: Vec<[i64; 2]> = (self.votes.iter())
            .map(|&(id, v)| [id, i64::try_from(v).unwrap_or(i64::MAX)])
            .collect();
        out.pods(&votes)?;
        out.end();
        out.begin(Kind::Search)?;
        self.hay.write_image(&mut out)?;
        out.end();
        out.begin(Kind::Series)?;
        self.series.write_image(&mut out)?;
        out.end();
        space.write_image(&mut out)?;
        Ok(out)
    }
}

/// Stops images being written (their partial files are removed) and waits a moment for them
/// to stop: called when the program quits.
pub fn stop_writing() {
    CANCEL.store(true, Ordering::SeqCst);
    let started = std::time::Instant::now();
    while WRITING.load(Ordering::SeqCst) > 0 && started.elapsed() < Duration::from_millis(500) {
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[cfg(test)]
mod tests;
