//! Arbitrary input never panics the parser, the resolver or the formatter, and formatting what
//! parses is idempotent. A deterministic generator keeps failures reproducible.

use crate::support::check;

/// xorshift64*: small, fast, and deterministic across platforms.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const TOKENS: &[&str] = &[
    "entity",
    "enum",
    "type",
    "endpoint",
    "env",
    "webhook",
    "bucket",
    "naming",
    "allow",
    "select",
    "insert",
    "when",
    "check",
    "to",
    "and",
    "or",
    "not",
    "in",
    "auth",
    "uid",
    "query",
    "body",
    "headers",
    "environments",
    "signature",
    "idempotency",
    "public",
    "private",
    "maxSize",
    "mimeTypes",
    "Pick",
    "Omit",
    "GET",
    "POST",
    "DELETE",
    "/api/x",
    "/api/{id: uuid}",
    "/",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "<",
    ">",
    ",",
    ":",
    ".",
    "?",
    "=",
    "==",
    "!=",
    "->",
    "@",
    "@@",
    "|",
    "\n",
    " ",
    "\t",
    "\r\n",
    "uuid",
    "text",
    "int",
    "varchar(10)",
    "Customer",
    "id",
    "@id",
    "@default",
    "now",
    "random",
    "\"str\"",
    "\"unterminated",
    "`sql`",
    "`open",
    "42",
    "5MB",
    "300s",
    "-1",
    "// c",
    "/// d",
    "é",
    "日本",
    "\u{0}",
    "true",
    "null",
    "200",
    "204",
    "999",
    "on",
    "delete",
    "cascade",
    "set",
    "auth.uid",
];

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let len = rng.below(200);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let text = String::from_utf8_lossy(&bytes);
        check("fuzz.lockstep", &text);
    }
}

#[test]
fn token_soups_never_panic_and_format_idempotently() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let mut parsed_cleanly = 0;
    for _ in 0..5000 {
        let count = rng.below(60);
        let text: String = (0..count).map(|_| TOKENS[rng.below(TOKENS.len())]).collect::<Vec<_>>().join(" ");
        let checked = check("soup.lockstep", &text);
        if let Some(formatted) = checked.formatted {
            parsed_cleanly += 1;
            let again = check("soup.lockstep", &formatted);
            assert_eq!(again.formatted.as_deref(), Some(formatted.as_str()), "not idempotent for input:\n{text:?}");
        }
    }
    // The soup must exercise the formatter, not only the error paths.
    assert!(parsed_cleanly > 50, "only {parsed_cleanly} soups parsed");
}

#[test]
fn mutated_fixtures_never_panic_and_format_idempotently() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ok");
    let mut rng = Rng(0x5851_F42D_4C95_7F2D);
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let chars: Vec<char> = text.chars().collect();
        for _ in 0..150 {
            let mut mutated = chars.clone();
            for _ in 0..=rng.below(3) {
                if mutated.is_empty() {
                    break;
                }
                let at = rng.below(mutated.len());
                match rng.below(3) {
                    0 => {
                        mutated.remove(at);
                    }
                    1 => mutated.insert(at, TOKENS[rng.below(TOKENS.len())].chars().next().unwrap_or(' ')),
                    _ => {
                        let other = rng.below(mutated.len());
                        mutated.swap(at, other);
                    }
                }
            }
            let mutated: String = mutated.into_iter().collect();
            let checked = check("mutant.lockstep", &mutated);
            if let Some(formatted) = checked.formatted {
                let again = check("mutant.lockstep", &formatted);
                assert_eq!(
                    again.formatted.as_deref(),
                    Some(formatted.as_str()),
                    "not idempotent for input:\n{mutated}"
                );
            }
        }
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for opener in ["{a:", "[", "(", "not ", "Pick<"] {
        let text = format!("type T = {}", opener.repeat(100_000));
        let checked = check("deep.lockstep", &text);
        assert!(checked.error_count > 0);
    }
    let text = format!("entity E {{ id uuid @id\n allow select when {} true }}", "(".repeat(100_000));
    assert!(check("deep.lockstep", &text).error_count > 0);
}

#[test]
fn huge_inputs_stop_after_a_bounded_number_of_errors() {
    let text = "}".repeat(1_000_000);
    let checked = check("huge.lockstep", &text);
    assert!(checked.error_count <= 51, "{} errors", checked.error_count);
}

/// Found by the fuzzer: a `///` after code on the same line moved to the next line on the
/// second pass.
#[test]
fn a_doc_comment_after_code_formats_idempotently() {
    for text in [
        "enum E {\n  a /// x\n  b\n}\n",
        "entity A {\n  id uuid @id /// key\n  name text\n}\n",
        "enum E { a, /// x\n b }\n",
    ] {
        assert_formats_idempotently(text);
    }
}

/// Found by the fuzzer: a `///` separated from the next member by a plain comment moved on the
/// second pass.
#[test]
fn a_doc_comment_before_a_plain_comment_formats_idempotently() {
    for text in [
        "enum E {\n  a\n  /// doc\n\n  // plain\n  b\n}\n",
        "/// doc\n// plain\nentity A {\n  id uuid @id\n}\n",
        "entity A {\n  id uuid @id\n  /// one\n  // two\n  /// three\n  name text\n}\n",
        "enum E {\n  /// separated by a blank line\n\n  a\n}\n",
    ] {
        assert_formats_idempotently(text);
    }
}

/// Formats `text` twice and requires the second pass to change nothing.
fn assert_formats_idempotently(text: &str) {
    let once = check("doc.lockstep", text).formatted.expect("parses");
    let twice = check("doc.lockstep", &once).formatted.expect("formatted text parses");
    assert_eq!(once, twice, "input:\n{text}");
}

#[test]
fn an_enum_of_80000_values_resolves_in_linear_time() {
    // Each value was checked against every earlier one for duplicates: 80,000 values took 22 s.
    let values: Vec<String> = (0..80_000).map(|i| format!("v{i}")).collect();
    let text = format!("enum Big {{ {} v17 }}\n", values.join(" "));
    let checked = check("big.lockstep", &text);
    assert_eq!(checked.error_count, 1, "{}", &checked.rendered[..checked.rendered.len().min(2_000)]);
    assert!(checked.rendered.contains("`v17`"), "{}", &checked.rendered[..checked.rendered.len().min(2_000)]);
}
