-- A data directory that a newer server has migrated: a schema version above what this server knows.
PRAGMA user_version = 99;
