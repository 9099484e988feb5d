//! The batch bar's baseline (issue 17): one thread that only reads and
//! parses every `.toml` file in a folder with the `toml` crate, and does
//! nothing else. `benches/batch-bar.sh` times it beside `assess`.
//! Run with `cargo bench --bench parse_only -- DIR`.

use std::time::Instant;

fn main() {
    let Some(dir) = std::env::args().skip(1).find(|a| !a.starts_with('-')) else {
        println!("parse_only: give a folder of .toml files (see benches/batch-bar.sh)");
        return;
    };
    let start = Instant::now();
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(err) => {
            eprintln!("parse_only: cannot read {dir}: {err}");
            return;
        }
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let (mut files, mut tables, mut failed) = (0usize, 0usize, 0usize);
    for path in paths {
        let parsed = std::fs::read_to_string(&path)
            .ok()
            .and_then(|text| text.parse::<toml::Table>().ok());
        match parsed {
            Some(table) => {
                tables += table.len();
                files += 1;
            }
            None => failed += 1,
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "parse only: {files} files ({tables} tables, {failed} unreadable) in {seconds:.2} s, one thread"
    );
}
