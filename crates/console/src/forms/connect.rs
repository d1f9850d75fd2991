//! The Connect dialog's snippets: the `GetConnectionString` answer for a
//! SQL user, database and operating system, written for one tool, with a
//! marked placeholder where the SQL user's password goes.

use crdb_cloud::models::clusters::GetConnectionStringResponse;

/// Where the password goes; the dialog marks it.
pub const PASSWORD: &str = "<ENTER-SQL-USER-PASSWORD>";

/// What the snippet is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// `cockroach sql --url`.
    CockroachSql,
    /// `psql`.
    Psql,
    /// The bare `postgresql://` URL.
    Url,
    /// A JDBC URL.
    Jdbc,
    /// Go, pgx.
    GoPgx,
    /// Python, psycopg 3.
    Psycopg,
    /// Node.js, pg.
    NodePg,
}

impl Tool {
    /// Every tool, in the order offered.
    pub const ALL: [Tool; 7] = [
        Tool::CockroachSql,
        Tool::Psql,
        Tool::Url,
        Tool::Jdbc,
        Tool::GoPgx,
        Tool::Psycopg,
        Tool::NodePg,
    ];

    /// A stable id (the select's value).
    pub fn id(self) -> &'static str {
        match self {
            Tool::CockroachSql => "cockroach-sql",
            Tool::Psql => "psql",
            Tool::Url => "url",
            Tool::Jdbc => "jdbc",
            Tool::GoPgx => "go-pgx",
            Tool::Psycopg => "psycopg",
            Tool::NodePg => "node-pg",
        }
    }

    /// The tool named by [`Tool::id`], else the first.
    pub fn from_id(id: &str) -> Tool {
        Tool::ALL
            .into_iter()
            .find(|t| t.id() == id)
            .unwrap_or(Tool::CockroachSql)
    }

    /// Its name for people.
    pub fn label(self) -> &'static str {
        match self {
            Tool::CockroachSql => "cockroach sql",
            Tool::Psql => "psql",
            Tool::Url => "Connection URL",
            Tool::Jdbc => "Java (JDBC)",
            Tool::GoPgx => "Go (pgx)",
            Tool::Psycopg => "Python (psycopg)",
            Tool::NodePg => "Node.js (pg)",
        }
    }
}

/// The URL with the password placeholder after the user
/// (`postgresql://maxroach:<…>@host…`); unchanged when it names no user.
pub fn url_with_password(url: &str) -> String {
    let Some(rest) = url.strip_prefix("postgresql://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((user, host)) if !user.contains(':') && !user.contains('/') => {
            format!("postgresql://{user}:{PASSWORD}@{host}")
        }
        _ => url.to_owned(),
    }
}

/// The snippet for `tool`.
pub fn snippet(tool: Tool, answer: &GetConnectionStringResponse) -> String {
    let url = url_with_password(&answer.connection_string);
    match tool {
        Tool::CockroachSql => format!("cockroach sql --url \"{url}\""),
        Tool::Psql => format!("psql \"{url}\""),
        Tool::Url => url,
        Tool::Jdbc => {
            let p = &answer.params;
            let query = answer
                .connection_string
                .split_once('?')
                .map_or("sslmode=verify-full", |(_, q)| q);
            let user = p.username.as_deref().unwrap_or("");
            format!(
                "jdbc:postgresql://{}:{}/{}?{query}&user={user}&password={PASSWORD}",
                p.host, p.port, p.database
            )
        }
        Tool::GoPgx => format!("conn, err := pgx.Connect(context.Background(), \"{url}\")"),
        Tool::Psycopg => format!("conn = psycopg.connect(\"{url}\")"),
        Tool::NodePg => format!("const client = new pg.Client({{ connectionString: \"{url}\" }});"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crdb_cloud::models::clusters::ConnectionStringParameters;

    fn answer() -> GetConnectionStringResponse {
        GetConnectionStringResponse {
            connection_string:
                "postgresql://maxroach@h.example:26257/bank?sslmode=verify-full&sslrootcert=$HOME/.postgresql/root.crt"
                    .into(),
            params: ConnectionStringParameters {
                database: "bank".into(),
                host: "h.example".into(),
                port: "26257".into(),
                username: Some("maxroach".into()),
            },
        }
    }

    #[test]
    fn the_password_goes_after_the_user() {
        assert_eq!(
            snippet(Tool::Url, &answer()),
            "postgresql://maxroach:<ENTER-SQL-USER-PASSWORD>@h.example:26257/bank?sslmode=verify-full&sslrootcert=$HOME/.postgresql/root.crt"
        );
        assert_eq!(
            url_with_password("postgresql://h:26257/defaultdb"),
            "postgresql://h:26257/defaultdb"
        );
    }

    #[test]
    fn each_tool_gets_its_form() {
        let a = answer();
        assert!(
            snippet(Tool::CockroachSql, &a)
                .starts_with("cockroach sql --url \"postgresql://maxroach:<")
        );
        assert!(snippet(Tool::Psql, &a).starts_with("psql \"postgresql://"));
        assert_eq!(
            snippet(Tool::Jdbc, &a),
            "jdbc:postgresql://h.example:26257/bank?sslmode=verify-full&sslrootcert=$HOME/.postgresql/root.crt&user=maxroach&password=<ENTER-SQL-USER-PASSWORD>"
        );
        assert!(snippet(Tool::GoPgx, &a).contains("pgx.Connect"));
        assert!(snippet(Tool::Psycopg, &a).starts_with("conn = psycopg.connect(\""));
        assert!(snippet(Tool::NodePg, &a).contains("connectionString"));
        for t in Tool::ALL {
            assert_eq!(Tool::from_id(t.id()), t);
            assert!(snippet(t, &a).contains(PASSWORD), "{t:?}");
        }
    }
}
