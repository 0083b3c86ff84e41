package search

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
)

// day returns noon UTC of a date in 2026.
func day(month time.Month, d int) time.Time { return time.Date(2026, month, d, 12, 0, 0, 0, time.UTC) }

// newsroom is a small handmade corpus: each story is there for a test.
func newsroom() []Doc {
	return []Doc{
		{URL: "/news/harbour-title/", Title: "Harbour wall to be rebuilt", Body: "Work starts in spring on the old quay.", Date: day(3, 1), Section: "news", Topics: []string{"Waterfront"}, Authors: []string{"Ana Ruiz"}},
		{URL: "/news/harbour-body/", Title: "Quay repairs approved", Body: "The harbour wall will be rebuilt, the port said. Harbour traffic stops.", Date: day(3, 2), Section: "news", Topics: []string{"Waterfront"}, Authors: []string{"Tom Berg"}},
		{URL: "/news/ferry-old/", Title: "Ferry timetable changes", Body: "The island ferry runs twice a day from June.", Date: day(1, 10), Section: "news", Topics: []string{"Transport"}, Authors: []string{"Ana Ruiz"}},
		{URL: "/news/ferry-new/", Title: "Ferry timetable changes", Body: "The island ferry runs twice a day from June.", Date: day(6, 10), Section: "news", Topics: []string{"Transport"}, Authors: []string{"Ana Ruiz"}},
		{URL: "/news/council-budget/", Title: "Council passes budget", Dek: "Councillors voted late on Tuesday.", Body: "The council approved the budget for schools and roads.", Date: day(2, 3), Section: "news", Topics: []string{"Local politics"}, Authors: []string{"Tom Berg"}},
		{URL: "/news/councils-merge/", Title: "Two councils to merge", Body: "Neighbouring councils will share one mayor.", Date: day(4, 3), Section: "news", Topics: []string{"Local politics"}, Authors: []string{"Lena Ok"}},
		{URL: "/world/bogota-metro/", Title: "Bogotá opens its first metro line", Body: "Trains run every four minutes across the Colombian capital.", Date: day(5, 5), Section: "world", Topics: []string{"Transport", "Colombia"}, Authors: []string{"Lena Ok"}},
		{URL: "/world/glacier/", Title: "Glacier lost a fifth of its ice", Body: "Researchers measured the glacier for a decade. Meltwater feeds farms.", Date: day(4, 20), Section: "world", Topics: []string{"Climate"}, Authors: []string{"Ana Ruiz"}},
		{URL: "/business/budget-airline/", Title: "Budget airline adds routes", Body: "The carrier adds six routes from the regional airport.", Date: day(5, 1), Section: "business", Topics: []string{"Transport"}, Authors: []string{"Tom Berg"}},
		{URL: "/news/flood-council/", Title: "Council warns of flooding", Body: "The council said rivers could flood the lower town.", Date: day(6, 1), Section: "news", Topics: []string{"Climate", "Local politics"}, Authors: []string{"Lena Ok"}},
		{URL: "/news/river-barrier/", Title: "River barrier vote", Body: "The river barrier would protect the town from floods, engineers said.", Date: day(6, 2), Section: "news", Topics: []string{"Climate"}, Authors: []string{"Ana Ruiz"}},
		{URL: "/news/barrier-topic/", Title: "Engineers report", Body: "A report on the river works.", Date: day(6, 3), Section: "news", Topics: []string{"Barrier"}, Authors: []string{"Tom Berg"}},
		{URL: "/culture/oneill/", Title: "O’Neill retrospective at the gallery", Body: "Paintings from four decades.", Date: time.Date(2025, 11, 2, 12, 0, 0, 0, time.UTC), Section: "culture", Topics: []string{"Art"}, Authors: []string{"Lena Ok"}},
		{URL: "/sport/strasse/", Title: "Race closes the Hauptstraße", Body: "Runners cross the city centre.", Date: time.Date(2025, 9, 9, 12, 0, 0, 0, time.UTC), Section: "sport", Topics: []string{"Running"}, Authors: []string{"Tom Berg"}},
	}
}

// searchURLs builds an index of docs and returns the URLs query finds.
func searchURLs(t *testing.T, docs []Doc, opts Options, q string) []string {
	t.Helper()
	files, err := Build(context.Background(), docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Search(files, q, 20)
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, r := range res {
		urls = append(urls, r.URL)
	}
	return urls
}

func TestSearchRanking(t *testing.T) {
	en := Options{Language: "en", Recency: DefaultRecency, HalfLife: DefaultHalfLife}
	tests := []struct {
		name, q  string
		opts     Options
		want     []string
		anyOrder bool // the test is of what is found, not of its order
	}{
		{"title beats body, though older", "harbour ", en, []string{"/news/harbour-title/", "/news/harbour-body/"}, false},
		{"equal matches: newer first", "ferry timetable ", en, []string{"/news/ferry-new/", "/news/ferry-old/"}, false},
		{"AND: only the story with both", "council budget ", en, []string{"/news/council-budget/"}, false},
		{"a word no story has is dropped, not ORed", "council budget xyzzy ", en, []string{"/news/council-budget/"}, false},
		{"OR when none has both", "glacier airline ", en, []string{"/business/budget-airline/", "/world/glacier/"}, true},
		{"exclusion by stem", "council -flood", en, []string{"/news/councils-merge/", "/news/council-budget/"}, false},
		{"prefix of the last word", "counc", en, []string{"/news/flood-council/", "/news/councils-merge/", "/news/council-budget/"}, true},
		{"no prefix after a space", "counc ", en, nil, false},
		{"stemming", "councils ", en, []string{"/news/flood-council/", "/news/councils-merge/", "/news/council-budget/"}, true},
		{"diacritics", "bogota", en, []string{"/world/bogota-metro/"}, false},
		{"accent typed", "BOGOTÁ ", en, []string{"/world/bogota-metro/"}, false},
		{"apostrophe", "oneill", en, []string{"/culture/oneill/"}, false},
		{"sharp s", "hauptstrasse", en, []string{"/sport/strasse/"}, false},
		{"stop words ignored", "the harbour of ", en, []string{"/news/harbour-title/", "/news/harbour-body/"}, false},
		{"topic filter", "transport topic:colombia", en, []string{"/world/bogota-metro/"}, false},
		{"topic filter alone: newest first", "topic:local-politics", en, []string{"/news/flood-council/", "/news/councils-merge/", "/news/council-budget/"}, false},
		{"author filter", "council author:tom-berg", en, []string{"/news/council-budget/"}, false},
		{"section filter", "transport section:business", en, []string{"/business/budget-airline/"}, false},
		{"year filter", "the year:2025", en, []string{"/culture/oneill/", "/sport/strasse/"}, false},
		{"filter excludes all", "council year:2024", en, nil, false},
		{"phrase words must be in the text", `"barrier" `, en, []string{"/news/river-barrier/"}, false},
		{"without quotes a topic counts", "barrier ", en, []string{"/news/barrier-topic/", "/news/river-barrier/"}, true},
		{"author names are words", "lena ", en, []string{"/news/flood-council/", "/world/bogota-metro/", "/news/councils-merge/", "/culture/oneill/"}, false},
		{"no stemming without a language", "councils ", Options{Recency: 0.3}, []string{"/news/councils-merge/"}, true},
		{"unknown word", "zebra ", en, nil, false},
		{"nothing", "", en, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := searchURLs(t, newsroom(), tt.opts, tt.q)
			if tt.anyOrder {
				slices.Sort(got)
				slices.Sort(tt.want)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Search(%q) = %q, want %q", tt.q, got, tt.want)
			}
		})
	}
}

// TestRecencyWeight: with weight 0 the older story with the stronger
// match wins; with weight 1 and a short half-life the newer one does.
// Root's dates table holds every 256th story's date, so stories between
// put the two in different blocks.
func TestRecencyWeight(t *testing.T) {
	docs := []Doc{
		{URL: "/old/", Title: "Tram strike", Body: "Tram drivers strike over tram pay.", Date: day(1, 1)},
		{URL: "/new/", Title: "City news", Body: "A tram was late.", Date: day(12, 1)},
	}
	for i := range 300 {
		docs = append(docs, Doc{URL: fmt.Sprintf("/filler-%d/", i), Title: "Weather", Date: day(11, 30).Add(time.Duration(i) * time.Minute)})
	}
	tests := []struct {
		opts Options
		want []string
	}{
		{Options{Language: "en", Recency: 0}, []string{"/old/", "/new/"}},
		{Options{Language: "en", Recency: 1, HalfLife: 30}, []string{"/new/", "/old/"}},
	}
	for _, tt := range tests {
		if got := searchURLs(t, docs, tt.opts, "tram "); !slices.Equal(got, tt.want) {
			t.Errorf("recency %v: %q, want %q", tt.opts.Recency, got, tt.want)
		}
	}
	// Weight 0 is relevance alone: the same story scores the same at any age.
	twin := []Doc{{URL: "/a/", Title: "Tram", Date: day(1, 1)}, {URL: "/b/", Title: "Tram", Date: day(12, 1)}}
	files, err := Build(context.Background(), twin, Options{Recency: 0})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Search(files, "tram", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 || res[0].Score != res[1].Score || res[0].URL != "/b/" {
		t.Errorf("twins at recency 0: %+v, want equal scores, newer first", res)
	}
}

func TestSearchLimit(t *testing.T) {
	files, err := Build(context.Background(), newsroom(), Options{Language: "en"})
	if err != nil {
		t.Fatal(err)
	}
	for _, limit := range []int{-1, 0, 1, 2, 100} {
		res, err := Search(files, "council", limit)
		if err != nil {
			t.Fatal(err)
		}
		if want := min(max(limit, 0), 3); len(res) != want {
			t.Errorf("limit %d: %d results, want %d", limit, len(res), want)
		}
	}
	if _, err := Search(map[string][]byte{}, "council", 10); err == nil {
		t.Error("Search without root.json: no error")
	}
}

func TestBuildOptions(t *testing.T) {
	for _, opts := range []Options{{Recency: -0.1}, {Recency: 1.5}, {HalfLife: -1}} {
		if _, err := Build(context.Background(), newsroom(), opts); err == nil {
			t.Errorf("Build(%+v): no error", opts)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Build(ctx, newsroom(), Options{}); err == nil {
		t.Error("Build with a cancelled context: no error")
	}
}

// TestManyShards: a query finds the same stories when the index is cut
// into many small shards, where a word's stem, its prefix expansions and
// the filter terms are in other shards than the word.
func TestManyShards(t *testing.T) {
	opts := Options{Language: "en", Recency: DefaultRecency, HalfLife: DefaultHalfLife}
	one, err := build(context.Background(), newsroom(), opts, maxShardBytes)
	if err != nil {
		t.Fatal(err)
	}
	many, err := build(context.Background(), newsroom(), opts, 200)
	if err != nil {
		t.Fatal(err)
	}
	s1, _, _ := indexNames(t, one)
	sm, _, _ := indexNames(t, many)
	if len(s1) != 1 || len(sm) < 20 {
		t.Fatalf("%d and %d shards, want 1 and many", len(s1), len(sm))
	}
	for _, q := range []string{"counc", "councils ", "co", "flooding -council", "topic:climate", "river barrier", `"barrier"`, "bogota", "tra", "zebra"} {
		a, err := Search(one, q, 20)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Search(many, q, 20)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(a, b) {
			t.Errorf("%q: one shard finds %v, many find %v", q, a, b)
		}
	}
}

// TestBadIndex: a root of another version, or one that names files the
// index lacks, is an error that says to rebuild, never a panic.
func TestBadIndex(t *testing.T) {
	good, err := Build(context.Background(), newsroom(), Options{Language: "en"})
	if err != nil {
		t.Fatal(err)
	}
	var root rootFile
	if err := json.Unmarshal(good["search/root.json"], &root); err != nil {
		t.Fatal(err)
	}
	tests := map[string]func(r *rootFile) any{
		"version 1":        func(r *rootFile) any { return map[string]any{"v": 1, "shards": [][2]string{{"", "s/-b6f48132.json"}}} },
		"no tables":        func(r *rootFile) any { r.Shards = ""; return r },
		"an entry no hash": func(r *rootFile) any { r.Shards += " abc"; return r },
		"a table missing":  func(r *rootFile) any { r.Shards = r.Shards[:len(r.Shards)-1] + "x"; return r },
		"no records hash":  func(r *rootFile) any { r.Records.Files.Hashes = ""; return r },
		"records page 0":   func(r *rootFile) any { r.Records.Files.Page = 0; return r },
	}
	for name, mangle := range tests {
		t.Run(name, func(t *testing.T) {
			files := maps.Clone(good)
			r := root
			b, err := json.Marshal(mangle(&r))
			if err != nil {
				t.Fatal(err)
			}
			files["search/root.json"] = b
			if _, err := Search(files, "council", 10); err == nil || !strings.Contains(err.Error(), "rebuild") {
				t.Errorf("Search: %v, want an error that says to rebuild", err)
			}
		})
	}
}
