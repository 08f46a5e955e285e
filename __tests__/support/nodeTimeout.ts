// Starting PGlite, or a function suite's setup, takes seconds on a loaded 2-core machine: once
// in CI a PGlite start passed jest's default 5 s in a beforeAll. A test's own timeout still applies.
jest.setTimeout(30_000);
