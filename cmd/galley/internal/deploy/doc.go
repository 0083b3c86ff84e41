// Package deploy publishes a built site to object storage: a bucket
// that gocloud.dev/blob opens by URL (s3://, gs://, azblob://, file://).
//
// A deploy compares each file of the built site with the bucket's
// object of the same key by content (MD5), never by time, and uploads
// only what differs, in an order that never shows a reader a page whose
// stylesheet, picture or index part is not there yet:
//
//  1. assets: everything a page refers to (styles, scripts, pictures,
//     the search index's parts);
//  2. pages: every .html but the front page;
//  3. what lists pages: feeds, sitemaps, the search index's root,
//     robots.txt and redirects;
//  4. the front page, index.html.
//
// Only then does it delete, and only objects an earlier deploy wrote
// that the site no longer has: the bucket keeps a manifest of the keys
// Galley uploaded (ManifestKey), so that a deploy never deletes what it
// did not write. It refuses to delete more than a limit (a quarter of
// the manifest's keys, at least 20) unless told to.
//
// Every object gets a Content-Type and a Cache-Control by its key
// (Headers): pages, feeds and the index's root short and revalidated;
// files named by their content (fingerprinted styles and scripts,
// pictures under _img/, the index's shards and records) a year and
// immutable. A Target adds rules that override them, keeps files in
// or out of a deploy, and may compress the text files; Invalidate
// purges a CloudFront distribution of what changed.
package deploy
