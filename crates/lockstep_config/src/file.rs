//! The on-disk form of `lockstep.toml`, parsed with every unknown key refused at its location.

use lockstep_diagnostics::{Diagnostic, FileId, Span};
use serde::Deserialize;

/// `lockstep.toml` as written. Every key is optional.
#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub contract: Option<toml::Spanned<String>>,
    pub database: Option<DatabaseSection>,
    pub sources: Option<SourcesSection>,
    pub env: Option<EnvSection>,
    #[serde(rename = "gen")]
    pub generate: Option<GenSection>,
}

#[derive(Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSection {
    pub migrations: Option<toml::Spanned<String>>,
    pub layout: Option<toml::Spanned<String>>,
    pub url_env: Option<String>,
    pub provider: Option<toml::Spanned<String>>,
    /// A baseline schema replayed before the migrations: a `.sql` file or a folder of them.
    pub baseline: Option<toml::Spanned<String>>,
    /// The generated TypeScript `Database` type (`supabase gen types typescript`).
    pub types: Option<toml::Spanned<String>>,
}

#[derive(Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SourcesSection {
    pub include: Option<Vec<toml::Spanned<String>>>,
    pub exclude: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct EnvSection {
    /// Environment name to its env files.
    pub files: Option<std::collections::BTreeMap<String, Vec<toml::Spanned<String>>>>,
}

/// `[gen]`: where `lockstep gen` writes each output. A value is a path, or `false` to turn the
/// output off (`true` keeps the default); read as a TOML value so both spellings keep their span.
#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GenSection {
    /// The supabase `Database` type.
    pub database: Option<toml::Spanned<toml::Value>>,
    /// The API types.
    pub types: Option<toml::Spanned<toml::Value>>,
    /// The typed fetch client.
    pub client: Option<toml::Spanned<toml::Value>>,
    /// zod schemas of the API's payloads.
    pub validators: Option<toml::Spanned<toml::Value>>,
    /// The whole schema as one SQL file.
    pub schema: Option<toml::Spanned<toml::Value>>,
}

pub const INVALID_CONFIG: &str = "config/invalid";
pub const OUTSIDE_ROOT: &str = "config/outside-root";

/// Parses the text of `lockstep.toml`; a problem becomes a diagnostic at the offending key.
pub fn parse_config(file: FileId, text: &str) -> Result<ConfigFile, Box<Diagnostic>> {
    toml::from_str::<ConfigFile>(text).map_err(|err| {
        let message = err.message().trim_end_matches('.').to_owned();
        let diagnostic = Diagnostic::error(INVALID_CONFIG, format!("invalid lockstep.toml: {message}"))
            .help("the keys are `contract`, `[database]` (`migrations`, `layout`, `provider`, `url_env`, `baseline`, `types`), `[sources]` (`include`, `exclude`), `[env.files]` and `[gen]` (`database`, `types`, `client`, `validators`, `schema`); see docs/configuration.md");
        Box::new(match err.span() {
            Some(range) => diagnostic.at(Span::new(file, range.start as u32, range.end as u32), "here"),
            None => diagnostic,
        })
    })
}

#[cfg(test)]
mod tests {
    use lockstep_diagnostics::Sources;

    use super::*;

    fn parse(text: &str) -> Result<ConfigFile, Box<Diagnostic>> {
        let mut sources = Sources::new();
        let file = sources.add("lockstep.toml", text);
        parse_config(file, text)
    }

    #[test]
    fn reads_every_section() {
        let config = parse(
            "contract = \"api.lockstep\"\n[database]\nmigrations = \"db\"\nlayout = \"flyway\"\n[sources]\ninclude = [\"web\"]\n[env.files]\nproduction = [\".env.prod\"]\n",
        )
        .unwrap();
        assert_eq!(config.contract.unwrap().get_ref(), "api.lockstep");
        assert_eq!(config.database.unwrap().layout.unwrap().get_ref(), "flyway");
        assert_eq!(config.env.unwrap().files.unwrap()["production"][0].get_ref(), ".env.prod");
    }

    #[test]
    fn unknown_keys_point_at_the_key() {
        let text = "[database]\nmigrashuns = \"db\"\n";
        let err = parse(text).unwrap_err();
        let span = err.primary.unwrap().span;
        assert_eq!(&text[span.start as usize..span.end as usize], "migrashuns");
        assert!(err.message.contains("unknown field `migrashuns`"), "{}", err.message);
    }

    #[test]
    fn gen_outputs_are_paths_or_false() {
        let config = parse("[gen]\ndatabase = \"src/db.ts\"\nschema = false\n").unwrap();
        let gen_section = config.generate.unwrap();
        assert_eq!(gen_section.database.unwrap().get_ref().as_str(), Some("src/db.ts"));
        assert_eq!(gen_section.schema.unwrap().get_ref().as_bool(), Some(false));
        let err = parse("[gen]\nopenapi = \"x.json\"\n").unwrap_err();
        assert!(err.message.contains("unknown field `openapi`"), "{}", err.message);
    }

    #[test]
    fn wrong_types_are_reported() {
        let err = parse("contract = 3\n").unwrap_err();
        assert!(err.message.contains("invalid type"), "{}", err.message);
    }
}
