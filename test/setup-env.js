// Loaded by Jest before every test file: dates in UTC.
process.env.TZ = 'UTC';
// AdminJS bundles and watches its components unless NODE_ENV is "production": tests use the bundle built ahead by
// `npm run build` instead (our own config takes NODE_ENV from the environment each test passes, not from here).
process.env.NODE_ENV = 'production';
