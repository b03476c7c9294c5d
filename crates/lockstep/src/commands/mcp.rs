//! `lockstep mcp`: an MCP server over stdio for AI agents, with a small tool surface: `check`
//! (compact findings, filtered by layer or file), `context` (one finding's slice with its token
//! count) and `rule` (what a code means and how to fix it) here; `impact`, `contract`,
//! `migrate_plan` and `gen` in [`changes`]. Answers are structured (with an output schema) and
//! mirrored as text; the same project state gives the same bytes.

mod changes;

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{ServerCapabilities, ServerInfo};
use rmcp::{Json, ServerHandler, ServiceExt, tool, tool_handler, tool_router};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::ExitStatus;
use crate::cli::{ColorChoice, GlobalArgs, Layer, McpArgs, OutputFormat};
use crate::printer::Printer;
use crate::report::context::Slicer;
use crate::report::finding_id::finding_ids;
use lockstep_workspace::Workspace;
use lockstep_workspace::check::{CheckOptions, Checked, Quiet};

#[derive(Clone)]
pub struct Server {
    root: Option<PathBuf>,
    /// The project, loaded once and kept: a check after an edit re-derives only what the edit
    /// touched (the files changed on disk are found by their modification times).
    workspace: Arc<Mutex<Option<Workspace>>>,
    tool_router: ToolRouter<Self>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct CheckParams {
    /// Layers to check: db, ui, api, env (all when empty).
    #[serde(default)]
    pub layers: Vec<String>,
    /// Only findings in files whose path contains this.
    #[serde(default)]
    pub file: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Finding {
    pub id: String,
    pub code: String,
    pub severity: String,
    pub message: String,
    /// `path:line`, when the finding has a place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct CheckOutput {
    pub errors: usize,
    pub warnings: usize,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct ContextParams {
    /// A finding id from `check`.
    pub finding: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ContextOutput {
    pub id: String,
    pub context: String,
    /// Tokens of `context` (`o200k_base`).
    pub tokens: usize,
    /// Tokens of the whole files it touches.
    pub file_tokens: usize,
}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct RuleParams {
    /// A finding code, such as `ui/unknown-column`.
    pub code: String,
}

#[tool_router]
impl Server {
    fn new(root: Option<PathBuf>) -> Server {
        Server { root, workspace: Arc::new(Mutex::new(None)), tool_router: Self::tool_router() + Self::change_router() }
    }

    #[tool(
        description = "Check the project against its contract. Compact findings with ids; filter by layers (db, ui, api, env) or a file path part."
    )]
    async fn check(&self, Parameters(params): Parameters<CheckParams>) -> Result<Json<CheckOutput>, String> {
        let (workspace, checked) = self.collect(&params.layers)?;
        let sources = workspace.as_ref().expect("checked").sources();
        let ids = finding_ids(&checked.diagnostics, sources);
        let mut output = CheckOutput { errors: 0, warnings: 0, findings: Vec::new() };
        for (diagnostic, id) in checked.diagnostics.iter().zip(ids) {
            let at = diagnostic.primary.as_ref().map(|label| {
                let file = sources.get(label.span.file);
                let line = file.line_index().line_col(file.text(), label.span.start).line;
                format!("{}:{line}", file.path())
            });
            if params.file.as_ref().is_some_and(|part| !at.as_ref().is_some_and(|at| at.contains(part.as_str()))) {
                continue;
            }
            match diagnostic.severity {
                lockstep_diagnostics::Severity::Error => output.errors += 1,
                lockstep_diagnostics::Severity::Warning => output.warnings += 1,
                lockstep_diagnostics::Severity::Info => {}
            }
            output.findings.push(Finding {
                id,
                code: diagnostic.code.to_owned(),
                severity: diagnostic.severity.as_str().to_owned(),
                message: diagnostic.message.clone(),
                at,
            });
        }
        Ok(Json(output))
    }

    #[tool(
        description = "One finding's context by id: its lines, the code around them, related places and the fix, with token counts."
    )]
    async fn context(&self, Parameters(params): Parameters<ContextParams>) -> Result<Json<ContextOutput>, String> {
        let (workspace, checked) = self.collect(&[])?;
        let sources = workspace.as_ref().expect("checked").sources();
        let ids = finding_ids(&checked.diagnostics, sources);
        let index = ids
            .iter()
            .position(|id| *id == params.finding)
            .ok_or_else(|| format!("no finding has the id `{}` now: it is fixed, or mistyped", params.finding))?;
        let slice = Slicer::new(sources).context(&checked.diagnostics[index]);
        Ok(Json(ContextOutput {
            id: params.finding,
            context: slice.text,
            tokens: slice.tokens,
            file_tokens: slice.file_tokens,
        }))
    }

    #[tool(description = "Explain a finding code: meaning, example, fix.")]
    async fn rule(&self, Parameters(params): Parameters<RuleParams>) -> Result<String, String> {
        let rule = crate::rules::find(&params.code).ok_or_else(|| format!("no rule has the code `{}`", params.code))?;
        Ok(crate::rules::markdown(rule, 1))
    }
}

impl Server {
    /// Checks the project (the workspace kept warm between calls), returning it locked with
    /// what it found.
    fn collect(&self, layers: &[String]) -> Result<(MutexGuard<'_, Option<Workspace>>, Checked), String> {
        let only = layers
            .iter()
            .map(|layer| match layer.as_str() {
                "db" => Ok(Layer::Db),
                "ui" => Ok(Layer::Ui),
                "api" => Ok(Layer::Api),
                "env" => Ok(Layer::Env),
                other => Err(format!("no layer `{other}`: use db, ui, api or env")),
            })
            .collect::<Result<Vec<_>, String>>()?;
        let options = CheckOptions { only, ..CheckOptions::default() };
        let mut guard = self.workspace.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let workspace = match guard.as_mut() {
            Some(workspace) => {
                workspace.set_options(options);
                workspace.refresh();
                workspace
            }
            None => guard.insert(Workspace::new(self.root.as_deref(), options, false).watching()),
        };
        // Progress goes nowhere: stdout is the protocol's channel.
        match workspace.check(&Quiet) {
            Ok(checked) => Ok((guard, checked)),
            Err(err) => {
                // A project that could not be loaded is loaded afresh next time.
                *guard = None;
                Err(format!("{err:#}"))
            }
        }
    }
}

/// A printer that prints no progress: stdout is the protocol's channel.
fn quiet() -> Printer {
    Printer::new(&GlobalArgs { format: OutputFormat::Text, color: ColorChoice::Never, quiet: true, verbose: false })
}

#[tool_handler]
impl ServerHandler for Server {
    fn get_info(&self) -> ServerInfo {
        ServerInfo {
            instructions: Some(
                "lockstep checks this app's UI, API, database and env against its contract. Run `check` after every edit; fix a finding from `context`, not whole files.".into(),
            ),
            capabilities: ServerCapabilities::builder().enable_tools().build(),
            ..Default::default()
        }
    }
}

pub fn run(args: &McpArgs) -> anyhow::Result<ExitStatus> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async {
        let service = Server::new(args.path.clone()).serve(rmcp::transport::stdio()).await?;
        service.waiting().await?;
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(ExitStatus::Success)
}

/// The tools as `tools/list` lists them, for the token budget test.
#[cfg(test)]
pub fn tools_json() -> String {
    let tools = Server::new(None).tool_router.list_all();
    serde_json::to_string(&serde_json::json!({ "tools": tools })).expect("tools serialize")
}

#[cfg(test)]
mod tests {
    /// The whole `tools/list` answer stays small: at most 2,000 tokens (`o200k_base`).
    #[test]
    fn the_tool_list_costs_at_most_2000_tokens() {
        let json = super::tools_json();
        let tokens = crate::report::context::tokens(&json);
        assert!(json.contains("\"check\"") && json.contains("\"context\"") && json.contains("outputSchema"), "{json}");
        assert!(tokens <= 2000, "tools/list costs {tokens} tokens: {json}");
    }
}
