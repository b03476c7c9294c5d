//! The facts one source file yields: plain data with spans, independent of any contract.

use lockstep_diagnostics::Span;

use crate::select::{SelectError, SelectItem};

/// Everything lockstep learned from one file.
#[derive(Clone, Debug, Default)]
pub struct FileFacts {
    pub queries: Vec<TableQuery>,
    pub buckets: Vec<Named>,
    /// Environment variables the code reads.
    pub env_reads: Vec<EnvRead>,
    /// Calls to the app's own API.
    pub http_calls: Vec<HttpCall>,
    /// `client.rpc('fn', { arg })`.
    pub rpc_calls: Vec<RpcCall>,
    /// Property reads and array uses on query results and API responses.
    pub reads: Vec<ValueRead>,
    /// The paths the reads follow.
    pub paths: PathTree,
    /// Reads that are alternatives of each other (`body.items || body.data`), by the span of
    /// the property name: one existing key makes the others no drift.
    pub fallbacks: Vec<Vec<Span>>,
    /// `res.status === 404` and `case 404:` on a response of one of `http_calls`.
    pub status_checks: Vec<StatusCheck>,
    /// The file runs in the browser: a `'use client'` directive, or Vite's `import.meta.env`.
    pub is_client: bool,
    /// The file did not parse: the parser's first error, and no facts.
    pub parse_error: Option<(String, Span)>,
}

impl FileFacts {
    /// Gives back the room vectors grew into while the file was walked: a check holds the facts
    /// of every file of the app at once, and growth by doubling leaves up to half of it unused.
    pub(crate) fn shrink_to_fit(&mut self) {
        for query in &mut self.queries {
            for column in &mut query.columns {
                column.values.shrink_to_fit();
            }
            query.columns.shrink_to_fit();
        }
        for call in &mut self.http_calls {
            call.segments.shrink_to_fit();
        }
        self.queries.shrink_to_fit();
        self.buckets.shrink_to_fit();
        self.env_reads.shrink_to_fit();
        self.http_calls.shrink_to_fit();
        self.rpc_calls.shrink_to_fit();
        self.reads.shrink_to_fit();
        self.paths.nodes.shrink_to_fit();
        self.fallbacks.shrink_to_fit();
        self.status_checks.shrink_to_fit();
    }
}

/// `process.env.X`, `process.env['X']`, `import.meta.env.X`, `Deno.env.get('X')`, or a key
/// destructured from `process.env`.
#[derive(Clone, Debug)]
pub struct EnvRead {
    pub name: Named,
    pub via: EnvAccess,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnvAccess {
    ProcessEnv,
    ImportMetaEnv,
    DenoEnv,
}

/// `fetch('/api/orders/' + id, { method: 'DELETE' })` and its kin.
#[derive(Clone, Debug)]
pub struct HttpCall {
    /// `fetch`, `axios`, `ky`, or `supabase` (`functions.invoke`).
    pub client: &'static str,
    /// Upper case; `None` when the code does not say (`fetch` then sends GET).
    pub method: Option<Named>,
    /// The code computes the method (`method: editing ? 'PUT' : 'POST'`): which one is sent is
    /// not known, so it is not judged.
    pub dynamic_method: bool,
    pub segments: Vec<UrlSegment>,
    pub url_span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlSegment {
    Literal(String),
    /// A segment built from a variable.
    Dynamic,
}

/// A name written in the code, with where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    pub name: String,
    pub span: Span,
}

/// One supabase-js query chain: `client.from('orders').select('id, total').eq('status', x)`.
#[derive(Clone, Debug, Default)]
pub struct TableQuery {
    /// `None` when the table name is not a literal: recorded, never guessed.
    pub table: Option<Named>,
    /// From `.schema('name')`, when given.
    pub schema: Option<String>,
    pub select: Option<SelectString>,
    /// `.select(columns)` with a string built at run time (`let columns = '...'; columns +=
    /// ', author(name)'`): which keys the rows have is not known, so reads of them are not
    /// judged.
    pub dynamic_select: bool,
    pub columns: Vec<ColumnUse>,
    /// `.single()` or `.maybeSingle()`: `data` is one row, not a list.
    pub single: bool,
}

/// `client.rpc('order_total', { order_id: id })`.
#[derive(Clone, Debug)]
pub struct RpcCall {
    /// `None` when the name is not a literal.
    pub function: Option<Named>,
    /// The keys of the arguments object; `None` when it is not an object literal (or has a
    /// spread), so the keys are not all known.
    pub args: Option<Vec<Named>>,
    /// `.single()` or `.maybeSingle()` after it: `data` is one row of a set-returning function.
    pub single: bool,
}

/// Where a tracked value comes from: the `data` of a query or an rpc call, or the parsed body of
/// an HTTP call's response.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DataOrigin {
    /// An index into [`FileFacts::queries`].
    Query(usize),
    /// An index into [`FileFacts::rpc_calls`].
    Rpc(usize),
    /// An index into [`FileFacts::http_calls`].
    Response(usize),
}

/// One step from a value into a part of it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// `.name`, `['name']`, or a destructured key.
    Field(String),
    /// An element: `[0]`, the parameter of `.map(row => ...)`, `for (const row of rows)`.
    Element,
    /// An array method or property (`.map`, `.length`): the code treats the value as an array.
    /// The name is kept because an object may have a field of that name.
    ArrayUse(String),
}

/// The code reads `path` from a tracked value; `span` is the last step's name in the code.
#[derive(Clone, Debug)]
pub struct ValueRead {
    pub origin: DataOrigin,
    /// A node of [`FileFacts::paths`].
    pub path: PathId,
    pub span: Span,
}

/// A path into data: a node of a [`PathTree`].
pub type PathId = u32;

/// Paths into data as a tree with shared prefixes: `row.tasks.length` read a hundred times is
/// three nodes, not a hundred vectors. Each distinct path is one node.
#[derive(Clone, Debug, Default)]
pub struct PathTree {
    /// `(parent, step)`; a parent of `None` is the data itself.
    nodes: Vec<(Option<PathId>, Step)>,
}

impl PathTree {
    /// The node for `parent` one `step` further, without deduplication (see the extractor's
    /// index for that).
    pub fn push(&mut self, parent: Option<PathId>, step: Step) -> PathId {
        self.nodes.push((parent, step));
        PathId::try_from(self.nodes.len() - 1).expect("fewer than 4 billion paths in one file")
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn parent(&self, path: PathId) -> Option<PathId> {
        self.nodes[path as usize].0
    }

    pub fn step(&self, path: PathId) -> &Step {
        &self.nodes[path as usize].1
    }

    /// The steps from the data to `path`, in order.
    pub fn steps(&self, path: PathId) -> Vec<&Step> {
        let mut steps = Vec::new();
        let mut at = Some(path);
        while let Some(node) = at {
            steps.push(self.step(node));
            at = self.parent(node);
        }
        steps.reverse();
        steps
    }
}

/// The code compares a response's status with a number.
#[derive(Clone, Debug)]
pub struct StatusCheck {
    /// An index into [`FileFacts::http_calls`].
    pub call: usize,
    pub status: u16,
    pub span: Span,
}

/// A `select(...)` argument. `file_offset` is where the string's content is in the file, to
/// turn offsets in the string into spans.
///
/// The string is kept and parsed where a rule needs its items ([`SelectString::parsed`]):
/// parsing it is cheap, and its items take ten times the room of its text in the facts of every
/// file a check holds at once.
#[derive(Clone, Debug)]
pub struct SelectString {
    /// The literal's content in the file, quotes excluded.
    pub file_offset: Span,
    /// For each byte of the decoded string (and its end), where it starts in the literal's
    /// source text; empty when the two are the same (no escapes).
    pub source_offsets: Vec<u32>,
    /// The decoded string.
    pub text: Box<str>,
}

impl SelectString {
    /// The items of the select, or where and why it is malformed.
    pub fn parsed(&self) -> Result<Vec<SelectItem>, SelectError> {
        crate::select::parse_select(&self.text)
    }

    /// The span in the file of a byte range of the decoded select string: escapes (`\t`,
    /// `\u0041`) make the source longer than what the parser read.
    pub fn span(&self, start: u32, end: u32) -> Span {
        let at = |offset: u32| self.source_offsets.get(offset as usize).copied().unwrap_or(offset);
        Span::new(self.file_offset.file, self.file_offset.start + at(start), self.file_offset.start + at(end))
    }
}

/// A column named outside the select string: in a filter, an ordering or a written payload.
#[derive(Clone, Debug)]
pub struct ColumnUse {
    pub name: Named,
    pub role: ColumnRole,
    /// The string literals compared with or written to the column: `.eq('status', 'paid')`,
    /// `.in('status', ['a', 'b'])`, `{ status: 'paid' }`.
    pub values: Vec<Named>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnRole {
    /// `.eq('status', ...)` and the other filters; the method name.
    Filter(&'static str),
    Order,
    /// A key of the object given to `insert`, `upsert` or `update`.
    Payload(&'static str),
    OnConflict,
}

impl ColumnRole {
    pub fn describe(self) -> String {
        match self {
            ColumnRole::Filter(method) => format!("`.{method}()` filter"),
            ColumnRole::Order => "`.order()`".to_owned(),
            ColumnRole::Payload(method) => format!("`.{method}()` payload"),
            ColumnRole::OnConflict => "`onConflict`".to_owned(),
        }
    }
}
