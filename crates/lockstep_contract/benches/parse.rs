//! Parse + resolve (and format) a generated 20,000-line contract. Run with
//! `cargo bench -p lockstep_contract`; prints the median and the fastest of several runs.
#![expect(clippy::print_stdout, reason = "a benchmark reports its figures on stdout")]

use std::fmt::Write;
use std::hint::black_box;
use std::time::{Duration, Instant};

use lockstep_contract::format::format;
use lockstep_contract::resolve::resolve;
use lockstep_contract::syntax::parse;
use lockstep_diagnostics::Sources;

/// A contract shaped like a large real app: enums, entities with keys, foreign keys and
/// rules, API types and endpoints. `entities` of 40 lines each, plus their endpoints.
fn generate(entities: usize) -> String {
    let mut out = String::from("naming {\n  db = snake_case\n  api = camelCase\n}\n\n");
    out.push_str("type Error {\n  code: text\n  message: text\n}\n\n");
    for i in 0..entities {
        let _ = write!(
            out,
            "enum Status{i} {{ draft active paused archived deleted }}\n\n\
             /// Entity number {i}.\n\
             entity Thing{i} {{\n\
             \x20 id          uuid        @id @default(random)\n\
             \x20 ownerId     uuid        -> auth.users.id on delete cascade\n\
             \x20 parentId    uuid?       -> Thing{parent}.id on delete set null\n\
             \x20 name        varchar(80)\n\
             \x20 slug        text        @unique\n\
             \x20 status      Status{i}     = draft\n\
             \x20 price       numeric(10, 2) = 0\n\
             \x20 quantity    int         = 1 @check(`quantity >= 0`)\n\
             \x20 tags        text[]      = []\n\
             \x20 meta        jsonb?\n\
             \x20 createdAt   timestamptz @default(now)\n\
             \x20 updatedAt   timestamptz @default(now)\n\n\
             \x20 @@index(ownerId, status)\n\
             \x20 allow select to anon, authenticated when status == \"active\" or ownerId == auth.uid\n\
             \x20 allow insert, update to authenticated when ownerId == auth.uid\n\
             \x20 allow delete to authenticated when ownerId == auth.uid and status != \"archived\"\n\
             }}\n\n\
             type Thing{i}Summary = Pick<Thing{i}, id | name | slug | status>\n\n\
             endpoint GET /api/things{i} {{\n\
             \x20 auth required\n\
             \x20 query {{ status: Status{i}?, limit: int = 20, cursor: text? }}\n\
             \x20 200 {{ data: Thing{i}Summary[], nextCursor: text? }}\n\
             \x20 401 Error\n\
             }}\n\n\
             endpoint DELETE /api/things{i}/{{id: uuid}} {{\n\
             \x20 auth required\n\
             \x20 204\n\
             \x20 404 Error\n\
             }}\n\n",
            parent = i.saturating_sub(1),
        );
    }
    out
}

fn measure(runs: usize, mut f: impl FnMut()) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[runs / 2], times[0])
}

fn main() {
    let text = generate(530);
    let lines = text.lines().count();
    let mut sources = Sources::new();
    let file = sources.add("bench.lockstep", text.clone());
    let check = parse(file, &text);
    assert!(!check.has_errors(), "the generated contract must be valid");
    let resolved = resolve(&sources, std::slice::from_ref(&check.tree));
    assert!(resolved.diagnostics.is_empty(), "the generated contract must resolve cleanly");

    let (parse_median, parse_min) = measure(30, || {
        black_box(parse(file, black_box(&text)));
    });
    let (full_median, full_min) = measure(30, || {
        let parsed = parse(file, black_box(&text));
        black_box(resolve(&sources, &[parsed.tree]));
    });
    let (format_median, format_min) = measure(30, || {
        black_box(format(&check.tree, black_box(&text)));
    });
    println!("contract: {lines} lines, {} KiB, {} entities", text.len() / 1024, resolved.contract.entities.len());
    println!("parse:           median {parse_median:>10.2?}  min {parse_min:>10.2?}");
    println!("parse + resolve: median {full_median:>10.2?}  min {full_min:>10.2?}");
    println!("format:          median {format_median:>10.2?}  min {format_min:>10.2?}");
}
