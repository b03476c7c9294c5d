//! Fast lookups for the replay: tables by name, the names already taken in each schema, each
//! table's indexes and the tables whose foreign keys point at it. All are rebuilt lazily after
//! anything is removed or renamed, and kept up to date on additions, so a history of thousands
//! of tables replays in linear time.

use std::collections::{HashMap, HashSet};

use super::Replayer;
use crate::schema::{Index, QualifiedName, Table};

#[derive(Default)]
pub(crate) struct Lookup {
    tables: Option<HashMap<QualifiedName, usize>>,
    /// `(schema, name)` of every relation and constraint.
    names: Option<HashSet<(String, String)>>,
    /// Positions in `schema.indexes` of each table's indexes.
    indexes: Option<HashMap<QualifiedName, Vec<usize>>>,
    /// Positions in `schema.tables` of the tables with a foreign key to each table. May list a
    /// table whose key was dropped since (a dropped key only removes), so users still filter.
    referencing: Option<HashMap<QualifiedName, Vec<usize>>>,
}

impl Replayer {
    pub(super) fn table_position(&mut self, name: &QualifiedName) -> Option<usize> {
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

    /// Adds an index to the schema; its name must be free.
    pub(super) fn add_index(&mut self, index: Index) {
        self.note_name(&index.name.schema, &index.name.name);
        if let Some(indexes) = &mut self.lookup.indexes {
            indexes.entry(index.table.clone()).or_default().push(self.schema.indexes.len());
        }
        self.schema.indexes.push(index);
    }

    /// Positions in `schema.indexes` of `table`'s indexes, in order.
    pub(super) fn indexes_on(&mut self, table: &QualifiedName) -> Vec<usize> {
        let schema = &self.schema;
        let indexes = self.lookup.indexes.get_or_insert_with(|| {
            let mut indexes: HashMap<QualifiedName, Vec<usize>> = HashMap::new();
            for (position, index) in schema.indexes.iter().enumerate() {
                indexes.entry(index.table.clone()).or_default().push(position);
            }
            indexes
        });
        indexes.get(table).cloned().unwrap_or_default()
    }

    /// Notes that the table at `position` now has a foreign key to `references`.
    pub(super) fn note_reference(&mut self, position: usize, references: &QualifiedName) {
        if let Some(referencing) = &mut self.lookup.referencing {
            let positions = referencing.entry(references.clone()).or_default();
            if positions.last() != Some(&position) {
                positions.push(position);
            }
        }
    }

    /// Positions in `schema.tables` of the tables that may have a foreign key to `table`, in
    /// order, each once.
    pub(super) fn referencing(&mut self, table: &QualifiedName) -> Vec<usize> {
        let schema = &self.schema;
        let referencing = self.lookup.referencing.get_or_insert_with(|| {
            let mut referencing: HashMap<QualifiedName, Vec<usize>> = HashMap::new();
            for (position, other) in schema.tables.iter().enumerate() {
                for key in &other.foreign_keys {
                    let positions = referencing.entry(key.references.clone()).or_default();
                    if positions.last() != Some(&position) {
                        positions.push(position);
                    }
                }
            }
            referencing
        });
        let mut positions = referencing.get(table).cloned().unwrap_or_default();
        // Keys added to a table out of order (an `alter table` on an older table) repeat it.
        positions.sort_unstable();
        positions.dedup();
        positions
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
