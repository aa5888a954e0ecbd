// Loaded by Jest before every test file: dates in UTC, and a test environment whatever the shell says.
process.env.TZ = 'UTC';
process.env.NODE_ENV = 'test';
