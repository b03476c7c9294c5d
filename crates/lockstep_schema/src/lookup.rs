//! Finding objects in a [`Schema`] by name.

use super::{Bucket, EnumType, Function, Index, QualifiedName, Schema, Table, View};

impl Schema {
    pub fn table(&self, name: &QualifiedName) -> Option<&Table> {
        self.tables.iter().find(|t| &t.name == name)
    }

    pub fn table_mut(&mut self, name: &QualifiedName) -> Option<&mut Table> {
        self.tables.iter_mut().find(|t| &t.name == name)
    }

    pub fn enum_type(&self, name: &QualifiedName) -> Option<&EnumType> {
        self.enums.iter().find(|e| &e.name == name)
    }

    pub fn enum_type_mut(&mut self, name: &QualifiedName) -> Option<&mut EnumType> {
        self.enums.iter_mut().find(|e| &e.name == name)
    }

    pub fn view(&self, name: &QualifiedName) -> Option<&View> {
        self.views.iter().find(|v| &v.name == name)
    }

    pub fn index(&self, name: &QualifiedName) -> Option<&Index> {
        self.indexes.iter().find(|i| &i.name == name)
    }

    /// The column sets `table` holds unique: its unique constraints and its unique indexes over
    /// plain columns that are not partial (Prisma writes `@unique` as `create unique index`).
    pub fn unique_keys<'s>(&'s self, table: &'s Table) -> impl Iterator<Item = &'s [String]> + 's {
        let constraints = table.uniques.iter().map(|u| u.columns.as_slice());
        let indexes = self
            .indexes
            .iter()
            .filter(move |i| i.table == table.name && i.unique && !i.partial)
            .filter(move |i| i.columns.iter().all(|c| table.columns.iter().any(|col| &col.name == c)))
            .map(|i| i.columns.as_slice());
        constraints.chain(indexes)
    }

    pub fn functions_named<'s>(&'s self, name: &'s QualifiedName) -> impl Iterator<Item = &'s Function> + 's {
        self.functions.iter().filter(move |f| &f.name == name)
    }

    /// Puts every list in a canonical order, so models built in different orders compare
    /// equal: tables, enums and the rest by name; constraints and policies by name.
    pub fn sort(&mut self) {
        self.schemas.sort();
        self.schemas.dedup();
        self.tables.sort_by(|a, b| a.name.cmp(&b.name));
        for table in &mut self.tables {
            table.uniques.sort_by(|a, b| a.name.cmp(&b.name));
            table.foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
            table.checks.sort_by(|a, b| a.name.cmp(&b.name));
            table.policies.sort_by(|a, b| a.name.cmp(&b.name));
        }
        self.enums.sort_by(|a, b| a.name.cmp(&b.name));
        self.views.sort_by(|a, b| a.name.cmp(&b.name));
        self.functions.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.arguments.cmp(&b.arguments)));
        self.triggers.sort_by(|a, b| a.table.cmp(&b.table).then_with(|| a.name.cmp(&b.name)));
        self.indexes.sort_by(|a, b| a.name.cmp(&b.name));
        self.buckets.sort_by(|a, b| a.id.cmp(&b.id));
    }

    pub fn bucket(&self, id: &str) -> Option<&Bucket> {
        self.buckets.iter().find(|b| b.id == id)
    }
}
