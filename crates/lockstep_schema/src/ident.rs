//! Identifiers as Postgres prints them.

/// An identifier as Postgres prints it: quoted only when it has to be.
pub fn quote_ident(ident: &str) -> String {
    let plain = ident.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && ident.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if plain { ident.to_owned() } else { format!("\"{}\"", ident.replace('"', "\"\"")) }
}
