//! Multi-row `INSERT`s, for the stores' `insert_many` (bulk data such as the benchmark's).
//!
//! A store names its table, its columns and one `Vec<Value>` per row (in column order); this
//! module cuts the rows into statements of at most `PARAMS_PER_INSERT` bound parameters and
//! runs them in order, so that ids are given in the order of the rows.

use sea_orm::{ConnectionTrait, DbErr, FromQueryResult, Value};

/// Bound parameters per multi-row `INSERT`, at most. Far under the limits (SQLite 32,766,
/// PostgreSQL 65,535) on purpose: the SQLite driver looks each `$N` up by name, a cost that grows
/// with the square of a statement's parameters (50,000 ads took a minute with 23,000 parameters
/// per statement).
pub const PARAMS_PER_INSERT: usize = 500;

/// Rows of `columns` values per statement.
fn rows_per_insert(columns: usize) -> usize {
    (PARAMS_PER_INSERT / columns.max(1)).max(1)
}

/// `INSERT INTO table (columns) VALUES ($1, …), …` for `rows` rows.
fn insert_sql(table: &str, columns: &[&str], rows: usize) -> String {
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push_str(&format!("({})", super::placeholders(r * columns.len() + 1, columns.len())));
    }
    sql
}

/// Splits `rows` into the statements of `insert_sql`: (row count, their values in order).
fn batches(columns: usize, rows: Vec<Vec<Value>>) -> Vec<(usize, Vec<Value>)> {
    let per = rows_per_insert(columns);
    let mut out = Vec::with_capacity(rows.len().div_ceil(per));
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Value>> = rows.by_ref().take(per).collect();
        out.push((chunk.len(), chunk.into_iter().flatten().collect()));
    }
    out
}

/// Inserts `rows` (each `columns.len()` values, in order); rows that would break a unique key
/// are skipped.
pub async fn insert<C: ConnectionTrait>(
    c: &C,
    table: &str,
    columns: &[&str],
    rows: Vec<Vec<Value>>,
) -> Result<(), DbErr> {
    for (n, values) in batches(columns.len(), rows) {
        let sql = format!("{} ON CONFLICT DO NOTHING", insert_sql(table, columns, n));
        super::exec(c, &sql, values).await?;
    }
    Ok(())
}

/// Inserts `rows` like `insert`, with `tail` after each statement's values (an `ON CONFLICT`
/// clause, then `RETURNING …`), and returns what every statement returned.
pub async fn insert_returning<T: FromQueryResult, C: ConnectionTrait>(
    c: &C,
    table: &str,
    columns: &[&str],
    rows: Vec<Vec<Value>>,
    tail: &str,
) -> Result<Vec<T>, DbErr> {
    let mut out = Vec::with_capacity(rows.len());
    for (n, values) in batches(columns.len(), rows) {
        let sql = format!("{} {tail}", insert_sql(table, columns, n));
        out.extend(super::all::<T, C>(c, &sql, values).await?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_cut_into_statements_under_the_parameter_limit() {
        let rows: Vec<Vec<Value>> = (0..600).map(|i| vec![Value::from(i), Value::from("x")]).collect();
        let statements = batches(2, rows);
        assert_eq!(statements.iter().map(|(n, _)| *n).collect::<Vec<_>>(), [250, 250, 100]);
        assert!(statements.iter().all(|(n, values)| values.len() == n * 2 && values.len() <= PARAMS_PER_INSERT));
        assert_eq!(insert_sql("t", &["a", "b"], 2), "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)");
        let wide = batches(PARAMS_PER_INSERT + 1, vec![vec![Value::from(1)]]);
        assert_eq!(wide.len(), 1, "a row wider than the limit still gets a statement");
    }
}
