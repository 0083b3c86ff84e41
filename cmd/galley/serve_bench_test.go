package main

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"galley.dev/galley/cmd/galley/internal/corpus"
)

// serveBenchStories is the size of the site BenchmarkServeSaveToReload
// edits: issue 7's target is 100 ms from save to reload at 10,000.
const serveBenchStories = 10000

// BenchmarkServeSaveToReload runs galley serve on a generated site of
// 10,000 stories, saves a new headline into one story, and times how long
// the reload event takes to reach an open tab (reload-ms), and how long
// until the page carries the new headline (page-ms), median and worst.
// It edits an old story, whose related lists and topic pages change, and
// the newest, which is also on the front page and in every feed.
//
//	go test -run='^$' -bench=ServeSaveToReload -benchtime=20x ./cmd/galley
func BenchmarkServeSaveToReload(b *testing.B) {
	site := b.TempDir()
	if err := corpus.Write(site, corpus.Options{Articles: serveBenchStories, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	base := startServe(b, site)
	events := openEvents(b, base)
	<-events // the first build
	for _, story := range []int{serveBenchStories / 2, serveBenchStories} {
		b.Run("story="+strconv.Itoa(story), func(b *testing.B) {
			file, url := corpusStory(b, site, story)
			src, err := os.ReadFile(file)
			if err != nil {
				b.Fatal(err)
			}
			var reloads, pages []time.Duration
			b.ResetTimer()
			for i := range b.N {
				headline := "Edited headline " + strconv.Itoa(i)
				edited := strings.Replace(string(src), "title: \"", "title: \""+headline+": ", 1)
				start := time.Now()
				if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
					b.Fatal(err)
				}
				select {
				case <-events:
				case <-time.After(30 * time.Second):
					b.Fatal("no reload event 30 s after the save")
				}
				reloads = append(reloads, time.Since(start))
				if page := fetch(b, base+url); !strings.Contains(page, headline) {
					b.Fatalf("the page after the reload has no %q", headline)
				}
				pages = append(pages, time.Since(start))
				// An editor saves seconds apart: let the pages made in
				// the background finish, off the clock.
				b.StopTimer()
				time.Sleep(500 * time.Millisecond)
				b.StartTimer()
			}
			reportMillis(b, "reload-ms", reloads)
			reportMillis(b, "page-ms", pages)
		})
	}
}

// openEvents connects to galley serve's reload events and sends on the
// channel for each one.
func openEvents(b *testing.B, base string) <-chan struct{} {
	resp, err := http.Get(base + "_galley/events")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { resp.Body.Close() })
	ch := make(chan struct{}, 16)
	go func() {
		lines := bufio.NewScanner(resp.Body)
		for lines.Scan() {
			if strings.HasPrefix(lines.Text(), "data: ") {
				ch <- struct{}{}
			}
		}
	}()
	return ch
}

// corpusStory returns the file and the URL path of story n of a corpus.
func corpusStory(b *testing.B, site string, n int) (file, url string) {
	matches, _ := filepath.Glob(filepath.Join(site, "content/*/story-"+strconv.Itoa(n)+".md"))
	if len(matches) != 1 {
		b.Fatalf("story-%d: %v", n, matches)
	}
	section := filepath.Base(filepath.Dir(matches[0]))
	return matches[0], section + "/story-" + strconv.Itoa(n) + "/"
}

func fetch(b *testing.B, url string) string {
	resp, err := http.Get(url)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 {
		b.Fatalf("GET %s: %d %v", url, resp.StatusCode, err)
	}
	return string(body)
}

// reportMillis reports the median and the worst of times, in ms.
func reportMillis(b *testing.B, name string, times []time.Duration) {
	slices.Sort(times)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(times[len(times)/2]), name+"-median")
	b.ReportMetric(ms(times[len(times)-1]), name+"-max")
}
