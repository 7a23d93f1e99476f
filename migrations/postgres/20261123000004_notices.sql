-- In-app notices for clients: a seat offered, a session cancelled. The text is
-- neutral (a time, never a group name or program type).
CREATE TABLE notices (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    body TEXT NOT NULL,
    read_at BIGINT
);
CREATE INDEX notices_unread ON notices (user_id, read_at);
