/* The benchmark's C reference responders (issue 8, shared/ceilings/README.md): the simplest FastCGI servers that can
 * do what one request of ours does, measured in the same run so that our figures have a ceiling beside them.
 *
 *   reference hello                one fixed JSON answer, no database (ceiling "B")
 *   reference lookup  PRODUCT      our FaxStore check's lookup statement, prepared, one round trip (ceiling "D")
 *   reference log     PRODUCT      the same lookup plus a license_checks row in one data-modifying CTE, one round
 *                                  trip and one commit per request (ceiling "D2")
 *
 * A blocking single-threaded FCGX_Accept_r loop per process, started N times on one socket by spawn-fcgi; the key
 * comes from the Authorization header as FaxStore clients send it; the connection from the libpq environment
 * (PGHOST, PGPORT, PGDATABASE, PGUSER). Built by scripts/bench.sh with `cc -O2 ... -lfcgi -lpq`. */
#include <fcgiapp.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char HELLO[] =
    "Status: 200 OK\r\nContent-Type: application/json\r\n\r\n"
    "{\"status\":\"AUTHORISED\",\"pass\":true,\"details\":\"reference\"}";

/* The lookup of Sources/Domain/Checks/CheckSQL.swift (check_lookup), single-product form. */
static const char *SQL_LOOKUP =
    "SELECT EXISTS (SELECT 1 FROM products WHERE id = $1::bigint), l.id, l.status, l.owner_enabled, "
    "       extract(epoch FROM l.expiration_date)::float8, l.ip_lock, host(l.ip) "
    "FROM (SELECT 1) AS one "
    "LEFT JOIN licenses l ON lower(l.license_key) = lower($2) AND l.product_id = $1::bigint";

static const char *SQL_LOG =
    "WITH found AS ("
    "  SELECT EXISTS (SELECT 1 FROM products WHERE id = $1::bigint) AS product_exists, l.id, l.status, "
    "         l.owner_enabled, extract(epoch FROM l.expiration_date)::float8 AS expires, l.ip_lock, host(l.ip) AS ip "
    "  FROM (SELECT 1) AS one "
    "  LEFT JOIN licenses l ON lower(l.license_key) = lower($2) AND l.product_id = $1::bigint"
    "), logged AS ("
    "  INSERT INTO license_checks (license_id, product_id, requested_product_ids, ip, result, api) "
    "  SELECT id, $1::bigint, ARRAY[$1::bigint], $3::inet, "
    "         CASE WHEN status = 'active' THEN 'AUTHORISED' ELSE 'NOT FOUND' END, 'check' FROM found"
    ") SELECT * FROM found";

static void reply(FCGX_Request *request, const char *status, const char *body) {
    FCGX_FPrintF(request->out, "Status: %s\r\nContent-Type: application/json\r\n\r\n%s", status, body);
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "hello";
    int hello = strcmp(mode, "hello") == 0, logged = strcmp(mode, "log") == 0;
    if (!hello && (argc < 3 || (!logged && strcmp(mode, "lookup") != 0))) {
        fprintf(stderr, "usage: reference hello | lookup PRODUCT | log PRODUCT\n");
        return 2;
    }
    PGconn *database = NULL;
    if (!hello) {
        database = PQconnectdb("");
        if (PQstatus(database) != CONNECTION_OK) { fprintf(stderr, "%s", PQerrorMessage(database)); return 1; }
        PGresult *prepared = PQprepare(database, "check", logged ? SQL_LOG : SQL_LOOKUP, logged ? 3 : 2, NULL);
        if (PQresultStatus(prepared) != PGRES_COMMAND_OK) { fprintf(stderr, "%s", PQerrorMessage(database)); return 1; }
        PQclear(prepared);
    }
    FCGX_Request request;
    char body[4096], answer[256];
    FCGX_Init();
    FCGX_InitRequest(&request, 0, 0);
    while (FCGX_Accept_r(&request) >= 0) {
        const char *length = FCGX_GetParam("CONTENT_LENGTH", request.envp);
        int n = length ? atoi(length) : 0;
        if (n > (int)sizeof body) n = sizeof body;
        if (n > 0) FCGX_GetStr(body, n, request.in);
        if (hello) {
            FCGX_PutStr(HELLO, sizeof HELLO - 1, request.out);
            FCGX_Finish_r(&request);
            continue;
        }
        const char *key = FCGX_GetParam("HTTP_AUTHORIZATION", request.envp);
        const char *address = FCGX_GetParam("REMOTE_ADDR", request.envp);
        if (!key) {
            reply(&request, "400 Bad Request", "{\"status\":\"ERROR\",\"pass\":false}");
            FCGX_Finish_r(&request);
            continue;
        }
        const char *parameters[3] = { argv[2], key, address ? address : "127.0.0.1" };
        PGresult *result = PQexecPrepared(database, "check", logged ? 3 : 2, parameters, NULL, NULL, 0);
        if (PQresultStatus(result) != PGRES_TUPLES_OK) {
            reply(&request, "503 Service Unavailable", "{\"status\":\"ERROR\",\"pass\":false}");
            fprintf(stderr, "%s", PQerrorMessage(database));
        } else {
            int valid = PQntuples(result) == 1 && strcmp(PQgetvalue(result, 0, 2), "active") == 0;
            snprintf(answer, sizeof answer, "{\"status\":\"%s\",\"pass\":%s,\"details\":\"reference\"}",
                     valid ? "AUTHORISED" : "UNAUTHORISED", valid ? "true" : "false");
            reply(&request, "200 OK", answer);
        }
        PQclear(result);
        FCGX_Finish_r(&request);
    }
    PQfinish(database);
    return 0;
}
