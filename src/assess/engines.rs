//! Starting points for the dynamic engines (phase 3), without secrets: the databases named by
//! connection strings and database settings (engine, host, port, database, user — never the
//! password) with the `vault write database/config/…` and `database/roles/…` commands to review,
//! and an AWS-engine STS role skeleton per application holding AWS keys. Rendered as POSIX `sh`
//! scripts (`--emit-engine-config DIR`) that read every password they need from the environment
//! of whoever runs them.
//!
//! Every value taken from a scanned file (hosts, users, database names) is untrusted: names are
//! reduced to `[a-z0-9-]`, and everything else is single-quoted for the shell and checked
//! against a conservative alphabet before it goes into an SQL statement.

use super::Item;
use crate::finding::Finding;
use crate::migrate::parse::Document;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A database as a connection string or the settings beside a password name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbTarget {
    /// `postgresql`, `mysql`, `mongodb`, `redis`, `mssql`, `oracle`, or the scheme as written.
    pub engine: String,
    /// How the engine was told: `connection string`, `setting DB_ENGINE`, `port 5432`, …
    pub engine_from: String,
    /// Host name or address.
    pub host: String,
    /// Port, when written.
    pub port: Option<u16>,
    /// Database (or Redis index), when written.
    pub database: Option<String>,
    /// User the application connects as, when written.
    pub user: Option<String>,
}

/// A database the assessment found, with what Vault needs to manage it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Database {
    /// Connection name under `database/config/`.
    pub name: String,
    /// Engine (`postgresql`, …).
    pub engine: String,
    /// How the engine was told.
    pub engine_from: String,
    /// Vault's plugin for it.
    pub plugin: String,
    /// Host.
    pub host: String,
    /// Port.
    pub port: Option<u16>,
    /// Database.
    pub database: Option<String>,
    /// Users applications connect as today.
    pub users: Vec<String>,
    /// Roles to create, one per application and environment.
    pub roles: Vec<DbRole>,
    /// Where it was found (`path:line KEY`).
    pub found_in: Vec<String>,
}

/// A database-engine role for one application.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DbRole {
    /// Role name under `database/roles/`.
    pub name: String,
    /// Application.
    pub service: String,
    /// Environment.
    pub env: String,
    /// The user it connects as today, whose rights the role's users get.
    pub user: Option<String>,
}

/// An AWS-engine role for one application and environment.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AwsRole {
    /// Role name under `aws/roles/`.
    pub name: String,
    /// Application.
    pub service: String,
    /// Environment.
    pub env: String,
    /// The keys it replaces (masked, with where they are).
    pub replaces: Vec<String>,
}

/// Everything phase 3 starts from.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Engines {
    /// Databases, by connection name.
    pub databases: Vec<Database>,
    /// Database credentials whose database could not be told (`path:line KEY`): fill in.
    pub unknown_databases: Vec<String>,
    /// AWS roles.
    pub aws: Vec<AwsRole>,
    /// `database.sh`: the database-engine commands (empty when there is no database).
    #[serde(default)]
    pub database_script: String,
    /// `aws.sh`: the AWS-engine commands (empty when there is no AWS key).
    #[serde(default)]
    pub aws_script: String,
}

// ---------------------------------------------------------------------------------------------
// Finding the database

/// The database a database credential belongs to: the connection string around it on its line,
/// else the settings beside its name in a parsed `.env`/JSON document (`DB_HOST`, `DB_PORT`,
/// `DB_USER`, `DB_NAME` beside `DB_PASSWORD`). `bytes` is the file holding the finding.
pub fn database_of(f: &Finding, bytes: &[u8], doc: Option<&Document>) -> Option<DbTarget> {
    let span = f.location.span.clone();
    if span.end <= bytes.len() && f.encoding.is_none() {
        let start = memchr::memrchr(b'\n', &bytes[..span.start]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[span.end..]).map_or(bytes.len(), |i| span.end + i);
        let line = String::from_utf8_lossy(&bytes[start..end]);
        let (s, e) = (span.start - start, span.end - start);
        if line.is_char_boundary(s)
            && line.is_char_boundary(e)
            && let Some(t) = from_connection_line(&line, s..e)
        {
            return Some(t);
        }
    }
    let doc = doc?;
    from_settings(f.key.as_deref()?, doc)
}

/// A connection string on `line` around the secret at `secret` (byte range in `line`).
pub fn from_connection_line(line: &str, secret: std::ops::Range<usize>) -> Option<DbTarget> {
    let delimiter = |c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | '<' | '>' | ')');
    if let Some(sep) = line[..secret.start].rfind("://")
        && !line[sep..secret.start].contains(delimiter)
    {
        let scheme_start = line[..sep]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-' | ':')))
            .map_or(0, |i| i + 1);
        let end = line[secret.end..]
            .find(delimiter)
            .map_or(line.len(), |i| secret.end + i);
        let password = secret.start - scheme_start..secret.end - scheme_start;
        if let Some(t) = parse_url(&line[scheme_start..end], Some(password)) {
            return Some(t);
        }
    }
    parse_key_value(line)
}

/// Parses `scheme://user:password@host:port/database?query` (also `jdbc:…`, several hosts, IPv6
/// hosts). `password` is where the finding is in `url`: when it is the password of the user
/// part, it may hold `@` or `/` unencoded.
pub fn parse_url(url: &str, password: Option<std::ops::Range<usize>>) -> Option<DbTarget> {
    let sep = url.find("://")?;
    let scheme = url[..sep].to_ascii_lowercase();
    let scheme = scheme.strip_prefix("jdbc:").unwrap_or(&scheme).to_string();
    let rest_at = sep + 3;
    let rest = &url[rest_at..];
    let in_user_part = password.filter(|p| {
        p.start > rest_at
            && p.end < url.len()
            && url[..p.start].ends_with(':')
            && url[p.end..].starts_with('@')
            && !url[rest_at..p.start].contains(['/', '@'])
    });
    // The user part: up to the password when the finding is the password, else up to the last
    // `@` of the authority.
    let (user, after_user) = if let Some(p) = in_user_part {
        (Some(&url[rest_at..p.start - 1]), &url[p.end + 1..])
    } else {
        let auth_end = rest.find(['/', '?']).unwrap_or(rest.len());
        match rest[..auth_end].rfind('@') {
            Some(at) => {
                let info = &rest[..at];
                (Some(info.split(':').next().unwrap_or("")), &rest[at + 1..])
            }
            None => (None, rest),
        }
    };
    let host_end = after_user.find(['/', '?', ';']).unwrap_or(after_user.len());
    let hosts = &after_user[..host_end];
    let first = hosts.split(',').next().unwrap_or("");
    let (host, port) = split_host_port(first)?;
    let tail = &after_user[host_end..];
    let (path, query) = match tail.find('?') {
        Some(q) => (&tail[..q], &tail[q + 1..]),
        None => (tail, ""),
    };
    let mut database = path
        .strip_prefix('/')
        .map(|p| p.split(['/', ';']).next().unwrap_or(""))
        .filter(|p| !p.is_empty())
        .map(percent_decode);
    let mut user = user.filter(|u| !u.is_empty()).map(percent_decode);
    for pair in query.split(['&', ';']) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k.to_ascii_lowercase().as_str() {
            "user" | "username" if user.is_none() && !v.is_empty() => {
                user = Some(percent_decode(v))
            }
            "database" | "dbname" | "databasename" if database.is_none() && !v.is_empty() => {
                database = Some(percent_decode(v))
            }
            _ => {}
        }
    }
    let engine = engine_of_scheme(&scheme);
    Some(DbTarget {
        engine,
        engine_from: "connection string".into(),
        host,
        port,
        database,
        user,
    })
}

fn split_host_port(s: &str) -> Option<(String, Option<u16>)> {
    let s = s.trim();
    let (host, port) = if let Some(v6) = s.strip_prefix('[') {
        let close = v6.find(']')?;
        let port = v6[close + 1..].strip_prefix(':');
        (v6[..close].to_string(), port)
    } else {
        match s.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), Some(p)),
            None => (s.to_string(), None),
        }
    };
    if host.is_empty() {
        return None;
    }
    Some((host, port.and_then(|p| p.parse().ok())))
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn engine_of_scheme(scheme: &str) -> String {
    match scheme {
        "postgres" | "postgresql" | "pgsql" => "postgresql",
        "mysql" | "mariadb" | "mysql2" | "mysqlx" => "mysql",
        "mongodb" | "mongodb+srv" => "mongodb",
        "redis" | "rediss" => "redis",
        "sqlserver" | "mssql" => "mssql",
        "oracle" | "oracle:thin" => "oracle",
        other => other,
    }
    .to_string()
}

fn engine_of_port(port: u16) -> Option<&'static str> {
    Some(match port {
        5432 => "postgresql",
        3306 => "mysql",
        27017 => "mongodb",
        6379 => "redis",
        1433 => "mssql",
        1521 => "oracle",
        _ => return None,
    })
}

fn engine_of_words(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |set: &[&str]| {
        words
            .iter()
            .any(|w| set.iter().any(|s| w == s || w.starts_with(s)))
    };
    if has(&["postgres", "postgresql", "pg", "psql", "pgpassword"]) {
        Some("postgresql")
    } else if has(&["mysql", "mariadb"]) {
        Some("mysql")
    } else if has(&["mongo", "mongodb"]) {
        Some("mongodb")
    } else if has(&["redis"]) {
        Some("redis")
    } else if has(&["mssql", "sqlserver"]) {
        Some("mssql")
    } else {
        None
    }
}

/// `Server=host,1433;Database=app;User Id=sa;Password=…` (ADO.NET, Npgsql, MySQL Connector).
fn parse_key_value(line: &str) -> Option<DbTarget> {
    if !line.contains(';') {
        return None;
    }
    let mut host = None;
    let mut port = None;
    let mut database = None;
    let mut user = None;
    let mut host_key = "";
    for pair in line.split(';') {
        let Some((k, v)) = pair.rsplit_once('=') else {
            continue;
        };
        // The first pair may carry the assignment it sits in (`CONN="Server=…`).
        let k = k
            .rsplit(['"', '\'', '=', ':'])
            .next()
            .unwrap_or(k)
            .trim()
            .to_ascii_lowercase();
        let v = v.trim().trim_matches(['"', '\'']).trim();
        match k.as_str() {
            "server" | "data source" | "host" | "address" | "addr" | "network address" => {
                host_key = if k == "host" { "host" } else { "server" };
                let v = v.strip_prefix("tcp:").unwrap_or(v);
                match v.split_once(',') {
                    Some((h, p)) => {
                        host = Some(h.to_string());
                        port = p.trim().parse().ok();
                    }
                    None => match split_host_port(v) {
                        Some((h, p)) => {
                            host = Some(h);
                            port = port.or(p);
                        }
                        None => continue,
                    },
                }
            }
            "port" => port = v.parse().ok(),
            "database" | "initial catalog" | "dbname" => database = Some(v.to_string()),
            "user id" | "uid" | "user" | "username" | "userid" => user = Some(v.to_string()),
            _ => {}
        }
    }
    let host = host.filter(|h| !h.is_empty())?;
    let (engine, from) = match port.and_then(engine_of_port) {
        Some(e) => (e, format!("port {}", port.unwrap_or_default())),
        None if host_key == "host" => ("postgresql", "connection string (Host=)".to_string()),
        None => ("mssql", "connection string (Server=)".to_string()),
    };
    Some(DbTarget {
        engine: engine.into(),
        engine_from: from,
        host,
        port,
        database,
        user,
    })
}

/// The settings beside a password's name: `DB_HOST`… beside `DB_PASSWORD`, `database.host`…
/// beside `database.password`, `PGHOST`… beside `PGPASSWORD`.
pub fn from_settings(key: &str, doc: &Document) -> Option<DbTarget> {
    let lower = key.to_ascii_lowercase();
    let prefix_len = ["password", "passwd", "pass", "pwd"]
        .iter()
        .find_map(|s| lower.strip_suffix(s).map(str::len))?;
    let prefix = &lower[..prefix_len];
    let get = |suffixes: &[&str]| -> Option<(String, String)> {
        suffixes.iter().find_map(|s| {
            let want = format!("{prefix}{s}");
            doc.entries
                .iter()
                .find(|e| e.key.to_ascii_lowercase() == want && !e.substituted)
                .map(|e| {
                    (
                        e.key.clone(),
                        String::from_utf8_lossy(e.value.expose()).trim().to_string(),
                    )
                })
                .filter(|(_, v)| !v.is_empty() && !v.starts_with("vault:"))
        })
    };
    let (_, host) = get(&["host", "hostname", "server", "address", "addr"])?;
    let port = get(&["port"]).and_then(|(_, p)| p.parse().ok());
    let database = get(&["name", "database", "db", "dbname"]).map(|(_, v)| v);
    let user = get(&["user", "username", "login", "usr"]).map(|(_, v)| v);
    let (engine, from) =
        if let Some((k, v)) = get(&["engine", "driver", "dialect", "adapter", "type"]) {
            (
                engine_of_words(&v).map(String::from).unwrap_or(v),
                format!("setting {k}"),
            )
        } else if let Some(e) = engine_of_words(key) {
            (e.to_string(), format!("the name {key}"))
        } else if let Some(e) = port.and_then(engine_of_port) {
            (e.to_string(), format!("port {}", port.unwrap_or_default()))
        } else {
            ("unknown".to_string(), "nothing: fill in".to_string())
        };
    // A host that is a URL or holds spaces is not a host name.
    if host.contains("://") || host.contains(char::is_whitespace) {
        return None;
    }
    Some(DbTarget {
        engine,
        engine_from: from,
        host,
        port,
        database,
        user,
    })
}

// ---------------------------------------------------------------------------------------------
// Grouping

/// Groups database targets into connections with roles, and AWS items into roles.
/// `targets` pairs items (by index into `items`) with their database, when told.
pub fn build(items: &[Item], targets: &[(usize, Option<DbTarget>)], aws: &[usize]) -> Engines {
    let mut out = Engines::default();
    // Distinct databases: (engine, host, port, database). A target without a database merges
    // into the one database of the same server, if there is exactly one.
    let mut dbs: Vec<(DbTarget, Vec<usize>)> = Vec::new();
    for (i, t) in targets {
        let Some(t) = t else {
            let it = &items[*i];
            out.unknown_databases.push(format!(
                "{}:{} {}",
                it.path,
                it.line,
                it.key.as_deref().unwrap_or("")
            ));
            continue;
        };
        let same = |d: &DbTarget| d.engine == t.engine && d.host == t.host && d.port == t.port;
        if let Some(slot) = dbs
            .iter_mut()
            .find(|(d, _)| same(d) && d.database == t.database)
        {
            slot.1.push(*i);
            if slot.0.user.is_none() {
                slot.0.user = t.user.clone();
            }
            continue;
        }
        dbs.push((t.clone(), vec![*i]));
    }
    // Merge database-less entries into the single named database of the same server.
    let mut merged: Vec<(DbTarget, Vec<usize>, Vec<String>)> = Vec::new();
    let named: Vec<(DbTarget, Vec<usize>)> = dbs
        .iter()
        .filter(|(d, _)| d.database.is_some())
        .cloned()
        .collect();
    for (d, idx) in &named {
        merged.push((d.clone(), idx.clone(), d.user.iter().cloned().collect()));
    }
    for (d, idx) in dbs.iter().filter(|(d, _)| d.database.is_none()) {
        let same: Vec<usize> = merged
            .iter()
            .enumerate()
            .filter(|(_, (m, _, _))| m.engine == d.engine && m.host == d.host && m.port == d.port)
            .map(|(n, _)| n)
            .collect();
        match same.as_slice() {
            [one] => {
                let m = &mut merged[*one];
                m.1.extend(idx);
                if let Some(u) = &d.user
                    && !m.2.contains(u)
                {
                    m.2.push(u.clone());
                }
            }
            _ => merged.push((d.clone(), idx.clone(), d.user.iter().cloned().collect())),
        }
    }
    let mut names: Vec<String> = Vec::new();
    for (d, idx, users) in merged {
        let label = d.host.split('.').next().unwrap_or(&d.host).to_string();
        let base = match (&d.database, d.engine.as_str()) {
            (Some(db), e) if e != "redis" => slug(&format!("{label}-{db}")),
            _ => slug(&format!("{label}-{}", d.engine)),
        };
        let name = unique(&mut names, base);
        let mut roles: Vec<DbRole> = Vec::new();
        let mut found_in = Vec::new();
        for &i in &idx {
            let it = &items[i];
            found_in.push(format!(
                "{}:{} {}",
                it.path,
                it.line,
                it.key.as_deref().unwrap_or("")
            ));
            if !roles
                .iter()
                .any(|r| r.service == it.service && r.env == it.env)
            {
                roles.push(DbRole {
                    name: String::new(),
                    service: it.service.clone(),
                    env: it.env.clone(),
                    user: users.first().cloned(),
                });
            }
        }
        found_in.sort();
        found_in.dedup();
        out.databases.push(Database {
            plugin: plugin_of(&d.engine),
            name,
            engine: d.engine,
            engine_from: d.engine_from,
            host: d.host,
            port: d.port,
            database: d.database,
            users,
            roles,
            found_in,
        });
    }
    // Role names: `<service>-<env>`; when a service and environment use several databases,
    // suffixed with the engine (`milk-tracker-prod-postgresql`), or with the connection when
    // that is not enough.
    let mut count: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for d in &out.databases {
        for r in &d.roles {
            count
                .entry((r.service.clone(), r.env.clone()))
                .or_default()
                .push(d.engine.clone());
        }
    }
    for d in &mut out.databases {
        for r in &mut d.roles {
            let base = slug(&format!("{}-{}", r.service, r.env));
            let engines = &count[&(r.service.clone(), r.env.clone())];
            r.name = if engines.len() == 1 {
                base
            } else if engines.iter().filter(|e| **e == d.engine).count() == 1 {
                slug(&format!("{base}-{}", d.engine))
            } else {
                slug(&format!("{base}-{}", d.name))
            };
        }
    }
    // AWS: one STS role per service and environment.
    let mut roles: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for &i in aws {
        let it = &items[i];
        let what = match it.rule.as_str() {
            "aws.access-key-id" => format!("access key {}", it.masked),
            "aws.secret-access-key" => "secret access key".to_string(),
            _ => "session token".to_string(),
        };
        roles
            .entry((it.service.clone(), it.env.clone()))
            .or_default()
            .push(format!("{what} at {}:{}", it.path, it.line));
    }
    for ((service, env), replaces) in roles {
        out.aws.push(AwsRole {
            name: slug(&format!("{service}-{env}")),
            service,
            env,
            replaces,
        });
    }
    out.database_script = database_script(&out);
    out.aws_script = aws_script(&out);
    out
}

fn unique(names: &mut Vec<String>, base: String) -> String {
    let mut name = base.clone();
    let mut n = 2;
    while names.contains(&name) {
        name = format!("{base}-{n}");
        n += 1;
    }
    names.push(name.clone());
    name
}

/// Lower-case letters, digits and `-` only: safe as a Vault path segment and a shell word.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "unnamed".into()
    } else {
        out
    }
}

fn plugin_of(engine: &str) -> String {
    match engine {
        "postgresql" | "mysql" | "mongodb" | "redis" | "mssql" => {
            format!("{engine}-database-plugin")
        }
        "oracle" => "vault-plugin-database-oracle".into(),
        other => format!("{}-database-plugin", slug(other)),
    }
}

// ---------------------------------------------------------------------------------------------
// Scripts

/// Single-quotes `s` for a POSIX shell (`'` as `'\''`).
pub fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// A value safe to put into an SQL statement or a URL unquoted: letters, digits, `_ . -`.
fn plain(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// A comment line: control characters and line breaks of untrusted text removed.
fn comment(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn env_var(name: &str, what: &str) -> String {
    format!("{}_{}", name.to_ascii_uppercase().replace('-', "_"), what)
}

fn host_port(d: &Database) -> String {
    let host = if d.host.contains(':') {
        format!("[{}]", d.host)
    } else {
        d.host.clone()
    };
    match d.port {
        Some(p) => format!("{host}:{p}"),
        None => host,
    }
}

/// The `connection_url` (or, for Redis, the host settings) of a database, in `vault write`
/// argument form.
fn connection_args(d: &Database) -> Vec<String> {
    let hp = host_port(d);
    let db = d.database.clone().unwrap_or_default();
    let url = match d.engine.as_str() {
        "postgresql" => format!("postgresql://{{{{username}}}}:{{{{password}}}}@{hp}/{db}"),
        "mysql" => format!("{{{{username}}}}:{{{{password}}}}@tcp({hp})/{db}"),
        "mongodb" => format!("mongodb://{{{{username}}}}:{{{{password}}}}@{hp}/admin"),
        "mssql" => format!("sqlserver://{{{{username}}}}:{{{{password}}}}@{hp}"),
        "oracle" => format!("{{{{username}}}}/{{{{password}}}}@{hp}/{db}"),
        "redis" => {
            let mut v = vec![format!("host={}", sh_quote(&d.host))];
            v.push(format!("port={}", d.port.unwrap_or(6379)));
            return v;
        }
        _ => format!("TODO://{{{{username}}}}:{{{{password}}}}@{hp}/{db}"),
    };
    vec![format!("connection_url={}", sh_quote(&url))]
}

/// The `creation_statements` of a role: a new user with the rights of `user` where the engine
/// can say so, else a commented starting point.
fn creation_statements(d: &Database, user: Option<&str>) -> (String, Option<String>) {
    let db = d.database.as_deref().filter(|s| plain(s));
    let user = user.filter(|s| plain(s));
    match d.engine.as_str() {
        "postgresql" => {
            let mut s = "CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';".to_string();
            let note = match user {
                Some(u) => {
                    s.push_str(&format!(" GRANT \"{u}\" TO \"{{{{name}}}}\";"));
                    None
                }
                None => Some("TODO: grant the rights the application needs".into()),
            };
            (s, note)
        }
        "mysql" => {
            let on = db
                .map(|d| format!("`{d}`.*"))
                .unwrap_or_else(|| "TODO_DATABASE.*".into());
            (
                format!(
                    "CREATE USER '{{{{name}}}}'@'%' IDENTIFIED BY '{{{{password}}}}'; GRANT SELECT, INSERT, UPDATE, DELETE ON {on} TO '{{{{name}}}}'@'%';"
                ),
                Some(match user {
                    Some(u) => {
                        format!("check against the rights {u} has today: SHOW GRANTS FOR '{u}'")
                    }
                    None => "check the grants against what the application needs".into(),
                }),
            )
        }
        "mongodb" => (
            format!(
                "{{\"db\": \"admin\", \"roles\": [{{\"role\": \"readWrite\", \"db\": \"{}\"}}]}}",
                db.unwrap_or("TODO_DATABASE")
            ),
            user.map(|u| format!("check against the roles {u} has today (db.getUser(\"{u}\"))")),
        ),
        "mssql" => (
            format!(
                "CREATE LOGIN [{{{{name}}}}] WITH PASSWORD = '{{{{password}}}}'; USE [{}]; CREATE USER [{{{{name}}}}] FOR LOGIN [{{{{name}}}}]; ALTER ROLE db_datareader ADD MEMBER [{{{{name}}}}]; ALTER ROLE db_datawriter ADD MEMBER [{{{{name}}}}];",
                db.unwrap_or("TODO_DATABASE")
            ),
            user.map(|u| format!("check against the rights {u} has today")),
        ),
        "redis" => (
            "[\"~*\", \"+@read\", \"+@write\"]".to_string(),
            user.map(|u| format!("check against the ACL of {u} today (ACL GETUSER {u})")),
        ),
        _ => (
            "TODO".to_string(),
            Some(format!(
                "{}: write the statements that create a user",
                comment(&d.engine)
            )),
        ),
    }
}

const SCRIPT_HEAD: &str = "#!/bin/sh\n# Written by `vaultsweep assess`: a starting point to review and edit, never run by\n# vaultsweep. It holds no password: the accounts Vault manages are read from the environment\n# of whoever runs it. Needs VAULT_ADDR and a token allowed to configure the engine.\nset -eu\n";

/// `database.sh`: enable the engine, one connection per database, one role per application.
pub fn database_script(e: &Engines) -> String {
    if e.databases.is_empty() && e.unknown_databases.is_empty() {
        return String::new();
    }
    let mut s = String::from(SCRIPT_HEAD);
    s.push_str("# Phase 3: database credentials onto Vault's database secrets engine.\n\n");
    s.push_str("vault secrets list | grep -q '^database/' || vault secrets enable database\n");
    for d in &e.databases {
        let user_var = env_var(&d.name, "ADMIN_USER");
        let pass_var = env_var(&d.name, "ADMIN_PASSWORD");
        s.push_str(&format!(
            "\n# --- {}: {} at {}{}\n",
            d.name,
            comment(&d.engine),
            comment(&host_port(d)),
            d.database
                .as_ref()
                .map(|db| format!(", database {}", comment(db)))
                .unwrap_or_default()
        ));
        s.push_str(&format!(
            "#     engine told by {}\n",
            comment(&d.engine_from)
        ));
        for f in &d.found_in {
            s.push_str(&format!("#     found at {}\n", comment(f)));
        }
        if !d.users.is_empty() {
            s.push_str(&format!(
                "#     applications connect today as: {}\n",
                comment(&d.users.join(", "))
            ));
        }
        s.push_str(&format!(
            ": \"${{{user_var}:?set {user_var} to the account Vault uses to create users on {}}}\"\n",
            d.name
        ));
        s.push_str(&format!(
            ": \"${{{pass_var}:?set {pass_var} to that account's password (it is never written here)}}\"\n"
        ));
        let roles: Vec<&str> = d.roles.iter().map(|r| r.name.as_str()).collect();
        s.push_str(&format!("vault write database/config/{} \\\n", d.name));
        s.push_str(&format!("    plugin_name={} \\\n", sh_quote(&d.plugin)));
        for a in connection_args(d) {
            s.push_str(&format!("    {a} \\\n"));
        }
        s.push_str(&format!(
            "    allowed_roles={} \\\n",
            sh_quote(&roles.join(","))
        ));
        s.push_str(&format!("    username=\"${user_var}\" \\\n"));
        s.push_str(&format!("    password=\"${pass_var}\"\n"));
        s.push_str(&format!(
            "# Then let Vault rotate that password, so that no person knows it any more:\n# vault write -force database/rotate-root/{}\n",
            d.name
        ));
        for r in &d.roles {
            let (stmt, note) = creation_statements(d, r.user.as_deref());
            s.push_str(&format!(
                "\n# {} ({}){}\n",
                comment(&r.service),
                comment(&r.env),
                match &r.user {
                    Some(u) => format!(
                        ": connects today as {}; each instance gets a user of its own",
                        comment(u)
                    ),
                    None => ": each instance gets a user of its own".into(),
                }
            ));
            if let Some(n) = note {
                s.push_str(&format!("# {}\n", comment(&n)));
            }
            s.push_str(&format!("vault write database/roles/{} \\\n", r.name));
            s.push_str(&format!("    db_name={} \\\n", d.name));
            s.push_str(&format!("    creation_statements={} \\\n", sh_quote(&stmt)));
            s.push_str("    default_ttl=1h max_ttl=24h\n");
            s.push_str(&format!(
                "# {} then reads its credentials with: vault read database/creds/{}\n",
                comment(&r.service),
                r.name
            ));
        }
    }
    if !e.unknown_databases.is_empty() {
        s.push_str("\n# Database credentials whose database could not be told (no connection string, no\n# host setting beside them): add a connection and a role for each by hand.\n");
        for u in &e.unknown_databases {
            s.push_str(&format!("#   {}\n", comment(u)));
        }
    }
    s
}

/// `aws.sh`: enable the engine, its root configuration, one STS role per application.
pub fn aws_script(e: &Engines) -> String {
    if e.aws.is_empty() {
        return String::new();
    }
    let mut s = String::from(SCRIPT_HEAD);
    s.push_str("# Phase 3: AWS keys onto Vault's AWS secrets engine (STS assumed roles).\n\n");
    s.push_str("vault secrets list | grep -q '^aws/' || vault secrets enable aws\n");
    s.push_str("# The IAM user Vault calls STS with: a new one, not one of the keys found.\n");
    s.push_str(": \"${VAULT_AWS_ACCESS_KEY_ID:?set VAULT_AWS_ACCESS_KEY_ID to the key of the IAM user Vault uses}\"\n");
    s.push_str(": \"${VAULT_AWS_SECRET_ACCESS_KEY:?set VAULT_AWS_SECRET_ACCESS_KEY to its secret (never written here)}\"\n");
    s.push_str(": \"${AWS_ACCOUNT_ID:?set AWS_ACCOUNT_ID to the account the application roles live in}\"\n");
    s.push_str("vault write aws/config/root \\\n    access_key=\"$VAULT_AWS_ACCESS_KEY_ID\" \\\n    secret_key=\"$VAULT_AWS_SECRET_ACCESS_KEY\" \\\n    region=\"${AWS_REGION:-us-east-1}\"\n");
    for r in &e.aws {
        s.push_str(&format!(
            "\n# {} ({}): replaces\n",
            comment(&r.service),
            comment(&r.env)
        ));
        for k in &r.replaces {
            s.push_str(&format!("#   {}\n", comment(k)));
        }
        s.push_str(&format!(
            "# The IAM role {} must trust Vault's IAM user and hold the permissions the key has\n# today (aws iam list-attached-user-policies / list-user-policies for its user).\n",
            r.name
        ));
        s.push_str(&format!(
            "vault write aws/roles/{} \\\n    credential_type=assumed_role \\\n    role_arns=\"arn:aws:iam::${{AWS_ACCOUNT_ID}}:role/{}\" \\\n    default_sts_ttl=1h max_sts_ttl=12h\n",
            r.name, r.name
        ));
        s.push_str(&format!(
            "# {} then gets credentials with: vault write aws/sts/{} ttl=1h\n# and the old key is deactivated: aws iam update-access-key --status Inactive …\n",
            comment(&r.service),
            r.name
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(line: &str, password: &str) -> DbTarget {
        let at = line.find(password).unwrap();
        from_connection_line(line, at..at + password.len()).unwrap()
    }

    /// Engine, host, port, database and user.
    fn parts(t: &DbTarget) -> (&str, &str, Option<u16>, Option<&str>, Option<&str>) {
        (
            t.engine.as_str(),
            t.host.as_str(),
            t.port,
            t.database.as_deref(),
            t.user.as_deref(),
        )
    }

    #[test]
    fn connection_strings_name_engine_host_port_database_user() {
        let t = url(
            "DATABASE_URL=postgresql://milk_app:pw-x1@prod-db.example.internal:5432/milk", // vaultsweep:allow
            "pw-x1",
        );
        assert_eq!(
            parts(&t),
            (
                "postgresql",
                "prod-db.example.internal",
                Some(5432),
                Some("milk"),
                Some("milk_app")
            )
        );
        // A password holding `@` and `/` unencoded: the finding's span says where it ends.
        let t = url(
            "url = \"mysql://app:p@ss/w0rd@db1:3306/shop?ssl=true\"",
            "p@ss/w0rd",
        );
        assert_eq!(
            (t.engine.as_str(), t.host.as_str(), t.database.as_deref()),
            ("mysql", "db1", Some("shop"))
        );
        let t = url(
            "REDIS_URL=\"redis://:tok3n@cache.internal:6379/0\"", // vaultsweep:allow
            "tok3n",
        );
        assert_eq!(
            (t.engine.as_str(), t.user, t.database.as_deref()),
            ("redis", None, Some("0"))
        );
        let t = url(
            "mongodb+srv://svc:pw9@h1.example.net,h2.example.net/orders?retryWrites=true",
            "pw9",
        );
        assert_eq!(
            (t.engine.as_str(), t.host.as_str(), t.database.as_deref()),
            ("mongodb", "h1.example.net", Some("orders"))
        );
        let t = url(
            "jdbc:postgresql://[::1]:5433/app?user=svc&password=pw8",
            "pw8",
        );
        assert_eq!(
            (t.host.as_str(), t.port, t.user.as_deref()),
            ("::1", Some(5433), Some("svc"))
        );
        let t = url(
            "CONN=\"Server=tcp:sql.internal,1433;Initial Catalog=Billing;User Id=billing;Password=pw7;\"",
            "pw7",
        );
        assert_eq!(
            parts(&t),
            (
                "mssql",
                "sql.internal",
                Some(1433),
                Some("Billing"),
                Some("billing")
            )
        );
        assert!(from_connection_line("DB_PASSWORD=pw6", 12..15).is_none());
    }

    #[test]
    fn settings_beside_the_password() {
        let text = "DB_HOST=prod-db.internal\nDB_PORT=5432\nDB_USER=milk_app\nDB_PASSWORD=pw5\nOTHER_HOST=x\n"; // vaultsweep:allow
        let doc =
            crate::migrate::parse::parse_dotenv(std::path::Path::new(".env"), text.as_bytes())
                .unwrap();
        let t = from_settings("DB_PASSWORD", &doc).unwrap();
        assert_eq!(
            (
                t.engine.as_str(),
                t.engine_from.as_str(),
                t.host.as_str(),
                t.port,
                t.user.as_deref()
            ),
            (
                "postgresql",
                "port 5432",
                "prod-db.internal",
                Some(5432),
                Some("milk_app")
            )
        );
        assert!(from_settings("API_TOKEN", &doc).is_none());
        let text = "PGHOST=pg.internal\nPGPASSWORD=pw4\n"; // vaultsweep:allow
        let doc =
            crate::migrate::parse::parse_dotenv(std::path::Path::new(".env"), text.as_bytes())
                .unwrap();
        let t = from_settings("PGPASSWORD", &doc).unwrap();
        assert_eq!(
            (t.engine.as_str(), t.host.as_str(), t.port),
            ("postgresql", "pg.internal", None)
        );
    }

    /// Every engine's script parses as `sh`, and text from scanned files cannot run: a host
    /// or user holding shell or SQL syntax stays quoted or is left out of statements.
    #[test]
    fn scripts_of_every_engine_parse_and_quote_untrusted_text() {
        let db = |engine: &str, host: &str, user: &str, database: &str| Database {
            name: slug(&format!("{host}-{engine}")),
            engine: engine.into(),
            engine_from: "connection string".into(),
            plugin: plugin_of(engine),
            host: host.into(),
            port: Some(1),
            database: Some(database.into()),
            users: vec![user.into()],
            roles: vec![DbRole {
                name: slug(&format!("svc-prod-{engine}")),
                service: "svc\n$(id)".into(),
                env: "prod".into(),
                user: Some(user.into()),
            }],
            found_in: vec!["a/.env:1 X".into()],
        };
        let e = Engines {
            databases: vec![
                db(
                    "postgresql",
                    "pg'$(touch /tmp/x)",
                    "app\"; DROP ROLE x; --",
                    "main",
                ),
                db("mysql", "my.internal", "shop", "shop"),
                db("mongodb", "mongo.internal", "orders", "orders"),
                db("mssql", "sql.internal", "billing", "Billing"),
                db("redis", "cache.internal", "default", "0"),
                db("cockroach", "crdb.internal", "app", "app"),
            ],
            unknown_databases: vec!["b/settings.py:3 PASSWORD".into()],
            aws: vec![AwsRole {
                name: "svc-prod".into(),
                service: "svc".into(),
                env: "prod".into(),
                replaces: vec!["access key AKIA…(20 chars) at a/s.py:1".into()],
            }],
            ..Engines::default()
        };
        for (name, text) in [("database", database_script(&e)), ("aws", aws_script(&e))] {
            let out = std::process::Command::new("sh")
                .args(["-n", "-c", &text])
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{name}: {}\n{text}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let text = database_script(&e);
        assert!(text.contains("connection_url='postgresql://{{username}}:{{password}}@pg'\\''$(touch /tmp/x):1/main'"), "{text}");
        assert!(
            !text
                .lines()
                .any(|l| l.contains("creation_statements") && l.contains("DROP ROLE")),
            "an unsafe user name never reaches SQL: {text}"
        );
        assert!(text.contains("TODO: grant the rights the application needs"));
        assert!(text.contains("GRANT SELECT, INSERT, UPDATE, DELETE ON `shop`.*"));
        assert!(text.contains("\"role\": \"readWrite\", \"db\": \"orders\""));
        assert!(text.contains("USE [Billing]"));
        assert!(text.contains("plugin_name='cockroach-database-plugin'") && text.contains("TODO"));
        assert!(text.contains("#   b/settings.py:3 PASSWORD"));
        assert!(
            !text.contains("svc\n$(id)"),
            "comments hold no line break from a name"
        );
    }

    #[test]
    fn slugs_and_quoting_are_safe() {
        assert_eq!(slug("Milk Tracker/Prod"), "milk-tracker-prod");
        assert_eq!(slug("$(rm -rf /)"), "rm-rf");
        assert_eq!(slug("..."), "unnamed");
        assert_eq!(sh_quote("it's"), "'it'\\''s'");
        assert!(!plain("x'; DROP TABLE y; --"));
        assert_eq!(comment("a\nb\rc"), "a b c");
    }
}
