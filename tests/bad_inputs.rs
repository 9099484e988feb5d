//! The hostile-input corpus in `tests/bad-inputs/cases.toml`: every case
//! exits with its code and a message a SENCO can act on, and never creates
//! or changes an output file.

use assert_cmd::Command;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    args: Vec<String>,
    #[serde(default = "bad_input")]
    code: i32,
    message: String,
}

fn bad_input() -> i32 {
    2
}

/// What cannot be committed: a 50 MB file, symbolic-link loops, a folder
/// named like a profile, a roster with a 2 MiB row, a 1 MiB profile of
/// unknown keys, a roster header of 200,000 columns.
fn fill(tmp: &Path) {
    let roster = std::fs::read_to_string("examples/roster.csv").unwrap();
    let header = roster.lines().next().unwrap();
    let long_name = "A".repeat(2 * 1024 * 1024);
    std::fs::write(
        tmp.join("long-row.csv"),
        format!("{header}\n{long_name},primary,210,30,6,1,10,5,middle,true,npq-senco,,8\n"),
    )
    .unwrap();
    let mut profile = std::fs::read_to_string("examples/primary.toml").unwrap();
    let mut i = 0;
    while profile.len() < 1024 * 1024 - 20 {
        profile.push_str(&format!("k{i} = 1\n"));
        i += 1;
    }
    std::fs::write(tmp.join("many-unknown-keys.toml"), profile).unwrap();
    std::fs::write(tmp.join("wide.csv"), vec!["a"; 200_000].join(",") + "\n").unwrap();
    let line = "# padding: a profile is never this large\n";
    std::fs::write(
        tmp.join("big.toml"),
        line.repeat(50 * 1024 * 1024 / line.len() + 1),
    )
    .unwrap();
    std::fs::create_dir(tmp.join("a-folder.toml")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(tmp.join("loop.toml"), tmp.join("loop.toml")).unwrap();
        let folder = tmp.join("folder-with-loop");
        std::fs::create_dir(&folder).unwrap();
        std::os::unix::fs::symlink(&folder, folder.join("again")).unwrap();
    }
}

#[test]
fn every_bad_input_is_refused_cleanly() {
    let cases: Cases =
        toml::from_str(&std::fs::read_to_string("tests/bad-inputs/cases.toml").unwrap()).unwrap();
    assert!(cases.case.len() >= 40);
    let tmp = tempfile::tempdir().unwrap();
    fill(tmp.path());
    let sentinel = "an earlier output, which must survive";
    let mut failures = Vec::new();
    for (i, case) in cases.case.iter().enumerate() {
        if case.args.iter().any(|a| a.starts_with("/proc/"))
            && !Path::new("/proc/self/mem").exists()
        {
            continue;
        }
        let args: Vec<String> = case
            .args
            .iter()
            .map(|a| {
                a.replace("{in}", "tests/bad-inputs")
                    .replace("{tmp}", tmp.path().to_str().unwrap())
            })
            .collect();
        let existing = tmp.path().join(format!("existing-{i}.out"));
        std::fs::write(&existing, sentinel).unwrap();
        let fresh = tmp.path().join(format!("fresh-{i}.out"));
        for out in [&existing, &fresh] {
            let output = Command::cargo_bin("senco-plan")
                .unwrap()
                .args(&args)
                .arg("-o")
                .arg(out)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            if output.status.code() != Some(case.code) || !stderr.contains(&case.message) {
                failures.push(format!(
                    "{args:?}: exit {:?}, expected {}; stderr lacks {:?}:\n{stderr}",
                    output.status.code(),
                    case.code,
                    case.message
                ));
            }
            if stderr.contains("panicked") {
                failures.push(format!("{args:?} panicked:\n{stderr}"));
            }
        }
        assert_eq!(
            std::fs::read_to_string(&existing).unwrap(),
            sentinel,
            "{args:?} changed the output file"
        );
        assert!(!fresh.exists(), "{args:?} created an output file");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
