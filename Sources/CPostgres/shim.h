#ifndef CPOSTGRES_SHIM_H
#define CPOSTGRES_SHIM_H
#include <libpq-fe.h>

/// PG_DIAG_SQLSTATE is the character literal 'C', which Swift does not import as a number.
static inline int CPostgres_diagSQLState(void) { return PG_DIAG_SQLSTATE; }
#endif
