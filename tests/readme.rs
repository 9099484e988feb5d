//! The README shows real output and every model default; these tests keep
//! it that way.

use senco_plan::params::{ASSUMPTIONS, COSTS};

fn readme() -> String {
    std::fs::read_to_string("README.md").unwrap()
}

/// A ```text block in the README that starts with `$ COMMAND`: the
/// commands it shows, each with the output pasted under it.
struct Shown {
    line: usize,
    runs: Vec<(String, Vec<String>)>,
}

fn shown_outputs(text: &str) -> Vec<Shown> {
    let mut blocks = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((i, line)) = lines.next() {
        if line != "```text" {
            continue;
        }
        let body: Vec<&str> = lines
            .by_ref()
            .map(|(_, l)| l)
            .take_while(|l| *l != "```")
            .collect();
        if !body.first().is_some_and(|l| l.starts_with("$ ")) {
            continue;
        }
        let mut runs: Vec<(String, Vec<String>)> = Vec::new();
        for l in body {
            match l.strip_prefix("$ ") {
                Some(command) => runs.push((command.to_string(), Vec::new())),
                None => {
                    if let Some(run) = runs.last_mut() {
                        run.1.push(l.to_string());
                    }
                }
            }
        }
        blocks.push(Shown { line: i + 1, runs });
    }
    blocks
}

/// Every output pasted in the README is what the real binary prints now:
/// each command is run (in a scratch folder that sees the repository's
/// examples), and every stretch of pasted lines between `...` elisions
/// must appear in what it printed.
#[test]
fn every_pasted_output_is_real() {
    let tmp = tempfile::tempdir().unwrap();
    let here = std::env::current_dir().unwrap();
    for entry in ["examples", "scenarios", "tests", "senco-plan.schema.json"] {
        std::os::unix::fs::symlink(here.join(entry), tmp.path().join(entry)).unwrap();
    }
    let bin = assert_cmd::cargo::cargo_bin("senco-plan");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let blocks = shown_outputs(&readme());
    assert!(blocks.len() >= 12, "{} blocks", blocks.len());
    let mut stale = Vec::new();
    for block in blocks {
        for (command, pasted) in block.runs {
            let out = std::process::Command::new("sh")
                .arg("-c")
                .arg(&command)
                .current_dir(tmp.path())
                .env("PATH", &path)
                .env("NO_COLOR", "1")
                .output()
                .unwrap();
            let printed = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stderr),
                String::from_utf8_lossy(&out.stdout)
            );
            let printed: String = printed
                .lines()
                .map(str::trim_end)
                .collect::<Vec<_>>()
                .join("\n");
            for segment in pasted.split(|l| l == "...") {
                let segment = segment
                    .iter()
                    .map(|l| l.trim_end())
                    .collect::<Vec<_>>()
                    .join("\n");
                if !segment.trim().is_empty() && !printed.contains(&segment) {
                    stale.push(format!(
                        "README.md line {}: `{command}` no longer prints\n{segment}\n--- it prints:\n{printed}",
                        block.line
                    ));
                }
            }
        }
    }
    assert!(stale.is_empty(), "{}", stale.join("\n\n"));
}

#[test]
fn readme_lists_every_assumption_and_cost_with_its_default() {
    let text = readme();
    let keys = ASSUMPTIONS
        .iter()
        .map(|p| (p.key, p.default_value()))
        .chain(COSTS.iter().map(|p| (p.key, p.default_value())));
    for (key, default) in keys {
        let row = format!("| `{key}` | {default} |");
        assert!(text.contains(&row), "README.md lacks the row {row}");
    }
}
