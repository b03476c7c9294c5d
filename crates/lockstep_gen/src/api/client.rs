//! `client.ts`: a typed `fetch` client with one method per endpoint. Its only runtime
//! dependency is `fetch`; a base URL and a hook for headers (the auth header) configure it.
//! Every method resolves to a union discriminated by status, whose `data` is the body the
//! contract gives that status (none for a response without one, such as a 204).

use std::fmt::Write as _;

use lockstep_contract::model::{Contract, Endpoint};

use super::sorted_endpoints;

/// What every client shares: the options, the result type and the one function that sends.
const RUNTIME: &str = r#"/** Where the API lives, and what every request carries. */
export type ClientOptions = {
  /** The API's origin, such as `https://shop.example.com`. */
  baseUrl: string
  /** Headers for every request (the auth header), asked for before each one. */
  headers?: () => Record<string, string> | Promise<Record<string, string>>
  /** The `fetch` to use; the global one by default. */
  fetch?: typeof fetch
  /*VALIDATE_OPTION*/
}

/** A response: its status, and the body the contract gives that status. */
export type Result<Responses> = {
  [Status in keyof Responses]: Responses[Status] extends undefined
    ? { status: Status }
    : { status: Status; data: Responses[Status] }
}[keyof Responses]

type Request = {
  params?: Record<string, string | number | boolean>
  query?: Record<string, unknown>
  headers?: Record<string, unknown>
  body?: unknown
}

/** The zod schemas of an endpoint's responses, by status. */
type Schemas = Record<number, { parse(value: unknown): unknown }>

async function send(
  options: ClientOptions,
  method: string,
  path: string,
  request: Request,
  schemas?: Schemas,
): Promise<{ status: number; data?: unknown }> {
  const params = request.params ?? {}
  const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(params[name])),
  )
  const url = new URL(filled, options.baseUrl)
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value === undefined || value === null) continue
    for (const item of Array.isArray(value) ? value : [value]) {
      url.searchParams.append(key, String(item))
    }
  }
  const headers: Record<string, string> = { ...(await options.headers?.()) }
  for (const [key, value] of Object.entries(request.headers ?? {})) {
    if (value !== undefined && value !== null) headers[key] = String(value)
  }
  const init: RequestInit = { method, headers }
  if (request.body !== undefined) {
    headers["content-type"] = "application/json"
    init.body = JSON.stringify(request.body)
  }
  const response = await (options.fetch ?? fetch)(url, init)
  const text = await response.text()
  const json = (response.headers.get("content-type") ?? "").includes("json")
  const data: unknown = text === "" ? undefined : json ? JSON.parse(text) : text
  // Throws (a ZodError) when the body is not what the contract says for this status.
  const schema = /*VALIDATE*/ undefined
  if (schema) schema.parse(data)
  return data === undefined ? { status: response.status } : { status: response.status, data }
}
"#;

/// The whole `client.ts` after `header`. It imports the API types from `types_module` (`./types`
/// when `types.ts` is beside it) and, given `validators_module`, the zod schemas, which the
/// client's `validate` option checks every response body against.
pub fn client_ts(contract: &Contract, header: &str, types_module: &str, validators_module: Option<&str>) -> String {
    let mut import = format!("import type * as T from {}\n", crate::ts::string_literal(types_module));
    let runtime = match validators_module {
        Some(module) => {
            let _ = writeln!(import, "import * as V from {}", crate::ts::string_literal(module));
            RUNTIME
                .replace(
                    "/*VALIDATE_OPTION*/",
                    "/** Check every response body against the contract's zod schema (a mismatch throws). */\n  validate?: boolean",
                )
                .replace("/*VALIDATE*/ undefined", "options.validate ? schemas?.[response.status] : undefined")
        }
        None => RUNTIME
            .replace("  /*VALIDATE_OPTION*/\n", "")
            .replace("/*VALIDATE*/ undefined", "schemas?.[response.status]"),
    };
    let mut out = format!(
        "{header}\n{import}\n{runtime}\n/** A client for the API the contract describes. */\nexport function createApiClient(options: ClientOptions) {{\n  return {{\n"
    );
    for (endpoint, name) in sorted_endpoints(contract) {
        method(&mut out, endpoint, &name, validators_module.is_some());
    }
    out.push_str("  }\n}\n");
    out
}

fn method(out: &mut String, endpoint: &Endpoint, name: &str, validated: bool) {
    let mut camel = name.to_owned();
    if let Some(first) = camel.get(..1) {
        camel.replace_range(..1, &first.to_ascii_lowercase());
    }
    // What the caller passes: the parts the endpoint has; the whole argument may be left out
    // when none of them is required.
    let mut parts = Vec::new();
    let mut required = false;
    if !endpoint.params.is_empty() {
        parts.push(format!("params: T.{name}[\"params\"]"));
        required = true;
    }
    for (key, fields) in [("query", &endpoint.query), ("headers", &endpoint.headers)] {
        if fields.is_empty() {
            continue;
        }
        let needed = super::parameters_required(fields);
        parts.push(format!("{key}{}: T.{name}[\"{key}\"]", if needed { "" } else { "?" }));
        required |= needed;
    }
    if endpoint.body.is_some() {
        parts.push(format!("body: T.{name}[\"body\"]"));
        required = true;
    }
    let argument = match (parts.is_empty(), required) {
        (true, _) => String::new(),
        (false, true) => format!("request: {{ {} }}", parts.join("; ")),
        (false, false) => format!("request: {{ {} }} = {{}}", parts.join("; ")),
    };
    let request = if parts.is_empty() { "{}" } else { "request" };
    let _ = writeln!(out, "    /** `{} {}` */", endpoint.method.as_str(), endpoint.path);
    let _ = writeln!(out, "    {camel}: async ({argument}): Promise<Result<T.{name}[\"responses\"]>> =>");
    let schemas = if validated { format!(", V.{name}Schemas.responses") } else { String::new() };
    let _ = writeln!(
        out,
        "      (await send(options, \"{}\", {}, {request}{schemas})) as Result<T.{name}[\"responses\"]>,",
        endpoint.method.as_str(),
        crate::ts::string_literal(&endpoint.path),
    );
}
