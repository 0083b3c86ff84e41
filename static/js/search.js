// Galley search: runs a reader's query in the page against the index that
// `galley build` writes under /search/ (format v2, written by the Go package
// cmd/galley/internal/search, whose Search runs the same steps). No
// dependencies, no eval, no inline handlers: it works under the CSP
// script-src 'self', and fetches only the files the index's root names.
(() => {
  'use strict';

  // Words, as the index makes them: NFKD without combining marks
  // ("Bogotá" → "bogota"), lowercase letter by letter as Go's
  // unicode.ToLower (no final sigma), then the letters NFKD leaves whole.
  const LETTERS = { ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', đ: 'd' };
  const fold = (s) => s.normalize('NFKD').replace(/\p{Mn}/gu, '')
    .replace(/[\p{Lu}\p{Lt}]/gu, (c) => c.toLowerCase()).replace(/[ßæøœłđ]/g, (c) => LETTERS[c]);
  const utf8 = new TextEncoder();
  // A word is letters and digits, joined across an apostrophe inside it;
  // one letter, or more than 40 bytes, is not a word.
  const tokenize = (text) => [...fold(text).matchAll(/[\p{L}\p{Nd}]+(?:['’][\p{L}\p{Nd}]+)*/gu)]
    .map(([m]) => m.replace(/['’]/g, '')).filter((t) => [...t].length > 1 && utf8.encode(t).length <= 40);

  // cmpBytes orders strings as their UTF-8 bytes: by code point.
  function cmpBytes(a, b) {
    for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return a.codePointAt(i) - b.codePointAt(i);
    return a.length - b.length;
  }

  // parse splits a query into words {t, quoted, prefix}, excluded words and
  // filter terms. Nothing is a syntax error: what is no operator is words.
  const FILTERS = { topic: 't:', author: 'a:', section: 's:', year: 'y:' };
  function parse(q) {
    const words = [], exclude = [], filters = [];
    const add = (quoted) => (t) => {
      const w = words.find((w) => w.t === t);
      if (w) w.quoted ||= quoted; else words.push({ t, quoted, prefix: false });
    };
    let plain = false; // the last part was plain words
    for (const part of q.match(/["“”][^"“”]*["“”]?|[^\s"“”]+/g) || []) {
      const f = /^(topic|author|section|year):(.+)$/i.exec(part);
      const slug = f && fold(f[2]).replace(/[^\p{L}\p{Nd}]+/gu, '-').replace(/^-+|-+$/g, '');
      plain = false;
      if (slug) filters.push(FILTERS[f[1].toLowerCase()] + slug);
      else if (/^["“”]/.test(part)) tokenize(part).forEach(add(true));
      else if (part.length > 1 && part[0] === '-') exclude.push(...tokenize(part.slice(1)));
      else { tokenize(part).forEach(add(false)); plain = true; }
    }
    // The last word, typed to the end of the query, also matches as a prefix.
    const last = words[words.length - 1];
    if (plain && last && !last.quoted && !/\s$/.test(q) && [...last.t].length >= 3) last.prefix = true;
    return { words, exclude, filters };
  }

  // decodeFlat reads postings: base64url, then per posting a varint doc
  // number (after the first, the difference to the previous), impact, field
  // bits; into typed arrays, which the ranking reads by index: at tens of
  // thousands of postings, arrays of arrays cost tens of milliseconds.
  function decodeFlat(b64) {
    const bin = atob(b64.replace(/-/g, '+').replace(/_/g, '/')), max = Math.floor(bin.length / 3);
    const docs = new Int32Array(max), imp = new Uint8Array(max), fields = new Uint8Array(max);
    let n = 0;
    for (let i = 0, doc = 0; i < bin.length;) {
      let v = 0, mul = 1, c;
      do { c = bin.charCodeAt(i++); v += (c & 127) * mul; mul *= 128; } while (c & 128 && i < bin.length);
      if (i + 2 > bin.length || v > 0x7fffffff) break; // a truncated posting is none
      doc = n ? doc + v : v;
      if (doc > 0x7fffffff) break;
      docs[n] = doc; imp[n] = bin.charCodeAt(i); fields[n] = bin.charCodeAt(i + 1);
      n++;
      i += 2;
    }
    return { n, docs, imp, fields };
  }

  // shardFor is the file of the entry [key, file] with the longest key
  // that is a prefix of word: the root's for the table, a table's for the shard.
  function shardFor(shards, word) {
    let best;
    for (const s of shards) if (word.startsWith(s[0]) && !(best && best[0].length >= s[0].length)) best = s;
    return best && best[1];
  }

  // entries reads a table's "<key><hash>" entries, one space apart, as
  // [key, file] with files named dir<key>-<hash>.json; the key is spelled
  // as the builder does, ASCII letters and digits as they are, every
  // other UTF-8 byte as _xx.
  const VERSION = 2, HASH = 6;
  const spell = (k) => [...utf8.encode(k)].map((b) => (b >= 97 && b <= 122) || (b >= 48 && b <= 57) ? String.fromCharCode(b) : '_' + b.toString(16).padStart(2, '0')).join('');
  const named = (dir, k, h) => (/^[\w-]{6}$/.test(h) ? `${dir}${spell(k)}-${h}.json` : null);
  const entries = (s, dir) => (typeof s === 'string' && s ? s.split(' ') : []).map((e) => [e.slice(0, -HASH), named(dir, e.slice(0, -HASH), e.slice(-HASH))]);

  // recency weighs doc d by age: (1 − r) + r·0.5^(age/halflife), the age in
  // days from the newest story, by blocks of 256 stories.
  function recency(root, d) {
    const newest = root.dates[root.dates.length - 1], r = root.recency || 0;
    const age = newest - (root.dates[Math.floor(d / 256)] ?? newest);
    return 1 - r + r * (root.halflife > 0 ? 0.5 ** (age / root.halflife) : 1);
  }

  // engine runs queries on the index whose root is at rootURL; it fetches
  // each file once, and decodes each stem's postings once.
  function engine(rootURL) {
    const base = new URL(rootURL, location.href), dir = base.pathname.replace(/[^/]*$/, '');
    const files = new Map(), shards = new Map(), decoded = new Map(), tables = new Map();
    let root;
    const get = (u) => (u.origin === location.origin && u.pathname.startsWith(dir)
      ? fetch(u).then((r) => { if (!r.ok) throw new Error(`search: ${u.pathname}: ${r.status}`); return r.json(); })
      : Promise.reject(new Error('search: refused ' + u)));
    // A root of another format version is refused: the site needs a rebuild.
    // One that could not be fetched is fetched again by the next query.
    const ready = () => (root ||= get(base).then((r) => {
      if (!r || r.v !== VERSION) throw Object.assign(new Error(`search: index format ${r && r.v}, want ${VERSION}`), { rebuild: true });
      return { ...r, tables: entries(r.shards, 't/') };
    }, (e) => { root = null; throw e; }));
    // load fetches a file the root names: a plain relative path, in its folder.
    function load(name) {
      if (typeof name !== 'string' || /^[/\\]|^[a-z][a-z\d+.-]*:|(^|\/)\.\.?(\/|$)|[?#\\%]/i.test(name)) return Promise.reject(new Error('search: refused ' + name));
      const u = new URL(name, base);
      if (!files.has(u.href)) {
        const p = get(u);
        files.set(u.href, p);
        p.then((j) => j.w && shards.set(u.href, j), () => files.delete(u.href));
      }
      return files.get(u.href);
    }
    // table gives the [key, file] of the shards a shard table lists.
    function table(name) {
      if (!tables.has(name)) tables.set(name, load(name).then((t) => entries(t.s, 's/'), (e) => { tables.delete(name); throw e; }));
      return tables.get(name);
    }
    // shardName is the file of word's shard, the longest key that is a
    // prefix of it in the table of the longest such key in the root.
    const shardName = async (w) => shardFor(await table(shardFor((await ready()).tables, w)), w);
    const shard = async (t) => (await load(await shardName(t))) || {};
    const entry = async (t) => ((await shard(t)).p || {})[t]; // [df, postings] of a stem or filter term
    async function postings(t) {
      if (!decoded.has(t)) { const e = await entry(t); decoded.set(t, decodeFlat(e ? e[1] : '')); }
      return decoded.get(t);
    }
    async function docsOf(t) {
      if (!t) return new Set();
      const p = await postings(t);
      return new Set(p.docs.subarray(0, p.n));
    }
    // stemOf looks a surface word up; a word not in the table may be a stem
    // itself (digits, or a word typed stemmed).
    async function stemOf(word) {
      const sh = await shard(word), s = (sh.w || {})[word];
      return s === 0 ? word : typeof s === 'string' ? s : (sh.p || {})[word] ? word : null;
    }
    // expand gives [surface word, stem] of the 8 words (by df of their stem)
    // that word is a proper prefix of, from every shard that can hold them:
    // its own and those whose keys start with it, listed by its table and
    // the tables whose keys start with it.
    async function expand(word) {
      const { tables: all } = await ready(), found = [], own = shardFor(all, word);
      const lists = await Promise.all(all.filter(([k, n]) => n === own || k.startsWith(word)).map((t) => table(t[1])));
      const names = new Set([await shardName(word)]);
      for (const list of lists) for (const [k, n] of list) if (k.startsWith(word)) names.add(n);
      for (const sh of await Promise.all([...names].map(load))) {
        for (const [w, s] of Object.entries(sh.w || {})) if (w !== word && w.startsWith(word)) found.push([w, s === 0 ? w : s]);
      }
      const dfs = await Promise.all(found.map((f) => entry(f[1])));
      return found.map((f, i) => [...f, dfs[i] ? dfs[i][0] : -1]).filter((f) => f[2] >= 0)
        .sort((a, b) => b[2] - a[2] || cmpBytes(a[0], b[0])).slice(0, 8);
    }

    // search runs the format's query steps; it gives every result, best
    // first, as {d, score}, and the folded words to highlight.
    async function search(q) {
      const r = await ready(), { words, exclude, filters } = parse(q), marks = new Set();
      // A word's stems: its own, and for the last word its expansions. A word
      // the index does not know is dropped, as stop words are.
      const known = (await Promise.all(words.map(async (w) => {
        const stems = new Set(), own = await stemOf(w.t);
        if (own) { stems.add(own); marks.add(w.t); }
        if (w.prefix) for (const [sw, s] of await expand(w.t)) { stems.add(s); marks.add(sw); }
        return { ...w, stems: [...stems] };
      }))).filter((w) => w.stems.length);
      await Promise.all(known.flatMap((w) => w.stems.map(postings)));
      // Per word, its hits by doc number: s, the best idf·impact/255 of its
      // stems, and flags, 2 for a hit and 1 for one in the title. Arrays, not
      // maps: a query's words can have tens of thousands of postings.
      const per = [];
      for (const w of known) {
        const hit = { s: new Float64Array(r.n), flags: new Uint8Array(r.n), docs: [] };
        for (const t of w.stems) {
          const [df] = (await entry(t)) || [r.n];
          const idf = Math.log(1 + (r.n - df + 0.5) / (df + 0.5));
          const p = await postings(t);
          for (let i = 0; i < p.n; i++) {
            const d = p.docs[i], f = p.fields[i];
            if (w.quoted && !(f & 7) || !(d < r.n)) continue; // a phrase's words must be in title, dek or body
            const s = idf * p.imp[i] / 255;
            if (!hit.flags[d]) { hit.docs.push(d); hit.s[d] = s; } else hit.s[d] = Math.max(hit.s[d], s);
            hit.flags[d] |= 2 | (f & 1);
          }
        }
        per.push(hit);
      }
      const sets = await Promise.all(filters.map(docsOf)), out = new Set();
      for (const ds of await Promise.all(exclude.map(async (t) => docsOf(await stemOf(t))))) ds.forEach((d) => out.add(d));
      const ok = (d) => !out.has(d) && sets.every((s) => s.has(d));

      let cands = [];
      if (per.length) {
        const fewest = per.reduce((a, b) => (b.docs.length < a.docs.length ? b : a));
        cands = fewest.docs.filter((d) => ok(d) && per.every((h) => h.flags[d]));
        if (!cands.length && per.length > 1) {
          // OR: any word will do, but a quoted phrase's words stay required.
          const req = per.filter((h, i) => known[i].quoted), any = new Set();
          for (const h of req.length ? req.slice(0, 1) : per) for (const d of h.docs) any.add(d);
          cands = [...any].filter((d) => ok(d) && req.every((h) => h.flags[d]));
        }
      } else if (sets.length) cands = [...sets.reduce((a, b) => (b.size < a.size ? b : a))].filter(ok);

      const results = cands.map((d) => {
        let s = 0, title = per.length > 0;
        for (const h of per) { s += h.flags[d] ? h.s[d] : 0; title &&= (h.flags[d] & 1) === 1; }
        return { d, score: (title ? 1.5 * s : s) * recency(r, d) };
      }).sort((a, b) => b.score - a.score || b.d - a.d);
      // Highlight the other words of the query's stems that the shards list.
      const stems = new Set(known.flatMap((w) => w.stems));
      for (const sh of shards.values()) for (const [w, s] of Object.entries(sh.w)) if (stems.has(s === 0 ? w : s)) marks.add(w);
      return { results, marks };
    }

    // record is doc d's: entry d % size of group k = d / size, whose file
    // is named by the hash of its page, k / page.
    async function record(d) {
      const { size, files: { page, hashes } } = (await ready()).records, k = Math.floor(d / size), p = Math.floor(k / page);
      return (await load(named('r/', String(k), typeof hashes === 'string' ? hashes.slice(p * HASH, p * HASH + HASH) : '')))[d % size];
    }
    // prefetch fetches the root ahead of a first query.
    const prefetch = () => { ready().catch(() => {}); };
    return { search, record, prefetch, facets: async () => load((await ready()).facets), shardFor: shardName };
  }

  // The page.
  const el = (tag, cls, text) => Object.assign(document.createElement(tag), cls ? { className: cls } : {}, text ? { textContent: text } : {});
  const local = (u) => typeof u === 'string' && /^\/(?![/\\])/.test(u); // a path on this site

  // marked reports whether a word of a text is one of marks as tokenize
  // makes it. A word of ASCII letters and digits is its own token, lowercase,
  // without tokenize's Unicode folding, which costs far more.
  function marked(word, marks) {
    if (!/^[A-Za-z\d]+(?:'[A-Za-z\d]+)*$/.test(word)) return tokenize(word).some((t) => marks.has(t));
    const t = word.replace(/'/g, '').toLowerCase();
    return t.length > 1 && t.length <= 40 && marks.has(t);
  }

  // excerpt is text with the words in marks in <mark>.
  function excerpt(text, marks) {
    const p = el('p', 'search-excerpt');
    let at = 0;
    for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu)) {
      if (!marked(m[0], marks)) continue;
      p.append(text.slice(at, m.index), el('mark', '', m[0]));
      at = m.index + m[0].length;
    }
    p.append(text.slice(at));
    return p;
  }

  // card is a result in the house card style.
  function card(rec, marks, dates) {
    const li = el('li', 'search-result'), text = el('div', 'search-text'), h = el('h2', 'card-title');
    h.append(Object.assign(el('a', '', rec.t || rec.u), { href: local(rec.u) ? rec.u : '#' }));
    const meta = el('p', 'card-meta'), day = new Date(rec.a + 'T00:00:00Z');
    if (rec.b) meta.append(el('span', 'card-byline', rec.b), ' · ');
    meta.append(Object.assign(el('time', '', isNaN(day) ? rec.a : dates.format(day)), { dateTime: rec.a || '' }));
    text.append(h, ...(rec.d ? [el('p', 'card-dek', rec.d)] : []), meta, ...(rec.x ? [excerpt(rec.x, marks)] : []));
    const art = el('article', 'search-card');
    art.append(text);
    if (local(rec.i)) art.append(Object.assign(el('img', 'search-thumb'), { src: rec.i, alt: '', width: 120, height: 80, loading: 'lazy', decoding: 'async' }));
    li.append(art);
    return li;
  }

  function page(form) {
    const $ = (id) => document.getElementById(id), box = $('search-q'), status = $('search-status'), list = $('search-results'), more = $('search-more');
    if (!form.dataset.searchRoot) { // galley serve's preview, which builds no index
      status.textContent = 'Search is not available in a preview: build the site to search it.';
      return;
    }
    const details = form.querySelector('details'), selects = [...form.querySelectorAll('select[data-filter]')];
    const eng = engine(form.dataset.searchRoot), lang = document.documentElement.lang || undefined;
    // The root first: a query needs it, and the page's preload has it on the way.
    eng.prefetch();
    let dates;
    const dateFormat = () => (dates ||= new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }));
    const params = new URLSearchParams(location.search), pending = {};
    let seq = 0, timer = 0, res = null, shown = 0;

    // Take the form over: it searches here now, not at the fallback.
    form.setAttribute('action', location.pathname);
    box.name = 'q';
    form.querySelectorAll('[data-fallback]').forEach((e) => e.remove());
    document.querySelectorAll('[data-nojs]').forEach((e) => { e.hidden = true; });
    document.querySelectorAll('[data-js]').forEach((e) => { e.hidden = false; });

    const value = (s) => s.value || pending[s.dataset.filter] || '';
    async function showMore(id) {
      const next = res.results.slice(shown, shown + 10), pending = Promise.all(next.map((r) => eng.record(r.d)));
      // A date format costs milliseconds to make: made once the records'
      // requests are out (after this task's promise jobs), while they travel.
      if (!dates) setTimeout(dateFormat, 0);
      const recs = await pending;
      if (id !== seq) return null;
      const items = recs.filter(Boolean).map((rec) => card(rec, res.marks, dateFormat()));
      list.append(...items);
      shown += next.length;
      more.hidden = shown >= res.results.length;
      return items[0];
    }
    async function run() {
      const id = ++seq, url = new URLSearchParams();
      if (box.value) url.set('q', box.value);
      selects.forEach((s) => value(s) && url.set(s.dataset.filter, value(s)));
      history.replaceState(null, '', location.pathname + (url.size ? '?' + url : ''));
      // Filters go first, so that the box's last word keeps its prefix match.
      const q = selects.filter(value).map((s) => `${s.dataset.filter}:${value(s)} `).join('') + box.value;
      // User Timing marks, for a reader's tools and the benchmarks: the time
      // from a query to its results on screen.
      if (q.trim()) performance.mark('search:query');
      try {
        const r = q.trim() ? await eng.search(q) : null;
        if (id !== seq) return; // a newer query is under way
        res = r || { results: [] };
        shown = 0;
        list.replaceChildren();
        await showMore(id);
        const n = res.results.length;
        if (id === seq) status.textContent = !r ? '' : n ? `${n.toLocaleString(lang)} ${n === 1 ? 'story' : 'stories'} found` : 'No stories found';
        if (id === seq && r) performance.mark('search:results');
      } catch (e) {
        if (id === seq) status.textContent = e.rebuild ? 'Search is out of date on this site: its index needs a rebuild.' : 'Search is not available right now. Try again later.';
      }
    }

    form.addEventListener('submit', (e) => { e.preventDefault(); clearTimeout(timer); run(); });
    box.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, 150); });
    more.addEventListener('click', async () => { const first = await showMore(seq); if (first) first.querySelector('a').focus(); });
    selects.forEach((s) => s.addEventListener('change', run));
    // The facets file is fetched only when the reader opens the filters.
    let filled = false;
    details.addEventListener('toggle', async () => {
      if (!details.open || filled) return;
      filled = true;
      try {
        const f = await eng.facets(), both = ([v, n]) => [v, v, n];
        const rows = { topic: f.topics, author: f.authors, section: (f.sections || []).map(both), year: (f.years || []).map(both) };
        for (const s of selects) {
          for (const [name, v, n] of rows[s.dataset.filter] || []) s.append(new Option(`${name} (${n})`, v));
          s.value = pending[s.dataset.filter] || '';
          delete pending[s.dataset.filter];
        }
      } catch (e) {
        filled = false;
      }
    });

    // /search/?q=words runs the query on load, as do shared links with filters.
    box.value = params.get('q') || '';
    selects.forEach((s) => params.get(s.dataset.filter) && (pending[s.dataset.filter] = params.get(s.dataset.filter)));
    if (Object.keys(pending).length) details.open = true;
    if (box.value || details.open) run();
  }

  // Tests load the script with data-test to reach its pure parts.
  if (document.currentScript && 'test' in document.currentScript.dataset) {
    window.__galleySearch = { fold, tokenize, parse, decodeFlat, shardFor, cmpBytes, recency, engine };
  }
  const form = document.querySelector('form[data-search-root]');
  if (form) page(form);
})();
