//! Webhook signatures as each sender computes them (Stripe, GitHub, Slack, Standard Webhooks,
//! plain HMAC-SHA256), and the shell lines that compute the same from `$SECRET` for a
//! reproducer.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use lockstep_contract::model::{Signature, SignatureScheme};
use sha2::Sha256;

/// One delivery's headers, and how to rebuild them in a shell (`$t`, `$body` and `$SECRET`
/// set beforehand).
pub struct Signed {
    pub headers: Vec<(String, String)>,
    /// `-H` arguments for curl, with shell variables for the values.
    pub shell_headers: Vec<String>,
    /// The lines computing `$sig` in a shell from the secret's variable.
    pub shell_setup: String,
}

/// Whether the scheme signs a timestamp (and so can refuse stale deliveries).
pub fn has_timestamp(scheme: SignatureScheme) -> bool {
    matches!(scheme, SignatureScheme::Stripe | SignatureScheme::Slack | SignatureScheme::StandardWebhooks)
}

/// The headers a sender with `secret` would send for `body` at `timestamp` (Unix seconds).
/// `id` is the Standard Webhooks message id.
pub fn sign(signature: &Signature, secret: &str, body: &[u8], timestamp: i64, id: &str) -> Signed {
    let var = &signature.secret;
    let header = signature.header.clone();
    let openssl = |key: &str| format!("openssl dgst -sha256 -hmac \"{key}\" | sed 's/^.* //'");
    match signature.scheme {
        SignatureScheme::Stripe => {
            let mac = hex(&hmac(secret.as_bytes(), &[timestamp.to_string().as_bytes(), b".", body]));
            Signed {
                headers: vec![(header.clone(), format!("t={timestamp},v1={mac}"))],
                shell_headers: vec![format!("-H \"{header}: t=$t,v1=$sig\"")],
                shell_setup: format!("sig=$(printf '%s.%s' \"$t\" \"$body\" | {})", openssl(&format!("${var}"))),
            }
        }
        SignatureScheme::Github => {
            let mac = hex(&hmac(secret.as_bytes(), &[body]));
            Signed {
                headers: vec![(header.clone(), format!("sha256={mac}"))],
                shell_headers: vec![format!("-H \"{header}: sha256=$sig\"")],
                shell_setup: format!("sig=$(printf '%s' \"$body\" | {})", openssl(&format!("${var}"))),
            }
        }
        SignatureScheme::Slack => {
            let mac = hex(&hmac(secret.as_bytes(), &[b"v0:", timestamp.to_string().as_bytes(), b":", body]));
            Signed {
                headers: vec![
                    (header.clone(), format!("v0={mac}")),
                    ("X-Slack-Request-Timestamp".to_owned(), timestamp.to_string()),
                ],
                shell_headers: vec![
                    format!("-H \"{header}: v0=$sig\""),
                    "-H \"X-Slack-Request-Timestamp: $t\"".to_owned(),
                ],
                shell_setup: format!("sig=$(printf 'v0:%s:%s' \"$t\" \"$body\" | {})", openssl(&format!("${var}"))),
            }
        }
        SignatureScheme::StandardWebhooks => {
            // The secret is `whsec_` and base64; the signature is base64 over `id.timestamp.body`.
            let key =
                STANDARD.decode(secret.trim_start_matches("whsec_")).unwrap_or_else(|_| secret.as_bytes().to_vec());
            let mac = STANDARD.encode(hmac(&key, &[id.as_bytes(), b".", timestamp.to_string().as_bytes(), b".", body]));
            Signed {
                headers: vec![
                    ("webhook-id".to_owned(), id.to_owned()),
                    ("webhook-timestamp".to_owned(), timestamp.to_string()),
                    (header.clone(), format!("v1,{mac}")),
                ],
                shell_headers: vec![
                    format!("-H 'webhook-id: {id}'"),
                    "-H \"webhook-timestamp: $t\"".to_owned(),
                    format!("-H \"{header}: v1,$sig\""),
                ],
                shell_setup: format!(
                    "sig=$(printf '%s.%s.%s' '{id}' \"$t\" \"$body\" | openssl dgst -sha256 -mac HMAC -macopt hexkey:$(printf '%s' \"${{{var}#whsec_}}\" | base64 -d | od -An -tx1 | tr -d ' \\n') -binary | base64)"
                ),
            }
        }
        SignatureScheme::HmacSha256 => {
            let mac = hex(&hmac(secret.as_bytes(), &[body]));
            Signed {
                headers: vec![(header.clone(), mac)],
                shell_headers: vec![format!("-H \"{header}: $sig\"")],
                shell_setup: format!("sig=$(printf '%s' \"$body\" | {})", openssl(&format!("${var}"))),
            }
        }
    }
}

fn hmac(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes keys of any length");
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

#[cfg(test)]
mod tests {
    use lockstep_contract::model::{Signature, SignatureScheme};
    use lockstep_diagnostics::{Sources, Span};

    use super::sign;

    fn signature(scheme: SignatureScheme) -> Signature {
        let header = scheme.default_header().unwrap_or("X-Signature").to_owned();
        let span = Span::new(Sources::new().add("contract.lockstep".to_owned(), String::new()), 0, 0);
        Signature { scheme, secret: "SECRET".to_owned(), header, tolerance_seconds: Some(300), span }
    }

    /// Stripe's documented example: HMAC-SHA256 over `t.payload`, hex, as `t=...,v1=...`.
    #[test]
    fn stripe_signs_timestamp_dot_payload() {
        let signed = sign(&signature(SignatureScheme::Stripe), "whsec_test", b"{}", 1_700_000_000, "");
        let value = &signed.headers[0].1;
        assert!(value.starts_with("t=1700000000,v1="), "{value}");
        assert_eq!(value.len(), "t=1700000000,v1=".len() + 64);
        assert!(!signed.shell_setup.contains("whsec_test"), "the secret never appears in a reproducer");
    }

    /// RFC 4231 test case 2, through the GitHub scheme (HMAC over the body alone).
    #[test]
    fn github_is_hmac_sha256_of_the_body() {
        let signed = sign(&signature(SignatureScheme::Github), "Jefe", b"what do ya want for nothing?", 0, "");
        assert_eq!(signed.headers[0].1, "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
