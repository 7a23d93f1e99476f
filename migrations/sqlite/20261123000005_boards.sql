-- Anonymous peer-support boards. Authors are stored (server-side only) so staff
-- can moderate and, with a recorded reason, reveal; nothing here stores an IP
-- address. Pseudonyms are derived, never stored.

CREATE TABLE boards (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    levels INTEGER NOT NULL CHECK (levels BETWEEN 1 AND 15),
    created_at INTEGER NOT NULL
);

CREATE TABLE board_guideline_acks (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    acknowledged_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, version)
);

CREATE TABLE board_threads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    board_id INTEGER NOT NULL REFERENCES boards (id),
    title TEXT NOT NULL,
    author_id INTEGER NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL,
    last_activity_at INTEGER NOT NULL,
    locked_at INTEGER
);
CREATE INDEX board_threads_activity ON board_threads (board_id, last_activity_at);

CREATE TABLE board_posts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    thread_id INTEGER NOT NULL REFERENCES board_threads (id),
    author_id INTEGER NOT NULL REFERENCES users (id),
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'visible' CHECK (status IN ('visible', 'hidden', 'removed')),
    crisis BOOLEAN NOT NULL DEFAULT FALSE,
    removal_reason TEXT
);
CREATE INDEX board_posts_thread ON board_posts (thread_id, id);
CREATE INDEX board_posts_author ON board_posts (author_id, created_at);

CREATE TABLE board_reactions (
    post_id INTEGER NOT NULL REFERENCES board_posts (id),
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('strength', 'me_too', 'thank_you')),
    PRIMARY KEY (post_id, user_id, kind)
);

CREATE TABLE board_reports (
    post_id INTEGER NOT NULL REFERENCES board_posts (id),
    reporter_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason TEXT NOT NULL CHECK (reason IN ('unkind', 'unsafe', 'private_info', 'spam', 'other')),
    note TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (post_id, reporter_id)
);
CREATE INDEX board_reports_reporter ON board_reports (reporter_id, created_at);

-- The staff queue: crisis posts and posts hidden by reports. One open item per post and kind.
CREATE TABLE moderation_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id INTEGER NOT NULL REFERENCES board_posts (id),
    kind TEXT NOT NULL CHECK (kind IN ('crisis', 'reports')),
    created_at INTEGER NOT NULL,
    resolved_at INTEGER,
    resolved_by INTEGER REFERENCES users (id),
    UNIQUE (post_id, kind)
);

CREATE TABLE moderation_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor_id INTEGER NOT NULL REFERENCES users (id),
    action TEXT NOT NULL,
    post_id INTEGER,
    thread_id INTEGER,
    reason TEXT
);
