//! `lockstep impact ELEMENT`: every place that depends on one contract element, grouped, at its
//! file and line, with counts and the tokens of the files they are in: what a change to the
//! element reaches before it is made. The MCP server's `impact` tool answers the same.

use std::fmt::Write as _;
use std::path::Path;

use lockstep_check::impact::{Facts, Group, impact};
use lockstep_contract::model::Contract;
use lockstep_diagnostics::{ContractPath, Severity, Sources, Span, escape_controls};
use schemars::JsonSchema;
use serde::Serialize;

use crate::ExitStatus;
use crate::cli::{GlobalArgs, ImpactArgs, OutputFormat};
use crate::printer::Printer;
use crate::report::context::{FileTokens, tokens};

pub fn run(printer: &Printer, global: &GlobalArgs, args: &ImpactArgs) -> anyhow::Result<ExitStatus> {
    let project = Project::load(args.path.as_deref(), printer.color_stderr)?;
    let impact = project.impact(&args.element)?;
    let output = match global.format {
        OutputFormat::Text => impact.text.clone(),
        OutputFormat::Json => {
            let mut value = serde_json::to_value(&impact).expect("the impact serializes");
            value.as_object_mut().expect("an object").insert("version".into(), 1.into());
            format!("{value:#}\n")
        }
        OutputFormat::Sarif | OutputFormat::Github => {
            anyhow::bail!("`lockstep impact` prints `--format text` or `json`")
        }
    };
    printer.out(&output)?;
    Ok(ExitStatus::Success)
}

// What depends on one element (comments, not doc comments: they would lengthen the MCP tool list).
#[derive(Debug, Serialize, JsonSchema)]
pub struct Impact {
    // The element as findings name it (`Order.status`, `GET /api/orders`).
    pub element: String,
    // `entity`, `field`, `enum`, `enum_value`, `endpoint`, `webhook`, `env`, `function`, `bucket`, `policy`.
    pub kind: String,
    // Where the contract defines it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub definition: Option<Place>,
    pub places: Vec<Place>,
    // Per group: places, files, and the tokens of those files.
    pub groups: Vec<GroupCount>,
    // Distinct files with a place.
    pub files: usize,
    /// Tokens (`o200k_base`) of the files with a place.
    pub file_tokens: usize,
    /// Tokens of the answer as text (`lockstep impact`).
    pub tokens: usize,
    /// The answer for people (and agents): what `lockstep impact` prints.
    #[serde(skip)]
    #[schemars(skip)]
    pub text: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Place {
    // `contract`, `code`, `routes`, `migrations` or `env`.
    pub group: &'static str,
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub what: String,
    // The line, trimmed.
    pub code: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct GroupCount {
    pub group: &'static str,
    pub places: usize,
    pub files: usize,
    pub file_tokens: usize,
}

/// A project read for impact questions: its contract and every layer's facts, reads included.
pub struct Project {
    sources: Sources,
    contract: Contract,
    code: Vec<(lockstep_diagnostics::FileId, lockstep_ts::facts::FileFacts)>,
    handlers: Vec<lockstep_ts::routes::RouteHandler>,
    migrations: Vec<(lockstep_diagnostics::FileId, Vec<lockstep_sql::schema::migration_facts::Fact>)>,
    schema: Option<lockstep_sql::schema::Schema>,
    env_files: Vec<crate::env_files::ReadEnvFile>,
}

impl Project {
    /// Reads the project around `path`: the contract (which must have no errors), the code
    /// (facts and route handlers), the static schema and each migration's statements, the env
    /// files.
    pub fn load(path: Option<&Path>, color: bool) -> anyhow::Result<Project> {
        let (project, contract, mut sources) = sound_contract(path, color)?;
        let (source_paths, _) = crate::sources::source_paths(&project)?;
        let extracted = crate::sources::read_and_extract(&project, &source_paths, &mut sources);
        let handlers = lockstep_workspace::mounts::mounted_handlers(extracted.routes);
        let replayed = crate::database::static_schema(&project, &mut sources)?;
        let (schema, migrations) = match replayed {
            Some(replayed) => {
                let migrations = replayed
                    .read
                    .iter()
                    .map(|&id| (id, lockstep_sql::migration_facts::migration_facts(sources.get(id).text())))
                    .collect();
                (Some(replayed.schema), migrations)
            }
            None => (None, Vec::new()),
        };
        let (env_files, _) = crate::env_files::read_env_files(&crate::read::Disk, &project, &contract, &mut sources);
        Ok(Project { sources, contract, code: extracted.facts, handlers, migrations, schema, env_files })
    }

    /// What depends on the element `text` names.
    pub fn impact(&self, text: &str) -> anyhow::Result<Impact> {
        let element = self.contract.find_element(text).map_err(anyhow::Error::msg)?;
        let env_files: Vec<lockstep_check::env::EnvFileFacts> =
            self.env_files.iter().map(crate::env_files::ReadEnvFile::facts).collect();
        let facts = Facts {
            code: &self.code,
            handlers: &self.handlers,
            migrations: &self.migrations,
            schema: self.schema.as_ref(),
            env_files: &env_files,
        };
        let found = impact(&self.contract, &element, &facts);
        let mut places: Vec<(Group, Place)> =
            found.iter().map(|p| (p.group, self.place(p.group.as_str(), p.span, &p.what))).collect();
        places.sort_by(|(a, x), (b, y)| (a, &x.file, x.line, x.column).cmp(&(b, &y.file, y.line, y.column)));
        // One statement is one place, whatever its facts say.
        places.dedup_by(|(g, x), (h, y)| *g == Group::Migrations && g == h && x.file == y.file && x.line == y.line);
        let definition = self.contract.definition(&element).map(|span| self.place("contract", span, "defines it"));
        Ok(self.summarize(&element, definition, places, &found))
    }

    fn summarize(
        &self,
        element: &ContractPath,
        definition: Option<Place>,
        places: Vec<(Group, Place)>,
        found: &[lockstep_check::impact::Place],
    ) -> Impact {
        let mut counter = FileTokens::default();
        let mut groups = Vec::new();
        let mut all_files = Vec::new();
        let mut text = String::new();
        let _ = write!(text, "{element}");
        if let Some(definition) = &definition {
            let _ = write!(text, " ({}:{})", definition.file, definition.line);
        }
        text.push('\n');
        let mut at = 0;
        while at < places.len() {
            let group = places[at].0;
            let end = places[at..].iter().position(|(g, _)| *g != group).map_or(places.len(), |n| at + n);
            let mut files: Vec<_> = found.iter().filter(|p| p.group == group).map(|p| p.span.file).collect();
            files.sort_unstable();
            files.dedup();
            let file_tokens = files.iter().map(|&f| counter.of(&self.sources, f)).sum();
            all_files.extend(files.iter().copied());
            let count = GroupCount { group: group.as_str(), places: end - at, files: files.len(), file_tokens };
            let _ = writeln!(
                text,
                "\n{}: {} in {} ({} tokens)",
                count.group,
                plural(count.places, "place"),
                plural(count.files, "file"),
                count.file_tokens
            );
            for (_, place) in &places[at..end] {
                let _ = writeln!(text, "  {}:{}: {}\n      {}", place.file, place.line, place.what, place.code);
            }
            groups.push(count);
            at = end;
        }
        all_files.sort_unstable();
        all_files.dedup();
        let file_tokens = all_files.iter().map(|&f| counter.of(&self.sources, f)).sum();
        if places.is_empty() {
            text.push_str("\nnothing in the code, routes, migrations or env files depends on it\n");
        }
        let _ = writeln!(
            text,
            "\n{} in {}; the files hold {file_tokens} tokens",
            plural(places.len(), "place"),
            plural(all_files.len(), "file")
        );
        Impact {
            element: element.to_string(),
            kind: element.kind().to_owned(),
            definition,
            places: places.into_iter().map(|(_, p)| p).collect(),
            groups,
            files: all_files.len(),
            file_tokens,
            tokens: tokens(&text),
            text,
        }
    }

    /// A span as a place: path, line, column and the line's text.
    pub fn place(&self, group: &'static str, span: Span, what: &str) -> Place {
        let file = self.sources.get(span.file);
        let at = file.line_index().line_col(file.text(), span.start);
        let line = file.line_index().line_text(file.text(), at.line).trim();
        let code = match line.char_indices().nth(160) {
            Some((cut, _)) => format!("{} …", &line[..cut]),
            None => line.to_owned(),
        };
        Place {
            group,
            file: file.path().to_owned(),
            line: at.line,
            column: at.column,
            what: what.to_owned(),
            code: escape_controls(&code).into_owned(),
        }
    }
}

/// The project around `path` and its contract, which must have no errors, with the sources
/// read so far.
pub fn sound_contract(
    path: Option<&Path>,
    color: bool,
) -> anyhow::Result<(lockstep_config::Project, Contract, Sources)> {
    let mut sources = Sources::new();
    let project = crate::load::project(path, &mut sources, color)?;
    let paths = crate::load::contract_paths(&project, &sources, color)?;
    let root = crate::read::canonical_root(&project.root);
    let loaded = crate::load::contract(&paths, &project.root, crate::read::Within::Root(&root), &mut sources)?;
    match loaded.contract {
        Some(contract) if !loaded.diagnostics.iter().any(|d| d.severity == Severity::Error) => {
            Ok((project, contract, sources))
        }
        _ => anyhow::bail!("the contract has errors; `lockstep check` shows them"),
    }
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 { format!("1 {noun}") } else { format!("{count} {noun}s") }
}
