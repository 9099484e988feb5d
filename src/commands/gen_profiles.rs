//! `senco-plan gen-profiles` (hidden): random schools for benchmarks.

use crate::cli::GenArgs;
use anyhow::{Context, Result};
use senco_plan::generate;
use std::process::ExitCode;

pub fn run(args: &GenArgs) -> Result<ExitCode> {
    std::fs::create_dir_all(&args.dir)
        .with_context(|| format!("cannot create the folder {}", args.dir.display()))?;
    let mut rng = fastrand::Rng::with_seed(args.seed);
    let mut roster = match &args.roster {
        Some(path) => {
            let mut writer = csv::Writer::from_path(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            writer.write_record(generate::ROSTER_KEYS)?;
            Some(writer)
        }
        None => None,
    };
    let width = args.count.to_string().len().max(4);
    for i in 0..args.count {
        let school = generate::random_school(&mut rng, i);
        let path = args.dir.join(format!("school-{i:0width$}.toml"));
        std::fs::write(&path, generate::to_toml(&school))
            .with_context(|| format!("cannot write {}", path.display()))?;
        if let Some(writer) = roster.as_mut() {
            writer.write_record(generate::to_roster_row(&school))?;
        }
    }
    if let Some(mut writer) = roster {
        writer.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}
