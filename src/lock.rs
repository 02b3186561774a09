//! The writer lock of a state file: an advisory lock on a file beside it, so that two runs
//! never interleave their loads and saves (which loses one run's update, or worse).

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::persist::write_atomically;
use crate::state::read_bounded;
use crate::{Error, Pipeline, PipelineConfig};

/// The longest holder description read back from a lock file, in bytes.
const MAX_HOLDER_BYTES: u64 = 1024;

/// An exclusive claim on a state file for as long as it is held: the one way to load, change
/// and save a state without another process saving in between.
///
/// The claim is an advisory lock (`flock` on Unix, `LockFileEx` on Windows) on
/// `<state>.lock`, a file beside the state that is created if missing and never removed. The
/// operating system releases the lock when its holder exits, even by `kill -9`, so a crashed
/// run never blocks the next one. The lock file holds a one-line description of its holder
/// (process id, program, since when), which the error of a second claimant quotes.
///
/// [`Pipeline::save`] takes the lock for the duration of the write; a job that loads, ingests
/// and saves holds one `StateLock` from before the load until after the save, as
/// `examples/morning_brief` does.
///
/// # Example
///
/// ```
/// use bellwether::{Error, Pipeline, StateLock};
///
/// # let dir = std::env::temp_dir().join(format!("bellwether-lock-doc-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir)?;
/// let path = dir.join("state.json");
/// let lock = StateLock::acquire(&path)?;
/// let pipeline = lock.load(Default::default())?.unwrap_or_default();
/// // … ingest …
/// lock.save(&pipeline)?;
/// // While the lock is held, nobody else can save this state, not even this process.
/// assert!(matches!(pipeline.save(&path), Err(Error::StateLocked { .. })));
/// drop(lock);
/// pipeline.save(&path)?;
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct StateLock {
    /// Held open: closing it releases the lock.
    file: File,
    state: PathBuf,
}

impl StateLock {
    /// Claims the state file at `state` (which need not exist yet) without waiting.
    ///
    /// # Errors
    ///
    /// [`Error::StateLocked`] when another holder (another process, or another `StateLock` in
    /// this one) has it, naming that holder; [`Error::StateIo`] (action `"locking"`) when the
    /// lock file cannot be created or opened: the directory is missing or read-only, or
    /// `<state>.lock` is a symbolic link (never followed) or a directory.
    pub fn acquire(state: impl AsRef<Path>) -> Result<StateLock, Error> {
        let state = state.as_ref().to_owned();
        let lock_path = lock_path_of(&state);
        let io = |source| Error::StateIo {
            path: lock_path.clone(),
            action: "locking",
            source,
        };
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            // A planted symlink is refused (ELOOP) rather than followed and truncated.
            options.custom_flags(libc::O_NOFOLLOW);
        }
        let mut file = options.open(&lock_path).map_err(io)?;
        match fs4::FileExt::try_lock(&file) {
            Ok(()) => {}
            Err(fs4::TryLockError::WouldBlock) => {
                return Err(Error::StateLocked {
                    path: state,
                    holder: read_holder(&mut file),
                });
            }
            Err(fs4::TryLockError::Error(source)) => return Err(io(source)),
        }
        // Who holds it, for the error another claimant reports; best effort, as the lock itself
        // is what excludes.
        let holder = format!(
            "process {} ({}) since {}",
            std::process::id(),
            std::env::args()
                .next()
                .as_deref()
                .map(Path::new)
                .and_then(Path::file_name)
                .map_or_else(|| "unknown program".into(), |n| n.to_string_lossy()),
            chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        );
        let described = file
            .set_len(0)
            .and_then(|()| file.seek(SeekFrom::Start(0)))
            .and_then(|_| file.write_all(holder.as_bytes()))
            .and_then(|()| file.flush());
        described.map_err(io)?;
        Ok(StateLock { file, state })
    }

    /// The state file this lock claims.
    pub fn state_path(&self) -> &Path {
        &self.state
    }

    /// Loads the claimed state with `config`; `Ok(None)` when there is no state file yet.
    ///
    /// # Errors
    ///
    /// As [`Pipeline::load_with_config`].
    pub fn load(&self, config: PipelineConfig) -> Result<Option<Pipeline>, Error> {
        match std::fs::symlink_metadata(&self.state) {
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            _ => {}
        }
        let json = read_bounded(&self.state)?;
        Pipeline::from_json_at(&json, &self.state, config).map(Some)
    }

    /// Saves `pipeline` to the claimed state file atomically (as [`Pipeline::save`] does).
    ///
    /// # Errors
    ///
    /// As [`Pipeline::save`], except that the lock is already held.
    pub fn save(&self, pipeline: &Pipeline) -> Result<(), Error> {
        self.save_with(pipeline, crate::MAX_STATE_BYTES, write_atomically)
    }

    /// [`StateLock::save`] with a size limit and the writer of the bytes (tests inject a full
    /// disk through it).
    pub(crate) fn save_with(
        &self,
        pipeline: &Pipeline,
        max: u64,
        write: impl FnOnce(&Path, &[u8]) -> std::io::Result<()>,
    ) -> Result<(), Error> {
        // The lock file stays open (and locked) until `self` is dropped.
        let _held = &self.file;
        let json = pipeline.to_json_within(&self.state, max)?;
        write(&self.state, &json).map_err(|source| Error::StateIo {
            path: self.state.clone(),
            action: "writing",
            source,
        })
    }
}

/// `<state>.lock`, beside the state.
pub(crate) fn lock_path_of(state: &Path) -> PathBuf {
    let mut name = state
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".lock");
    state.with_file_name(name)
}

/// The holder description in a lock file, or a note that there is none.
fn read_holder(file: &mut File) -> String {
    let mut text = String::new();
    let read = file
        .seek(SeekFrom::Start(0))
        .and_then(|_| file.take(MAX_HOLDER_BYTES).read_to_string(&mut text));
    match read {
        Ok(_) if !text.trim().is_empty() => text.trim().to_owned(),
        _ => "a holder that has not described itself yet".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("bellwether-lock-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("state.json")
    }

    #[test]
    fn a_second_claim_is_refused_naming_the_holder_until_the_first_is_dropped() {
        let path = scratch("second");
        let first = StateLock::acquire(&path).unwrap();
        match StateLock::acquire(&path) {
            Err(Error::StateLocked { path: at, holder }) => {
                assert_eq!(at, path);
                assert!(
                    holder.contains(&format!("process {}", std::process::id())),
                    "{holder}"
                );
            }
            other => panic!("expected StateLocked, got {other:?}"),
        }
        assert!(matches!(
            Pipeline::new().save(&path),
            Err(Error::StateLocked { .. })
        ));
        drop(first);
        Pipeline::new().save(&path).unwrap();
        assert!(StateLock::acquire(&path).is_ok());
    }

    #[test]
    fn a_lock_held_elsewhere_loads_nothing_when_there_is_no_state_yet() {
        let path = scratch("empty");
        let lock = StateLock::acquire(&path).unwrap();
        assert!(lock.load(PipelineConfig::default()).unwrap().is_none());
        lock.save(&Pipeline::new()).unwrap();
        assert!(lock.load(PipelineConfig::default()).unwrap().is_some());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_lock_file_is_refused_and_its_target_untouched() {
        let path = scratch("symlink");
        let victim = path.with_file_name("victim");
        std::fs::write(&victim, b"precious").unwrap();
        std::os::unix::fs::symlink(&victim, lock_path_of(&path)).unwrap();
        match StateLock::acquire(&path) {
            Err(Error::StateIo { action, .. }) => assert_eq!(action, "locking"),
            other => panic!("expected StateIo, got {other:?}"),
        }
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
    }
}
