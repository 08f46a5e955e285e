// Each test renders the built pages in jsdom (first render loads the whole bundle): on a loaded
// 2-core machine that alone can pass jest's default 5 s (a test's own explicit timeout still applies).
jest.setTimeout(30_000);
