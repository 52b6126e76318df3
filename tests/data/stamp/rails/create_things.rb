not a migration: no version
