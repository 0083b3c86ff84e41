package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// startServe runs galley serve on a free loopback port and returns its
// base URL.
func startServe(t testing.TB, site string) string {
	t.Helper()
	cmd := exec.Command(galleyBin, "serve", "-s", site, "--addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(interrupt)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			t.Error("galley serve did not stop on an interrupt")
		}
	})
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		if u, ok := strings.CutPrefix(lines.Text(), "serving "); ok {
			go io.Copy(io.Discard, stdout)
			return strings.Fields(u)[0]
		}
	}
	t.Fatal("galley serve printed no address")
	return ""
}

// TestServeLiveReload edits an article's title while Chromium shows the
// page, and expects the new title without a manual reload.
func TestServeLiveReload(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	article := filepath.Join(site, "content/news/story.md")
	writeFile(t, article, "---\ntitle: Before the edit\ndate: 2026-11-20\n---\nBody.\n")
	base := startServe(t, site)
	ctx, _ := tab(t, newBrowser(t), 1280)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"news/story/")); err != nil {
		t.Fatal(err)
	}
	if h := eval[string](t, ctx, `document.querySelector('h1').textContent`); h != "Before the edit" {
		t.Fatalf("headline %q", h)
	}
	eval[bool](t, ctx, `window.__sameDocument = true`)
	time.Sleep(200 * time.Millisecond) // let the event stream connect
	writeFile(t, article, "---\ntitle: After the edit\ndate: 2026-11-20\n---\nBody.\n")
	if !waitFor(ctx, `document.querySelector('h1')?.textContent === 'After the edit'`) {
		t.Fatal("the page never showed the new title")
	}
	if eval[bool](t, ctx, `window.__sameDocument === true`) {
		t.Error("the title changed without a reload?")
	}

	// A bad edit shows the problem in the browser; a good one recovers.
	writeFile(t, article, "---\ntitle: Broken\ndate: someday\n---\nBody.\n")
	if !waitFor(ctx, `document.body.textContent.includes('content/news/story.md:3')`) {
		t.Fatal("the build problem was not shown in the browser")
	}
	writeFile(t, article, "---\ntitle: Fixed\ndate: 2026-11-20\n---\nBody.\n")
	if !waitFor(ctx, `document.querySelector('h1')?.textContent === 'Fixed'`) {
		t.Fatal("the preview did not recover after a good save")
	}

	// A stylesheet's edit renames it: the page reloads and links the new
	// name, which a browser has not kept.
	old := eval[string](t, ctx, `document.querySelector('link[rel=stylesheet]').getAttribute('href')`)
	if !regexp.MustCompile(`^/css/galley\.[0-9a-f]{16}\.css$`).MatchString(old) {
		t.Fatalf("the page links the stylesheet %q, not by its fingerprinted name", old)
	}
	writeFile(t, filepath.Join(site, "static/css/galley.css"), "h1 { color: rgb(1, 2, 3) }\n")
	if !waitFor(ctx, `getComputedStyle(document.querySelector('h1')).color === 'rgb(1, 2, 3)'`) {
		t.Fatal("the page never showed the edited stylesheet")
	}
	if now := eval[string](t, ctx, `document.querySelector('link[rel=stylesheet]').getAttribute('href')`); now == old {
		t.Errorf("the edited stylesheet kept the name %s", old)
	}
}

// waitFor evaluates cond in the page until it is true, for up to ten
// seconds, across the reloads it is waiting for.
func waitFor(ctx context.Context, cond string) bool {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		c, cancel := context.WithTimeout(ctx, time.Second)
		ok, err := chromedp.Run(c, chromedp.Evaluate[bool](`(() => { try { return !!(`+cond+`) } catch (e) { return false } })()`))
		cancel()
		if err == nil && ok {
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return false
}

// TestServeLoad sends 20,000 requests from 50 connections to galley serve
// on loopback, traversal attempts among them, and expects no error.
func TestServeLoad(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	writeFile(t, filepath.Join(site, "content/news/story.md"), "---\ntitle: Story\ndate: 2026-11-20\n---\nBody.\n")
	base := startServe(t, site)
	paths := []string{"news/story/", "css/galley.css", "favicon.svg", "", "no-such/", "../../etc/passwd", "%2e%2e/%2e%2e/etc/passwd", "news/..%2f..%2f..%2fetc/passwd"}
	want := []int{200, 200, 200, 200, 404, 404, 404, 404}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 50}, Timeout: 10 * time.Second}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []string
	const conns, perConn = 50, 400
	for c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perConn {
				k := (c + i) % len(paths)
				req, _ := http.NewRequest("GET", base+paths[k], nil)
				req.URL.Opaque = "//" + req.URL.Host + "/" + paths[k] // send the path as is
				resp, err := client.Do(req)
				if err != nil {
					mu.Lock()
					failures = append(failures, err.Error())
					mu.Unlock()
					continue
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != want[k] && !(want[k] == 404 && resp.StatusCode == 400) || strings.Contains(string(body), "root:") {
					mu.Lock()
					failures = append(failures, paths[k]+": "+resp.Status)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if len(failures) > 0 {
		t.Errorf("%d of %d requests failed, first: %v", len(failures), conns*perConn, failures[0])
	}
}

// TestServeLoopback checks which listening addresses galley serve warns
// about: any that other machines can reach, since the preview shows
// drafts and scheduled stories.
func TestServeLoopback(t *testing.T) {
	for host, want := range map[string]bool{
		"127.0.0.1": true, "127.0.0.2": true, "127.255.255.254": true, "::1": true, "[::1]": true,
		"localhost": true, "LocalHost": true, "localhost.": true, "::ffff:127.0.0.1": true,
		"": false, "0.0.0.0": false, "::": false, "[::]": false, "192.168.1.20": false, "10.0.0.1": false,
		"fe80::1%eth0": false, "2001:db8::1": false, "example.org": false, "my-laptop": false,
		"localhost.example.org": false, "127.0.0.1.nip.io": false,
	} {
		if got := isLoopback(host); got != want {
			t.Errorf("isLoopback(%q) = %v, want %v", host, got, want)
		}
	}
	for addr, warn := range map[string]bool{
		"127.0.0.1:1313": false, "[::1]:1313": false, "[::]:1313": true, "0.0.0.0:1313": true, "192.168.1.20:1313": true,
	} {
		ap, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		msg := exposureWarning(ap)
		if warn != (msg != "") || warn && !strings.Contains(msg, "drafts") {
			t.Errorf("exposureWarning(%s) = %q, want a warning: %v", addr, msg, warn)
		}
	}
}
