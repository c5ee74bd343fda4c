//! Expanding the paths on the command line into input files.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::{InputPath, InputProblem};

/// Expands `paths` into files: files as given, directories recursively in
/// byte order of their names (so every run sees the same order), `-` as stdin.
/// Hidden entries (names starting with `.`) inside directories are skipped.
/// Unreadable entries and symlink loops are reported, not fatal.
pub(crate) fn discover(paths: &[PathBuf]) -> (Vec<InputPath>, Vec<InputProblem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            files.push(InputPath::Stdin);
            continue;
        }
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let mut seen = HashSet::new();
                walk(path, &mut seen, &mut files, &mut problems);
            }
            Ok(_) => files.push(InputPath::File(path.clone())),
            Err(e) => problems.push(InputProblem {
                path: path.display().to_string(),
                line: None,
                message: describe_io(&e),
            }),
        }
    }
    (files, problems)
}

fn walk(
    dir: &Path,
    seen: &mut HashSet<PathBuf>,
    files: &mut Vec<InputPath>,
    problems: &mut Vec<InputProblem>,
) {
    let problem = |p: &Path, message: String| InputProblem {
        path: p.display().to_string(),
        line: None,
        message,
    };
    match fs::canonicalize(dir) {
        Ok(real) => {
            if !seen.insert(real) {
                problems.push(problem(
                    dir,
                    "symlink loop: directory already visited".into(),
                ));
                return;
            }
        }
        Err(e) => {
            problems.push(problem(dir, describe_io(&e)));
            return;
        }
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(problem(dir, describe_io(&e)));
            return;
        }
    };
    let mut children: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => {
                if entry.file_name().to_string_lossy().starts_with('.') {
                    continue;
                }
                children.push(entry.path());
            }
            Err(e) => problems.push(problem(dir, describe_io(&e))),
        }
    }
    children.sort();
    for child in children {
        match fs::metadata(&child) {
            Ok(meta) if meta.is_dir() => walk(&child, seen, files, problems),
            Ok(meta) if meta.is_file() => files.push(InputPath::File(child)),
            // A FIFO, socket or device inside a directory would block or never
            // end; name it. (Given by name on the command line it is read: `<(cmd)`.)
            Ok(_) => problems.push(problem(
                &child,
                "not a regular file (a pipe, socket or device)".into(),
            )),
            Err(e) => problems.push(problem(&child, describe_io(&e))),
        }
    }
}

/// An I/O error as a short lower-case message.
pub(crate) fn describe_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "no such file or directory".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            if e.raw_os_error() == Some(40) {
                "too many levels of symbolic links (symlink loop)".into()
            } else {
                e.to_string().to_lowercase()
            }
        }
    }
}
