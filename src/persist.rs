//! Crash-safe saving: write a temporary file beside the target, flush and sync it, rename it
//! over the target, then sync the directory.
//!
//! A crash (or an error) at any step leaves either the previous file or the new one in place,
//! whole: never a mixture, never nothing. A temporary file left behind by a crash is ignored by
//! loading and replaced by the next save.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

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

/// The temporary file a save of `path` writes first.
pub(crate) fn temporary_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".tmp");
    path.with_file_name(name)
}

/// Writes `bytes` to `path` atomically.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomically_with(path, bytes, &mut |_| Ok(()))
}

/// [`write_atomically`] with a hook called before each step; an error from the hook stands for
/// a failure of that step (a full disk, a power cut) and aborts the save there.
pub(crate) fn write_atomically_with(
    path: &Path,
    bytes: &[u8],
    before: &mut dyn FnMut(SaveStep) -> io::Result<()>,
) -> io::Result<()> {
    let temporary = temporary_path(path);
    before(SaveStep::CreateTemporary)?;
    let mut file: File = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&temporary)?;
    before(SaveStep::Write)?;
    file.write_all(bytes)?;
    file.flush()?;
    before(SaveStep::Sync)?;
    file.sync_all()?;
    drop(file);
    before(SaveStep::Rename)?;
    fs::rename(&temporary, path)?;
    before(SaveStep::SyncDirectory)?;
    sync_directory(path)
}

/// Makes the rename durable: on Unix a directory's entries are only on disk once it is synced.
fn sync_directory(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("bellwether-persist-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir.join("state.json")
    }

    #[test]
    fn a_save_replaces_the_file_whole() {
        let path = scratch("whole");
        write_atomically(&path, b"first").unwrap();
        write_atomically(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        assert!(!temporary_path(&path).exists());
    }

    #[test]
    fn a_failure_at_any_step_leaves_a_whole_file() {
        for step in SaveStep::ALL {
            let path = scratch(&format!("{step:?}"));
            write_atomically(&path, b"previous").unwrap();
            let result = write_atomically_with(&path, b"next", &mut |at| {
                if at == step {
                    Err(io::Error::other("injected failure"))
                } else {
                    Ok(())
                }
            });
            assert!(result.is_err(), "{step:?}");
            let on_disk = fs::read(&path).unwrap();
            // Before the rename the previous file stands; after it, the new one, whole.
            let expected: &[u8] = if step == SaveStep::SyncDirectory {
                b"next"
            } else {
                b"previous"
            };
            assert_eq!(on_disk, expected, "{step:?}");
            // The next save succeeds whatever was left behind.
            write_atomically(&path, b"recovered").unwrap();
            assert_eq!(fs::read(&path).unwrap(), b"recovered");
        }
    }
}
