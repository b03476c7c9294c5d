//! Fast lookups for the replay: tables by name and the names already taken in each schema.
//! Both are rebuilt lazily after anything is removed or renamed, and kept up to date on
//! additions, so a history of thousands of tables replays in linear time.

use std::collections::{HashMap, HashSet};

use super::Replayer;
use crate::schema::{QualifiedName, Table};

#[derive(Default)]
pub(crate) struct Lookup {
    tables: Option<HashMap<QualifiedName, usize>>,
    /// `(schema, name)` of every relation and constraint.
    names: Option<HashSet<(String, String)>>,
}

impl Replayer {
    fn table_position(&mut self, name: &QualifiedName) -> Option<usize> {
        let schema = &self.schema;
        let tables = self
            .lookup
            .tables
            .get_or_insert_with(|| schema.tables.iter().enumerate().map(|(i, t)| (t.name.clone(), i)).collect());
        tables.get(name).copied()
    }

    pub(super) fn table(&mut self, name: &QualifiedName) -> Option<&Table> {
        let position = self.table_position(name)?;
        self.schema.tables.get(position)
    }

    pub(super) fn table_mut(&mut self, name: &QualifiedName) -> Option<&mut Table> {
        let position = self.table_position(name)?;
        self.schema.tables.get_mut(position)
    }

    pub(super) fn add_table(&mut self, table: Table) {
        let name = table.name.clone();
        self.schema.tables.push(table);
        let position = self.schema.tables.len() - 1;
        if let Some(tables) = &mut self.lookup.tables {
            tables.insert(name.clone(), position);
        }
        self.note_name(&name.schema, &name.name);
    }

    /// Forgets the lookups after a removal or a rename; they are rebuilt when next needed.
    pub(super) fn invalidate(&mut self) {
        self.lookup = Lookup::default();
    }

    pub(super) fn name_taken(&mut self, schema: &str, name: &str) -> bool {
        let model = &self.schema;
        let names = self.lookup.names.get_or_insert_with(|| {
            let mut names = HashSet::new();
            for table in &model.tables {
                let s = &table.name.schema;
                names.insert((s.clone(), table.name.name.clone()));
                let constraints = table
                    .primary_key
                    .iter()
                    .map(|k| &k.name)
                    .chain(table.uniques.iter().map(|k| &k.name))
                    .chain(table.foreign_keys.iter().map(|k| &k.name))
                    .chain(table.checks.iter().map(|k| &k.name));
                for constraint in constraints {
                    names.insert((s.clone(), constraint.clone()));
                }
            }
            for index in &model.indexes {
                names.insert((index.name.schema.clone(), index.name.name.clone()));
            }
            for view in &model.views {
                names.insert((view.name.schema.clone(), view.name.name.clone()));
            }
            names
        });
        names.contains(&(schema.to_owned(), name.to_owned()))
    }

    pub(super) fn note_name(&mut self, schema: &str, name: &str) {
        if let Some(names) = &mut self.lookup.names {
            names.insert((schema.to_owned(), name.to_owned()));
        }
    }
}
