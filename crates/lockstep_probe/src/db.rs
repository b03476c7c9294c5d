//! The database as the webhook tests see it: a fingerprint of every contract table (row count
//! and a hash of its rows), so a duplicate delivery that changed anything is caught without
//! knowing which table the app records events in.

use lockstep_contract::model::Contract;
use postgres::Client;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("{0}")]
    Connect(String),
    #[error("{0}")]
    Query(String),
}

/// `(table, rows, hash of the rows)` for every table the contract declares and the database has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint(pub Vec<(String, i64, String)>);

impl Fingerprint {
    /// What changed from `self` to `after`, one line per table.
    pub fn changes(&self, after: &Fingerprint) -> Vec<String> {
        let mut out = Vec::new();
        for (table, rows, hash) in &after.0 {
            match self.0.iter().find(|(t, ..)| t == table) {
                Some((_, before_rows, _)) if before_rows != rows => {
                    out.push(format!("`{table}` went from {before_rows} to {rows} rows"));
                }
                Some((_, _, before_hash)) if before_hash != hash => out.push(format!("rows of `{table}` changed")),
                _ => {}
            }
        }
        out
    }
}

/// Opens a connection, with `lockstep_pg`'s connect timeout and a statement timeout, so a stuck
/// server cannot hang the run.
pub fn connect(url: &str) -> Result<Client, DbError> {
    let mut client = lockstep_pg::connect(url).map_err(|e| DbError::Connect(e.to_string()))?;
    // language=SQL
    client.batch_execute("set statement_timeout = '30s'").map_err(|e| DbError::Query(e.to_string()))?;
    Ok(client)
}

pub fn fingerprint(client: &mut Client, contract: &Contract) -> Result<Fingerprint, DbError> {
    let mut tables = Vec::new();
    for entity in contract.entities.iter().filter(|e| !e.view) {
        let name = format!("{}.{}", quote(&entity.schema), quote(&entity.table));
        // language=SQL
        let exists = client
            .query_one("select to_regclass($1) is not null", &[&name])
            .map_err(|e| DbError::Query(e.to_string()))?
            .get::<_, bool>(0);
        if !exists {
            continue;
        }
        // language=SQL
        let row = client
            .query_one(
                &format!("select count(*), coalesce(md5(string_agg(t::text, ',' order by t::text)), '') from {name} t"),
                &[],
            )
            .map_err(|e| DbError::Query(e.to_string()))?;
        tables.push((entity.table.clone(), row.get(0), row.get(1)));
    }
    Ok(Fingerprint(tables))
}

pub fn quote(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}
