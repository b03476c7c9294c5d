//! Methods the contract does not declare on a path: the app must say they are not allowed.

use std::collections::HashMap;

use lockstep_contract::model::{Contract, Endpoint, Method};

use super::request::{request, value_text};
use crate::http::{HttpError, curl};
use crate::values::sample;
use crate::{Case, Check, Group, Target};

/// For every path, one method the contract does not declare on it: the app must say the method
/// is not allowed (405, or 501), not serve it or answer as if the path did not exist.
pub(super) fn undeclared_methods(contract: &Contract, target: &Target, out: &mut Vec<Case>) -> Result<(), HttpError> {
    let mut paths: Vec<&str> = contract.endpoints.iter().map(|e| e.path.as_str()).collect();
    paths.dedup();
    for path in paths {
        let declared: Vec<&Endpoint> = contract.endpoints.iter().filter(|e| e.path == path).collect();
        let Some(method) = [Method::Patch, Method::Put, Method::Delete, Method::Post, Method::Get]
            .into_iter()
            .find(|m| !declared.iter().any(|e| e.method == *m))
        else {
            continue;
        };
        let params: HashMap<String, String> =
            declared[0].params.iter().map(|p| (p.name.clone(), value_text(&sample(contract, &p.shape)))).collect();
        let mut request = request(target, declared[0], &params, &[], None, true);
        request.method = method.as_str();
        let mut case = Case::new(Group::Api, path, format!("undeclared method {}", method.as_str()));
        match target.client.send(&request, target.credentials) {
            Ok(answer) if answer.status == 405 || answer.status == 501 => {}
            Ok(answer) => {
                let methods: Vec<&str> = declared.iter().map(|e| e.method.as_str()).collect();
                case.fail(
                    Check::UndeclaredMethod,
                    format!(
                        "the contract declares {} on this path; {} was answered {}, not 405 Method Not Allowed",
                        methods.join(", "),
                        method.as_str(),
                        answer.status
                    ),
                );
                case.reproducer = Some(curl(&request, target.credentials));
            }
            Err(HttpError::Connect(reason)) => return Err(HttpError::Connect(reason)),
            Err(other) => case.fail(Check::Unreachable, other.to_string()),
        }
        out.push(case);
    }
    Ok(())
}
