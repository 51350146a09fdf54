-- Room on each page of invitation_delivery for its rows' updates (decision 063). A delivery row is written when
-- the invitation is scheduled and updated at least twice more: by the dispatcher's claim (attempt, lease) and when
-- the message is recorded as sent (reminder, lease cleared), and again by each lease renewal and failure. None of
-- these changes an indexed column, so each can be a heap-only (HOT) update that writes no index entry, but only
-- when the row's page has room for the new version; with full pages (the default fillfactor of 100) most were not.
-- Only pages written from now on keep the room; existing rows are not moved.
ALTER TABLE "invitation_delivery" SET (fillfactor = 70);
