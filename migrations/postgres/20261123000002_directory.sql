-- Group directory: groups with weekly schedules, program closures, concrete sessions.

CREATE TABLE groups (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    levels BIGINT NOT NULL CHECK (levels BETWEEN 1 AND 15),
    facilitator TEXT NOT NULL,
    co_facilitator TEXT,
    format TEXT NOT NULL CHECK (format IN ('in_person', 'virtual')),
    location TEXT,
    virtual_link TEXT,
    capacity BIGINT NOT NULL CHECK (capacity BETWEEN 2 AND 40),
    min_size BIGINT NOT NULL CHECK (min_size >= 1 AND min_size <= capacity),
    language TEXT NOT NULL,
    accessibility TEXT NOT NULL DEFAULT '',
    is_open BOOLEAN NOT NULL DEFAULT TRUE,
    weekdays BIGINT NOT NULL CHECK (weekdays BETWEEN 1 AND 127),
    start_minute BIGINT NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    duration_minutes BIGINT NOT NULL CHECK (duration_minutes BETWEEN 15 AND 240),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    archived_at BIGINT
);

CREATE TABLE closures (
    day TEXT PRIMARY KEY,
    reason TEXT NOT NULL
);

CREATE TABLE group_sessions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id BIGINT NOT NULL REFERENCES groups (id),
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    topic TEXT,
    capacity BIGINT NOT NULL CHECK (capacity BETWEEN 2 AND 40),
    taken BIGINT NOT NULL DEFAULT 0 CHECK (taken >= 0 AND taken <= capacity),
    cancelled_at BIGINT,
    cancel_reason TEXT,
    UNIQUE (group_id, starts_at)
);
CREATE INDEX group_sessions_starts_at ON group_sessions (starts_at);
