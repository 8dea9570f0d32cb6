/* The knowledge base's search on a site hosted as static files: it fetches the index's
   manifest, one postings shard per query word, a words file per length only to correct a
   typo, and the metadata blocks of the results shown (kb/search/static_index.py writes
   them, with the analysis of `kb search`: the stems are behind the words, so this client
   only folds). Answers as the search API does: [{id, lang, title, url, anchor, row,
   snippet, score, type}], best first, one per article, in the reader's language when the
   article has it. No framework, no request to another host. */
(function () {
  "use strict";
  var TYPO_WEIGHT = 0.5, SYNONYM_WEIGHT = 0.7, ROW_BOOST = 1.5, LANGUAGE_BOOST = 1.3;
  var EXACT_BONUS = 0.3, SCORE_POWER = 0.5, MAX_WORDS = 12, MAX_CHARS = 256;
  var ZONE_BONUS = { title: 1.0, meta: 0.6, head: 0.3, body: 0.0 };
  var EXACT_FLAG = 16, ROW_FLAG = 32, FLAG_BITS = 64, LEVELS = 255;
  var WORD = /[\p{L}\p{N}]+/gu;

  function fold(text) {
    return String(text).toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }
  function isCode(word) { return /\d/.test(word); }
  function typoBudget(word) {
    if (isCode(word) || word.length < 4) { return 0; }
    return word.length >= 8 ? 2 : 1;
  }
  function hash(word) {  /* FNV-1a of the UTF-8 bytes, as static_index.word_hash */
    var bytes = new TextEncoder().encode(word), value = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      value ^= bytes[i];
      value = Math.imul(value, 0x01000193) >>> 0;
    }
    return value >>> 0;
  }
  function distance(a, b, limit) {  /* optimal string alignment: a swap is one typo */
    if (Math.abs(a.length - b.length) > limit) { return limit + 1; }
    var rows = [], i, j;
    for (i = 0; i <= a.length; i++) { rows.push([i]); }
    for (j = 1; j <= b.length; j++) { rows[0][j] = j; }
    for (i = 1; i <= a.length; i++) {
      var low = limit + 1;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) { d = Math.min(d, rows[i - 2][j - 2] + 1); }
        rows[i][j] = d;
        if (d < low) { low = d; }
      }
      if (low > limit) { return limit + 1; }
    }
    return rows[a.length][b.length];
  }
  function escape(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function Engine(root) {
    this.root = root.replace(/\/?$/, "/");
    this.files = {};
    this.prepare();
  }
  Engine.prototype.get = function (path) {
    var files = this.files;
    if (!files[path]) {
      files[path] = fetch(this.root + path).then(function (response) {
        if (!response.ok) { throw new Error(path + ": " + response.status); }
        return response.json();
      });
      files[path].catch(function () { delete files[path]; });
    }
    return files[path];
  };
  Engine.prototype.manifest = function () { return this.get("manifest.json"); };
  /* The two small files every query reads, fetched while the reader starts typing. */
  Engine.prototype.prepare = function () {
    this.manifest().catch(function () {});
    this.get("synonyms.json").catch(function () {});
  };
  Engine.prototype.entry = function (manifest, word) {
    return this.get("terms/" + (hash(word) % manifest.term_shards) + ".json").then(function (shard) {
      return Object.prototype.hasOwnProperty.call(shard, word) ? shard[word] : null;
    });
  };

  /* What was typed, as words: folded, stop words out (unless there are only those). */
  Engine.prototype.words = function (manifest, text) {
    var stop = this.stop || (this.stop = new Set(manifest.stopwords));
    var raw = (fold(String(text).slice(0, MAX_CHARS)).match(WORD) || []);
    var kept = raw.filter(function (w) { return !stop.has(w); });
    if (!kept.length) { kept = raw; }
    return Array.from(new Set(kept)).slice(0, MAX_WORDS);
  };

  /* Known words within the typo budget of `word`, closest then commonest first. */
  Engine.prototype.near = function (manifest, word, budget) {
    var lengths = manifest.word_lengths.filter(function (n) { return Math.abs(n - word.length) <= budget; });
    var self = this;
    return Promise.all(lengths.map(function (n) { return self.get("words/" + n + ".json"); })).then(function (lists) {
      var found = [];
      lists.forEach(function (list) {
        list.forEach(function (candidate, rank) {
          if (candidate === word) { return; }
          var d = distance(word, candidate, budget);
          if (d <= budget) { found.push([candidate, d, rank]); }
        });
      });
      found.sort(function (a, b) { return a[1] - b[1] || a[2] - b[2]; });
      return found.slice(0, 3).map(function (item) { return item[0]; });
    });
  };

  function decode(entry, languages) {
    var flat = entry[languages], postings = new Map(), number = 0;
    for (var i = 0; i < flat.length; i += 2) {
      number += flat[i];
      postings.set(number, flat[i + 1]);
    }
    return postings;
  }
  function known(entry, languages) {
    if (!entry) { return false; }
    for (var i = 0; i < languages; i++) { if (entry[i] > 0) { return true; } }
    return false;
  }

  /* The language the query seems to be in (as kb/search/vocabulary.py guesses it). */
  function queryLanguage(manifest, entries) {
    var n = manifest.languages.length, votes = new Array(n).fill(0);
    entries.forEach(function (item) {
      if (!item.entry || isCode(item.word)) { return; }
      var rates = [];
      for (var i = 0; i < n; i++) { rates.push((item.entry[i] + 0.5) / manifest.totals[i]); }
      var best = rates.indexOf(Math.max.apply(null, rates));
      var ratio = rates[best] / Math.max(Math.min.apply(null, rates), 1e-9);
      if (ratio >= 2) { votes[best] += Math.log(ratio); }
    });
    var top = Math.max.apply(null, votes);
    if (!top || votes.filter(function (v) { return v === top; }).length > 1) { return null; }
    return manifest.languages[votes.indexOf(top)];
  }

  /* The glossary's other terms for each run of query words (as kb/search/synonyms.py). */
  function synonyms(table, words, stemsOf, languages) {
    var found = [];
    function keys(run) {
      var out = new Set([run.join(" ")]);
      languages.forEach(function (lang, i) {
        out.add(run.map(function (w) { return stemsOf[w] ? stemsOf[w][i] : w; }).join(" "));
      });
      return out;
    }
    for (var start = 0; start < words.length; start++) {
      for (var end = start + 1; end <= Math.min(words.length, start + table.longest); end++) {
        var typed = new Set(), groups = [];
        keys(words.slice(start, end)).forEach(function (key) {
          (table.index[key] || []).forEach(function (hit) {
            typed.add(hit[0] + ":" + hit[1]);
            if (groups.indexOf(hit[0]) < 0) { groups.push(hit[0]); }
          });
        });
        var others = [];
        groups.forEach(function (g) {
          table.groups[g].forEach(function (text, position) {
            if (!typed.has(g + ":" + position) && others.indexOf(text) < 0) { others.push(text); }
          });
        });
        if (others.length) { found.push({ start: start, end: end, phrases: others.map(function (t) { return t.split(" "); }) }); }
      }
    }
    return found;
  }

  /* The best articles for `text`, in the reader's language `lang` when they have it. */
  Engine.prototype.search = function (text, lang, limit) {
    var self = this;
    limit = limit || 10;
    return this.manifest().then(function (manifest) {
      var words = self.words(manifest, text);
      if (!words.length) { return []; }
      var n = manifest.languages.length;
      var lookups = words.map(function (w) { return self.entry(manifest, w); });
      lookups.push(self.get("synonyms.json"));
      return Promise.all(lookups).then(function (entries) {
        var table = entries.pop();
        var items = words.map(function (w, i) { return { word: w, entry: entries[i], alternatives: [] }; });
        var stemsOf = {};
        items.forEach(function (item) { if (item.entry && item.entry.length > n + 1) { stemsOf[item.word] = item.entry[n + 1]; } });
        var pending = items.map(function (item) {
          var budget = typoBudget(item.word);
          if (known(item.entry, n) || !budget) { return null; }
          return self.near(manifest, item.word, budget).then(function (typos) {
            return Promise.all(typos.map(function (t) { return self.entry(manifest, t); })).then(function (found) {
              typos.forEach(function (t, i) { if (found[i]) { item.alternatives.push({ words: [t], entries: [found[i]], weight: TYPO_WEIGHT }); } });
            });
          });
        });
        synonyms(table, words, stemsOf, manifest.stem_languages).forEach(function (expansion) {
          expansion.phrases.forEach(function (phrase) {
            var alternative = { words: phrase, entries: null, weight: SYNONYM_WEIGHT };
            for (var k = expansion.start; k < expansion.end; k++) { items[k].alternatives.push(alternative); }
            pending.push(Promise.all(phrase.map(function (w) { return self.entry(manifest, w); })).then(function (found) {
              alternative.entries = found;
            }));
          });
        });
        return Promise.all(pending).then(function () { return self.rank(manifest, items, lang, limit); });
      });
    });
  };

  Engine.prototype.rank = function (manifest, items, lang, limit) {
    var n = manifest.languages.length, zones = manifest.zones, self = this;
    var language = queryLanguage(manifest, items) || lang;
    var perWord = items.map(function (item) {
      /* per document: [best weighted impact, zone bits, exact] */
      var docs = new Map();
      function add(postings, weight, own) {
        postings.forEach(function (value, number) {
          var impact = Math.floor(value / FLAG_BITS) / LEVELS * weight, flags = value % FLAG_BITS;
          if (own && isCode(item.word) && (flags & ROW_FLAG)) { impact *= ROW_BOOST; }
          var seen = docs.get(number) || [0, 0, false];
          seen[0] = Math.max(seen[0], impact);
          seen[1] |= flags & 15;
          seen[2] = seen[2] || (own && !!(flags & EXACT_FLAG));
          docs.set(number, seen);
        });
      }
      if (item.entry) { add(decode(item.entry, n), 1, true); }
      item.alternatives.forEach(function (alternative) {
        if (!alternative.entries || alternative.entries.some(function (e) { return !e; })) { return; }
        var lists = alternative.entries.map(function (e) { return decode(e, n); });
        if (lists.length === 1) { add(lists[0], alternative.weight, false); return; }
        var both = new Map();  /* a phrase: the documents holding all its words */
        lists[0].forEach(function (value, number) {
          var level = Math.floor(value / FLAG_BITS), flags = value % FLAG_BITS;
          for (var i = 1; i < lists.length; i++) {
            var other = lists[i].get(number);
            if (other === undefined) { return; }
            level = Math.min(level, Math.floor(other / FLAG_BITS));
            flags &= other % FLAG_BITS;
          }
          both.set(number, level * FLAG_BITS + flags);
        });
        add(both, alternative.weight, false);
      });
      return docs;
    });
    var scores = new Map();
    perWord.forEach(function (docs) {
      docs.forEach(function (seen, number) {
        var s = scores.get(number) || { base: 0, covered: 0, bonus: 0, exact: 0 };
        s.base += seen[0];
        s.covered += 1;
        var bonus = 0;
        zones.forEach(function (zone, bit) { if (seen[1] & (1 << bit)) { bonus = Math.max(bonus, ZONE_BONUS[zone] || 0); } });
        s.bonus += bonus;
        s.exact += seen[2] ? 1 : 0;
        scores.set(number, s);
      });
    });
    var count = items.length, best = new Map();
    scores.forEach(function (s, number) {
      var share = s.covered / count;
      var score = Math.pow(s.base, SCORE_POWER) * share * share * (1 + s.bonus / count) * (1 + EXACT_BONUS * s.exact / count);
      if (language && manifest.languages[number % n] === language) { score *= LANGUAGE_BOOST; }
      var article = Math.floor(number / n);
      if (!best.has(article) || best.get(article).score < score) { best.set(article, { number: number, score: score }); }
    });
    var ranked = Array.from(best.values()).sort(function (a, b) { return b.score - a.score; }).slice(0, limit);
    var readerIndex = manifest.languages.indexOf(lang);
    var wanted = ranked.map(function (hit) {
      var article = Math.floor(hit.number / n);
      return { hit: hit, shown: readerIndex >= 0 ? article * n + readerIndex : hit.number };
    });
    var blocks = new Set();
    wanted.forEach(function (w) {
      blocks.add(Math.floor(w.hit.number / manifest.docs_per_shard));
      blocks.add(Math.floor(w.shown / manifest.docs_per_shard));
    });
    var loads = {};
    blocks.forEach(function (b) { loads[b] = self.get("docs/" + b + ".json"); });
    return Promise.all(Object.keys(loads).map(function (b) { return loads[b].then(function (d) { return [b, d]; }); })).then(function (pairs) {
      var meta = {};
      pairs.forEach(function (pair) { Object.assign(meta, pair[1]); });
      var forms = new Set();
      items.forEach(function (item) {
        forms.add(item.word);
        item.alternatives.forEach(function (a) { a.words.forEach(function (w) { forms.add(w); }); });
      });
      var codes = items.map(function (i) { return i.word; }).filter(isCode);
      return wanted.map(function (w) {
        var doc = meta[w.shown] || meta[w.hit.number];
        var anchor = "", row = "", snippet = mark(doc.summary, forms);
        for (var i = 0; i < codes.length; i++) {
          if (doc.rows[codes[i]]) { anchor = doc.rows[codes[i]][0]; row = doc.rows[codes[i]][1]; snippet = mark(row, forms); break; }
        }
        return { id: doc.id, lang: doc.lang, title: doc.title, url: doc.url, anchor: anchor, row: row,
                 snippet: snippet, score: Math.round(w.hit.score * 1000) / 1000, type: doc.type };
      });
    });
  };

  /* `text` HTML-escaped, its words that match the query's in <mark>. */
  function mark(text, forms) {
    var out = "", last = 0, match;
    var re = new RegExp(WORD.source, "gu");
    while ((match = re.exec(text))) {
      var word = fold(match[0]), hit = forms.has(word);
      if (!hit && word.length >= 4) {
        forms.forEach(function (f) { if (!hit && f.length >= 4 && (word.indexOf(f.slice(0, Math.max(4, f.length - 2))) === 0)) { hit = true; } });
      }
      if (hit) {
        out += escape(text.slice(last, match.index)) + "<mark>" + escape(match[0]) + "</mark>";
        last = match.index + match[0].length;
      }
    }
    return out + escape(text.slice(last));
  }

  window.KbStaticSearch = Engine;
})();
