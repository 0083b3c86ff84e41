// Package searchjs holds the tests of the reader's side of Galley's
// search: the theme's search page (templates/search.html) and its
// script (static/js/search.js), run in headless Chromium against a small
// index written by hand to the format of package search, with and
// without JavaScript.
package searchjs
