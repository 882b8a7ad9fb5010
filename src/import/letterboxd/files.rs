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
    // Deleted and orphaned entries are not part of the history.
    if m.contains("deleted/") || m.contains("orphaned/") {
        return None;
    }
    let name = m.rsplit('/').next().unwrap_or(&m);
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

/// A zip member may not grow past this when unpacked.
const MAX_MEMBER: u64 = 512 << 20;

pub(super) fn locate(path: &Path) -> Result<Vec<(Kind, Source)>> {
    let mut found = Vec::new();
    if path.is_dir() {
        for rel in [
            "diary.csv",
            "reviews.csv",
            "ratings.csv",
            "watched.csv",
            "watchlist.csv",
            "likes/films.csv",
        ] {
            let p = path.join(rel);
            if let (true, Some(k)) = (p.is_file(), kind_of(rel)) {
                found.push((k, Source::file(&p)?));
            }
        }
    } else if is_zip(path)? {
        let io = |e: zip::result::ZipError| Error::Io {
            path: path.to_path_buf(),
            message: format!("not a readable zip archive ({e})"),
        };
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(io)?;
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).map_err(io)?;
            let Some(k) = kind_of(entry.name()) else {
                continue;
            };
            let name = format!("{}:{}", path.display(), entry.name());
            let mut bytes = Vec::new();
            (&mut entry)
                .take(MAX_MEMBER + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| Error::Io {
                    path: name.clone().into(),
                    message: e.to_string(),
                })?;
            if bytes.len() as u64 > MAX_MEMBER {
                return Err(Error::Io {
                    path: name.into(),
                    message: format!(
                        "unpacks to more than {} MiB; not a Letterboxd export file",
                        MAX_MEMBER >> 20
                    ),
                });
            }
            found.push((k, Source::bytes(name, bytes)));
        }
    } else {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let kind = name.as_deref().and_then(kind_of).unwrap_or(Kind::Diary);
        found.push((kind, Source::file(path)?));
    }
    if found.is_empty() {
        return Err(Error::Io {
            path: path.to_path_buf(),
            message: "not a Letterboxd export: it holds none of diary.csv, reviews.csv, \
                      ratings.csv, watched.csv, watchlist.csv, likes/films.csv"
                .into(),
        });
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
    fn members_by_name() {
        assert_eq!(kind_of("letterboxd-x/diary.csv"), Some(Kind::Diary));
        assert_eq!(kind_of("likes/films.csv"), Some(Kind::Likes));
        assert_eq!(kind_of("deleted/diary.csv"), None);
        assert_eq!(kind_of("lists/films.csv"), None);
    }
}
