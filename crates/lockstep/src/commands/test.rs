//! `lockstep test`: runs `lockstep_probe`'s API, webhook and row-level security tests against
//! the running app and its database, and reports them as text, JSON and `JUnit` XML.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use lockstep_diagnostics::escape_controls;
use lockstep_probe::{Case, Client, Credentials, HttpError, Target};

use crate::ExitStatus;
use crate::cli::{GlobalArgs, OutputFormat, TestArgs, TestGroup};
use crate::database;
use crate::load;
use crate::printer::Printer;
use crate::report::{junit, test_json};
use crate::write::{Existing, write_file};

pub fn run(printer: &Printer, global: &GlobalArgs, args: &TestArgs) -> anyhow::Result<ExitStatus> {
    if matches!(global.format, OutputFormat::Sarif | OutputFormat::Github) {
        bail!("`lockstep test` prints `--format text` or `json` (and JUnit XML with `--junit FILE`)");
    }
    let started = Instant::now();
    let load::SoundProject { project, contract, .. } = load::sound_project(args.path.as_deref(), printer.color_stderr)?;

    let groups = groups(args)?;
    let db_url = args.db.as_deref().map(|given| database::database_url(&project, given)).transpose()?;
    let base_url = args.base_url.as_deref().map(|url| url.trim_end_matches('/').to_owned());
    if let Some(url) = &base_url
        && !url.starts_with("http://")
    {
        bail!(
            "`--base-url {url}` is not an http:// URL\n  help: lockstep test speaks plain HTTP: point it at the app's own port (a dev server, a container, a CI service)"
        );
    }
    let credentials = std::env::var(&args.auth_env).ok().filter(|v| !v.is_empty()).map(|value| Credentials {
        header: args.auth_header.clone(),
        value,
        variable: args.auth_env.clone(),
    });
    if credentials.is_none()
        && groups.contains(&TestGroup::Api)
        && contract.endpoints.iter().any(|e| e.auth == lockstep_contract::model::Auth::Required)
    {
        printer.status(&format!(
            "note: `{}` is not set: requests that need credentials are skipped (only their refusal without credentials is tested)",
            args.auth_env
        ));
    }
    let client = Client::new(Duration::from_secs(args.timeout.max(1)));

    let mut cases: Vec<Case> = Vec::new();
    if let Some(base_url) = &base_url {
        let target = Target { client: &client, base_url, credentials: credentials.as_ref() };
        let unreachable = |e: HttpError| {
            anyhow::anyhow!(
                "cannot reach the app at {base_url}: {e}\n  help: start the app first, or check `--base-url`"
            )
        };
        if groups.contains(&TestGroup::Api) {
            printer.detail("testing the API");
            cases.extend(lockstep_probe::run_api(&contract, &target).map_err(unreachable)?);
        }
        if groups.contains(&TestGroup::Webhooks) {
            printer.detail("testing the webhooks");
            let mut db = match &db_url {
                Some(url) => Some(lockstep_probe::connect(url).map_err(|e| anyhow::anyhow!("{e}"))?),
                None => None,
            };
            cases.extend(lockstep_probe::run_webhooks(&contract, &target, db.as_mut()).map_err(unreachable)?);
        }
    }
    if groups.contains(&TestGroup::Rls) {
        let Some(url) = &db_url else { bail!("the rls tests need a database: pass `--db URL`") };
        printer.detail("testing row-level security");
        cases.extend(
            lockstep_probe::run_rls(&contract, url).map_err(|e| anyhow::anyhow!("row-level security tests: {e}"))?,
        );
    }
    let elapsed = started.elapsed();

    if let Some(path) = &args.junit {
        write_file(path, junit::render(&cases, elapsed).as_bytes(), Existing::Replace)
            .with_context(|| format!("cannot write the JUnit report to `{}`", path.display()))?;
    }
    match global.format {
        OutputFormat::Json => printer.out(&test_json::render(&cases, elapsed))?,
        _ => printer.out(&text(&cases, elapsed, printer.is_verbose()))?,
    }
    let (_, failed, _) = junit::counts(&cases);
    Ok(if failed == 0 { ExitStatus::Success } else { ExitStatus::Findings })
}

/// The groups to run: those asked for, else those the given options make possible.
fn groups(args: &TestArgs) -> anyhow::Result<Vec<TestGroup>> {
    let groups = if args.only.is_empty() {
        let mut groups = Vec::new();
        if args.base_url.is_some() {
            groups.extend([TestGroup::Api, TestGroup::Webhooks]);
        }
        if args.db.is_some() {
            groups.push(TestGroup::Rls);
        }
        groups
    } else {
        args.only.clone()
    };
    if groups.is_empty() {
        bail!("nothing to test: pass `--base-url URL` for the API and webhooks, `--db URL` for row-level security");
    }
    if args.base_url.is_none() && groups.iter().any(|g| *g != TestGroup::Rls) {
        bail!("the api and webhooks tests need the app: pass `--base-url URL`");
    }
    Ok(groups)
}

/// Failures with their reproducers, then a summary line; passed tests only with `-v`.
fn text(cases: &[Case], elapsed: Duration, verbose: bool) -> String {
    let mut out = String::new();
    for case in cases {
        let head =
            format!("{} {} — {}", case.group.as_str(), escape_controls(&case.target), escape_controls(&case.name));
        if let Some(reason) = &case.skipped {
            let _ = writeln!(out, "SKIP {head}: {}", escape_controls(reason));
        } else if case.failures.is_empty() {
            if verbose {
                let _ = writeln!(out, "PASS {head}");
            }
        } else {
            let _ = writeln!(out, "FAIL {head}");
            for failure in &case.failures {
                let _ = writeln!(out, "  {}: {}", failure.check.code(), escape_controls(&failure.message));
            }
            if let Some(reproducer) = &case.reproducer {
                out.push_str("  reproduce:\n");
                for line in reproducer.lines() {
                    let _ = writeln!(out, "    {}", escape_controls(line));
                }
            }
        }
    }
    let (passed, failed, skipped) = junit::counts(cases);
    let _ = writeln!(out, "{passed} passed, {failed} failed, {skipped} skipped ({} ms)", elapsed.as_millis());
    out
}
