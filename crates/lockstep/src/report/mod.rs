//! Rendering a run's findings: text for people, JSON for machines. The only place findings
//! become bytes.

pub mod context;
pub mod contract_json;
pub mod finding_id;
mod github;
mod json;
pub mod junit;
pub mod plan_json;
mod sarif;
pub mod schema_json;
pub mod test_json;

use std::time::Duration;

use lockstep_diagnostics::{Diagnostic, RenderOptions, Severity, Sources, render_text, sort_diagnostics};

use crate::cli::OutputFormat;

pub use json::location_json;

pub use lockstep_workspace::check::Failure;

/// Everything a reporter needs about one run.
pub struct Report<'a> {
    pub sources: &'a Sources,
    pub diagnostics: Vec<Diagnostic>,
    pub failures: Vec<Failure>,
    /// Files read, for the summary.
    pub files: usize,
    pub duration: Duration,
}

impl Report<'_> {
    pub fn new(sources: &Sources, mut diagnostics: Vec<Diagnostic>, files: usize, duration: Duration) -> Report<'_> {
        sort_diagnostics(&mut diagnostics, sources);
        Report { sources, diagnostics, failures: Vec::new(), files, duration }
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }

    pub fn render(&self, format: OutputFormat, color: bool) -> String {
        match format {
            OutputFormat::Text => self.text(color),
            OutputFormat::Json => json::render(self),
            OutputFormat::Sarif => sarif::render(self),
            OutputFormat::Github => github::render(self),
        }
    }

    fn text(&self, color: bool) -> String {
        let mut out = String::new();
        for diagnostic in &self.diagnostics {
            render_text(&mut out, diagnostic, self.sources, RenderOptions { color });
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    /// `2 errors, 1 warning in 3 files (4 ms)`, or an all-clear.
    pub fn summary(&self) -> String {
        let (errors, warnings) = (self.count(Severity::Error), self.count(Severity::Warning));
        let files = plural(self.files, "file");
        let ms = self.duration.as_millis();
        let incomplete = if self.failures.is_empty() {
            String::new()
        } else {
            let layers: Vec<&str> = self.failures.iter().map(|f| f.layer).collect();
            format!("; incomplete: the {} layer could not run", layers.join(" and "))
        };
        if errors == 0 && warnings == 0 {
            return format!("no findings in {files} ({ms} ms){incomplete}");
        }
        format!("{}, {} in {files} ({ms} ms){incomplete}", plural(errors, "error"), plural(warnings, "warning"))
    }
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 { format!("1 {noun}") } else { format!("{count} {noun}s") }
}
