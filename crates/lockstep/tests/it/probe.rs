//! `lockstep test` against the fixture app (`tests/data/probe`): a real Node server over a real
//! throwaway Postgres, once with its planted defects and once corrected; and against servers
//! that misbehave at the HTTP level (no answer, huge or non-JSON bodies, nobody listening).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use lockstep_sql::supabase::PRELUDE;
use postgres::{Client, NoTls};
use serde_json::Value;

use crate::support::{Run, TempDir, lockstep};

const STRIPE_SECRET: &str = "whsec_fixture_c2VjcmV0";
const GITHUB_SECRET: &str = "gh_fixture_secret";
/// The fixture's first user (schema.sql); the fixture server takes the user id as the token.
const AUTH: &str = "Bearer 00000000-0000-4000-8000-000000000001";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/probe")
}

/// `pg` for the fixture server, installed by .ci/run into target/ts-tools.
fn node_modules() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/ts-tools/node_modules");
    assert!(
        dir.join("pg/package.json").exists(),
        "the fixture server needs `pg`: run .ci/run, or `npm install --prefix target/ts-tools pg`"
    );
    dir
}

/// A fresh database with the Supabase prelude and the fixture's schema, plus its planted
/// database defects when asked.
fn database(defects: bool) -> String {
    let url = lockstep_testkit::cluster().create_database("probe");
    let mut client = Client::connect(&url, NoTls).expect("connect to the test database");
    client.batch_execute(PRELUDE).expect("the Supabase prelude applies");
    let schema = std::fs::read_to_string(fixture().join("schema.sql")).unwrap();
    client.batch_execute(&schema).expect("schema.sql applies");
    if defects {
        let defects = std::fs::read_to_string(fixture().join("defects.sql")).unwrap();
        client.batch_execute(&defects).expect("defects.sql applies");
    }
    url
}

/// The fixture server, killed when dropped.
struct Server {
    child: Child,
    base_url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(url: &str, defects: bool) -> Server {
    let mut child = Command::new("node")
        .arg(fixture().join("server.cjs"))
        .env("PORT", "0")
        .env("DATABASE_URL", url)
        .env("NODE_PATH", node_modules())
        .env("FIXTURE_DEFECTS", if defects { "1" } else { "0" })
        .env("STRIPE_WEBHOOK_SECRET", STRIPE_SECRET)
        .env("GITHUB_WEBHOOK_SECRET", GITHUB_SECRET)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("node runs (Node 20 is installed on these machines)");
    let stdout = child.stdout.take().unwrap();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = sender.send(line);
    });
    let line = receiver.recv_timeout(Duration::from_secs(30)).expect("the fixture server starts within 30 s");
    let port = line.trim().strip_prefix("listening on ").unwrap_or_else(|| panic!("unexpected first line: {line:?}"));
    Server { child, base_url: format!("http://127.0.0.1:{port}") }
}

fn test_command(dir: &Path, args: &[&str]) -> Run {
    let output = crate::support::command(dir, args)
        .env("STRIPE_WEBHOOK_SECRET", STRIPE_SECRET)
        .env("GITHUB_WEBHOOK_SECRET", GITHUB_SECRET)
        .env("LOCKSTEP_TEST_AUTH", AUTH)
        .output()
        .expect("the lockstep binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// `(code, target, name, message)` of every failure in a JSON report.
fn failures(report: &Value) -> Vec<(String, String, String, String)> {
    let mut out = Vec::new();
    for result in report["results"].as_array().unwrap() {
        for failure in result["failures"].as_array().unwrap() {
            out.push((
                failure["code"].as_str().unwrap().to_owned(),
                result["target"].as_str().unwrap().to_owned(),
                result["name"].as_str().unwrap().to_owned(),
                failure["message"].as_str().unwrap().to_owned(),
            ));
        }
    }
    out
}

/// The planted defects: `(id, code, target, what the message says)`.
const DEFECTS: [(&str, &str, &str, &str); 16] = [
    ("D1 undeclared status", "test/undeclared-status", "POST /api/notes", "answered 422"),
    ("D2 missing field", "test/response-shape", "POST /api/notes", "`body.createdAt` is missing"),
    (
        "D3 key in the other casing",
        "test/response-shape",
        "GET /api/notes/{id}",
        "`body.owner_id` is in the wrong casing",
    ),
    (
        "D4 envelope became an array",
        "test/response-shape",
        "GET /api/notes",
        "should be an object { data, nextCursor }",
    ),
    ("D5 500 on an unknown enum value", "test/server-error", "GET /api/notes", "answered 500"),
    ("D6 no 401", "test/auth-not-enforced", "GET /api/notes/{id}", "without credentials"),
    (
        "D7 unverified webhook",
        "test/webhook-bad-signature-accepted",
        "webhook POST /api/webhooks/github",
        "wrong signature",
    ),
    (
        "D8 stale timestamps accepted",
        "test/webhook-stale-accepted",
        "webhook POST /api/webhooks/stripe",
        "outside the tolerance",
    ),
    (
        "D9 processed twice",
        "test/webhook-duplicate-processed",
        "webhook POST /api/webhooks/stripe",
        "`payments` went from",
    ),
    (
        "D10 policy shows another user's rows",
        "test/rls-select",
        "Note (public.notes)",
        "user A sees user A's row and user B's row",
    ),
    ("D11 missing insert check", "test/rls-insert", "Note (public.notes)", "inserted another user's row"),
    ("D12 body where 204 is declared", "test/body-on-no-content", "DELETE /api/notes/{id}", "declares 204"),
    ("D13 RLS not enabled", "test/rls-not-enabled", "Payment (public.payments)", "row-level security is off"),
    ("D14 500 on a NUL character", "test/server-error", "POST /api/notes", "invalid byte sequence"),
    ("D15 a valid page size refused", "test/valid-refused", "GET /api/notes", "refused with 400"),
    ("D16 no 405 for an undeclared method", "test/undeclared-method", "/api/notes", "not 405 Method Not Allowed"),
];

#[test]
fn every_planted_defect_is_found() {
    let url = database(true);
    let server = start(&url, true);
    let dir = TempDir::new();
    let junit = dir.path().join("junit.xml");
    let run = test_command(
        &fixture(),
        &["test", "--base-url", &server.base_url, "--db", &url, "--format", "json", "--junit", junit.to_str().unwrap()],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).expect("the output is JSON");
    let found = failures(&report);
    let mut missing = Vec::new();
    for (defect, code, target, says) in DEFECTS {
        if !found.iter().any(|(c, t, _, m)| c == code && t == target && m.contains(says)) {
            missing.push(defect);
        }
    }
    assert!(missing.is_empty(), "not found: {missing:?}\nfailures: {found:#?}");
    // Every failure is one of the defects' symptoms: no noise around them.
    let explained = |(code, target, _, _): &(String, String, String, String)| {
        DEFECTS.iter().any(|(_, c, t, _)| c == code && t == target)
            || (code == "test/webhook-missing-signature-accepted" && target.ends_with("/github"))
            || (code == "test/undeclared-method" && target.starts_with("/api/notes"))
    };
    let unexplained: Vec<_> = found.iter().filter(|f| !explained(f)).collect();
    assert!(unexplained.is_empty(), "failures no planted defect explains: {unexplained:#?}");

    // Secrets never appear; reproducers name their variables.
    for secret in [STRIPE_SECRET, GITHUB_SECRET, AUTH] {
        assert!(!run.stdout.contains(secret) && !run.stderr.contains(secret), "a secret was printed");
    }
    assert!(run.stdout.contains("$STRIPE_WEBHOOK_SECRET"), "webhook reproducers use the variable");
    assert!(run.stdout.contains("$LOCKSTEP_TEST_AUTH"), "API reproducers use the variable");

    // The JUnit report counts the same failures.
    let xml = std::fs::read_to_string(&junit).unwrap();
    let failed = report["summary"]["failed"].as_u64().unwrap();
    assert!(xml.starts_with("<?xml") && xml.contains(&format!("failures=\"{failed}\"")), "{xml}");
    assert_eq!(xml.matches("<testcase ").count() as u64, report["results"].as_array().unwrap().len() as u64);
}

#[test]
fn the_corrected_app_passes() {
    let url = database(false);
    let server = start(&url, false);
    let run = test_command(&fixture(), &["test", "--base-url", &server.base_url, "--db", &url]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let last = run.stdout.lines().last().unwrap_or_default();
    assert!(last.contains(" 0 failed, 0 skipped"), "{last}");
}

/// The row counts of every table of the app's schema.
fn row_counts(client: &mut Client) -> Vec<(String, i64)> {
    // language=SQL
    let tables = client
        .query(
            "select format('%I.%I', schemaname, tablename) from pg_tables where schemaname in ('public', 'auth') order by 1",
            &[],
        )
        .unwrap();
    tables
        .iter()
        .map(|row| {
            let name: String = row.get(0);
            let count: i64 = client.query_one(&format!("select count(*) from {name}"), &[]).unwrap().get(0);
            (name, count)
        })
        .collect()
}

#[test]
fn rls_tests_leave_the_database_as_it_was() {
    // With the defects, the writes the policies wrongly allow do happen inside the tests.
    let url = database(true);
    let mut client = Client::connect(&url, NoTls).unwrap();
    let schema_before = lockstep_pg::introspect_with(&mut client).unwrap();
    let rows_before = row_counts(&mut client);
    let run = test_command(&fixture(), &["test", "--only", "rls", "--db", &url, "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(lockstep_pg::introspect_with(&mut client).unwrap(), schema_before, "the schema changed");
    assert_eq!(row_counts(&mut client), rows_before, "rows changed");
}

/// A server that answers every connection with `answer(path)`, or never when it is `None`.
fn canned_server(answer: fn(&str) -> Option<Vec<u8>>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut stream = stream;
                let mut buffer = [0u8; 4096];
                let n = stream.read(&mut buffer).unwrap_or(0);
                let head = String::from_utf8_lossy(&buffer[..n]).into_owned();
                let path = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
                match answer(&path) {
                    Some(bytes) => {
                        let _ = stream.write_all(&bytes);
                    }
                    None => std::thread::sleep(Duration::from_secs(30)),
                }
            });
        }
    });
    format!("http://127.0.0.1:{port}")
}

const PING_CONTRACT: &str = "endpoint GET /api/ping {\n  auth none\n  200 { ok: bool }\n}\n\nendpoint GET /api/huge {\n  auth none\n  200 { ok: bool }\n}\n";

fn ping_project() -> TempDir {
    let dir = TempDir::new();
    dir.write("lockstep.toml", "contract = \"contract\"\n");
    dir.write("contract/app.lockstep", PING_CONTRACT);
    dir
}

#[test]
fn a_server_that_never_answers_is_a_failure_after_the_timeout() {
    let dir = ping_project();
    let base = canned_server(|_| None);
    let started = std::time::Instant::now();
    let run = lockstep(dir.path(), &["test", "--base-url", &base, "--timeout", "1"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("test/no-answer: no answer within 1 s"), "{}", run.stdout);
    assert!(started.elapsed() < Duration::from_secs(20), "the timeout bounds the run");
}

#[test]
fn huge_and_non_json_bodies_are_failures_not_crashes() {
    let dir = ping_project();
    let base = canned_server(|path| {
        Some(if path == "/api/huge" {
            let mut answer =
                b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 3145728\r\n\r\n".to_vec();
            answer.extend(std::iter::repeat_n(b' ', 3 * 1024 * 1024));
            answer
        } else {
            b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 5\r\n\r\nhello".to_vec()
        })
    });
    let run = lockstep(dir.path(), &["test", "--base-url", &base]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("test/content-type: 200 declares a JSON body; the app sent text/html"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("test/no-answer: the answer's body is larger than 1024 KiB"), "{}", run.stdout);
}

#[test]
fn an_unreachable_app_is_an_error() {
    let dir = ping_project();
    // A port nobody listens on: bound, then released.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let run = lockstep(dir.path(), &["test", "--base-url", &format!("http://127.0.0.1:{port}")]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("cannot reach the app at http://127.0.0.1:"), "{}", run.stderr);
}
