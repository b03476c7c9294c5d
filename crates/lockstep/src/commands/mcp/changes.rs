//! The MCP tools for changing the app: `impact` (what depends on an element), `contract` (an
//! element's definition), and `migrate_plan` and `gen` as dry runs (`gen` writes only when asked
//! with `write: true`; `migrate_plan` never writes).

use std::fmt::Write as _;
use std::path::Path;

use rmcp::handler::server::wrapper::Parameters;
use rmcp::{Json, tool, tool_router};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Server;
use crate::cli::{DatabaseArgs, PlanArgs};
use crate::commands::generate;
use crate::commands::impact::{Impact, Project, sound_contract};
use crate::commands::migrate::plan::{Planning, prepare};
use lockstep_workspace::generated_outputs::{self as outputs_of, State};

#[derive(Debug, Deserialize, JsonSchema)]
pub struct ElementParams {
    /// `Order`, `Order.status`, `OrderStatus.paid`, `GET /api/orders`, an env variable, function or bucket.
    pub element: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ContractOutput {
    pub element: String,
    pub kind: String,
    /// `path:line`.
    pub at: String,
    /// The definition's lines.
    pub definition: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct PlanParams {
    /// Plan drops and other destructive changes too.
    #[serde(default)]
    pub allow_destructive: bool,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct PlanOutput {
    /// One line per change, with its hazards.
    pub changes: Vec<String>,
    /// The files `migrate plan` would write, with their SQL.
    pub files: Vec<PlannedFile>,
    /// Why it needs `allow_destructive`.
    pub needs_consent: Vec<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct PlannedFile {
    pub path: String,
    pub sql: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct GenParams {
    /// Write the missing and stale files.
    #[serde(default)]
    pub write: bool,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct GenOutput {
    pub files: Vec<GenFile>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct GenFile {
    pub path: String,
    /// current, missing, stale or written.
    pub state: String,
    /// Where a stale file first differs: `line: found -> expected`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<String>,
}

#[tool_router(router = change_router, vis = "pub(super)")]
impl Server {
    #[tool(description = "Every place (code, routes, migrations, env, contract) that depends on a contract element.")]
    async fn impact(&self, Parameters(params): Parameters<ElementParams>) -> Result<Json<Impact>, String> {
        let project = Project::load(self.root.as_deref(), false).map_err(|err| format!("{err:#}"))?;
        project.impact(&params.element).map(Json).map_err(|err| format!("{err:#}"))
    }

    #[tool(description = "A contract element's definition and location.")]
    async fn contract(&self, Parameters(params): Parameters<ElementParams>) -> Result<Json<ContractOutput>, String> {
        let (_, contract, sources) = sound_contract(self.root.as_deref(), false).map_err(|err| format!("{err:#}"))?;
        let element = contract.find_element(&params.element)?;
        let span = contract.definition(&element).ok_or_else(|| format!("`{element}` has no definition"))?;
        let file = sources.get(span.file);
        let index = file.line_index();
        let first = index.line_col(file.text(), span.start).line;
        let last = index.line_col(file.text(), span.end.max(span.start)).line;
        let definition: Vec<&str> = (first..=last).map(|line| index.line_text(file.text(), line).trim_end()).collect();
        Ok(Json(ContractOutput {
            kind: element.kind().to_owned(),
            element: element.to_string(),
            at: format!("{}:{first}", file.path()),
            definition: definition.join("\n"),
        }))
    }

    #[tool(description = "Dry run of `migrate plan`: the SQL it would write from the contract. Never writes.")]
    async fn migrate_plan(&self, Parameters(params): Parameters<PlanParams>) -> Result<Json<PlanOutput>, String> {
        let args = PlanArgs {
            path: self.root.clone(),
            name: "lockstep_plan".to_owned(),
            dry_run: true,
            allow_destructive: params.allow_destructive,
            online: false,
            database: DatabaseArgs { db: None },
        };
        let planning = prepare(&super::quiet(), &args).map_err(|err| format!("{err:#}"))?;
        let prepared = match planning {
            Planning::ContractErrors => return Err("the contract has errors; `check` shows them".to_owned()),
            Planning::Nothing(_) => {
                return Ok(Json(PlanOutput { changes: Vec::new(), files: Vec::new(), needs_consent: Vec::new() }));
            }
            Planning::Ready(prepared) => prepared,
        };
        let changes = prepared
            .planned
            .changes
            .iter()
            .map(|planned| {
                let mut line = lockstep_db::summary::summary(&planned.change);
                for hazard in &planned.hazards {
                    let _ = write!(line, " [{}: {}]", hazard.risk.as_str(), hazard.message);
                }
                line
            })
            .collect();
        let files = prepared
            .planned
            .files
            .iter()
            .zip(&prepared.shown_paths)
            .map(|(file, path)| PlannedFile { path: path.clone(), sql: file.sql.clone() })
            .collect();
        Ok(Json(PlanOutput { changes, files, needs_consent: prepared.consent }))
    }

    #[tool(
        name = "gen",
        description = "Which generated files are missing or stale, and where they differ. Writes only with `write: true`."
    )]
    async fn generate(&self, Parameters(params): Parameters<GenParams>) -> Result<Json<GenOutput>, String> {
        generated(self.root.as_deref(), params.write).map(Json).map_err(|err| format!("{err:#}"))
    }
}

/// The state of every `[gen]` output; with `write`, the missing and stale ones written.
fn generated(path: Option<&Path>, write: bool) -> anyhow::Result<GenOutput> {
    let (project, contract, sources) = sound_contract(path, false)?;
    let contract_files: Vec<(&str, &str)> = sources
        .iter()
        .filter(|(_, file)| Path::new(file.path()).extension().is_some_and(|e| e == crate::load::CONTRACT_EXTENSION))
        .map(|(_, file)| (file.path(), file.text()))
        .collect();
    let outputs = outputs_of::outputs(&project, &contract, &contract_files);
    let root = crate::read::canonical_root(&project.root);
    if write {
        generate::refuse_foreign_files(&project, &root, &outputs)?;
    }
    let mut files = Vec::new();
    for output in &outputs {
        let shown = crate::load::display_path(&output.path, Path::new(""));
        let (state, diff) = match outputs_of::state(&project.root, &root, output) {
            State::Current => ("current", None),
            State::Missing => ("missing", None),
            State::Stale { line, found, expected } => ("stale", Some(format!("{line}: {found} -> {expected}"))),
            State::Unreadable(problem) => anyhow::bail!("`{shown}` {problem}"),
        };
        let state = if write && state != "current" {
            generate::write_output(&project.root, &root, output, &shown)?;
            "written"
        } else {
            state
        };
        files.push(GenFile { path: shown, state: state.to_owned(), diff });
    }
    Ok(GenOutput { files })
}
