// The ward records server's schema (PostgreSQL, schema `kiosk`): its identity, version ladder and roles.
#pragma once
#include "pg.hpp"

#include <string>

namespace kiosk::server {

// kiosk.schema_info.application of a ward records server; anything else in schema `kiosk` is refused.
inline constexpr const char* kServerApplication = "chiyoda-kiosk-records";
// The schema version this kiosk creates and understands.
int server_schema_version();

struct SchemaState {
    bool exists = false;      // schema `kiosk` with schema_info
    int version = 0;
    std::string problem;      // "" when this kiosk can use (or migrate) it
};

// What the server holds, without changing anything.
SchemaState read_server_schema(pg::Connection& c);

struct InitResult {
    int from_version = 0;
    int to_version = 0;
    std::string problem;  // the schema was refused: nothing was changed
};

// Creates the group roles kiosk_admin, kiosk_ingest and kiosk_report when missing (needs CREATEROLE), then migrates
// the schema step by step, each step one transaction under an advisory lock that also sets the version. A schema
// that is newer than this kiosk or belongs to another application is refused with nothing changed.
InitResult init_server_schema(pg::Connection& c);

// Throws ServerError unless the server holds exactly this kiosk's schema version (for sync, verify and reports).
void require_server_schema(pg::Connection& c);

} // namespace kiosk::server
