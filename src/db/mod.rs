//! Storage for SQLite and PostgreSQL through one code path.
//!
//! Queries are written once, in the SQL subset both databases run alike (`$1` placeholders,
//! `RETURNING`, `ON CONFLICT`, integer Unix timestamps), and executed through sea-orm's
//! connection. The few statements that must differ per backend live in this module only.

pub mod batch;
mod m0002_directory;
mod m0003_freshness;
mod m0004_vetting;
mod m0005_ads;
mod m0006_relays_and_teams;
mod m0007_reviews;
mod m0008_notices_and_prices;
mod m0009_diagnosis;
mod migrations;

use std::time::Duration;

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, FromQueryResult, Statement,
    TransactionTrait,
};
use sea_orm_migration::MigratorTrait;

pub use migrations::Migrator;
pub use sea_orm::{
    ColIdx, DatabaseTransaction, DbErr, FromQueryResult as Row, QueryResult, TryGetError, TryGetable, Value,
};

/// Stores a closed set of values (a state, a kind) as text and reads it back decoded: a row's
/// field of that type is the enum itself, and a value the enum does not know fails the query
/// (never a silent default). The type needs `fn as_str(self) -> &'static str` and
/// `fn parse(&str) -> Option<Self>`.
///
/// The second form declares the enum with its stored names and writes those two functions,
/// `ALL` and `Display`:
///
/// ```ignore
/// text_enum! {
///     /// Where a comment stands.
///     pub enum CommentStatus { Pending = "pending", Published = "published" }
/// }
/// ```
#[macro_export]
macro_rules! text_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in the order of the declaration.
            #[allow(dead_code)]
            pub const ALL: &[$name] = &[$($name::$variant),+];

            /// The value in the database.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The value of a stored name; `None` for a name this version does not know.
            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        $crate::text_enum!($name);
    };
    ($t:ty) => {
        impl $crate::db::TryGetable for $t {
            fn try_get_by<I: $crate::db::ColIdx>(
                res: &$crate::db::QueryResult,
                index: I,
            ) -> ::std::result::Result<Self, $crate::db::TryGetError> {
                let text = <String as $crate::db::TryGetable>::try_get_by(res, index)?;
                <$t>::parse(&text).ok_or_else(|| {
                    $crate::db::TryGetError::DbErr($crate::db::DbErr::Type(format!(
                        "unknown {} {text:?}",
                        stringify!($t)
                    )))
                })
            }
        }

        impl From<$t> for $crate::db::Value {
            fn from(v: $t) -> Self {
                $crate::db::Value::from(v.as_str())
            }
        }
    };
}

impl From<crate::types::Euros> for Value {
    fn from(v: crate::types::Euros) -> Self {
        Value::from(v.get())
    }
}

impl sea_orm::sea_query::Nullable for crate::types::Euros {
    fn null() -> Value {
        <i64 as sea_orm::sea_query::Nullable>::null()
    }
}

/// A day is stored as its "YYYY-MM-DD" text.
impl From<crate::types::Day> for Value {
    fn from(v: crate::types::Day) -> Self {
        Value::from(v.to_string())
    }
}

impl sea_orm::sea_query::Nullable for crate::types::Day {
    fn null() -> Value {
        <String as sea_orm::sea_query::Nullable>::null()
    }
}

/// Builds a `Vec<sea_orm::Value>` from a list of bind values.
#[macro_export]
macro_rules! vals {
    ($($v:expr),* $(,)?) => { vec![$($crate::db::Value::from($v)),*] };
}

/// What every store function returns: the database's error stays inside `db` and the stores.
pub type Result<T> = std::result::Result<T, DbErr>;

/// An error from the storage layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique key already holds this value; the string names the constraint or column.
    #[error("unique value already taken: {0}")]
    Conflict(String),
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// Turns a unique-key violation into `StoreError::Conflict`, so forms can show a field message.
pub fn map_conflict(err: DbErr) -> StoreError {
    match err.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(what)) => StoreError::Conflict(what),
        _ => StoreError::Db(err),
    }
}

/// The shared database handle.
#[derive(Clone, Debug)]
pub struct Db {
    conn: DatabaseConnection,
}

impl Db {
    /// Connects to SQLite (WAL, foreign keys, busy timeout) or PostgreSQL, chosen by the URL.
    pub async fn connect(url: &str) -> Result<Self> {
        let mut options = ConnectOptions::new(url.to_owned());
        options.sqlx_logging(false).connect_timeout(Duration::from_secs(10)).acquire_timeout(Duration::from_secs(10));
        if url.starts_with("sqlite:") {
            options.max_connections(8).min_connections(1).map_sqlx_sqlite_opts(|o| {
                o.journal_mode(sqlx_sqlite_journal_wal())
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10))
                    .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
            });
        } else {
            options.max_connections(16).min_connections(1);
        }
        let conn = Database::connect(options).await?;
        Ok(Self { conn })
    }

    pub fn backend(&self) -> DbBackend {
        self.conn.get_database_backend()
    }

    pub fn is_postgres(&self) -> bool {
        self.backend() == DbBackend::Postgres
    }

    /// Applies the embedded migrations. On PostgreSQL an advisory lock makes nodes that start
    /// together wait for each other instead of racing.
    pub async fn migrate(&self) -> Result<()> {
        if self.is_postgres() {
            let txn = self.conn.begin().await?;
            txn.execute_unprepared("SELECT pg_advisory_xact_lock(727274)").await?;
            Migrator::up(&txn, None).await?;
            txn.commit().await
        } else {
            Migrator::up(&self.conn, None).await
        }
    }

    /// A transaction for work that writes. On SQLite it takes the write lock first, waiting its
    /// turn like any writer: a deferred SQLite transaction that has read and then writes fails at
    /// once with "database is locked" (SQLITE_BUSY, or SQLITE_BUSY_SNAPSHOT when another
    /// connection wrote since its read) instead of waiting, because SQLite never runs the busy
    /// handler for a connection that already holds a read snapshot. PostgreSQL needs nothing more.
    /// Reads that need no transaction go through [`Db::conn`] and stay concurrent.
    pub async fn begin(&self) -> Result<DatabaseTransaction> {
        let txn = self.conn.begin().await?;
        if self.conn.get_database_backend() == DbBackend::Sqlite {
            // A write that changes nothing, but opens the write transaction.
            txn.execute_unprepared("UPDATE rate_limits SET hits = hits WHERE 0").await?;
        }
        Ok(txn)
    }

    pub async fn ping(&self) -> Result<()> {
        self.conn.ping().await
    }

    pub async fn close(self) -> Result<()> {
        self.conn.close().await
    }

    pub fn conn(&self) -> &DatabaseConnection {
        &self.conn
    }
}

fn sqlx_sqlite_journal_wal() -> sea_orm::sqlx::sqlite::SqliteJournalMode {
    sea_orm::sqlx::sqlite::SqliteJournalMode::Wal
}

fn stmt(backend: DbBackend, sql: &str, values: Vec<Value>) -> Statement {
    Statement::from_sql_and_values(backend, sql, values)
}

/// Runs a statement, returning the number of rows it touched.
pub async fn exec<C: ConnectionTrait>(c: &C, sql: &str, values: Vec<Value>) -> Result<u64> {
    let res = c.execute_raw(stmt(c.get_database_backend(), sql, values)).await?;
    Ok(res.rows_affected())
}

/// Fetches at most one row.
pub async fn one<T: FromQueryResult, C: ConnectionTrait>(c: &C, sql: &str, values: Vec<Value>) -> Result<Option<T>> {
    match c.query_one_raw(stmt(c.get_database_backend(), sql, values)).await? {
        Some(row) => Ok(Some(T::from_query_result(&row, "")?)),
        None => Ok(None),
    }
}

/// Fetches every row.
pub async fn all<T: FromQueryResult, C: ConnectionTrait>(c: &C, sql: &str, values: Vec<Value>) -> Result<Vec<T>> {
    let rows = c.query_all_raw(stmt(c.get_database_backend(), sql, values)).await?;
    rows.iter().map(|r| T::from_query_result(r, "")).collect()
}

/// Fetches every row of `sql`, in which `{ids}` stands for the list `ids` (`… WHERE id IN
/// ({ids})`); no query when the list is empty.
pub async fn all_in<T: FromQueryResult, C: ConnectionTrait>(c: &C, sql: &str, ids: &[i64]) -> Result<Vec<T>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = sql.replace("{ids}", &placeholders(1, ids.len()));
    all(c, &sql, ids.iter().map(|id| Value::from(*id)).collect()).await
}

/// Fetches one integer (a count, an id from `RETURNING id`); `None` when no row came back.
pub async fn int<C: ConnectionTrait>(c: &C, sql: &str, values: Vec<Value>) -> Result<Option<i64>> {
    match c.query_one_raw(stmt(c.get_database_backend(), sql, values)).await? {
        // COUNT(*) is BIGINT on PostgreSQL, INTEGER columns are INT4: accept both.
        Some(row) => match row.try_get_by_index::<i64>(0) {
            Ok(v) => Ok(Some(v)),
            Err(_) => Ok(Some(i64::from(row.try_get_by_index::<i32>(0)?))),
        },
        None => Ok(None),
    }
}

/// The rows of a tab-separated seed file shipped in `content/` (lines starting with `#` and
/// blank lines skipped); a row without exactly `N` fields is left out (a unit test of each
/// file's owner checks that none is).
pub fn seed_rows<const N: usize>(text: &'static str) -> Vec<[&'static str; N]> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split('\t').collect::<Vec<_>>().try_into().ok())
        .collect()
}

/// `$1, $2, …` for `n` values starting at `from`.
pub fn placeholders(from: usize, n: usize) -> String {
    (from..from + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// Current time as Unix seconds: every timestamp is stored this way, in UTC, on both databases.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// `FOR UPDATE SKIP LOCKED` on PostgreSQL, nothing on SQLite (which serialises writers).
pub fn skip_locked(backend: DbBackend) -> &'static str {
    if backend == DbBackend::Postgres { " FOR UPDATE SKIP LOCKED" } else { "" }
}

#[cfg(test)]
mod text_enum_tests {
    use super::{Db, Row, all, exec, int};
    use sea_orm::{ConnectionTrait, TransactionTrait};

    crate::text_enum! {
        enum Colour {
            Red = "red",
            Green = "green",
        }
    }

    #[derive(Row, Debug)]
    struct Line {
        c: Colour,
    }

    #[tokio::test]
    async fn a_transaction_that_reads_then_writes_waits_for_the_write_lock() {
        let dir = tempfile::tempdir().expect("a folder");
        let db = Db::connect(&format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display())).await.expect("db");
        db.conn().execute_unprepared("CREATE TABLE rate_limits (hits INTEGER)").await.expect("table");
        db.conn().execute_unprepared("CREATE TABLE t (x INTEGER)").await.expect("table");
        // Deferred: it reads, another connection writes, its own write then fails at once.
        let txn = db.conn().begin().await.expect("begin");
        int(&txn, "SELECT COUNT(*) FROM t", crate::vals![]).await.expect("read");
        exec(db.conn(), "INSERT INTO t VALUES (1)", crate::vals![]).await.expect("the other writes");
        let err = exec(&txn, "INSERT INTO t VALUES (2)", crate::vals![]).await.expect_err("a stale snapshot");
        assert!(err.to_string().contains("locked"), "{err}");
        drop(txn);
        // With the write lock first, the other writer waits its turn instead.
        let txn = db.begin().await.expect("begin");
        int(&txn, "SELECT COUNT(*) FROM t", crate::vals![]).await.expect("read");
        let other = {
            let db = db.clone();
            tokio::spawn(async move { exec(db.conn(), "INSERT INTO t VALUES (3)", crate::vals![]).await })
        };
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        exec(&txn, "INSERT INTO t VALUES (4)", crate::vals![]).await.expect("the write goes through");
        txn.commit().await.expect("commit");
        other.await.expect("task").expect("then the other writes");
        assert_eq!(int(db.conn(), "SELECT COUNT(*) FROM t", crate::vals![]).await.expect("count"), Some(3));
    }

    #[tokio::test]
    async fn text_enums_decode_known_values_and_refuse_the_others() {
        let db = Db::connect("sqlite::memory:").await.expect("connect");
        let rows: Vec<Line> = all(db.conn(), "SELECT $1 AS c", crate::vals![Colour::Red]).await.expect("red is known");
        assert_eq!(rows[0].c, Colour::Red);
        assert_eq!(
            Colour::ALL.iter().map(|c| Colour::parse(c.as_str())).collect::<Vec<_>>(),
            [Some(Colour::Red), Some(Colour::Green)]
        );
        assert_eq!(Colour::Green.to_string(), "green");
        let err = all::<Line, _>(db.conn(), "SELECT 'blue' AS c", crate::vals![]).await.expect_err("blue is unknown");
        assert!(err.to_string().contains("unknown Colour \"blue\""), "{err}");
    }
}
