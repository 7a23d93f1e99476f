-- Unread markers: the newest post each reader has seen in each thread.
-- Per reader only; never shown to anyone else.
CREATE TABLE board_reads (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    thread_id BIGINT NOT NULL REFERENCES board_threads (id),
    last_read_post_id BIGINT NOT NULL,
    PRIMARY KEY (user_id, thread_id)
);
