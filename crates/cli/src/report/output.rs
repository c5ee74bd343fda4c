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
        commit_all(vec![self.prepare()?])
    }

    /// Flushes and syncs a file to disk without renaming it yet, so that
    /// several files can be renamed together by [`commit_all`].
    pub(crate) fn prepare(self) -> io::Result<Prepared> {
        match self {
            Output::Stdout(mut w) => {
                w.flush()?;
                Ok(Prepared(None))
            }
            Output::File { tmp, dest, file } => {
                let file = file.into_inner().map_err(|e| e.into_error())?;
                file.sync_all()?;
                drop(file);
                Ok(Prepared(Some((tmp, dest))))
            }
        }
    }
}

/// A finished report waiting to be renamed into place (`None` for stdout).
pub(crate) struct Prepared(Option<(PathBuf, PathBuf)>);

/// Renames finished reports into place as one step with respect to Ctrl-C:
/// the handler waits until all are renamed, so an interrupted run leaves
/// either every new table or none of them (never new articles.csv beside an
/// old actors.csv).
pub(crate) fn commit_all(reports: Vec<Prepared>) -> io::Result<()> {
    let pairs: Vec<(PathBuf, PathBuf)> = reports.into_iter().filter_map(|p| p.0).collect();
    crate::interrupt::rename_temps(&pairs, |tmp, dest| {
        fs::rename(tmp, dest).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!(
                    "cannot move the report into place at {}: {e}",
                    dest.display()
                ),
            )
        })
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_all_renames_every_table_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let mut prepared = Vec::new();
        for name in ["articles.csv", "actors.csv"] {
            let mut out = Output::open(Some(dir.path()), name).unwrap();
            out.write_all(name.as_bytes()).unwrap();
            prepared.push(out.prepare().unwrap());
        }
        // Prepared but not yet committed: only the hidden temporaries exist.
        let names = |d: &Path| {
            let mut v: Vec<String> = fs::read_dir(d)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            v.sort();
            v
        };
        assert!(names(dir.path()).iter().all(|n| n.starts_with('.')));
        commit_all(prepared).unwrap();
        assert_eq!(names(dir.path()), ["actors.csv", "articles.csv"]);
        assert_eq!(
            fs::read_to_string(dir.path().join("actors.csv")).unwrap(),
            "actors.csv"
        );
    }
}
