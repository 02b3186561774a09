//! The `bellwether` command: ingest model extractions into a state file, compose and deliver
//! the morning brief, and inspect the signals. See `bellwether --help` and the README.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod cli;
mod commands;
mod config;
mod ingest;
mod render;

use std::error::Error;
use std::process::ExitCode;

use clap::Parser;

use crate::cli::Cli;

/// Why a command stopped, which decides the exit code.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Bad arguments or configuration: exit 2.
    Usage(Box<dyn Error>),
    /// A failure while running: exit 1 (3 when the state is locked by another run).
    Run(Box<dyn Error>),
}

impl<E: Error + 'static> From<E> for Failure {
    fn from(error: E) -> Self {
        Failure::Run(Box::new(error))
    }
}

/// Exit code 3: another run holds the state.
const EXIT_LOCKED: u8 = 3;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(failure) => ExitCode::from(report(failure)),
    }
}

/// Prints the error and every cause under it; returns the exit code.
fn report(failure: Failure) -> u8 {
    let (error, code) = match &failure {
        Failure::Usage(error) => (error, 2),
        Failure::Run(error) if is_locked(error.as_ref()) => (error, EXIT_LOCKED),
        Failure::Run(error) => (error, 1),
    };
    eprint!("{}", bellwether::job::describe(error.as_ref()));
    code
}

/// Whether `error` or a cause under it is [`bellwether::Error::StateLocked`].
fn is_locked(error: &(dyn Error + 'static)) -> bool {
    let mut current = Some(error);
    while let Some(error) = current {
        if matches!(
            error.downcast_ref::<bellwether::Error>(),
            Some(bellwether::Error::StateLocked { .. })
        ) {
            return true;
        }
        current = error.source();
    }
    false
}
