// Public-write rate-limit windows, shared by every API replica (src/editing/rate-limit.ts): one per client key.
CREATE CONSTRAINT rate_limit_key IF NOT EXISTS FOR (r:RateLimit) REQUIRE r.key IS UNIQUE;
// Ended windows are found and deleted by their end.
CREATE INDEX rate_limit_expires IF NOT EXISTS FOR (r:RateLimit) ON (r.expiresAt);
