/** The console's files, as the build writes them to dist/console and the server serves them. */
export const CONSOLE_ASSETS: Readonly<Record<string, string>> = {
  "/assets/console.js": "text/javascript; charset=utf-8",
  "/assets/console.css": "text/css; charset=utf-8",
};

/**
 * The page's HTML: no inline script or style (the CSP allows only the console's own files),
 * and no data in it: the page asks the API for everything, so nothing stored in Redis is ever
 * parsed as HTML.
 */
export function pageShell(): string {
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    "<title>bavest-signals console</title>",
    '<link rel="stylesheet" href="/assets/console.css">',
    '<script type="module" src="/assets/console.js"></script>',
    "</head>",
    "<body>",
    '<div id="app"><p>Loading the console...</p></div>',
    "<noscript>The console needs JavaScript.</noscript>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
