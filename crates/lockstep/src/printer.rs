//! The one way output leaves the program: data to stdout, everything else to stderr, with the
//! colour choice and `-q`/`-v` applied in one place.

use std::cell::Cell;
use std::io::{self, IsTerminal, Write};

use crate::cli::{ColorChoice, GlobalArgs};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

pub struct Printer {
    verbosity: Verbosity,
    /// Colour on stdout (findings).
    pub color_stdout: bool,
    /// Colour on stderr (status and errors).
    pub color_stderr: bool,
    /// The reader of stdout went away (`lockstep check | head -1`): data is no longer written,
    /// but the command still finishes and its exit code still tells the verdict.
    stdout_closed: Cell<bool>,
}

impl Printer {
    pub fn new(global: &GlobalArgs) -> Printer {
        let verbosity = match (global.quiet, global.verbose) {
            (true, _) => Verbosity::Quiet,
            (false, true) => Verbosity::Verbose,
            (false, false) => Verbosity::Normal,
        };
        Printer {
            verbosity,
            color_stdout: use_color(global.color, io::stdout().is_terminal()),
            color_stderr: use_color(global.color, io::stderr().is_terminal()),
            stdout_closed: Cell::new(false),
        }
    }

    /// Writes data: findings, formatted output, JSON. Never silenced by `--quiet`. A closed
    /// pipe is not an error (ripgrep and ruff do the same): the rest of the data is dropped.
    pub fn out(&self, text: &str) -> io::Result<()> {
        if self.stdout_closed.get() {
            return Ok(());
        }
        let mut stdout = io::stdout().lock();
        match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
            Err(err) if err.kind() == io::ErrorKind::BrokenPipe => {
                self.stdout_closed.set(true);
                Ok(())
            }
            other => other,
        }
    }

    /// A status line for people, unless `--quiet`.
    pub fn status(&self, text: &str) {
        if self.verbosity >= Verbosity::Normal {
            let _ = writeln!(io::stderr(), "{text}");
        }
    }

    /// Detail shown with `--verbose` only.
    pub fn detail(&self, text: &str) {
        if self.verbosity >= Verbosity::Verbose {
            let _ = writeln!(io::stderr(), "{text}");
        }
    }

    pub fn is_verbose(&self) -> bool {
        self.verbosity >= Verbosity::Verbose
    }

    pub fn paint_error(&self, text: &str) -> String {
        if self.color_stderr { format!("\x1b[1;31m{text}\x1b[0m") } else { text.to_owned() }
    }
}

/// `--color` wins, then `NO_COLOR`, then `FORCE_COLOR`, then whether the stream is a terminal.
fn use_color(choice: ColorChoice, is_terminal: bool) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set("NO_COLOR") => false,
        ColorChoice::Auto if set("FORCE_COLOR") => true,
        ColorChoice::Auto => is_terminal,
    }
}
