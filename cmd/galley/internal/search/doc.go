// Package search builds a site's search index and runs queries over it
// as the reader's script (static/js/search.js) does.
//
// The index is a set of static files under search/ of the built site,
// made for a browser with no server behind it: a small root that maps
// word ranges to shard tables, tables that map narrower ranges to
// shards, shards of postings, and records of the stories fetched only
// for the results shown. A first query on a 100,000-story site fetches
// the root, a table and a shard or two per word and a small records
// file per result shown: about 70 KB raw in all, measured on generated
// sites of 10,000 and 100,000 stories. Every file but the root
// is named by a hash of its bytes (records files by that of their
// page), so an edit to one story rewrites only the files it touches,
// a stale root never meets a newer file under a name it lists, and the
// same stories always give the same bytes. This is format v2; the
// builder (Build) and the script follow it exactly, and both refuse a
// root of another version: the site needs a rebuild.
//
// # Documents
//
// Build takes the published stories as Docs and numbers them 0..N-1
// oldest first (by Date, then URL): a new story takes the next number
// and renumbers nothing.
//
// # Words
//
// Tokenize folds and splits text:
//
//  1. Unicode NFKD, combining marks (Mn) removed ("Bogotá" → "bogota"),
//     lowercase; ß → ss, æ → ae, ø → o, œ → oe, ł → l, đ → d.
//  2. Split on every rune that is not a letter or a digit. An apostrophe
//     (' or ’) between letters joins them ("o’neill" → "oneill");
//     anything else splits ("covid-19" → "covid", "19").
//  3. Tokens of one character and tokens over 40 bytes are dropped.
//
// Such a token is a surface word. The stop words of the site's language
// (the Snowball lists, folded the same way) are not indexed and are
// dropped from queries. A surface word's stem is its Snowball stem
// (github.com/kljensen/snowball: English, Spanish, French, Russian,
// Swedish, Norwegian, Hungarian, by the primary subtag of the site's
// language), or the word itself in other languages and for numbers.
// The index stores postings by stem and a table from surface word to
// stem, so the script never stems: it looks up the words typed.
//
// Each story also has filter terms, with postings like stems (impact
// 255, no field bits): t:<topic slug>, a:<author slug>, s:<section> and
// y:<year>.
//
// # Impact
//
// Fields have bits and BM25F weights: title 1 (3.0), dek 2 (2.0), body 4
// (1.0), topics 8 (2.0), authors 16 (2.0). For a stem t and story d, with
// k1 = 1.2 and b = 0.75,
//
//	tf' = Σ_f w_f · tf_f / (1 − b + b · len_f / avglen_f)
//	impact = round(255 · tf' / (k1 + tf')), at least 1
//
// where len_f is the length of field f in bytes (of the body, Doc's
// BodySize: the markdown's, known before the body is read, so that each
// body is read once) and avglen_f its mean over all stories, both
// rounded to a step of 2^(1/16) (as Lucene keeps lengths in one byte),
// so that an edit of a few words does not shift the impacts of the
// story's other words, nor one story those of every other. A stem in more than 5,000
// stories keeps the 5,000 of highest impact · (0.5 + 0.5 · recency);
// filter terms keep all theirs.
//
// # Files
//
// A hash below is the first 6 characters of the base64url (RFC 4648 §5)
// of a SHA-256: 36 bits. A key in a file's name is spelled with ASCII
// letters and digits as they are and every other byte as _xx (lowercase
// hex), so "t:local-" is t_3alocal_2d.
//
// search/root.json:
//
//	{"v":2,"n":N,"lang":"english","recency":0.3,"halflife":365,
//	 "dates":[…],"shards":"<hash> c<hash> cou<hash> …",
//	 "records":{"size":4,"files":{"page":16,"hashes":"<hash><hash>…"}},
//	 "facets":"f-<hash>.json"}
//
// dates[k] is the day (since 1970-01-01 UTC) of story k·256; story d's
// date is taken as dates[d/256].
//
// "shards" lists the shard tables as entries: a key and the hash of its
// file, each entry the key followed by its 6-character hash, entries one
// space apart in byte order of key; key "" always exists. The table of
// key P is search/t/<P>-<hash>.json, {"s":"<entries>"}, and its entries
// name the shards search/s/<key>-<hash>.json. The shard of a word
// (surface word, stem or filter term) is found in two steps by one
// rule, the longest key that is a prefix of the word: in the root for
// its table, then in that table for its shard. A table holds the shards
// whose keys it is that longest key for and, when no shard has its own
// key, the shard of that key (the longest shard key that is a prefix
// of it), so that the second step always finds one.
//
// The builder starts with one shard, "", and while a shard is over
// 24 KiB and its key under 6 bytes (filter terms have no such bound),
// gives its biggest ranges of one more character shards of their own,
// biggest first, until what is left fits: common words get shards of
// their own, rare ones share. It cuts the list of shards into tables
// the same way, a table over 2 KiB of entries giving its biggest ranges
// tables of their own.
//
// Records come "size" to a file: story d's record is entry d % size of
// group k = d / size, search/r/<k>-<hash>.json. Groups come "page" to a
// page, and the hash of group k is the page's, characters 6p to 6p+6 of
// "hashes" for page p = k / page: the hash of the page's records files
// joined by newlines. So the root grows by one hash per page (64
// stories), not per file, and an edit to one story renames the 16 files
// of its page: a deploy uploads those, not the whole index.
//
// search/s/<key>-<hash>.json, a shard (keys in byte order, no spaces):
//
//	{"w":{"council":0,"councils":"council"},"p":{"council":[412,"<postings>"]}}
//
// "w" maps each surface word of the shard to its stem (0: the word
// itself), "p" each stem or filter term to [df, postings]. Postings are
// base64url without padding of, per story in increasing order: a
// uvarint (the story number, then the difference to the previous one),
// an impact byte (1–255) and a field-bits byte.
//
// search/r/<k>-<hash>.json, records: an array of objects with what a
// result shows, u (URL), t (title), d (dek), a (date, 2006-01-02), b
// (byline), i (image), x (the first 160 characters of the body, cut at
// a word); d, b and i are left out when empty.
//
// search/f-<hash>.json, facets: topics and authors as [name, slug,
// count] (most stories first, then by name; at most 500), sections as
// [slug, count], years as [year, count], newest first.
//
// # Queries
//
// Search, like the script:
//
//  1. Parses the query: words as Tokenize makes them, stop words
//     dropped; "a quoted phrase" (its words must be in the title, dek or
//     body); -word (no story with the word's stem); topic:slug,
//     author:slug, section:slug, year:2026 (filter terms). Nothing is
//     a syntax error.
//  2. Looks up each word in its shard's "w" for its stem, or else tries
//     the word itself in "p". The last word, when the query does not end
//     in a space and the word has 3 characters or more, also matches the
//     words it begins (in its shard and every shard whose key starts with
//     it, listed by its table and every table whose key starts with it),
//     up to the 8 stems of most stories.
//  3. Takes the stories with every word, every filter term and no
//     excluded word; when none has every word, those with any.
//  4. Scores each: Σ over words of the best idf·impact/255 of the word's
//     stems, idf = ln(1 + (N − df + 0.5)/(df + 0.5)); × 1.5 when every
//     word is in the title; × ((1 − r) + r · 0.5^(age/halflife)), r the
//     root's recency and age in days from the newest story's date.
//  5. Ranks by that score, then newer first.
package search
