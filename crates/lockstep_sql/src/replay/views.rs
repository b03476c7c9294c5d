//! The columns of a view, named as Postgres names them: the alias, else the column's or the
//! function's name, else `?column?`; `*` expands to the columns of the tables it covers.

use sqlparser::ast::{
    Expr, ObjectName, Query, Select, SelectItem, SelectItemQualifiedWildcardKind, SetExpr, TableFactor,
};

use super::{Replayer, ident, qualified};

impl Replayer {
    /// The view's column names, or `None` when a relation it reads is unknown to the replay.
    pub(super) fn view_columns(&mut self, query: &Query) -> Option<Vec<String>> {
        let mut body = query.body.as_ref();
        // A set operation takes its column names from its first branch.
        loop {
            match body {
                SetExpr::SetOperation { left, .. } => body = left,
                SetExpr::Query(inner) => body = inner.body.as_ref(),
                _ => break,
            }
        }
        let SetExpr::Select(select) = body else { return None };
        let mut columns = Vec::new();
        for item in &select.projection {
            match item {
                SelectItem::UnnamedExpr(expr) => columns.push(expression_name(expr)),
                SelectItem::ExprWithAlias { alias, .. } => columns.push(ident(alias)),
                SelectItem::ExprWithAliases { aliases, .. } => columns.extend(aliases.iter().map(ident)),
                SelectItem::Wildcard(_) => {
                    for (name, _) in relations(select) {
                        columns.extend(self.relation_columns(&name)?);
                    }
                }
                SelectItem::QualifiedWildcard(SelectItemQualifiedWildcardKind::ObjectName(qualifier), _) => {
                    let wanted = qualified(qualifier).name;
                    let (name, _) = relations(select)
                        .into_iter()
                        .find(|(name, alias)| alias.as_deref().unwrap_or(&qualified(name).name) == wanted)?;
                    columns.extend(self.relation_columns(&name)?);
                }
                SelectItem::QualifiedWildcard(..) => return None,
            }
        }
        Some(columns)
    }

    fn relation_columns(&mut self, name: &ObjectName) -> Option<Vec<String>> {
        let name = qualified(name);
        if let Some(table) = self.table(&name) {
            return Some(table.columns.iter().map(|c| c.name.clone()).collect());
        }
        self.schema.view(&name).and_then(|v| v.columns.clone())
    }
}

/// Every named relation of the `FROM` clause, with its alias, in order.
fn relations(select: &Select) -> Vec<(ObjectName, Option<String>)> {
    let mut out = Vec::new();
    for from in &select.from {
        for factor in std::iter::once(&from.relation).chain(from.joins.iter().map(|j| &j.relation)) {
            if let TableFactor::Table { name, alias, .. } = factor {
                out.push((name.clone(), alias.as_ref().map(|a| ident(&a.name))));
            }
        }
    }
    out
}

fn expression_name(expr: &Expr) -> String {
    match expr {
        Expr::Identifier(i) => ident(i),
        Expr::CompoundIdentifier(parts) => parts.last().map_or_else(|| "?column?".to_owned(), ident),
        Expr::Function(function) => {
            function.name.0.last().map_or_else(|| "?column?".to_owned(), |p| p.to_string().to_lowercase())
        }
        Expr::Cast { expr, data_type, .. } => match expr.as_ref() {
            Expr::Identifier(_) | Expr::CompoundIdentifier(_) | Expr::Function(_) => expression_name(expr),
            _ => data_type.to_string().to_lowercase(),
        },
        Expr::Nested(inner) => expression_name(inner),
        _ => "?column?".to_owned(),
    }
}
