//! Where reports go: stdout, or a file that appears whole or not at all.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// A report destination. Files are written to a hidden temporary name in the
/// same directory and renamed into place by [`Output::commit`], so a reader
/// never sees half a report and an interrupted run leaves the old file intact.
pub(crate) enum Output {
    Stdout(BufWriter<io::Stdout>),
    File {
        tmp: PathBuf,
        dest: PathBuf,
        file: BufWriter<File>,
    },
}

impl Output {
    /// Stdout when `dir` is `None`, else `dir/name` (created on commit).
    pub(crate) fn open(dir: Option<&Path>, name: &str) -> io::Result<Output> {
        match dir {
            None => Ok(Output::Stdout(BufWriter::with_capacity(
                1 << 16,
                io::stdout(),
            ))),
            Some(dir) => {
                let dest = dir.join(name);
                let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
                let file = crate::interrupt::create_temp(&tmp)?;
                Ok(Output::File {
                    tmp,
                    dest,
                    file: BufWriter::with_capacity(1 << 16, file),
                })
            }
        }
    }

    /// Flushes and, for a file, renames it into place.
    pub(crate) fn commit(self) -> io::Result<()> {
        match self {
            Output::Stdout(mut w) => w.flush(),
            Output::File { tmp, dest, file } => {
                let file = file.into_inner().map_err(|e| e.into_error())?;
                file.sync_all()?;
                drop(file);
                fs::rename(&tmp, &dest).map_err(|e| {
                    io::Error::new(
                        e.kind(),
                        format!(
                            "cannot move the report into place at {}: {e}",
                            dest.display()
                        ),
                    )
                })?;
                crate::interrupt::unregister_temp(&tmp);
                Ok(())
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(w) => w.write(buf),
            Output::File { file, .. } => file.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.write_all(buf),
            Output::File { file, .. } => file.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush(),
            Output::File { file, .. } => file.flush(),
        }
    }
}
