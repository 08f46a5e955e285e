// Every database call is an HTTP round trip through the SDK: tests that make hundreds of them
// need more than jest's default 5 s (a test's own explicit timeout still applies).
jest.setTimeout(120_000);
