-- Comment search in any survey language: full text with the language-neutral `simple` configuration plus trigram similarity.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "response_comment_fts_idx" ON "response" USING gin (to_tsvector('simple', coalesce("comment", '')));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "response_comment_trgm_idx" ON "response" USING gin ("comment" gin_trgm_ops);
