//! `new fact | entity | event`: skeletons to start an entry from.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::args::NewWhat;
use super::load::load_for_authoring;
use dispute_bot::authoring;

pub fn run(dir: &Path, what: &NewWhat) -> Result<ExitCode> {
    let kb = load_for_authoring(dir)?;
    let skeleton = match what {
        NewWhat::Fact { source, paragraph } => authoring::fact_skeleton(&kb, source, *paragraph)?,
        NewWhat::Entity { name } => authoring::entity_skeleton(&kb, &name.join(" ")),
        NewWhat::Event { evidence } => authoring::event_skeleton(&kb, evidence)?,
    };
    print!("{skeleton}");
    Ok(ExitCode::SUCCESS)
}
