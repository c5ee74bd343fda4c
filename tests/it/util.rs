//! Helpers: run the binary, build scratch directories, read CSV tables.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The repository root (tests run from `crates/cli`).
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Path of a file or directory under the repository root.
pub(crate) fn repo(rel: &str) -> PathBuf {
    root().join(rel)
}

/// Runs `stance` with `args` from the repository root, without stdin.
pub(crate) fn stance(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stance"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::null())
        .output()
        .expect("stance runs")
}

/// Runs `stance` with `input` on stdin.
pub(crate) fn stance_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_stance"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("stance starts");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// The exit code, or -1 if killed by a signal.
pub(crate) fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

/// A scratch directory removed when dropped.
pub(crate) struct Dir {
    pub(crate) dir: tempfile::TempDir,
}

impl Dir {
    pub(crate) fn new() -> Dir {
        Dir {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.dir.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, bytes).unwrap();
        p
    }

    pub(crate) fn str(&self) -> &str {
        self.path().to_str().unwrap()
    }
}

/// Reads a CSV file into its header and rows, asserting every row has the header's width.
pub(crate) fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let mut rows = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.unwrap();
        assert_eq!(
            rec.len(),
            header.len(),
            "{}: row {} has {} fields, header {}",
            path.display(),
            i + 2,
            rec.len(),
            header.len()
        );
        rows.push(rec.iter().map(String::from).collect());
    }
    let bytes = std::fs::read(path).unwrap();
    assert!(
        !bytes.starts_with(&[0xef, 0xbb, 0xbf]),
        "{} starts with a BOM",
        path.display()
    );
    (header, rows)
}
