//! Ctrl-C: remove the temporary report files so an interrupted run leaves
//! complete files or none.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

static TEMP_FILES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Installs the handler once; exits 130 like a shell does on SIGINT.
pub(crate) fn install() {
    let _ = ctrlc::set_handler(|| {
        if let Ok(files) = TEMP_FILES.lock() {
            for f in files.iter() {
                let _ = std::fs::remove_file(f);
            }
        }
        std::process::exit(130);
    });
}

pub(crate) fn register_temp(path: &Path) {
    if let Ok(mut files) = TEMP_FILES.lock() {
        files.push(path.to_path_buf());
    }
}

pub(crate) fn unregister_temp(path: &Path) {
    if let Ok(mut files) = TEMP_FILES.lock() {
        files.retain(|f| f != path);
    }
}
