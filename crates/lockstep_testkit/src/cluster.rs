//! A throwaway Postgres for the tests: `LOCKSTEP_TEST_DATABASE_URL` when set (a superuser
//! connection), otherwise a private cluster started with `initdb`/`pg_ctl` in a temporary
//! folder, reachable only through a Unix socket, and stopped by a watchdog when the test
//! process exits.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use postgres::{Client, NoTls};

pub struct Cluster {
    /// Connection string to the `postgres` database, as a superuser.
    admin_url: String,
}

static CLUSTER: OnceLock<Cluster> = OnceLock::new();

pub fn cluster() -> &'static Cluster {
    CLUSTER.get_or_init(|| match std::env::var("LOCKSTEP_TEST_DATABASE_URL") {
        Ok(url) => Cluster { admin_url: url },
        Err(_) => start_private_cluster(),
    })
}

impl Cluster {
    /// A new, empty database with the given prefix in its name; returns its URL.
    pub fn create_database(&self, prefix: &str) -> String {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let name = format!("{prefix}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst)).to_lowercase();
        let mut admin = Client::connect(&self.admin_url, NoTls).expect("connect to the test cluster");
        // language=SQL
        admin.batch_execute(&format!("create database \"{name}\"")).expect("create a test database");
        replace_dbname(&self.admin_url, &name)
    }
}

fn replace_dbname(url: &str, name: &str) -> String {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
        let base = match base.rfind('/') {
            Some(slash) if slash > base.find("://").unwrap_or(0) + 2 => &base[..slash],
            _ => base,
        };
        return match query {
            Some(q) => format!("{base}/{name}?{q}"),
            None => format!("{base}/{name}"),
        };
    }
    let kept: Vec<&str> = url.split_whitespace().filter(|part| !part.starts_with("dbname=")).collect();
    format!("{} dbname={name}", kept.join(" "))
}

fn bin_dir() -> PathBuf {
    if let Ok(output) = Command::new("pg_config").arg("--bindir").output() {
        let dir = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
        if dir.join("initdb").exists() {
            return dir;
        }
    }
    let mut candidates: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|p| p.join("initdb").exists())
        .collect();
    candidates.sort();
    candidates
        .pop()
        .expect("no PostgreSQL server binaries found: install postgresql (Debian) or set LOCKSTEP_TEST_DATABASE_URL")
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Runs a server binary, as the `postgres` user when we are root (Postgres refuses root).
fn run_as_postgres(program: &Path, args: &[&str]) {
    let status = if is_root() {
        Command::new("runuser")
            .arg("-u")
            .arg("postgres")
            .arg("--")
            .arg(program)
            .args(args)
            .stdout(Stdio::null())
            .status()
    } else {
        Command::new(program).args(args).stdout(Stdio::null()).status()
    }
    .unwrap_or_else(|err| panic!("cannot run {}: {err}", program.display()));
    assert!(status.success(), "{} {args:?} failed with {status}", program.display());
}

#[expect(clippy::zombie_processes, reason = "the watchdog must outlive this process to stop the server")]
fn start_private_cluster() -> Cluster {
    let bin = bin_dir();
    let dir = std::env::temp_dir().join(format!("lockstep-pg-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    if is_root() {
        let status = Command::new("chown").arg("postgres:").arg(&dir).status().unwrap();
        assert!(status.success(), "chown of the cluster folder failed");
    }
    let data = dir.join("data");
    let data_arg = data.to_string_lossy().into_owned();
    let socket = dir.to_string_lossy().into_owned();
    let port = 40000 + std::process::id() % 20000;
    run_as_postgres(
        &bin.join("initdb"),
        &["-D", &data_arg, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"],
    );
    let options = format!(
        "-p {port} -k {socket} -c listen_addresses='' -c fsync=off -c full_page_writes=off -c synchronous_commit=off"
    );
    let log = dir.join("server.log").to_string_lossy().into_owned();
    run_as_postgres(&bin.join("pg_ctl"), &["-D", &data_arg, "-o", &options, "-l", &log, "-w", "-t", "60", "start"]);
    // Stop the server and remove the folder once this test process is gone.
    let pg_ctl = bin.join("pg_ctl").to_string_lossy().into_owned();
    let stop = if is_root() { format!("runuser -u postgres -- {pg_ctl}") } else { pg_ctl };
    let watchdog = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 1; done; {stop} -D {data_arg} -m immediate stop >/dev/null 2>&1; rm -rf {dir}",
        pid = std::process::id(),
        dir = dir.display()
    );
    Command::new("sh")
        .arg("-c")
        .arg(watchdog)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the cluster watchdog");
    let admin_url = format!("host={socket} port={port} user=postgres dbname=postgres");
    let mut admin = Client::connect(&admin_url, NoTls).expect("connect to the new cluster");
    for role in lockstep_sql::supabase::ROLES {
        // language=SQL
        admin.batch_execute(&format!("create role {role} nologin")).expect("create the Supabase roles");
    }
    Cluster { admin_url }
}

#[cfg(test)]
mod tests {
    use super::replace_dbname;

    #[test]
    fn database_names_are_replaced_in_both_url_forms() {
        assert_eq!(
            replace_dbname("postgres://u:p@h:5432/postgres?sslmode=disable", "x"),
            "postgres://u:p@h:5432/x?sslmode=disable"
        );
        assert_eq!(replace_dbname("postgres://u@h", "x"), "postgres://u@h/x");
        assert_eq!(
            replace_dbname("host=/tmp port=5 user=postgres dbname=postgres", "x"),
            "host=/tmp port=5 user=postgres dbname=x"
        );
    }
}
