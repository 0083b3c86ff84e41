package main

import (
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestPhoneDownloadsLittle opens a story whose hero is a 4032×2268,
// 5.8 MB phone photo in headless Chromium as a phone sees it (375 CSS
// pixels wide, device pixel ratio 3): the page must load under 300 KB of
// images, pick a WebP derivative, and not shift as the picture arrives.
func TestPhoneDownloadsLittle(t *testing.T) {
	t.Parallel()
	srv := phonePhotoSite(t)
	browser := newBrowser(t)
	ctx, _ := tab(t, browser, 375)
	type measure struct {
		Bytes  float64  `json:"bytes"`
		Images []string `json:"images"`
		Shift  float64  `json:"shift"`
	}
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: 375, Height: 812, DeviceScaleFactor: 3, Mobile: true,
	}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/news/street/")); err != nil {
		t.Fatal(err)
	}
	result := eval[measure](t, ctx, `(async () => {
		const img = document.querySelector("figure.hero img");
		if (!img.complete) await new Promise(done => img.addEventListener("load", done, {once: true}));
		await new Promise(done => setTimeout(done, 300));
		const shifts = await new Promise(done => {
			new PerformanceObserver(l => done(l.getEntries())).observe({type: "layout-shift", buffered: true});
			setTimeout(() => done([]), 300);
		});
		const imgs = performance.getEntriesByType("resource").filter(e => /\.(webp|jpe?g|png|avif)$/.test(new URL(e.name).pathname));
		return {bytes: imgs.reduce((n, e) => n + e.encodedBodySize, 0), images: imgs.map(e => new URL(e.name).pathname), shift: shifts.reduce((n, e) => n + e.value, 0)};
	})()`)
	t.Logf("images at 375 px, DPR 3: %.0f bytes: %v; layout shift %.3f", result.Bytes, result.Images, result.Shift)
	if result.Bytes == 0 || result.Bytes > 300_000 {
		t.Errorf("the page loaded %.0f bytes of images, want some and at most 300,000", result.Bytes)
	}
	if len(result.Images) != 1 || filepath.Ext(result.Images[0]) != ".webp" {
		t.Errorf("images loaded: %v, want one WebP derivative", result.Images)
	}
	if result.Shift > 0 {
		t.Errorf("layout shift %.3f, want none", result.Shift)
	}
}

// phonePhotoSite builds and serves a site of one story whose hero is a
// 4032×2268, 5.8 MB phone photo, with a dek, as a newsroom's would be.
func phonePhotoSite(t *testing.T) *siteServer {
	t.Helper()
	photos := testPhotos(t)
	site := t.TempDir()
	copyFile(t, filepath.Join(photos, "hugo-issue-12669.jpg"), filepath.Join(site, "content/news/street/photo.jpg"))
	writeFile(t, filepath.Join(site, "content/news/street/index.md"), "---\ntitle: A street at night\ndate: 2026-11-30T09:00:00Z\ndescription: A photo story.\nimage:\n  src: photo.jpg\n  alt: A street at night\n  caption: The street.\n  credit: A. Photographer\n---\nBody of the story.\n")
	dest := filepath.Join(site, "public")
	srv := newSiteServer(t, dest)
	if _, stderr, code := runGalley(t, nil, "build", "-s", site, "--base-url", srv.URL+"/"); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	return srv
}
