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
    /// The file runs in the browser: a `'use client'` directive, or Vite's `import.meta.env`.
    pub is_client: bool,
    /// The file did not parse: the parser's first error, and no facts.
    pub parse_error: Option<(String, Span)>,
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
    /// `fetch`, `axios` or `ky`.
    pub client: &'static str,
    /// Upper case; `None` when the code does not say (`fetch` then sends GET).
    pub method: Option<Named>,
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
#[derive(Clone, Debug)]
pub struct TableQuery {
    /// `None` when the table name is not a literal: recorded, never guessed.
    pub table: Option<Named>,
    /// From `.schema('name')`, when given.
    pub schema: Option<String>,
    pub select: Option<SelectString>,
    pub columns: Vec<ColumnUse>,
}

/// A `select(...)` argument, parsed. `offset` is where the string's content starts in the file,
/// to turn offsets in the string into spans.
#[derive(Clone, Debug)]
pub struct SelectString {
    pub file_offset: Span,
    pub parsed: Result<Vec<SelectItem>, SelectError>,
}

impl SelectString {
    /// A span for a byte range of the select string.
    pub fn span(&self, start: u32, end: u32) -> Span {
        Span::new(self.file_offset.file, self.file_offset.start + start, self.file_offset.start + end)
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
