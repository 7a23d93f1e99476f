-- Session signup: one row per (session, client), whatever its status. Seats held
-- (confirmed + offered) are counted in group_sessions.taken, changed only by a
-- conditional update in the same transaction as the row.

CREATE TABLE signups (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id INTEGER NOT NULL REFERENCES group_sessions (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id),
    status TEXT NOT NULL CHECK (status IN
        ('confirmed', 'waitlisted', 'offered', 'cancelled', 'declined', 'expired', 'removed')),
    queue_key INTEGER NOT NULL DEFAULT 0,
    auto_accept BOOLEAN NOT NULL DEFAULT FALSE,
    offer_expires_at INTEGER,
    late_cancel BOOLEAN NOT NULL DEFAULT FALSE,
    attendance TEXT CHECK (attendance IN ('present', 'late', 'left_early', 'absent', 'excused')),
    added_by_staff BOOLEAN NOT NULL DEFAULT FALSE,
    staff_note TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (session_id, user_id),
    CHECK ((status = 'offered') = (offer_expires_at IS NOT NULL))
);
CREATE INDEX signups_user ON signups (user_id, status);
CREATE INDEX signups_queue ON signups (session_id, status, queue_key);
CREATE INDEX signups_offers ON signups (status, offer_expires_at);

-- Private calendar feeds: one secret per client, stored as a hash; revoking replaces it.
CREATE TABLE calendar_feeds (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);
