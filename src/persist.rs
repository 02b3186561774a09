//! Crash-safe saving: write a fresh temporary file beside the target, flush and sync it, rename
//! it over the target, then sync the directory.
//!
//! A crash (or an error) at any step leaves either the previous file or the new one in place,
//! whole: never a mixture, never nothing. The temporary file is created exclusively under a
//! unique random name in the target's directory (`O_EXCL`: an existing file or symlink of that
//! name is never opened, so nothing is written through a planted link), and it is removed on
//! every failure. Two saves never share a temporary file; the writer lock
//! ([`StateLock`](crate::StateLock)) keeps two writers from interleaving whole runs.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

/// The steps of an atomic save, in order; tests inject a failure at each one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SaveStep {
    CreateTemporary,
    Write,
    Sync,
    Rename,
    SyncDirectory,
}

#[cfg(test)]
impl SaveStep {
    pub(crate) const ALL: [SaveStep; 5] = [
        SaveStep::CreateTemporary,
        SaveStep::Write,
        SaveStep::Sync,
        SaveStep::Rename,
        SaveStep::SyncDirectory,
    ];
}

/// The directory a file of `path` lives in (`.` for a bare file name).
pub(crate) fn directory_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to `path` atomically.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomically_with(path, bytes, &mut |_| Ok(()), &mut |file, bytes| {
        file.write_all(bytes)
    })
}

/// [`write_atomically`] with a hook called before each step, and the writer of the bytes into
/// the temporary file. An error from the hook stands for a failure of that step (a power cut),
/// an error from `write` for a failed write (a full disk); either aborts the save there, and
/// the temporary file is removed before the error is returned.
pub(crate) fn write_atomically_with(
    path: &Path,
    bytes: &[u8],
    before: &mut dyn FnMut(SaveStep) -> io::Result<()>,
    write: &mut dyn FnMut(&mut File, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    let dir = directory_of(path);
    let prefix = format!(
        ".{}.",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    );
    before(SaveStep::CreateTemporary)?;
    // Exclusive creation under a random name; dropped (on any early return) means removed.
    let mut temporary = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(dir)?;
    // The temporary file is private (0600); the saved file keeps the permissions it had.
    if let Ok(metadata) = std::fs::metadata(path) {
        temporary
            .as_file()
            .set_permissions(metadata.permissions())?;
    }
    before(SaveStep::Write)?;
    write(temporary.as_file_mut(), bytes)?;
    temporary.as_file_mut().flush()?;
    before(SaveStep::Sync)?;
    temporary.as_file().sync_all()?;
    before(SaveStep::Rename)?;
    temporary.persist(path).map_err(|err| err.error)?;
    before(SaveStep::SyncDirectory)?;
    sync_directory(path)
}

/// Makes the rename durable: on Unix a directory's entries are only on disk once it is synced.
fn sync_directory(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(directory_of(path))?.sync_all()?;
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::PathBuf;

    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("bellwether-persist-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir.join("state.json")
    }

    /// Every file in the directory of `path`, by name.
    fn files_beside(path: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(directory_of(path))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_save_replaces_the_file_whole_and_leaves_nothing_beside_it() {
        let path = scratch("whole");
        write_atomically(&path, b"first").unwrap();
        write_atomically(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        assert_eq!(files_beside(&path), ["state.json"]);
    }

    #[test]
    fn a_failure_at_any_step_leaves_a_whole_file_and_no_temporary() {
        for step in SaveStep::ALL {
            let path = scratch(&format!("{step:?}"));
            write_atomically(&path, b"previous").unwrap();
            let result = write_atomically_with(
                &path,
                b"next",
                &mut |at| {
                    if at == step {
                        Err(io::Error::other("injected failure"))
                    } else {
                        Ok(())
                    }
                },
                &mut |file, bytes| file.write_all(bytes),
            );
            assert!(result.is_err(), "{step:?}");
            let on_disk = fs::read(&path).unwrap();
            // Before the rename the previous file stands; after it, the new one, whole.
            let expected: &[u8] = if step == SaveStep::SyncDirectory {
                b"next"
            } else {
                b"previous"
            };
            assert_eq!(on_disk, expected, "{step:?}");
            assert_eq!(files_beside(&path), ["state.json"], "{step:?}");
            // The next save succeeds whatever happened.
            write_atomically(&path, b"recovered").unwrap();
            assert_eq!(fs::read(&path).unwrap(), b"recovered");
        }
    }

    #[test]
    fn a_full_disk_mid_write_removes_the_partial_temporary_file() {
        let path = scratch("full-disk");
        write_atomically(&path, b"previous").unwrap();
        let big = vec![b'x'; 100_000];
        // A disk that fills after 69,632 bytes, as reported in issue 15.
        let result = write_atomically_with(&path, &big, &mut |_| Ok(()), &mut |file, bytes| {
            file.write_all(&bytes[..69_632])?;
            Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "No space left on device",
            ))
        });
        assert_eq!(result.unwrap_err().kind(), io::ErrorKind::StorageFull);
        assert_eq!(fs::read(&path).unwrap(), b"previous");
        assert_eq!(files_beside(&path), ["state.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_symlink_is_never_written_through() {
        let path = scratch("symlink");
        let victim = path.with_file_name("victim");
        fs::write(&victim, b"precious").unwrap();
        // The old fixed temporary name, and the new prefix with a guessable tail.
        for name in ["state.json.tmp", ".state.json.tmp", ".state.json.x.tmp"] {
            std::os::unix::fs::symlink(&victim, path.with_file_name(name)).unwrap();
        }
        for round in 0..20 {
            write_atomically(&path, format!("state {round}").as_bytes()).unwrap();
        }
        assert_eq!(fs::read(&victim).unwrap(), b"precious");
        assert_eq!(fs::read(&path).unwrap(), b"state 19");
        for name in ["state.json.tmp", ".state.json.tmp", ".state.json.x.tmp"] {
            let link = path.with_file_name(name);
            assert!(fs::symlink_metadata(&link).unwrap().is_symlink(), "{name}");
        }
    }
}
