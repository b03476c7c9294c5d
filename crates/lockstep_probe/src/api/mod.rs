//! The API tests: for every endpoint, a valid request, the same without credentials, invalid
//! variants (a required key missing, a wrong type, an unknown enum value, a key in the other
//! casing), and read-after-delete where the contract links a delete to a read. Every answer is
//! judged against the endpoint's declared statuses, content types and shapes.

mod invalid;
mod methods;
mod request;

use lockstep_contract::model::{Auth, Contract, Endpoint, Method};
use serde_json::Value;

use crate::http::{Answer, HttpError, Request, curl, excerpt};
use crate::values::{Flavor, sample, sample_of};
use crate::{Case, Check, Group, Target, conform};

use invalid::{enum_of, invalid_requests};
use request::{path_values, request, required, required_query, value_text};

/// Runs every endpoint's cases. `Err` only when the app cannot be reached at all: then no case
/// means anything.
pub fn run(contract: &Contract, target: &Target) -> Result<Vec<Case>, HttpError> {
    let mut cases = Vec::new();
    for endpoint in &contract.endpoints {
        if endpoint.method == Method::Head || endpoint.method == Method::Options {
            continue;
        }
        endpoint_cases(contract, target, endpoint, &mut cases)?;
    }
    methods::undeclared_methods(contract, target, &mut cases)?;
    Ok(cases)
}

/// What one request is meant to show.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Intent {
    Valid,
    NoCredentials,
    Invalid,
    Gone,
}

fn endpoint_cases(
    contract: &Contract,
    target: &Target,
    endpoint: &Endpoint,
    out: &mut Vec<Case>,
) -> Result<(), HttpError> {
    let label = endpoint.label();
    let authenticated = endpoint.auth != Auth::None;
    let params = path_values(contract, target, endpoint)?;
    let query = required_query(contract, &endpoint.query);
    let body = endpoint.body.as_ref().map(|shape| sample(contract, shape));
    let valid = request(target, endpoint, &params, &query, body.as_ref(), authenticated);

    let mut case = Case::new(Group::Api, &label, "valid request");
    if endpoint.auth == Auth::Required && target.credentials.is_none() {
        case.skipped = Some("no credentials: set the variable named by --auth-env".to_owned());
        out.push(case);
    } else {
        let answer = exchange(target, &valid, Intent::Valid, endpoint, contract, &mut case)?;
        out.push(case);
        // The same at the edges of what the contract allows, when there is something to vary.
        if endpoint.body.is_some() || !endpoint.query.is_empty() {
            let edge_query: Vec<(String, String)> = endpoint
                .query
                .iter()
                .map(|f| (f.name.clone(), value_text(&sample_of(contract, &f.shape, Flavor::Edge))))
                .collect();
            let edge_body = endpoint.body.as_ref().map(|shape| sample_of(contract, shape, Flavor::Edge));
            let edge = request(target, endpoint, &params, &edge_query, edge_body.as_ref(), authenticated);
            let mut case = Case::new(Group::Api, &label, "valid request with edge values");
            exchange(target, &edge, Intent::Valid, endpoint, contract, &mut case)?;
            out.push(case);
        }
        if endpoint.method == Method::Delete
            && answer.is_some_and(|a| (200..300).contains(&a.status))
            && let Some(read) = contract.endpoints.iter().find(|e| e.method == Method::Get && e.path == endpoint.path)
        {
            let mut case = Case::new(Group::Api, &label, format!("{} after delete", read.label()));
            let again = request(target, read, &params, &required_query(contract, &read.query), None, true);
            exchange(target, &again, Intent::Gone, read, contract, &mut case)?;
            out.push(case);
        }
    }

    // Optional enum query parameters: each with a value the enum has.
    for field in endpoint.query.iter().filter(|f| !required(f) && enum_of(&f.shape).is_some()) {
        let mut query = query.clone();
        query.push((field.name.clone(), value_text(&sample(contract, &field.shape))));
        let mut case = Case::new(Group::Api, &label, format!("query `{}` with a declared value", field.name));
        exchange(
            target,
            &request(target, endpoint, &params, &query, body.as_ref(), authenticated),
            Intent::Valid,
            endpoint,
            contract,
            &mut case,
        )?;
        out.push(case);
    }

    if endpoint.auth == Auth::Required {
        let mut case = Case::new(Group::Api, &label, "without credentials");
        let anonymous = request(target, endpoint, &params, &query, body.as_ref(), false);
        exchange(target, &anonymous, Intent::NoCredentials, endpoint, contract, &mut case)?;
        out.push(case);
    }

    for (name, invalid) in invalid_requests(contract, target, endpoint, &params, &query, body.as_ref(), authenticated) {
        let mut case = Case::new(Group::Api, &label, name);
        exchange(target, &invalid, Intent::Invalid, endpoint, contract, &mut case)?;
        out.push(case);
    }
    Ok(())
}

/// Sends `request`, judges the answer and records the reproducer on failure. Returns the
/// answer, or `None` when none came (a timeout, a reset), which is itself a failure.
fn exchange(
    target: &Target,
    request: &Request,
    intent: Intent,
    endpoint: &Endpoint,
    contract: &Contract,
    case: &mut Case,
) -> Result<Option<Answer>, HttpError> {
    let answer = match target.client.send(request, target.credentials) {
        Ok(answer) => answer,
        Err(HttpError::Connect(reason)) => return Err(HttpError::Connect(reason)),
        Err(other) => {
            case.fail(Check::Unreachable, other.to_string());
            case.reproducer = Some(curl(request, target.credentials));
            return Ok(None);
        }
    };
    judge(contract, endpoint, &answer, case);
    let status = answer.status;
    let success = (200..300).contains(&status);
    match intent {
        Intent::Valid if status == 400 || status == 422 => case.fail(
            Check::ValidRefused,
            format!("a request the contract makes valid was refused with {status}: {}", excerpt(&answer.body)),
        ),
        Intent::NoCredentials if status != 401 && status != 403 && status < 500 => case.fail(
            Check::AuthNotEnforced,
            format!("`auth required`, but a request without credentials was answered {status}, not 401"),
        ),
        Intent::Invalid if success => {
            case.fail(Check::InvalidAccepted, format!("an invalid request was accepted with {status}"));
        }
        Intent::Gone if status != 404 && status != 410 && status < 500 => case.fail(
            Check::NotGoneAfterDelete,
            format!("the delete succeeded, but reading the same path was answered {status}, not 404"),
        ),
        _ => {}
    }
    if !case.failures.is_empty() {
        case.reproducer = Some(curl(request, target.credentials));
    }
    Ok(Some(answer))
}

/// The answer against the endpoint's declared responses.
fn judge(contract: &Contract, endpoint: &Endpoint, answer: &Answer, case: &mut Case) {
    let status = answer.status;
    if status >= 500 {
        case.fail(Check::ServerError, format!("answered {status}: {}", excerpt(&answer.body)));
        return;
    }
    let Some(response) = endpoint.response(status) else {
        let declares_no_content = endpoint.response(204).is_some_and(|r| r.body.is_none());
        if (200..300).contains(&status) && declares_no_content && !answer.body.is_empty() {
            case.fail(
                Check::BodyOnNoContent,
                format!(
                    "the contract declares 204 with no body; the app answered {status} with {}",
                    excerpt(&answer.body)
                ),
            );
        } else {
            let declared: Vec<String> = endpoint.responses.iter().map(|r| r.status.to_string()).collect();
            case.fail(
                Check::UndeclaredStatus,
                format!("answered {status}, which the contract does not declare (declared: {})", declared.join(", ")),
            );
        }
        return;
    };
    let Some(shape) = &response.body else {
        if !answer.body.is_empty() {
            case.fail(
                Check::BodyOnNoContent,
                format!("{status} is declared without a body; the app sent {}", excerpt(&answer.body)),
            );
        }
        return;
    };
    let json_type = answer.content_type.as_deref().is_some_and(|t| {
        let t = t.to_ascii_lowercase();
        t.starts_with("application/json") || t.contains("+json")
    });
    if !json_type {
        let found = answer.content_type.as_deref().unwrap_or("no content type");
        case.fail(Check::ContentType, format!("{status} declares a JSON body; the app sent {found}"));
    }
    match serde_json::from_slice::<Value>(&answer.body) {
        Ok(value) => {
            let problems = conform::problems(contract, shape, &value);
            if !problems.is_empty() {
                case.fail(
                    Check::ResponseShape,
                    format!("the {status} body does not have the declared shape: {}", problems.join("; ")),
                );
            }
        }
        Err(_) if json_type => {
            case.fail(Check::ContentType, format!("the {status} body is not JSON: {}", excerpt(&answer.body)));
        }
        Err(_) => {}
    }
}
