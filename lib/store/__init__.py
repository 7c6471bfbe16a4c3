"""What the app itself keeps (the audit log, action locks, the passcode throttle): one database, a SQLite file by
default, PostgreSQL when a URL names one (`lib.store.database`)."""
