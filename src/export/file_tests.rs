use super::*;

fn write_text(path: &Path, text: &str) -> Result<()> {
    write_file(path, |out| {
        out.write_all(text.as_bytes())
            .map_err(|e| Error::Invalid(format!("writing: {e}")))
    })
}

fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path)
        .unwrap()
        .file_type()
        .is_symlink()
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_new_file_is_written_and_nothing_else_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.json");
    write_text(&path, "hello\n").unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "hello\n");
    assert_eq!(names(dir.path()), ["out.json"]);
}

#[test]
fn a_failed_write_leaves_the_old_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.json");
    std::fs::write(&path, "old").unwrap();
    let err = write_file(&path, |out| -> Result<()> {
        out.write_all(b"half").unwrap();
        Err(Error::Invalid("stopped".into()))
    })
    .unwrap_err();
    assert_eq!(err.to_string(), "stopped");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    assert_eq!(names(dir.path()), ["out.json"]);
}

#[test]
fn a_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let err = write_text(dir.path(), "x").unwrap_err();
    assert!(err.to_string().contains("is a directory"), "{err}");
    assert!(names(dir.path()).is_empty());
}

/// A write error (here the disk is "full") is reported with the path, even though the writer
/// turned it into a message without one.
#[cfg(target_os = "linux")]
#[test]
fn a_write_error_names_the_path() {
    let err = write_text(Path::new("/dev/full"), &"x".repeat(100_000)).unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("/dev/full: "), "{msg}");
    assert!(msg.contains("No space left"), "{msg}");
    assert!(matches!(err, Error::Io { .. }), "{err:?}");
}

#[cfg(unix)]
mod unix {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_symlink_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("real");
        std::fs::create_dir(&sub).unwrap();
        let target = sub.join("diary.json");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("real/diary.json", &link).unwrap();

        write_text(&link, "new").unwrap();
        assert!(is_link(&link));
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(names(dir.path()), ["link.json", "real"]);
        assert_eq!(names(&sub), ["diary.json"]);
    }

    #[test]
    fn a_dangling_symlink_gets_its_target_created() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("made.json", &link).unwrap();
        write_text(&link, "new").unwrap();
        assert!(is_link(&link));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("made.json")).unwrap(),
            "new"
        );
    }

    #[test]
    fn a_replaced_file_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_text(&path, "new").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640, "mode {mode:o}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }

    /// A FIFO is written into (a reader gets the content) and stays a FIFO.
    #[test]
    fn a_fifo_is_written_into() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("run mkfifo");
        assert!(made.success());
        let (tx, rx) = std::sync::mpsc::channel();
        let reading = fifo.clone();
        std::thread::spawn(move || {
            let text = std::fs::read_to_string(&reading);
            let _ = tx.send(text.map_err(|e| e.to_string()));
        });
        let body = "line\n".repeat(50_000);
        write_text(&fifo, &body).unwrap();
        let got = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("the reader of the FIFO got nothing")
            .unwrap();
        assert_eq!(got.len(), body.len());
        use std::os::unix::fs::FileTypeExt;
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(names(dir.path()), ["pipe"]);
    }
}
