-- Group directory: groups with weekly schedules, program closures, concrete sessions.

CREATE TABLE groups (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    levels INTEGER NOT NULL CHECK (levels BETWEEN 1 AND 15),
    facilitator TEXT NOT NULL,
    co_facilitator TEXT,
    format TEXT NOT NULL CHECK (format IN ('in_person', 'virtual')),
    location TEXT,
    virtual_link TEXT,
    capacity INTEGER NOT NULL CHECK (capacity BETWEEN 2 AND 40),
    min_size INTEGER NOT NULL CHECK (min_size >= 1 AND min_size <= capacity),
    language TEXT NOT NULL,
    accessibility TEXT NOT NULL DEFAULT '',
    is_open BOOLEAN NOT NULL DEFAULT TRUE,
    weekdays INTEGER NOT NULL CHECK (weekdays BETWEEN 1 AND 127),
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 15 AND 240),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    archived_at INTEGER
);

CREATE TABLE closures (
    day TEXT PRIMARY KEY,
    reason TEXT NOT NULL
);

CREATE TABLE group_sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id INTEGER NOT NULL REFERENCES groups (id),
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL,
    topic TEXT,
    capacity INTEGER NOT NULL CHECK (capacity BETWEEN 2 AND 40),
    taken INTEGER NOT NULL DEFAULT 0 CHECK (taken >= 0 AND taken <= capacity),
    cancelled_at INTEGER,
    cancel_reason TEXT,
    UNIQUE (group_id, starts_at)
);
CREATE INDEX group_sessions_starts_at ON group_sessions (starts_at);
