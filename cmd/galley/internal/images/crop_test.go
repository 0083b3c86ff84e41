package images

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"math"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// The three crops Google asks of an Article's image.
var googleRatios = [][2]int{{16, 9}, {4, 3}, {1, 1}}

// coordinates is an upright picture whose pixel (x, y) is red x, green
// y: a crop's pixels say where in the picture it was cut.
func coordinates(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetRGBA(x, y, color.RGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	return img
}

// stored returns how a camera stores upright under EXIF orientation o:
// the picture that orient turns back into upright.
func stored(upright *image.RGBA, o int) *image.RGBA {
	inverse := map[int]int{6: 8, 8: 6}[o]
	if inverse == 0 {
		inverse = o // 1–5 and 7 are their own inverse
	}
	return orient(upright, inverse)
}

func focus(x, y float64) *[2]float64 { return &[2]float64{x, y} }

// TestCropsFocus cuts pictures whose pixels name their own coordinates,
// stored under every EXIF orientation: each crop is the largest of its
// ratio, centred on the focus point of the upright picture, clamped
// inside it, and never enlarged.
func TestCropsFocus(t *testing.T) {
	type cut struct{ x0, y0, w, h int } // in the upright picture
	tests := []struct {
		name  string
		w, h  int // upright
		focus *[2]float64
		want  []cut // for googleRatios
	}{
		{"landscape centre", 160, 90, nil, []cut{{0, 0, 160, 90}, {20, 0, 120, 90}, {35, 0, 90, 90}}},
		{"landscape left edge", 160, 90, focus(0, 0.5), []cut{{0, 0, 160, 90}, {0, 0, 120, 90}, {0, 0, 90, 90}}},
		{"landscape right edge", 160, 90, focus(1, 1), []cut{{0, 0, 160, 90}, {40, 0, 120, 90}, {70, 0, 90, 90}}},
		{"landscape off centre", 160, 90, focus(0.3, 0), []cut{{0, 0, 160, 90}, {0, 0, 120, 90}, {3, 0, 90, 90}}},
		{"portrait centre", 90, 160, nil, []cut{{0, 55, 90, 51}, {0, 46, 90, 68}, {0, 35, 90, 90}}},
		{"portrait top", 90, 160, focus(0.5, 0), []cut{{0, 0, 90, 51}, {0, 0, 90, 68}, {0, 0, 90, 90}}},
		{"portrait bottom", 90, 160, focus(0, 1), []cut{{0, 109, 90, 51}, {0, 92, 90, 68}, {0, 70, 90, 90}}},
		{"portrait a third down", 90, 160, focus(0.9, 1.0/3), []cut{{0, 28, 90, 51}, {0, 19, 90, 68}, {0, 8, 90, 90}}},
	}
	for _, tt := range tests {
		upright := coordinates(tt.w, tt.h)
		for o := 1; o <= 8; o++ {
			t.Run(fmt.Sprintf("%s/orientation %d", tt.name, o), func(t *testing.T) {
				src := encodeTestJPEG(t, stored(upright, o), testEXIF(binary.LittleEndian, o, nil))
				crops, err := Crops(context.Background(), src, CropSpec{Ratios: googleRatios, Width: 1200, Quality: 95, Focus: tt.focus})
				if err != nil {
					t.Fatal(err)
				}
				if len(crops) != len(tt.want) {
					t.Fatalf("%d crops, want %d", len(crops), len(tt.want))
				}
				for i, c := range crops {
					want := tt.want[i]
					if c.Ratio != googleRatios[i] || c.Width != want.w || c.Height != want.h {
						t.Fatalf("crop %d is %v %dx%d, want %v %dx%d", i, c.Ratio, c.Width, c.Height, googleRatios[i], want.w, want.h)
					}
					img := checkCrop(t, c)
					// The corners of the crop are the picture's pixels at
					// the corners of the cut.
					for _, p := range []image.Point{{1, 1}, {c.Width - 2, 1}, {1, c.Height - 2}, {c.Width - 2, c.Height - 2}} {
						r, g, _, _ := img.At(p.X, p.Y).RGBA()
						gotX, gotY := int(r>>8), int(g>>8)
						wantX, wantY := want.x0+p.X, want.y0+p.Y
						if abs(gotX-wantX) > 3 || abs(gotY-wantY) > 3 {
							t.Errorf("crop %v at %v shows the picture's (%d, %d), want (%d, %d)", c.Ratio, p, gotX, gotY, wantX, wantY)
						}
					}
				}
			})
		}
	}
}

// TestCropsResize: a crop wider than the spec's width is scaled down to
// it, in its ratio; a narrower one keeps its size.
func TestCropsResize(t *testing.T) {
	src := encodeTestJPEG(t, gradient(400, 300), nil)
	tests := []struct {
		width  int
		ratios [][2]int
		want   string
	}{
		{1200, googleRatios, "400x225 400x300 300x300"},
		{200, googleRatios, "200x113 200x150 200x200"},
		{320, googleRatios, "320x180 320x240 300x300"},
		{1, [][2]int{{16, 9}, {1, 1}}, "1x1 1x1"},
		{100, [][2]int{{1, 3}, {1000, 1}}, "100x300 100x1"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.width, tt.ratios), func(t *testing.T) {
			crops, err := Crops(context.Background(), src, CropSpec{Ratios: tt.ratios, Width: tt.width, Quality: 80})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range crops {
				checkCrop(t, c)
				got = append(got, fmt.Sprintf("%dx%d", c.Width, c.Height))
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("crops %s, want %s", g, tt.want)
			}
		})
	}
}

// TestCropsBadSpec: a spec that cannot be made is refused, saying what
// to write instead.
func TestCropsBadSpec(t *testing.T) {
	src := encodeTestJPEG(t, gradient(40, 30), nil)
	ok := CropSpec{Ratios: googleRatios, Width: 1200, Quality: 80}
	tests := []struct {
		name string
		edit func(*CropSpec)
		want string
	}{
		{"no ratios", func(s *CropSpec) { s.Ratios = nil }, "no crop ratios: list at least one, such as 16:9"},
		{"zero ratio", func(s *CropSpec) { s.Ratios = [][2]int{{16, 0}} }, "crop ratio 16:0: want two whole numbers from 1 to 1000"},
		{"negative ratio", func(s *CropSpec) { s.Ratios = [][2]int{{-4, 3}} }, "crop ratio -4:3"},
		{"huge ratio", func(s *CropSpec) { s.Ratios = [][2]int{{1001, 1}} }, "crop ratio 1001:1"},
		{"same shape twice", func(s *CropSpec) { s.Ratios = [][2]int{{16, 9}, {32, 18}} }, "crop ratios 16:9 and 32:18 are the same shape"},
		{"no width", func(s *CropSpec) { s.Width = 0 }, "crop width 0: want 1 to 16384 pixels"},
		{"too wide", func(s *CropSpec) { s.Width = 20000 }, "crop width 20000"},
		{"no quality", func(s *CropSpec) { s.Quality = 0 }, "quality 0: want 1 to 100"},
		{"negative cap", func(s *CropSpec) { s.MaxPixels = -1 }, "max pixels -1"},
		{"focus left of the picture", func(s *CropSpec) { s.Focus = focus(-0.1, 0.5) }, "focus -0.1, 0.5: want x and y from 0 to 1"},
		{"focus below it", func(s *CropSpec) { s.Focus = focus(0.5, 1.5) }, "focus 0.5, 1.5"},
		{"focus NaN", func(s *CropSpec) { s.Focus = focus(math.NaN(), 0.5) }, "focus NaN, 0.5"},
		{"focus infinite", func(s *CropSpec) { s.Focus = focus(0.5, math.Inf(1)) }, "focus 0.5, +Inf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := ok
			tt.edit(&spec)
			crops, err := Crops(context.Background(), src, spec)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
			if crops != nil {
				t.Errorf("%d crops, want none", len(crops))
			}
		})
	}
}

// TestCropsRefuses: what Derive refuses, Crops refuses, before decoding
// a pixel; a cancelled build stops.
func TestCropsRefuses(t *testing.T) {
	spec := CropSpec{Ratios: googleRatios, Width: 1200, Quality: 80}
	small := encodeTestJPEG(t, gradient(100, 100), nil)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name      string
		ctx       context.Context
		src       []byte
		maxPixels int64
		want      string
	}{
		{"empty", context.Background(), nil, 0, "not a JPEG, PNG, GIF or WebP"},
		{"huge png", context.Background(), pngHeader(20000, 20000), 0, "400 megapixels: more than the 100 Galley decodes"},
		{"over the spec's cap", context.Background(), small, 9999, "0.01 megapixels: more than the 0.01 Galley decodes"},
		{"zero-size png", context.Background(), pngHeader(0, 10), 0, "png"},
		{"truncated jpeg", context.Background(), small[:300], 0, "decode jpeg"},
		{"cancelled", cancelled, small, 0, "context canceled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := spec
			s.MaxPixels = tt.maxPixels
			_, err := Crops(tt.ctx, tt.src, s)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestCropsAnimated: an animated GIF has no crops (a still of its first
// frame is not the picture); a one-frame GIF or a PNG is cropped.
func TestCropsAnimated(t *testing.T) {
	frame := image.NewPaletted(image.Rect(0, 0, 32, 18), color.Palette{color.Black, color.White})
	var anim, still bytes.Buffer
	if err := gif.EncodeAll(&anim, &gif.GIF{Image: []*image.Paletted{frame, frame}, Delay: []int{10, 10}}); err != nil {
		t.Fatal(err)
	}
	if err := gif.Encode(&still, frame, nil); err != nil {
		t.Fatal(err)
	}
	spec := CropSpec{Ratios: googleRatios, Width: 1200, Quality: 80}
	crops, err := Crops(context.Background(), anim.Bytes(), spec)
	if err != nil || crops != nil {
		t.Errorf("animated GIF: %d crops, err %v; want none, nil", len(crops), err)
	}
	for name, src := range map[string][]byte{"gif": still.Bytes(), "png": encodeTestPNG(t, rgba64(32, 18))} {
		crops, err := Crops(context.Background(), src, spec)
		if err != nil || len(crops) != 3 || crops[2].Width != 18 || crops[2].Height != 18 {
			t.Errorf("%s: crops %v, err %v; want three, the last 18x18", name, cropSizes(crops), err)
		}
	}
}

// TestCropsPhone crops the 4032×2268 phone photo as Google asks:
// exactly 1200×675, 1200×900 and 1200×1200 (the last from its
// 2268×2268 centre).
func TestCropsPhone(t *testing.T) {
	src := readFile(t, filepath.Join(imagemetaDir(t), "hugo-issue-12669.jpg"))
	crops, err := Crops(context.Background(), src, DefaultCropSpec())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cropSizes(crops), "16:9 1200x675, 4:3 1200x900, 1:1 1200x1200"; got != want {
		t.Fatalf("crops %s, want %s", got, want)
	}
	for _, c := range crops {
		checkCrop(t, c)
		if len(c.Data) > len(src)/4 {
			t.Errorf("%v crop is %d bytes, a quarter of the source's %d or more", c.Ratio, len(c.Data), len(src))
		}
	}
	t.Logf("crops: %s; bytes %d, %d, %d", cropSizes(crops), len(crops[0].Data), len(crops[1].Data), len(crops[2].Data))
}

// TestCropsKeepMetadata reads crops of real photos back with exiftool:
// credit, creator, caption and rights are the source's, and no GPS
// position, rotation or thumbnail of the uncropped picture survives.
func TestCropsKeepMetadata(t *testing.T) {
	exiftool := requireExiftool(t)
	dir := imagemetaDir(t)
	// The phone photo has GPS but no credit: give it one, in IIM and
	// XMP, as a picture desk would.
	phone := filepath.Join(t.TempDir(), "phone.jpg")
	if b, err := exec.Command(exiftool, "-IPTC:Credit=Jane Doe / Galley Wire", "-XMP-photoshop:Credit=Jane Doe / Galley Wire",
		"-o", phone, filepath.Join(dir, "hugo-issue-12669.jpg")).CombinedOutput(); err != nil {
		t.Fatalf("exiftool: %v\n%s", err, b)
	}
	fields := []string{"Credit", "Caption-Abstract", "Description", "By-line", "Creator", "CopyrightNotice", "Rights", "Artist", "Copyright", "ProfileDescription"}
	for _, path := range []string{filepath.Join(dir, "IPTC-PhotometadataRef-Std2021.1.jpg"), phone} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src := exiftoolFile(t, exiftool, path)
			if src["Credit"] == nil {
				t.Fatalf("the source has no Credit: %v", src)
			}
			crops, err := Crops(context.Background(), readFile(t, path), CropSpec{Ratios: [][2]int{{1, 1}, {16, 9}}, Width: 300, Quality: 75})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range crops {
				got := exiftoolJSON(t, exiftool, Derivative{Format: "jpeg", Width: c.Width, Height: c.Height, Data: c.Data})
				for _, k := range fields {
					if fmt.Sprint(got[k]) != fmt.Sprint(src[k]) {
						t.Errorf("%v: %s = %#v, source has %#v", c.Ratio, k, got[k], src[k])
					}
				}
				if got["ImageWidth"] != float64(c.Width) || got["ImageHeight"] != float64(c.Height) {
					t.Errorf("%v: exiftool says %vx%v, crop is %dx%d", c.Ratio, got["ImageWidth"], got["ImageHeight"], c.Width, c.Height)
				}
				if w, ok := got["ExifImageWidth"]; ok && w != float64(c.Width) {
					t.Errorf("%v: ExifImageWidth = %v, want %d", c.Ratio, w, c.Width)
				}
				if o, ok := got["Orientation"]; ok && o != 1.0 {
					t.Errorf("%v: Orientation = %v, want 1 or absent", c.Ratio, o)
				}
				if _, ok := got["ThumbnailImage"]; ok {
					t.Errorf("%v: the source's EXIF thumbnail, uncropped, was copied", c.Ratio)
				}
				for k, v := range got {
					if strings.Contains(k, "GPS") {
						t.Errorf("%v: %s = %v: a GPS position leaked", c.Ratio, k, v)
					}
				}
			}
		})
	}
}

// TestCropsExiftoolRotated crops the phone photo that exiftool turned on
// its side (Orientation 6, so a 2268×4032 portrait upright): the crops
// are cut from the upright picture, so its 1:1 centre is the landscape's
// 1:1 centre turned a quarter clockwise.
func TestCropsExiftoolRotated(t *testing.T) {
	exiftool := requireExiftool(t)
	dir := imagemetaDir(t)
	out := filepath.Join(t.TempDir(), "rotated.jpg")
	if b, err := exec.Command(exiftool, "-n", "-Orientation=6", "-o", out, filepath.Join(dir, "hugo-issue-12669.jpg")).CombinedOutput(); err != nil {
		t.Fatalf("exiftool: %v\n%s", err, b)
	}
	rotated := readFile(t, out)
	if o := SourceOrientation(rotated); o != 6 {
		t.Fatalf("SourceOrientation = %d, want 6", o)
	}
	spec := CropSpec{Ratios: googleRatios, Width: 600, Quality: 90}
	turned, err := Crops(context.Background(), rotated, spec)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cropSizes(turned), "16:9 600x338, 4:3 600x450, 1:1 600x600"; got != want {
		t.Fatalf("crops %s, want %s", got, want)
	}
	for _, c := range turned {
		m := exiftoolJSON(t, exiftool, Derivative{Format: "jpeg", Width: c.Width, Height: c.Height, Data: c.Data})
		if o, ok := m["Orientation"]; ok && o != 1.0 {
			t.Errorf("%v: Orientation = %v, want 1 or absent", c.Ratio, o)
		}
	}
	plain, err := Crops(context.Background(), readFile(t, filepath.Join(dir, "hugo-issue-12669.jpg")), CropSpec{Ratios: [][2]int{{1, 1}}, Width: 600, Quality: 90})
	if err != nil {
		t.Fatal(err)
	}
	square := toRGBA(checkCrop(t, turned[2]))
	landscape := toRGBA(checkCrop(t, plain[0]))
	if d := meanDiff(square, orient(landscape, 6)); d > 4 {
		t.Errorf("the 1:1 crop differs from the landscape's turned clockwise by %.1f levels a channel, want ≤ 4", d)
	}
	if d := meanDiff(square, landscape); d < 4*meanDiff(square, orient(landscape, 6)) {
		t.Errorf("the 1:1 crop is as like the landscape's unturned (%.1f): the comparison tells nothing", d)
	}
}

// TestCropsCostBoundsPeak samples the heap while Crops works on the
// phone photo: its peak stays under CropSpec.Cost.
func TestCropsCostBoundsPeak(t *testing.T) {
	src := readFile(t, filepath.Join(imagemetaDir(t), "hugo-issue-12669.jpg"))
	spec := DefaultCropSpec()
	defer debug.SetGCPercent(debug.SetGCPercent(1))
	var err error
	used := peakHeap(func() { _, err = Crops(context.Background(), src, spec) })
	if err != nil {
		t.Fatal(err)
	}
	bound := spec.Cost(4032, 2268)
	t.Logf("peak %d MB, Cost %d MB", used>>20, bound>>20)
	if used > bound {
		t.Errorf("peak heap %d MB over Cost's %d MB", used>>20, bound>>20)
	}
}

func TestCropCost(t *testing.T) {
	tests := []struct {
		w, h int
		spec CropSpec
		want int64
	}{
		{0, 10, DefaultCropSpec(), 0},
		{10, -1, DefaultCropSpec(), 0},
		// 1200×675, 1200×900 and 1200×1200 out.
		{4032, 2268, DefaultCropSpec(), 8*4032*2268 + 16*1200*1200 + 4*(1200*675+1200*900+1200*1200)},
		// A 24-megapixel photo, as the doc comment says.
		{6000, 4000, DefaultCropSpec(), 228_360_000},
		// A small picture: its crops are 160×90, 120×90, 90×90.
		{160, 90, DefaultCropSpec(), 8*160*90 + 16*160*90 + 4*(160*90+120*90+90*90)},
		// Displayed size: a portrait's crops are as wide as it is.
		{900, 1600, CropSpec{Ratios: [][2]int{{1, 1}}, Width: 1200, Quality: 80}, 8*900*1600 + 20*900*900},
	}
	for _, tt := range tests {
		if got := tt.spec.Cost(tt.w, tt.h); got != tt.want {
			t.Errorf("Cost(%d, %d) = %d, want %d", tt.w, tt.h, got, tt.want)
		}
	}
}

// BenchmarkCropsPhone makes Google's three crops of the phone photo, and
// of the same photo tiled two by two (four times the pixels), whose time
// should grow no more than fourfold: the decode and the filters' passes
// grow with the source, the three encodes of 1,200-px crops do not.
func BenchmarkCropsPhone(b *testing.B) {
	src := readFile(b, filepath.Join(imagemetaDir(b), "hugo-issue-12669.jpg"))
	img, err := jpeg.Decode(bytes.NewReader(src))
	if err != nil {
		b.Fatal(err)
	}
	r := img.Bounds()
	tiled := image.NewRGBA(image.Rect(0, 0, 2*r.Dx(), 2*r.Dy()))
	for _, at := range []image.Point{{0, 0}, {r.Dx(), 0}, {0, r.Dy()}, {r.Dx(), r.Dy()}} {
		draw.Draw(tiled, r.Add(at), img, r.Min, draw.Src)
	}
	var big bytes.Buffer
	if err := jpeg.Encode(&big, tiled, &jpeg.Options{Quality: 90}); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		src  []byte
	}{{"4032x2268", src}, {"8064x4536", big.Bytes()}} {
		b.Run(bc.name, func(b *testing.B) {
			var out int
			for b.Loop() {
				crops, err := Crops(context.Background(), bc.src, DefaultCropSpec())
				if err != nil {
					b.Fatal(err)
				}
				out = 0
				for _, c := range crops {
					out += len(c.Data)
				}
			}
			b.ReportMetric(float64(out), "bytes-out")
		})
	}
}

// FuzzCrops crops small pictures of any size and orientation at any
// focus point and ratio: a valid focus always gives crops of the asked
// shape, inside the picture, no wider than asked; an invalid one is an
// error; nothing panics.
func FuzzCrops(f *testing.F) {
	f.Add(0.5, 0.5, uint8(16), uint8(9), uint8(1), uint8(16), uint8(9), uint8(8))
	f.Add(0.0, 1.0, uint8(9), uint8(16), uint8(6), uint8(1), uint8(1), uint8(100))
	f.Add(1.0, 0.0, uint8(1), uint8(1), uint8(8), uint8(4), uint8(3), uint8(1))
	f.Add(-0.5, 2.0, uint8(30), uint8(2), uint8(3), uint8(255), uint8(1), uint8(5))
	f.Add(math.NaN(), math.Inf(-1), uint8(2), uint8(40), uint8(5), uint8(1), uint8(255), uint8(3))
	f.Add(1e-300, 0.9999999999, uint8(64), uint8(1), uint8(7), uint8(3), uint8(2), uint8(64))
	f.Fuzz(func(t *testing.T, fx, fy float64, w, h, o, ra, rb, width uint8) {
		if w == 0 || h == 0 || ra == 0 || rb == 0 || width == 0 {
			return
		}
		w, h, o = w%64+1, h%64+1, o%8+1
		upright := coordinates(int(w), int(h))
		src := encodeTestJPEG(t, stored(upright, int(o)), testEXIF(binary.BigEndian, int(o), nil))
		spec := CropSpec{Ratios: [][2]int{{int(ra), int(rb)}}, Width: int(width), Quality: 50, Focus: &[2]float64{fx, fy}}
		crops, err := Crops(context.Background(), src, spec)
		valid := fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1
		if !valid {
			if err == nil {
				t.Fatalf("focus %v, %v: no error", fx, fy)
			}
			return
		}
		if err != nil {
			t.Fatalf("focus %v, %v of %dx%d: %v", fx, fy, w, h, err)
		}
		if len(crops) != 1 {
			t.Fatalf("%d crops, want 1", len(crops))
		}
		c := crops[0]
		if c.Width < 1 || c.Height < 1 || c.Width > int(width) || c.Width > int(w) || c.Height > int(h) {
			t.Fatalf("crop %dx%d of a %dx%d picture, width %d", c.Width, c.Height, w, h, width)
		}
		// The shape is the ratio's, to within a pixel's rounding (or
		// one pixel thin, when the ratio is thinner than a pixel).
		if d := abs(c.Width*int(rb) - c.Height*int(ra)); 2*d > max(int(ra), int(rb)) && c.Height != 1 && c.Width != 1 {
			t.Fatalf("crop %dx%d for %d:%d", c.Width, c.Height, ra, rb)
		}
		img, err := jpeg.Decode(bytes.NewReader(c.Data))
		if err != nil {
			t.Fatalf("crop does not decode: %v", err)
		}
		if b := img.Bounds(); b.Dx() != c.Width || b.Dy() != c.Height {
			t.Fatalf("crop says %dx%d, pixels are %v", c.Width, c.Height, b)
		}
	})
}

// --- helpers

func checkCrop(t testing.TB, c Crop) image.Image {
	t.Helper()
	return checkDerivative(t, Derivative{Format: "jpeg", Width: c.Width, Height: c.Height, Data: c.Data})
}

func cropSizes(cs []Crop) string {
	var s []string
	for _, c := range cs {
		s = append(s, fmt.Sprintf("%d:%d %dx%d", c.Ratio[0], c.Ratio[1], c.Width, c.Height))
	}
	return strings.Join(s, ", ")
}

func toRGBA(img image.Image) *image.RGBA {
	out := image.NewRGBA(img.Bounds())
	draw.Draw(out, out.Rect, img, img.Bounds().Min, draw.Src)
	return out
}

// meanDiff is the mean absolute difference of two pictures' colour
// channels, in levels of 255; +Inf if their sizes differ.
func meanDiff(a, b *image.RGBA) float64 {
	if a.Rect.Size() != b.Rect.Size() {
		return math.Inf(1)
	}
	var sum, n float64
	for y := range a.Rect.Dy() {
		for x := range a.Rect.Dx() {
			p, q := a.Pix[a.PixOffset(x+a.Rect.Min.X, y+a.Rect.Min.Y):][:3], b.Pix[b.PixOffset(x+b.Rect.Min.X, y+b.Rect.Min.Y):][:3]
			for i := range 3 {
				sum += math.Abs(float64(p[i]) - float64(q[i]))
				n++
			}
		}
	}
	return sum / n
}
