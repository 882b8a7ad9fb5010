//! Writing an export to the path the user named, without surprises:
//!
//! - a regular file (or a path that does not exist yet) is written all or nothing: into a
//!   temporary file in the same directory, then renamed over the path, so an interruption never
//!   leaves half a file. An existing file keeps its permissions. The replacement is a new file
//!   (a new inode): other hard links to the old file keep the old content.
//! - a symbolic link is followed: the file it points to is replaced (as above, in the target's
//!   directory) and the link stays a link.
//! - anything else that exists (a FIFO, a character device such as `/dev/stdout`) is written
//!   straight into, as a shell redirection would: no temporary file, no rename.
//!
//! Every failure names the path and says what went wrong.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// How many links [`follow_links`] follows before it gives up (the kernel's own limit).
const MAX_LINKS: usize = 40;

/// Writes to `path` through `write`, as described in the module documentation. An I/O error
/// met while `write` runs is reported with the path, whatever `write` made of it.
pub fn write_file<T>(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
    // `metadata` follows links, so `/dev/stdout` is seen as the pipe or terminal it stands for.
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(Error::Io {
            path: path.to_path_buf(),
            message: "is a directory; name a file".into(),
        }),
        Ok(meta) if !meta.is_file() => write_into(path, write),
        Ok(meta) => {
            let target = path.canonicalize().map_err(|e| Error::io(path, e))?;
            replace(&target, Some(meta.permissions()), write)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            // Nothing there, or a link to nothing: write where the link (if any) points.
            let target = follow_links(path)?;
            replace(&target, None, write)
        }
        Err(e) => Err(Error::io(path, e)),
    }
}

/// The path a chain of symbolic links ends at (`path` itself when it is no link). The end
/// need not exist.
fn follow_links(path: &Path) -> Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let next = std::fs::read_link(&current).map_err(|e| Error::io(&current, e))?;
                current = match current.parent() {
                    Some(dir) if next.is_relative() => dir.join(next),
                    _ => next,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(Error::Io {
        path: path.to_path_buf(),
        message: format!("more than {MAX_LINKS} symbolic links in a row (a loop?)"),
    })
}

/// Writes straight into something that is not a regular file (a FIFO, a device).
fn write_into<T>(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
    let file = OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    let mut out = BufWriter::new(Tracked::new(file));
    let n = run(path, &mut out, write)?;
    out.flush().map_err(|e| Error::io(path, e))?;
    Ok(n)
}

/// Writes a temporary file beside `target` and renames it over `target`; `mode` is given to
/// the temporary file first (the permissions of the file being replaced).
fn replace<T>(
    target: &Path,
    mode: Option<std::fs::Permissions>,
    write: impl FnOnce(&mut dyn Write) -> Result<T>,
) -> Result<T> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = target.file_name().ok_or_else(|| Error::Io {
        path: target.to_path_buf(),
        message: "not a file name".into(),
    })?;
    let tmp = dir.join(format!(
        ".{}.{}.part",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let file = File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        if let Some(mode) = mode {
            file.set_permissions(mode).map_err(|e| Error::io(&tmp, e))?;
        }
        let mut out = BufWriter::new(Tracked::new(file));
        let n = run(target, &mut out, write)?;
        let file = out
            .into_inner()
            .map_err(|e| Error::io(target, e.into_error()))?
            .inner;
        file.sync_all().map_err(|e| Error::io(target, e))?;
        drop(file);
        std::fs::rename(&tmp, target).map_err(|e| Error::io(target, e))?;
        Ok(n)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    } else if let Ok(d) = File::open(dir) {
        // Makes the rename itself durable; a directory that cannot be synced is no error.
        let _ = d.sync_all();
    }
    result
}

/// Runs `write`; an I/O error it met becomes an error naming `path`.
fn run<T, W: Write>(
    path: &Path,
    out: &mut BufWriter<Tracked<W>>,
    write: impl FnOnce(&mut dyn Write) -> Result<T>,
) -> Result<T> {
    write(out).map_err(|e| match out.get_mut().error.take() {
        Some(message) => Error::Io {
            path: path.to_path_buf(),
            message,
        },
        None => e,
    })
}

/// A writer that remembers the first I/O error it met, so the caller can report it with the
/// path even when the code in between turned it into something else.
struct Tracked<W> {
    inner: W,
    error: Option<String>,
}

impl<W> Tracked<W> {
    fn new(inner: W) -> Self {
        Tracked { inner, error: None }
    }

    fn note<R>(&mut self, r: io::Result<R>) -> io::Result<R> {
        if let Err(e) = &r
            && self.error.is_none()
        {
            self.error = Some(e.to_string());
        }
        r
    }
}

impl<W: Write> Write for Tracked<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let r = self.inner.write(buf);
        self.note(r)
    }

    fn flush(&mut self) -> io::Result<()> {
        let r = self.inner.flush();
        self.note(r)
    }
}

#[cfg(test)]
#[path = "file_tests.rs"]
mod tests;
