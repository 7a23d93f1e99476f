-- Unread markers: the newest post each reader has seen in each thread.
-- Per reader only; never shown to anyone else.
CREATE TABLE board_reads (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    thread_id INTEGER NOT NULL REFERENCES board_threads (id),
    last_read_post_id INTEGER NOT NULL,
    PRIMARY KEY (user_id, thread_id)
);
