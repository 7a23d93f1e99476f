-- Anonymous peer-support boards. Authors are stored (server-side only) so staff
-- can moderate and, with a recorded reason, reveal; nothing here stores an IP
-- address. Pseudonyms are derived, never stored.

CREATE TABLE boards (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    levels BIGINT NOT NULL CHECK (levels BETWEEN 1 AND 15),
    created_at BIGINT NOT NULL
);

CREATE TABLE board_guideline_acks (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    acknowledged_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, version)
);

CREATE TABLE board_threads (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    board_id BIGINT NOT NULL REFERENCES boards (id),
    title TEXT NOT NULL,
    author_id BIGINT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    last_activity_at BIGINT NOT NULL,
    locked_at BIGINT
);
CREATE INDEX board_threads_activity ON board_threads (board_id, last_activity_at);

CREATE TABLE board_posts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    thread_id BIGINT NOT NULL REFERENCES board_threads (id),
    author_id BIGINT NOT NULL REFERENCES users (id),
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'visible' CHECK (status IN ('visible', 'hidden', 'removed')),
    crisis BOOLEAN NOT NULL DEFAULT FALSE,
    removal_reason TEXT
);
CREATE INDEX board_posts_thread ON board_posts (thread_id, id);
CREATE INDEX board_posts_author ON board_posts (author_id, created_at);

CREATE TABLE board_reactions (
    post_id BIGINT NOT NULL REFERENCES board_posts (id),
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('strength', 'me_too', 'thank_you')),
    PRIMARY KEY (post_id, user_id, kind)
);

CREATE TABLE board_reports (
    post_id BIGINT NOT NULL REFERENCES board_posts (id),
    reporter_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason TEXT NOT NULL CHECK (reason IN ('unkind', 'unsafe', 'private_info', 'spam', 'other')),
    note TEXT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (post_id, reporter_id)
);
CREATE INDEX board_reports_reporter ON board_reports (reporter_id, created_at);

-- The staff queue: crisis posts and posts hidden by reports. One open item per post and kind.
CREATE TABLE moderation_items (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    post_id BIGINT NOT NULL REFERENCES board_posts (id),
    kind TEXT NOT NULL CHECK (kind IN ('crisis', 'reports')),
    created_at BIGINT NOT NULL,
    resolved_at BIGINT,
    resolved_by BIGINT REFERENCES users (id),
    UNIQUE (post_id, kind)
);

CREATE TABLE moderation_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_id BIGINT NOT NULL REFERENCES users (id),
    action TEXT NOT NULL,
    post_id BIGINT,
    thread_id BIGINT,
    reason TEXT
);
