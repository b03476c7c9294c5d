//! Resolution: from syntax trees to the [`Contract`] model. Checks every name, applies the
//! naming rules, and reports each problem with its span; never stops at the first.

mod api;
mod data;
mod defaults;
mod env;

pub use env::PUBLIC_PREFIXES;
mod policy;

use std::collections::HashMap;

use lockstep_diagnostics::{Diagnostic, Sources, Span, did_you_mean};

use crate::diagnostics as diag;
use crate::model::{Casing, Contract, Naming, Origin, TableNaming};
use crate::syntax::ast::{Docs, Item, ItemKind, NamingRule, SourceTree};

pub struct Resolved {
    pub contract: Contract,
    pub diagnostics: Vec<Diagnostic>,
}

/// Resolves every file of a contract together: they share one namespace.
pub fn resolve(sources: &Sources, trees: &[SourceTree]) -> Resolved {
    let mut resolver =
        Resolver { sources, diagnostics: Vec::new(), names: HashMap::new(), contract: Contract::default() };
    let items: Vec<&Item> = trees.iter().flat_map(|t| &t.items).collect();
    resolver.declare_names(&items);
    resolver.naming(&items);
    resolver.enums(&items);
    resolver.entities(&items);
    resolver.types(&items);
    resolver.endpoints(&items);
    resolver.env(&items);
    resolver.webhooks(&items);
    resolver.buckets(&items);
    resolver.functions(&items);
    Resolved { contract: resolver.contract, diagnostics: resolver.diagnostics }
}

/// What a top-level name refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NameKind {
    Enum,
    Entity,
    Type,
}

impl NameKind {
    fn as_str(self) -> &'static str {
        match self {
            NameKind::Enum => "enum",
            NameKind::Entity => "entity",
            NameKind::Type => "type",
        }
    }
}

struct Resolver<'s> {
    sources: &'s Sources,
    diagnostics: Vec<Diagnostic>,
    names: HashMap<String, (NameKind, Span)>,
    contract: Contract,
}

impl Resolver<'_> {
    fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn origin(&self, span: Span, docs: &Docs) -> Origin {
        let lines: Vec<&str> = docs
            .lines
            .iter()
            .map(|line| {
                let text = &self.sources.get(line.file).text()[line.start as usize..line.end as usize];
                let text = text.trim_start_matches('/');
                text.strip_prefix(' ').unwrap_or(text).trim_end()
            })
            .collect();
        Origin { span, doc: (!lines.is_empty()).then(|| lines.join("\n")) }
    }

    fn declare_names(&mut self, items: &[&Item]) {
        for item in items {
            let (kind, name) = match &item.kind {
                ItemKind::Enum(decl) => (NameKind::Enum, &decl.name),
                ItemKind::Entity(decl) => (NameKind::Entity, &decl.name),
                ItemKind::Type(decl) => (NameKind::Type, &decl.name),
                _ => continue,
            };
            if let Some((first_kind, first)) = self.names.get(&name.text) {
                let kind_text = if *first_kind == kind { kind.as_str().to_owned() } else { "name".to_owned() };
                let diagnostic = diag::duplicate_name(&kind_text, &name.text, name.span, *first);
                self.report(diagnostic);
                continue;
            }
            self.names.insert(name.text.clone(), (kind, name.span));
        }
    }

    fn kind_of(&self, name: &str) -> Option<NameKind> {
        self.names.get(name).map(|(kind, _)| *kind)
    }

    /// Names of one kind, sorted, for suggestions.
    fn names_of(&self, kinds: &[NameKind]) -> Vec<&str> {
        let mut names: Vec<&str> =
            self.names.iter().filter(|(_, (k, _))| kinds.contains(k)).map(|(n, _)| n.as_str()).collect();
        names.sort_unstable();
        names
    }

    /// Reports a second `naming` or `env` block.
    fn single_item<'i>(&mut self, items: &[&'i Item], keyword: &str, pick: fn(&ItemKind) -> bool) -> Option<&'i Item> {
        let mut found = items.iter().filter(|i| pick(&i.kind));
        let first = found.next()?;
        for again in found {
            let diagnostic = Diagnostic::error(diag::DUPLICATE_ITEM, format!("more than one `{keyword}` block"))
                .at(again.span, "second block")
                .related(first.span, "first block")
                .help(format!("merge the two `{keyword}` blocks into one"));
            self.report(diagnostic);
        }
        Some(first)
    }

    fn naming(&mut self, items: &[&Item]) {
        let Some(item) = self.single_item(items, "naming", |k| matches!(k, ItemKind::Naming(_))) else { return };
        let ItemKind::Naming(rules) = &item.kind else { return };
        let mut naming = Naming { span: Some(item.span), ..Naming::default() };
        for rule in rules {
            self.naming_rule(&mut naming, rule);
        }
        self.contract.naming = naming;
    }

    fn naming_rule(&mut self, naming: &mut Naming, rule: &NamingRule) {
        let value = rule.value.text.as_str();
        let casing = || Casing::ALL.iter().find(|(n, _)| *n == value).map(|(_, c)| *c);
        let (result, allowed): (Option<()>, Vec<&str>) = match rule.key.text.as_str() {
            "db" => (casing().map(|c| naming.db = c), Casing::ALL.iter().map(|(n, _)| *n).collect()),
            "api" => (casing().map(|c| naming.api = c), Casing::ALL.iter().map(|(n, _)| *n).collect()),
            "table" => (
                TableNaming::ALL.iter().find(|(n, _)| *n == value).map(|(_, t)| naming.table = *t),
                TableNaming::ALL.iter().map(|(n, _)| *n).collect(),
            ),
            key => {
                let diagnostic = Diagnostic::error(diag::INVALID_NAMING, format!("unknown naming key `{key}`"))
                    .at(rule.key.span, "not a naming key")
                    .help("the keys are `db`, `api` and `table`");
                self.report(diagnostic);
                return;
            }
        };
        if result.is_none() {
            let suggestion = did_you_mean(value, allowed.iter().copied());
            let diagnostic = Diagnostic::error(
                diag::INVALID_NAMING,
                format!("unknown naming style `{value}` for `{}`", rule.key.text),
            )
            .at(rule.value.span, "not a naming style")
            .help(
                suggestion
                    .map_or_else(|| format!("use {}", diag::quoted_list(&allowed)), |s| format!("did you mean `{s}`?")),
            );
            self.report(diagnostic);
        }
    }
}
