//! The files of a Letterboxd export: finding them in a folder, a .zip or alone, and the
//! film URIs they carry.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};
use crate::import::table::Source;

/// The files of an export, by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Kind {
    Watched,
    Diary,
    Reviews,
    Ratings,
    Likes,
    Watchlist,
    /// A diary row without a date: seen, but not when (never a file of its own).
    Undated,
}

/// The order files are applied in: films first, then viewings, then what attaches to them.
pub(super) const ORDER: [Kind; 6] = [
    Kind::Watched,
    Kind::Diary,
    Kind::Reviews,
    Kind::Ratings,
    Kind::Likes,
    Kind::Watchlist,
];

fn kind_of(member: &str) -> Option<Kind> {
    let m = member.replace('\\', "/").to_ascii_lowercase();
    // Deleted and orphaned entries are not part of the history, and lists are named by the
    // user (a list called "Diary" is `lists/diary.csv`, with a header block of its own).
    let folders = m.split('/').rev().skip(1);
    if folders
        .into_iter()
        .any(|f| matches!(f, "deleted" | "orphaned" | "lists"))
    {
        return None;
    }
    let name = m.rsplit('/').next().unwrap_or(&m);
    // likes/ holds the films liked, and other people's reviews and lists the user liked
    // (likes/reviews.csv is not the user's reviews).
    let liked = m.split('/').rev().nth(1) == Some("likes");
    if liked && name != "films.csv" {
        return None;
    }
    match name {
        "diary.csv" => Some(Kind::Diary),
        "reviews.csv" => Some(Kind::Reviews),
        "ratings.csv" => Some(Kind::Ratings),
        "watched.csv" => Some(Kind::Watched),
        "watchlist.csv" => Some(Kind::Watchlist),
        "films.csv" if m.ends_with("likes/films.csv") => Some(Kind::Likes),
        _ => None,
    }
}

/// The members of a zip may not grow past this in all when unpacked (they are held in memory;
/// a real export is a few MiB, a zip bomb is refused before it fills the memory).
const MAX_UNPACKED: u64 = 512 << 20;

/// The export files directly in a folder.
fn in_folder(dir: &Path) -> Result<Vec<(Kind, Source)>> {
    // A folder that cannot be listed says so (rather than "holds none of …").
    std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut found = Vec::new();
    for rel in [
        "diary.csv",
        "reviews.csv",
        "ratings.csv",
        "watched.csv",
        "watchlist.csv",
        "likes/films.csv",
    ] {
        let p = dir.join(rel);
        if let (true, Some(k)) = (p.is_file(), kind_of(rel)) {
            found.push((k, Source::file(&p)?));
        }
    }
    Ok(found)
}

/// The export files in a folder, in the one export zip it holds (`letterboxd-….zip`), or in its
/// one subfolder that holds them (an export unpacked with its top folder:
/// `export/letterboxd-user-2026-12-01-10-00-utc/diary.csv`).
fn folder(dir: &Path) -> Result<Vec<(Kind, Source)>> {
    let found = in_folder(dir)?;
    if !found.is_empty() {
        return Ok(found);
    }
    let entries: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    // The downloaded zip itself, still in its folder (`~/Downloads/letterboxd-user-….zip`).
    let mut zips: Vec<&std::path::PathBuf> = entries
        .iter()
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().to_ascii_lowercase());
            name.is_some_and(|n| n.starts_with("letterboxd-") && n.ends_with(".zip")) && p.is_file()
        })
        .collect();
    zips.sort();
    match zips.as_slice() {
        [one] => return unzip(one, MAX_UNPACKED),
        [_, _, ..] => {
            let names: Vec<String> = zips.iter().map(|p| p.display().to_string()).collect();
            return Err(Error::Io {
                path: dir.to_path_buf(),
                message: format!(
                    "holds {} Letterboxd exports ({}); import one of them",
                    names.len(),
                    crate::text::truncate(&names.join(", "), 300)
                ),
            });
        }
        [] => {}
    }
    let mut subs: Vec<std::path::PathBuf> = entries
        .into_iter()
        .filter(|p| p.is_dir())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().to_ascii_lowercase());
            !matches!(
                name.as_deref(),
                Some("deleted" | "orphaned" | "likes" | "lists")
            )
        })
        .collect();
    subs.sort();
    let mut exports = Vec::new();
    for sub in subs {
        let files = in_folder(&sub)?;
        if !files.is_empty() {
            exports.push((sub, files));
        }
    }
    if exports.len() > 1 {
        let names: Vec<String> = exports
            .iter()
            .map(|(p, _)| p.display().to_string())
            .collect();
        return Err(Error::Io {
            path: dir.to_path_buf(),
            message: format!(
                "holds {} Letterboxd exports ({}); import one of them",
                names.len(),
                crate::text::truncate(&names.join(", "), 300)
            ),
        });
    }
    Ok(exports.pop().map(|(_, f)| f).unwrap_or_default())
}

pub(super) fn locate(path: &Path) -> Result<Vec<(Kind, Source)>> {
    let mut found = Vec::new();
    if path.is_dir() {
        found = folder(path)?;
    } else if is_zip(path)? {
        found = unzip(path, MAX_UNPACKED)?;
    } else {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let kind = name.as_deref().and_then(kind_of).unwrap_or(Kind::Diary);
        found.push((kind, Source::file(path)?));
    }
    if found.is_empty() {
        return Err(Error::Io {
            path: path.to_path_buf(),
            message: "not a Letterboxd export: it holds none of diary.csv, reviews.csv, \
                      ratings.csv, watched.csv, watchlist.csv, likes/films.csv (nor does a \
                      folder in it)"
                .into(),
        });
    }
    Ok(found)
}

/// The export files in a zip archive, unpacked; refused when they unpack to more than `limit`
/// bytes in all.
fn unzip(path: &Path, limit: u64) -> Result<Vec<(Kind, Source)>> {
    let io = |e: zip::result::ZipError| Error::Io {
        path: path.to_path_buf(),
        message: format!("not a readable zip archive ({e})"),
    };
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(io)?;
    let mut found = Vec::new();
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(io)?;
        let Some(k) = kind_of(entry.name()) else {
            continue;
        };
        let name = format!("{}:{}", path.display(), entry.name());
        let mut bytes = Vec::new();
        (&mut entry)
            .take(limit - total + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::Io {
                path: name.clone().into(),
                message: e.to_string(),
            })?;
        total += bytes.len() as u64;
        if total > limit {
            return Err(Error::Io {
                path: name.into(),
                message: format!(
                    "the export files unpack to more than {} in all; not a Letterboxd export",
                    if limit >= 1 << 20 {
                        format!("{} MiB", limit >> 20)
                    } else {
                        format!("{limit} bytes")
                    }
                ),
            });
        }
        found.push((k, Source::bytes(name, bytes)));
    }
    Ok(found)
}

fn is_zip(path: &Path) -> Result<bool> {
    let mut magic = [0u8; 4];
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let n = f.read(&mut magic).map_err(|e| Error::io(path, e))?;
    Ok(n == 4 && &magic == b"PK\x03\x04")
}

/// The film's URI: film-level files name the film; a diary or review URI names the entry,
/// except the long form `letterboxd.com/<user>/film/<slug>/…`, which names the film too.
pub(super) fn film_uri(uri: &str, kind: Kind) -> Option<String> {
    let uri = uri.trim();
    if uri.is_empty() {
        return None;
    }
    if !matches!(kind, Kind::Diary | Kind::Reviews) {
        return Some(uri.to_string());
    }
    let rest = uri
        .strip_prefix("https://letterboxd.com/")
        .or_else(|| uri.strip_prefix("http://letterboxd.com/"))?;
    let parts: Vec<&str> = rest.split('/').collect();
    match parts.as_slice() {
        [_user, "film", slug, ..] if !slug.is_empty() => {
            Some(format!("https://letterboxd.com/film/{slug}/"))
        }
        _ => None,
    }
}

/// The diary entry a diary row's URI names (`boxd.it/…`, or the long form
/// `letterboxd.com/<user>/film/<slug>/[n/]`), or `None` for any other cell (a hand-made file
/// may give the film's page, which many viewings share).
pub(super) fn entry_uri(uri: &str) -> Option<&str> {
    let uri = uri.trim();
    let rest = uri
        .strip_prefix("https://")
        .or_else(|| uri.strip_prefix("http://"))?;
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    if let Some(code) = rest.strip_prefix("boxd.it/") {
        return (!code.is_empty()).then_some(uri);
    }
    let parts: Vec<&str> = rest.strip_prefix("letterboxd.com/")?.split('/').collect();
    match parts.as_slice() {
        [user, "film", slug, ..] if *user != "film" && !slug.is_empty() => Some(uri),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn film_uris() {
        let long = "https://letterboxd.com/someone/film/stalker/1/";
        assert_eq!(
            film_uri(long, Kind::Diary).as_deref(),
            Some("https://letterboxd.com/film/stalker/")
        );
        assert_eq!(film_uri("https://boxd.it/4Erwc5", Kind::Diary), None);
        assert_eq!(
            film_uri("https://boxd.it/a5fa", Kind::Ratings).as_deref(),
            Some("https://boxd.it/a5fa")
        );
    }

    #[test]
    fn a_zip_unpacking_past_the_limit_is_refused() {
        let dir = std::env::temp_dir().join(format!("nightreel-unzip-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("export.zip");
        let mut w = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        for member in ["diary.csv", "ratings.csv", "notes/other.txt"] {
            w.start_file(member, zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut w, &[b'a'; 600]).unwrap();
        }
        w.finish().unwrap();
        // Two export files of 600 bytes: 1,200 in all (the other member is not read).
        assert_eq!(unzip(&path, 1200).unwrap().len(), 2);
        let Err(err) = unzip(&path, 1199) else {
            panic!("a zip past the limit was read");
        };
        let err = err.to_string();
        assert!(
            err.contains("export.zip:ratings.csv") && err.contains("more than 1199 bytes"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn members_by_name() {
        assert_eq!(kind_of("letterboxd-x/diary.csv"), Some(Kind::Diary));
        assert_eq!(kind_of("likes/films.csv"), Some(Kind::Likes));
        assert_eq!(kind_of("deleted/diary.csv"), None);
        assert_eq!(kind_of("lists/films.csv"), None);
        assert_eq!(kind_of("lists/diary.csv"), None);
        assert_eq!(kind_of("x/lists/watchlist.csv"), None);
        assert_eq!(kind_of("undeleted/diary.csv"), Some(Kind::Diary));
        assert_eq!(kind_of("x/likes/reviews.csv"), None);
        assert_eq!(kind_of("likes/lists.csv"), None);
        assert_eq!(kind_of("x/likes/films.csv"), Some(Kind::Likes));
    }
}
