-- Boards: content warnings, edit/delete by the author, muting, blur preferences.
ALTER TABLE board_posts ADD COLUMN warnings INTEGER NOT NULL DEFAULT 0;
ALTER TABLE board_posts ADD COLUMN edited_at INTEGER;
ALTER TABLE board_posts ADD COLUMN deleted_at INTEGER;

-- "Hide posts from this person": who muted whom; never shown to anyone.
CREATE TABLE board_mutes (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    muted_user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, muted_user_id)
);

-- Which content warnings a reader wants blurred (bit mask; NULL row = all).
CREATE TABLE board_prefs (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    blur INTEGER NOT NULL
);
