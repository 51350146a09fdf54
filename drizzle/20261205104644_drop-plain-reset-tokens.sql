-- Password-reset and set-password tokens are now stored as SHA-256 hashes (base64url, no prefix).
-- Rows still holding a plain token (`reset-password:<token>`) are dropped: those links stop working and
-- people ask for a new one; a copy of the table no longer contains a usable token.
DELETE FROM "verification" WHERE "identifier" LIKE 'reset-password:%';
