//! SQLite storage: schema files, migrations, queries. The only place SQL is written.
