// Package searchjs holds the tests of the reader's side of Galley's
// search: the theme's search page (templates/search.html) and its
// script (static/js/search.js), run in headless Chromium against a small
// index written by hand to the format of package search (the stories and
// postings of testdata/handmade.json, which TestHandmadeIndex names and
// cuts into files as format v2 says), with and without JavaScript.
package searchjs
