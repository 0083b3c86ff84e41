package images

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gen2brain/webp"
	xwebp "golang.org/x/image/webp"
)

// jpegOnly is a fast spec for tests that are not about WebP.
func jpegOnly(widths ...int) Spec {
	return Spec{Widths: widths, Quality: 80, Formats: []string{"jpeg"}}
}

func TestDeriveWidths(t *testing.T) {
	tests := []struct {
		name       string
		w, h       int
		widths     []int
		wantWidths []int
		wantHeight []int
	}{
		{"wider than every width", 3000, 1500, []int{320, 640, 960, 1280, 1600, 2400}, []int{320, 640, 960, 1280, 1600, 2400}, []int{160, 320, 480, 640, 800, 1200}},
		{"original within 10% of 960 is not added", 1000, 500, []int{320, 640, 960, 1280}, []int{320, 640, 960}, []int{160, 320, 480}},
		{"original added between widths", 1200, 600, []int{320, 640, 960, 1280}, []int{320, 640, 960, 1200}, []int{160, 320, 480, 600}},
		{"original equal to a width", 640, 320, []int{320, 640, 960}, []int{320, 640}, []int{160, 320}},
		{"narrower than every width", 200, 100, []int{320, 640}, []int{200}, []int{100}},
		{"unsorted duplicate widths", 1000, 1000, []int{640, 320, 640}, []int{320, 640}, []int{320, 640}},
		{"odd heights round", 999, 333, []int{320, 1280}, []int{320, 999}, []int{107, 333}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := encodeTestJPEG(t, gradient(tt.w, tt.h), nil)
			set, err := Derive(context.Background(), src, jpegOnly(tt.widths...))
			if err != nil {
				t.Fatal(err)
			}
			if set.Width != tt.w || set.Height != tt.h {
				t.Errorf("set size = %dx%d, want %dx%d", set.Width, set.Height, tt.w, tt.h)
			}
			ds := set.ByFormat("jpeg")
			var gotW, gotH []int
			for _, d := range ds {
				gotW = append(gotW, d.Width)
				gotH = append(gotH, d.Height)
				checkDerivative(t, d)
			}
			if !equalInts(gotW, tt.wantWidths) || !equalInts(gotH, tt.wantHeight) {
				t.Errorf("derivatives %v x %v, want %v x %v", gotW, gotH, tt.wantWidths, tt.wantHeight)
			}
		})
	}
}

func TestDeriveBadSpec(t *testing.T) {
	src := encodeTestJPEG(t, gradient(64, 32), nil)
	tests := []struct {
		name string
		spec Spec
		want string
	}{
		{"no widths", Spec{Quality: 80, Formats: []string{"jpeg"}}, "no widths"},
		{"zero width", Spec{Widths: []int{0}, Quality: 80, Formats: []string{"jpeg"}}, "width 0"},
		{"huge width", Spec{Widths: []int{100000}, Quality: 80, Formats: []string{"jpeg"}}, "width 100000"},
		{"quality", Spec{Widths: []int{32}, Quality: 101, Formats: []string{"jpeg"}}, "quality 101"},
		{"no formats", Spec{Widths: []int{32}, Quality: 80}, "no formats"},
		{"unknown format", Spec{Widths: []int{32}, Quality: 80, Formats: []string{"avif"}}, `format "avif"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Derive(context.Background(), src, tt.spec)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestDeriveOrientation checks all eight EXIF orientations on a picture
// whose quadrants are red, green, blue and white: two displayed corners
// tell the eight transforms apart.
func TestDeriveOrientation(t *testing.T) {
	red, green, blue, white := color.RGBA{255, 0, 0, 255}, color.RGBA{0, 255, 0, 255}, color.RGBA{0, 0, 255, 255}, color.RGBA{255, 255, 255, 255}
	src := image.NewRGBA(image.Rect(0, 0, 64, 32))
	for y := 0; y < 32; y++ {
		for x := 0; x < 64; x++ {
			c := [2][2]color.RGBA{{red, green}, {blue, white}}[y/16][x/32]
			src.SetRGBA(x, y, c)
		}
	}
	tests := []struct {
		orientation       int
		topLeft, topRight color.RGBA
		transposed        bool
	}{
		{1, red, green, false},
		{2, green, red, false},
		{3, white, blue, false},
		{4, blue, white, false},
		{5, red, blue, true},
		{6, blue, red, true},
		{7, white, green, true},
		{8, green, white, true},
	}
	for _, tt := range tests {
		t.Run(string(rune('0'+tt.orientation)), func(t *testing.T) {
			data := encodeTestJPEG(t, src, testEXIF(binary.BigEndian, tt.orientation, nil))
			if got := SourceOrientation(data); got != tt.orientation {
				t.Errorf("SourceOrientation = %d, want %d", got, tt.orientation)
			}
			set, err := Derive(context.Background(), data, jpegOnly(4000))
			if err != nil {
				t.Fatal(err)
			}
			wantW, wantH := 64, 32
			if tt.transposed {
				wantW, wantH = 32, 64
			}
			if set.Width != wantW || set.Height != wantH {
				t.Errorf("set size %dx%d, want %dx%d", set.Width, set.Height, wantW, wantH)
			}
			ds := set.ByFormat("jpeg")
			if len(ds) != 1 {
				t.Fatalf("%d derivatives, want 1", len(ds))
			}
			img := checkDerivative(t, ds[0])
			b := img.Bounds()
			if b.Dx() != wantW || b.Dy() != wantH {
				t.Fatalf("pixels %v, want %dx%d", b, wantW, wantH)
			}
			if got := img.At(b.Min.X+2, b.Min.Y+2); !near(got, tt.topLeft) {
				t.Errorf("top left %v, want %v", got, tt.topLeft)
			}
			if got := img.At(b.Max.X-3, b.Min.Y+2); !near(got, tt.topRight) {
				t.Errorf("top right %v, want %v", got, tt.topRight)
			}
			if o := SourceOrientation(ds[0].Data); o > 1 {
				t.Errorf("derivative orientation %d, want 1 or none", o)
			}
		})
	}
}

// TestDeriveFormats covers the decoders: progressive, CMYK and grey JPEG,
// 8- and 16-bit, palette and alpha PNG, GIF and WebP.
func TestDeriveFormats(t *testing.T) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	goroot := filepath.Join(strings.TrimSpace(string(out)), "src", "image", "testdata")
	ref := readFile(t, filepath.Join(goroot, "video-001.png"))
	refImg, err := png.Decode(bytes.NewReader(ref))
	if err != nil {
		t.Fatal(err)
	}
	cmykRef, err := png.Decode(bytes.NewReader(readFile(t, filepath.Join(goroot, "video-001.cmyk.png"))))
	if err != nil {
		t.Fatal(err)
	}
	pal := image.NewPaletted(image.Rect(0, 0, 100, 40), color.Palette{color.RGBA{200, 10, 10, 255}, color.RGBA{10, 10, 200, 255}})
	for i := range pal.Pix {
		pal.Pix[i] = uint8(i % 2)
	}
	var webpSrc bytes.Buffer
	if err := webp.Encode(&webpSrc, gradient(120, 60), webp.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		src    []byte
		w, h   int
		like   image.Image // average colour to compare with, if any
		format string
	}{
		{"baseline jpeg", readFile(t, filepath.Join(goroot, "video-001.jpeg")), 150, 103, refImg, "jpeg"},
		{"progressive jpeg", readFile(t, filepath.Join(goroot, "video-001.progressive.jpeg")), 150, 103, refImg, "jpeg"},
		{"cmyk jpeg", readFile(t, filepath.Join(goroot, "video-001.cmyk.jpeg")), 150, 103, cmykRef, "jpeg"}, // Go's naive CMYK→RGB
		{"grey jpeg", readFile(t, filepath.Join(goroot, "video-005.gray.jpeg")), 150, 103, nil, "jpeg"},
		{"png 8-bit", ref, 150, 103, refImg, "png"},
		{"png 16-bit", encodeTestPNG(t, rgba64(80, 40)), 80, 40, rgba64(80, 40), "png"},
		{"png palette", encodeTestPNG(t, pal), 100, 40, pal, "png"},
		{"gif", readFile(t, filepath.Join(goroot, "video-001.gif")), 150, 103, refImg, "gif"},
		{"webp", webpSrc.Bytes(), 120, 60, gradient(120, 60), "webp"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := Derive(context.Background(), tt.src, Spec{Widths: []int{64, 4000}, Quality: 90, Formats: []string{"webp", "jpeg"}})
			if err != nil {
				t.Fatal(err)
			}
			if set.Width != tt.w || set.Height != tt.h || set.Format != tt.format || set.UseOriginal {
				t.Errorf("set = %dx%d %s original=%v, want %dx%d %s", set.Width, set.Height, set.Format, set.UseOriginal, tt.w, tt.h, tt.format)
			}
			for _, f := range []string{"webp", "jpeg"} {
				ds := set.ByFormat(f)
				if len(ds) != 2 || ds[0].Width != 64 || ds[1].Width != tt.w || ds[1].Height != tt.h {
					t.Fatalf("%s derivatives %v, want widths 64 and %d", f, sizes(ds), tt.w)
				}
				img := checkDerivative(t, ds[1])
				if tt.like != nil && !near(average(img), average(tt.like)) {
					t.Errorf("%s: average colour %v, want about %v", f, average(img), average(tt.like))
				}
			}
		})
	}
}

// TestDeriveAlpha: the JPEG fallback of a transparent PNG is flattened on
// white; the WebP keeps the transparency.
func TestDeriveAlpha(t *testing.T) {
	img := image.NewNRGBA64(image.Rect(0, 0, 40, 20))
	for y := 0; y < 20; y++ {
		for x := 0; x < 40; x++ {
			if x >= 20 { // right half: opaque dark blue
				img.SetNRGBA64(x, y, color.NRGBA64{0, 0, 0x8000, 0xffff})
			} // left half: fully transparent black
		}
	}
	set, err := Derive(context.Background(), encodeTestPNG(t, img), Spec{Widths: []int{40}, Quality: 90, Formats: []string{"jpeg", "webp"}})
	if err != nil {
		t.Fatal(err)
	}
	j := checkDerivative(t, set.ByFormat("jpeg")[0])
	if got := j.At(5, 10); !near(got, color.RGBA{255, 255, 255, 255}) {
		t.Errorf("jpeg transparent area %v, want white", got)
	}
	if got := j.At(35, 10); !near(got, color.RGBA{0, 0, 128, 255}) {
		t.Errorf("jpeg opaque area %v, want dark blue", got)
	}
	w := checkDerivative(t, set.ByFormat("webp")[0])
	if _, _, _, a := w.At(5, 10).RGBA(); a > 0x1000 {
		t.Errorf("webp transparent area alpha %#x, want transparent", a)
	}
	if got := w.At(35, 10); !near(got, color.RGBA{0, 0, 128, 255}) {
		t.Errorf("webp opaque area %v, want dark blue", got)
	}
}

// TestDeriveAnimated: an animated GIF or WebP is served as it is, since
// a resize would keep only its first frame; a one-frame GIF is resized.
func TestDeriveAnimated(t *testing.T) {
	frame := func(c uint8) *image.Paletted {
		return image.NewPaletted(image.Rect(0, 0, 30, 20), color.Palette{color.Gray{c}, color.Gray{255 - c}})
	}
	var anim, still bytes.Buffer
	if err := gif.EncodeAll(&anim, &gif.GIF{Image: []*image.Paletted{frame(0), frame(200)}, Delay: []int{10, 10}}); err != nil {
		t.Fatal(err)
	}
	if err := gif.EncodeAll(&still, &gif.GIF{Image: []*image.Paletted{frame(0)}, Delay: []int{10}}); err != nil {
		t.Fatal(err)
	}
	// An animated WebP's header: VP8X with the animation flag, a 30×20
	// canvas, an ANIM chunk.
	vp8x := []byte{vp8xAnimation, 0, 0, 0, 29, 0, 0, 19, 0, 0}
	body := append([]byte("WEBPVP8X\x0a\x00\x00\x00"), vp8x...)
	body = append(body, "ANIM\x06\x00\x00\x00\xff\xff\xff\xff\x00\x00"...)
	animWebP := append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...)
	animWebP = append(animWebP, body...)
	tests := []struct {
		name     string
		src      []byte
		format   string
		original bool
	}{
		{"animated gif", anim.Bytes(), "gif", true},
		{"animated webp", animWebP, "webp", true},
		{"one-frame gif", still.Bytes(), "gif", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := Derive(context.Background(), tt.src, jpegOnly(16, 320))
			if err != nil {
				t.Fatal(err)
			}
			if set.UseOriginal != tt.original || set.Width != 30 || set.Height != 20 || set.Format != tt.format {
				t.Errorf("set %dx%d %s UseOriginal %v, want 30x20 %s %v", set.Width, set.Height, set.Format, set.UseOriginal, tt.format, tt.original)
			}
			if n := len(set.Derivatives); tt.original && n != 0 || !tt.original && n != 2 {
				t.Errorf("%d derivatives", n)
			}
		})
	}
}

// TestDeriveRefusesHostile checks errors, never panics or huge
// allocations, for pictures that lie about their size or are not
// pictures.
func TestDeriveRefusesHostile(t *testing.T) {
	hugePNG := pngHeader(20000, 20000)
	hugeGIF := []byte("GIF89a\x20\x4e\x20\x4e\x00\x00\x00;") // 20000×20000
	tests := []struct {
		name string
		src  []byte
		want string
	}{
		{"empty", nil, "not a JPEG, PNG, GIF or WebP"},
		{"text", []byte("hello, world"), "not a JPEG, PNG, GIF or WebP"},
		{"huge png", hugePNG, "400 megapixels"},
		{"huge gif", hugeGIF, "400 megapixels"},
		{"truncated jpeg", encodeTestJPEG(t, gradient(64, 64), nil)[:300], "decode jpeg"},
		{"zero-size png", pngHeader(0, 10), "png"},
		{"over the spec's cap", encodeTestJPEG(t, gradient(100, 100), nil), "0.01 megapixels: more than the 0.01 Galley decodes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := jpegOnly(320)
			if strings.HasPrefix(tt.name, "over") {
				spec.MaxPixels = 9999
			}
			_, err := Derive(context.Background(), tt.src, spec)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestDeriveCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Derive(ctx, encodeTestJPEG(t, gradient(64, 64), nil), jpegOnly(32))
	if err == nil || !strings.Contains(err.Error(), "canceled") {
		t.Errorf("err = %v, want context canceled", err)
	}
}

func TestDecodeCost(t *testing.T) {
	tests := []struct {
		w, h int
		spec Spec
		want int64
	}{
		{0, 0, DefaultSpec(), 0},
		{-5, 10, DefaultSpec(), 0},
		{100, 100, DefaultSpec(), 8*10000 + 40*100*101},
		{6000, 4000, DefaultSpec(), 8*24_000_000 + 40*2400*1601},
		{6000, 4000, jpegOnly(320, 1280), 8*24_000_000 + 16*1280*854},
		{100000, 100000, DefaultSpec(), 8*10_000_000_000 + 40*2400*2401},
	}
	for _, tt := range tests {
		if got := tt.spec.Cost(tt.w, tt.h); got != tt.want {
			t.Errorf("%v.Cost(%d, %d) = %d, want %d", tt.spec.Formats, tt.w, tt.h, got, tt.want)
		}
	}
	if got, want := DecodeCost(6000, 4000), DefaultSpec().Cost(6000, 4000); got != want {
		t.Errorf("DecodeCost = %d, want DefaultSpec's %d", got, want)
	}
}

// TestDecodeCostBoundsPeak samples the heap while Derive works on the
// phone photo: its peak stays under DecodeCost. The GC runs at 1 % so
// that the heap in use is close to what is live.
func TestDecodeCostBoundsPeak(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: encodes WebP in WASM")
	}
	src := readFile(t, filepath.Join(imagemetaDir(t), "hugo-issue-12669.jpg"))
	defer debug.SetGCPercent(debug.SetGCPercent(1))
	for _, formats := range [][]string{{"jpeg"}, {"webp", "jpeg"}} {
		spec := DefaultSpec()
		spec.Formats = formats
		var err error
		used := peakHeap(func() { _, err = Derive(context.Background(), src, spec) })
		if err != nil {
			t.Fatal(err)
		}
		bound := spec.Cost(4032, 2268)
		t.Logf("%v: peak %d MB, Cost %d MB", formats, used>>20, bound>>20)
		if used > bound {
			t.Errorf("%v: peak heap %d MB over Cost's %d MB", formats, used>>20, bound>>20)
		}
	}
}

// peakHeap runs f and returns the most heap it held in use meanwhile,
// above what was in use before, sampled every 2 ms.
func peakHeap(f func()) int64 {
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	stop, peak := make(chan struct{}), make(chan uint64)
	go func() {
		var top uint64
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			top = max(top, m.HeapInuse)
			select {
			case <-stop:
				peak <- top
				return
			case <-tick.C:
			}
		}
	}()
	f()
	close(stop)
	return int64(<-peak) - int64(base.HeapInuse)
}

// TestDeriveRealPhotos derives the phone photo and the IPTC reference
// image with the default spec.
func TestDeriveRealPhotos(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: encodes WebP in WASM")
	}
	dir := imagemetaDir(t)
	tests := []struct {
		file string
		w, h int
	}{
		{"hugo-issue-12669.jpg", 4032, 2268},
		{"IPTC-PhotometadataRef-Std2021.1.jpg", 2000, 1000},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			src := readFile(t, filepath.Join(dir, tt.file))
			set, err := Derive(context.Background(), src, DefaultSpec())
			if err != nil {
				t.Fatal(err)
			}
			if set.Width != tt.w || set.Height != tt.h || set.Format != "jpeg" {
				t.Errorf("set %dx%d %s, want %dx%d jpeg", set.Width, set.Height, set.Format, tt.w, tt.h)
			}
			for _, f := range []string{"webp", "jpeg"} {
				ds := set.ByFormat(f)
				var want []int
				for _, w := range DefaultSpec().Widths {
					if w <= tt.w {
						want = append(want, w)
					}
				}
				if tt.w < 2400 && float64(want[len(want)-1]) < 0.9*float64(tt.w) {
					want = append(want, tt.w)
				}
				var got []int
				for i, d := range ds {
					got = append(got, d.Width)
					checkDerivative(t, d)
					if d.Width > tt.w {
						t.Errorf("%s %d wider than the original %d", f, d.Width, tt.w)
					}
					if i > 0 && len(d.Data) <= len(ds[i-1].Data) {
						t.Errorf("%s %d is %d bytes, not more than the %d-px one (%d)", f, d.Width, len(d.Data), ds[i-1].Width, len(ds[i-1].Data))
					}
				}
				if !equalInts(got, want) {
					t.Errorf("%s widths %v, want %v", f, got, want)
				}
				if len(ds[0].Data) >= len(src)/2 {
					t.Errorf("%s %d px is %d bytes, source %d", f, ds[0].Width, len(ds[0].Data), len(src))
				}
				t.Logf("%s: %s", f, sizes(ds))
			}
		})
	}
}

// TestDeriveExiftoolRotated derives a real photo that exiftool turned on
// its side (Orientation 6): the derivatives are upright, their width and
// height swapped, and they say Orientation 1 or nothing.
func TestDeriveExiftoolRotated(t *testing.T) {
	exiftool := requireExiftool(t)
	dir := imagemetaDir(t)
	out := filepath.Join(t.TempDir(), "rotated.jpg")
	if b, err := exec.Command(exiftool, "-n", "-Orientation=6", "-o", out, filepath.Join(dir, "mushroom.jpg")).CombinedOutput(); err != nil {
		t.Fatalf("exiftool: %v\n%s", err, b)
	}
	src := readFile(t, out)
	if o := SourceOrientation(src); o != 6 {
		t.Fatalf("SourceOrientation = %d, want 6", o)
	}
	set, err := Derive(context.Background(), src, DefaultSpec())
	if err != nil {
		t.Fatal(err)
	}
	if set.Width != 533 || set.Height != 400 {
		t.Errorf("set %dx%d, want 533x400 (mushroom.jpg is 400x533 stored)", set.Width, set.Height)
	}
	for _, f := range []string{"webp", "jpeg"} {
		ds := set.ByFormat(f)
		if len(ds) != 2 || ds[0].Width != 320 || ds[0].Height != 240 || ds[1].Width != 533 || ds[1].Height != 400 {
			t.Fatalf("%s derivatives %s, want 320x240 and 533x400", f, sizes(ds))
		}
		for _, d := range ds {
			checkDerivative(t, d)
			m := exiftoolJSON(t, exiftool, d)
			if o, ok := m["Orientation"]; ok && o != 1.0 {
				t.Errorf("%s %d: Orientation %v, want 1 or absent", f, d.Width, o)
			}
			if m["ImageWidth"] != float64(d.Width) || m["ImageHeight"] != float64(d.Height) {
				t.Errorf("%s %d: exiftool says %vx%v", f, d.Width, m["ImageWidth"], m["ImageHeight"])
			}
		}
	}
}

func BenchmarkDerivePhone(b *testing.B) {
	dir := imagemetaDir(b)
	src := readFile(b, filepath.Join(dir, "hugo-issue-12669.jpg"))
	for _, bc := range []struct {
		name    string
		formats []string
	}{
		{"jpeg", []string{"jpeg"}},
		{"jpeg+webp", []string{"webp", "jpeg"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			spec := DefaultSpec()
			spec.Formats = bc.formats
			var out int
			for b.Loop() {
				set, err := Derive(context.Background(), src, spec)
				if err != nil {
					b.Fatal(err)
				}
				out = 0
				for _, d := range set.Derivatives {
					out += len(d.Data)
				}
			}
			b.ReportMetric(float64(out), "bytes-out")
			b.ReportMetric(float64(len(src)), "bytes-in")
		})
	}
}

func FuzzDerive(f *testing.F) {
	f.Add(encodeTestJPEG(f, gradient(9, 7), testEXIF(binary.LittleEndian, 6, []byte("GPS"))))
	f.Add(encodeTestPNG(f, rgba64(5, 3)))
	var g bytes.Buffer
	gif.Encode(&g, gradient(6, 4), nil)
	f.Add(g.Bytes())
	var w bytes.Buffer
	webp.Encode(&w, gradient(6, 4))
	f.Add(w.Bytes())
	f.Add(pngHeader(20000, 20000))
	f.Add([]byte("RIFF\x10\x00\x00\x00WEBPVP8X"))
	// A small pixel cap keeps each run fast: a 100-megapixel source
	// takes seconds, which the fuzzer would spend on one input.
	spec := Spec{Widths: []int{4, 16}, Quality: 50, Formats: []string{"jpeg"}, MaxPixels: 1 << 16}
	f.Fuzz(func(t *testing.T, src []byte) {
		set, err := Derive(context.Background(), src, spec)
		if err != nil {
			return
		}
		for _, d := range set.Derivatives {
			if d.Width > set.Width || d.Width < 1 || d.Height < 1 {
				t.Fatalf("derivative %dx%d of a %dx%d source", d.Width, d.Height, set.Width, set.Height)
			}
			if _, err := jpeg.DecodeConfig(bytes.NewReader(d.Data)); err != nil {
				t.Fatalf("derivative does not decode: %v", err)
			}
		}
	})
}

// --- helpers

func gradient(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.SetRGBA(x, y, color.RGBA{uint8(x * 255 / max(w, 1)), uint8(y * 255 / max(h, 1)), 128, 255})
		}
	}
	return img
}

func rgba64(w, h int) *image.NRGBA64 {
	img := image.NewNRGBA64(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.SetNRGBA64(x, y, color.NRGBA64{uint16(x * 65535 / w), 0x4000, uint16(y * 65535 / h), 0xffff})
		}
	}
	return img
}

// encodeTestJPEG encodes img and puts exif (a TIFF block), if any, in an
// APP1 segment after SOI.
func encodeTestJPEG(t testing.TB, img image.Image, exif []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	if exif == nil {
		return data
	}
	return insertSegment(data, 0xE1, append([]byte("Exif\x00\x00"), exif...))
}

// insertSegment puts a marker segment right after SOI.
func insertSegment(jpg []byte, marker byte, payload []byte) []byte {
	seg := []byte{0xFF, marker, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	out = append(out, payload...)
	return append(out, jpg[2:]...)
}

func encodeTestPNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pngHeader is a PNG signature and an IHDR claiming w×h, and no pixels.
func pngHeader(w, h uint32) []byte {
	b := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR")
	b = binary.BigEndian.AppendUint32(b, w)
	b = binary.BigEndian.AppendUint32(b, h)
	b = append(b, 8, 6, 0, 0, 0)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[12:]))
}

// testEXIF builds a small TIFF block: IFD0 with Orientation and Artist,
// an Exif IFD with PixelXDimension and a MakerNote, a GPS IFD whose area
// information is gps, and an IFD1.
func testEXIF(bo binary.ByteOrder, orientation int, gps []byte) []byte {
	type entry struct {
		tag, typ uint16
		count    uint32
		value    []byte
	}
	u16 := func(v uint16) []byte { b := make([]byte, 2); bo.PutUint16(b, v); return b }
	u32 := func(v uint32) []byte { b := make([]byte, 4); bo.PutUint32(b, v); return b }
	var out []byte
	if bo == binary.BigEndian {
		out = []byte("MM\x00\x2a")
	} else {
		out = []byte("II\x2a\x00")
	}
	out = append(out, u32(8)...)
	// writeIFD appends an IFD at the end of out with its data after it
	// and returns its offset; ptrs patch in sub-IFD offsets later.
	writeIFD := func(entries []entry, next uint32) (int, map[uint16]int) {
		start := len(out)
		slots := map[uint16]int{}
		out = append(out, u16(uint16(len(entries)))...)
		dataAt := start + 2 + 12*len(entries) + 4
		var data []byte
		for _, e := range entries {
			out = append(out, u16(e.tag)...)
			out = append(out, u16(e.typ)...)
			out = append(out, u32(e.count)...)
			slots[e.tag] = len(out)
			if len(e.value) <= 4 {
				out = append(out, append(e.value, make([]byte, 4-len(e.value))...)...)
				continue
			}
			out = append(out, u32(uint32(dataAt+len(data)))...)
			data = append(data, e.value...)
			if len(data)%2 == 1 {
				data = append(data, 0)
			}
		}
		out = append(out, u32(next)...)
		out = append(out, data...)
		return start, slots
	}
	_, slots := writeIFD([]entry{
		{0x010F, 2, 6, []byte("Canon\x00")},
		{0x0112, 3, 1, u16(uint16(orientation))},
		{0x013B, 2, 10, []byte("Ana Ruiz\x00\x00")},
		{0x8769, 4, 1, u32(0)},
		{0x8825, 4, 1, u32(0)},
	}, 0)
	ifd0Next := len(out) - 0 // patched below
	_ = ifd0Next
	exifAt, _ := writeIFD([]entry{
		{0x9003, 2, 20, []byte("2026:11:24 09:00:00\x00")},
		{0x927C, 7, 12, []byte("MAKERSECRETS")},
		{0xA002, 4, 1, u32(4032)},
		{0xA003, 4, 1, u32(3024)},
	}, 0)
	copy(out[slots[0x8769]:], u32(uint32(exifAt)))
	if gps != nil {
		gpsAt, _ := writeIFD([]entry{
			{0x0001, 2, 2, []byte("N\x00")},
			{0x001C, 7, uint32(len(gps)), gps},
		}, 0)
		copy(out[slots[0x8825]:], u32(uint32(gpsAt)))
	}
	ifd1At, _ := writeIFD([]entry{{0x0112, 3, 1, u16(1)}}, 0)
	// IFD0's next-IFD offset sits right after its 5 entries.
	copy(out[8+2+5*12:], u32(uint32(ifd1At)))
	return out
}

// checkDerivative decodes d in its own format and checks its size and
// magic bytes.
func checkDerivative(t testing.TB, d Derivative) image.Image {
	t.Helper()
	var img image.Image
	var err error
	switch d.Format {
	case "jpeg":
		if !bytes.HasPrefix(d.Data, []byte{0xFF, 0xD8, 0xFF}) {
			t.Fatalf("jpeg %d: magic % x", d.Width, d.Data[:min(4, len(d.Data))])
		}
		img, err = jpeg.Decode(bytes.NewReader(d.Data))
	case "webp":
		if len(d.Data) < 12 || string(d.Data[:4]) != "RIFF" || string(d.Data[8:12]) != "WEBP" {
			t.Fatalf("webp %d: magic %q", d.Width, d.Data[:min(12, len(d.Data))])
		}
		if n := binary.LittleEndian.Uint32(d.Data[4:]); int(n)+8 != len(d.Data) {
			t.Errorf("webp %d: RIFF size %d, file %d bytes", d.Width, n, len(d.Data))
		}
		img, err = xwebp.Decode(bytes.NewReader(d.Data))
	default:
		t.Fatalf("format %q", d.Format)
	}
	if err != nil {
		t.Fatalf("%s %d: %v", d.Format, d.Width, err)
	}
	if b := img.Bounds(); b.Dx() != d.Width || b.Dy() != d.Height {
		t.Errorf("%s says %dx%d, pixels are %v", d.Format, d.Width, d.Height, b)
	}
	return img
}

func near(a, b color.Color) bool {
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	d := func(x, y uint32) bool { return max(x, y)-min(x, y) < 0x1800 }
	return d(r1, r2) && d(g1, g2) && d(b1, b2) && d(a1, a2)
}

func average(img image.Image) color.RGBA {
	var r, g, bl, n uint64
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			r, g, bl, n = r+uint64(cr>>8), g+uint64(cg>>8), bl+uint64(cb>>8), n+1
		}
	}
	return color.RGBA{uint8(r / n), uint8(g / n), uint8(bl / n), 255}
}

func sizes(ds []Derivative) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "%dx%d %d B; ", d.Width, d.Height, len(d.Data))
	}
	return b.String()
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var imagemetaOnce struct {
	sync.Once
	dir string
	err error
}

// imagemetaDir returns the folder of the bep/imagemeta module's test
// photos, downloading the module (from the proxy or the module cache)
// if need be; it skips the test when that fails.
func imagemetaDir(t testing.TB) string {
	t.Helper()
	imagemetaOnce.Do(func() {
		out, err := exec.Command("go", "mod", "download", "-json", "github.com/bep/imagemeta@v1.0.1").Output()
		if err != nil {
			imagemetaOnce.err = err
			return
		}
		var m struct{ Dir string }
		if imagemetaOnce.err = json.Unmarshal(out, &m); imagemetaOnce.err == nil {
			imagemetaOnce.dir = filepath.Join(m.Dir, "testdata", "images")
		}
	})
	if imagemetaOnce.err != nil || imagemetaOnce.dir == "" {
		t.Skipf("cannot download github.com/bep/imagemeta for its test photos: %v", imagemetaOnce.err)
	}
	return imagemetaOnce.dir
}

// requireExiftool returns exiftool's path, or skips the test when it is
// not installed, unless GALLEY_REQUIRE_TOOLS is set, when it fails.
func requireExiftool(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("exiftool")
	if err == nil {
		return p
	}
	if os.Getenv("GALLEY_REQUIRE_TOOLS") != "" {
		t.Fatalf("exiftool is not installed (Debian libimage-exiftool-perl)")
	}
	t.Skip("exiftool is not installed; make test installs it")
	return ""
}

// exiftoolJSON writes d to a file and returns what `exiftool -j -n` reads.
func exiftoolJSON(t testing.TB, exiftool string, d Derivative) map[string]any {
	t.Helper()
	f := filepath.Join(t.TempDir(), "d."+d.Format)
	if err := os.WriteFile(f, d.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	return exiftoolFile(t, exiftool, f)
}

func exiftoolFile(t testing.TB, exiftool, file string) map[string]any {
	t.Helper()
	out, err := exec.Command(exiftool, "-j", "-n", file).Output()
	if err != nil {
		t.Fatalf("exiftool %s: %v", file, err)
	}
	var ms []map[string]any
	if err := json.Unmarshal(out, &ms); err != nil || len(ms) != 1 {
		t.Fatalf("exiftool output: %v\n%s", err, out)
	}
	return ms[0]
}
