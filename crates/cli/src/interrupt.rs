//! Ctrl-C, `kill` and a closed terminal (SIGINT, SIGTERM, SIGHUP): remove the
//! temporary report files so an interrupted run leaves complete files or none.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

static TEMP_FILES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Installs the handler once, for SIGINT, SIGTERM and SIGHUP (ctrlc's
/// `termination` feature); exits 130 like a shell does on SIGINT, whichever
/// of them arrived (the handler is not told which).
pub(crate) fn install() {
    let _ = ctrlc::set_handler(|| {
        remove_temps();
        std::process::exit(130);
    });
}

/// Removes every temporary report not yet renamed into place: on Ctrl-C, and
/// when a run stops on an error, so it leaves complete files or none.
pub(crate) fn remove_temps() {
    if let Ok(mut files) = TEMP_FILES.lock() {
        for f in files.drain(..) {
            let _ = std::fs::remove_file(f);
        }
    }
}

/// Creates the temporary file `path` and registers it for removal on Ctrl-C.
///
/// Both happen under the lock the handler takes, so an interrupt cannot fall
/// between them and leave an unregistered temporary file behind.
pub(crate) fn create_temp(path: &Path) -> std::io::Result<std::fs::File> {
    let mut files = TEMP_FILES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let file = std::fs::File::create(path)?;
    files.push(path.to_path_buf());
    Ok(file)
}

/// Runs `rename` on each `(temporary, destination)` pair while holding the
/// lock the Ctrl-C handler needs, so the handler never runs between two
/// renames; each renamed file is no longer a temporary to remove.
pub(crate) fn rename_temps(
    pairs: &[(PathBuf, PathBuf)],
    rename: impl Fn(&Path, &Path) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut files = TEMP_FILES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for (tmp, dest) in pairs {
        rename(tmp, dest)?;
        files.retain(|f| f != tmp);
    }
    Ok(())
}
