#pragma once
#include <sqlite3.h>

/// SQLITE_TRANSIENT, which Swift cannot import: SQLite copies bound text/blob before the bind call returns.
static inline sqlite3_destructor_type mds_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}
