-- In-app notices for clients: a seat offered, a session cancelled. The text is
-- neutral (a time, never a group name or program type).
CREATE TABLE notices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    body TEXT NOT NULL,
    read_at INTEGER
);
CREATE INDEX notices_unread ON notices (user_id, read_at);
