// Recipe lifecycle, schedule cursors and per-key state in SQLite.
import RecipeData
import RecipeStore

extension SQLiteStore {
    public func setLifecycle(_ lifecycle: RecipeLifecycle) throws(StoreError) {
        try run(
            """
            INSERT INTO recipe_lifecycle (recipe, state, pinned_content_hash, changed_at) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (recipe) DO UPDATE SET
                state = excluded.state, pinned_content_hash = excluded.pinned_content_hash, changed_at = excluded.changed_at
            """,
            [
                .text(lifecycle.recipe), .text(lifecycle.state.rawValue), .optional(lifecycle.pinnedContentHash),
                .integer(lifecycle.changedAt),
            ])
    }

    public func lifecycle(recipe: String) throws(StoreError) -> RecipeLifecycle? {
        try rows(
            "SELECT recipe, state, pinned_content_hash, changed_at FROM recipe_lifecycle WHERE recipe = ?1", [.text(recipe)],
            Self.readLifecycle
        ).first
    }

    public func lifecycles() throws(StoreError) -> [RecipeLifecycle] {
        try rows("SELECT recipe, state, pinned_content_hash, changed_at FROM recipe_lifecycle ORDER BY recipe", [], Self.readLifecycle)
    }

    public func scheduleCursor(recipe: String) throws(StoreError) -> Int64? {
        try rows("SELECT fired_at FROM schedule_cursors WHERE recipe = ?1", [.text(recipe)]) { (row: SQLiteRow) throws(StoreError) in
            row.int64(0)
        }.first
    }

    public func advanceScheduleCursor(recipe: String, from expected: Int64?, to firedAt: Int64) throws(StoreError) -> Bool {
        let changed =
            if let expected {
                try run(
                    "UPDATE schedule_cursors SET fired_at = ?3 WHERE recipe = ?1 AND fired_at = ?2",
                    [.text(recipe), .integer(expected), .integer(firedAt)])
            } else {
                try run(
                    "INSERT INTO schedule_cursors (recipe, fired_at) VALUES (?1, ?2) ON CONFLICT (recipe) DO NOTHING",
                    [.text(recipe), .integer(firedAt)])
            }
        return changed == 1
    }

    public func saveRecipeContent(_ bytes: [UInt8], hash: String) throws(StoreError) {
        try run(
            "INSERT INTO recipe_contents (hash, content) VALUES (?1, ?2) ON CONFLICT (hash) DO NOTHING",
            [.text(hash), .blob(bytes)])
    }

    public func recipeContent(hash: String) throws(StoreError) -> [UInt8]? {
        try rows("SELECT content FROM recipe_contents WHERE hash = ?1", [.text(hash)]) { (row: SQLiteRow) throws(StoreError) in
            row.blob(0)
        }.first
    }

    public func keyState(recipe: String, key: String) throws(StoreError) -> JSONValue? {
        let texts = try rows(
            "SELECT value_json FROM key_state WHERE recipe = ?1 AND key = ?2", [.text(recipe), .text(key)]
        ) { (row: SQLiteRow) throws(StoreError) in row.text(0) }
        guard let text = texts.first else { return nil }
        return try Self.parseJSON(text, column: "key_state.value_json")
    }

    public func setKeyState(recipe: String, key: String, value: JSONValue?) throws(StoreError) {
        if let value {
            try run(
                """
                INSERT INTO key_state (recipe, key, value_json) VALUES (?1, ?2, ?3)
                ON CONFLICT (recipe, key) DO UPDATE SET value_json = excluded.value_json
                """,
                [.text(recipe), .text(key), Self.json(value)])
        } else {
            try run("DELETE FROM key_state WHERE recipe = ?1 AND key = ?2", [.text(recipe), .text(key)])
        }
    }
}
