// The SQLite C API, wrapped once by RecipeStoreSQLite (SQLiteConnection, SQLiteStatement).
#ifndef RECIPE_CSQLITE_SHIM_H
#define RECIPE_CSQLITE_SHIM_H
#include <sqlite3.h>
#endif
