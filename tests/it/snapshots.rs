//! One reviewed JSON snapshot per seed article (`cargo insta review` after a
//! deliberate change): every field of the report, so any change in actors,
//! quotes, sentiment or relations shows up as a diff to read.

use crate::util::*;

#[test]
fn seed_reports() {
    insta::glob!("../../seeds", "*.txt", |path| {
        let rel = format!("seeds/{}", path.file_name().unwrap().to_str().unwrap());
        let o = stance(&["analyze", &rel, "-f", "json", "-q"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let reports: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        insta::assert_json_snapshot!(reports);
    });
}
