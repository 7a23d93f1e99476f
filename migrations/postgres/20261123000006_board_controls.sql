-- Boards: content warnings, edit/delete by the author, muting, blur preferences.
ALTER TABLE board_posts ADD COLUMN warnings BIGINT NOT NULL DEFAULT 0;
ALTER TABLE board_posts ADD COLUMN edited_at BIGINT;
ALTER TABLE board_posts ADD COLUMN deleted_at BIGINT;

-- "Hide posts from this person": who muted whom; never shown to anyone.
CREATE TABLE board_mutes (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    muted_user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, muted_user_id)
);

-- Which content warnings a reader wants blurred (bit mask; NULL row = all).
CREATE TABLE board_prefs (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    blur BIGINT NOT NULL
);
