//! `lockstep test --junit FILE`: `JUnit` XML, one `testsuite` per group (api, webhooks, rls) and
//! one `testcase` per test, as CI systems read it.

use std::fmt::Write as _;
use std::time::Duration;

use lockstep_probe::{Case, Group};

/// Passed, failed and skipped cases.
pub fn counts(cases: &[Case]) -> (usize, usize, usize) {
    let skipped = cases.iter().filter(|c| c.skipped.is_some()).count();
    let failed = cases.iter().filter(|c| c.skipped.is_none() && !c.failures.is_empty()).count();
    (cases.len() - skipped - failed, failed, skipped)
}

pub fn render(cases: &[Case], elapsed: Duration) -> String {
    let (_, failed, skipped) = counts(cases);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"lockstep test\" tests=\"{}\" failures=\"{failed}\" skipped=\"{skipped}\" time=\"{:.3}\">",
        cases.len(),
        elapsed.as_secs_f64()
    );
    for group in [Group::Api, Group::Webhooks, Group::Rls] {
        let in_group: Vec<&Case> = cases.iter().filter(|c| c.group == group).collect();
        if in_group.is_empty() {
            continue;
        }
        let failed = in_group.iter().filter(|c| c.skipped.is_none() && !c.failures.is_empty()).count();
        let skipped = in_group.iter().filter(|c| c.skipped.is_some()).count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failed}\" skipped=\"{skipped}\">",
            group.as_str(),
            in_group.len()
        );
        for case in in_group {
            let _ = write!(
                out,
                "    <testcase classname=\"{}.{}\" name=\"{}\"",
                group.as_str(),
                escape(&case.target),
                escape(&case.name)
            );
            if let Some(reason) = &case.skipped {
                let _ = writeln!(out, ">\n      <skipped message=\"{}\"/>\n    </testcase>", escape(reason));
            } else if case.failures.is_empty() {
                out.push_str("/>\n");
            } else {
                out.push_str(">\n");
                for failure in &case.failures {
                    let _ = writeln!(
                        out,
                        "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                        failure.check.code(),
                        escape(&failure.message),
                        escape(case.reproducer.as_deref().unwrap_or_default())
                    );
                }
                out.push_str("    </testcase>\n");
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// Text as XML character data or an attribute value. Characters XML 1.0 cannot hold at all
/// (most C0 controls) become U+FFFD.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}
