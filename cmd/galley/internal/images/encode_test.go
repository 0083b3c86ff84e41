package images

import (
	"image"
	"image/color"
	"math/rand/v2"
	"runtime"
	"testing"

	"golang.org/x/image/draw"
)

// drawScale is x/image/draw's own CatmullRom resize, the reference
// that resize must match.
func drawScale(img image.Image, w, h int) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, img.Bounds(), draw.Src, nil)
	return dst
}

// noisy is a photo-like test picture: a gradient with noise and a sharp
// edge, in the YCbCr a JPEG decodes to.
func noisy(w, h int) *image.YCbCr {
	rng := rand.New(rand.NewPCG(1, 2))
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			v := uint8(x * 200 / w)
			if x > w/2 {
				v = 250
			}
			img.Y[img.YOffset(x, y)] = v + uint8(rng.IntN(5))
		}
	}
	for i := range img.Cb {
		img.Cb[i], img.Cr[i] = uint8(100+rng.IntN(20)), 140
	}
	return img
}

func TestResizeMatchesDraw(t *testing.T) {
	src := noisy(601, 397)
	alpha := image.NewNRGBA(image.Rect(0, 0, 300, 200))
	for i := range alpha.Pix {
		alpha.Pix[i] = uint8(i * 7)
	}
	tests := []struct {
		name string
		img  image.Image
		w, h int
	}{
		{"shrink 6×", src, 100, 66},
		{"shrink 1.25×", src, 480, 318},
		{"same size", src, 601, 397},
		{"to one pixel", src, 1, 1},
		{"alpha", alpha, 97, 61},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, want := resize(tt.img, tt.w, tt.h, 1), drawScale(tt.img, tt.w, tt.h)
			worst := 0
			for i := range got.Pix {
				worst = max(worst, abs(int(got.Pix[i])-int(want.Pix[i])))
			}
			if worst > 3 {
				t.Errorf("a channel differs from x/image/draw's CatmullRom by %d", worst)
			}
		})
	}
}

// TestResizeMemory: resizing a 3000×2000 photo to 2400 px allocates
// about the result, not x/image/draw's 32-byte-a-pixel intermediate
// (2400 × 2000 × 32 = 154 MB).
func TestResizeMemory(t *testing.T) {
	src := noisy(3000, 2000)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	dst := resize(src, 2400, 1600, 1)
	runtime.ReadMemStats(&after)
	out := int64(len(dst.Pix))
	if got := int64(after.TotalAlloc - before.TotalAlloc); got > out*3/2 {
		t.Errorf("resize allocated %d MB for a %d MB result", got>>20, out>>20)
	}
}

func TestOrientRoundTrip(t *testing.T) {
	// Turning by 6 then 8 (90° each way), or mirroring twice, is
	// the identity.
	src := resize(noisy(31, 17), 31, 17, 1)
	for _, pair := range [][2]int{{6, 8}, {8, 6}, {2, 2}, {3, 3}, {4, 4}, {5, 5}, {7, 7}} {
		back := orient(orient(src, pair[0]), pair[1])
		if back.Rect != src.Rect || string(back.Pix) != string(src.Pix) {
			t.Errorf("orient %d then %d is not the identity", pair[0], pair[1])
		}
	}
}

func TestFlattenAndUnpremultiply(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 3, 1))
	img.SetRGBA(0, 0, color.RGBA{0, 0, 0, 0})      // transparent
	img.SetRGBA(1, 0, color.RGBA{64, 0, 0, 128})   // half-transparent red
	img.SetRGBA(2, 0, color.RGBA{10, 20, 30, 255}) // opaque
	f := flattenOnWhite(img)
	want := []color.RGBA{{255, 255, 255, 255}, {191, 127, 127, 255}, {10, 20, 30, 255}}
	for x, w := range want {
		if got := f.RGBAAt(x, 0); got != w {
			t.Errorf("flattened pixel %d = %v, want %v", x, got, w)
		}
	}
	u := unpremultiply(img)
	if got := u.NRGBAAt(1, 0); got != (color.NRGBA{128, 0, 0, 128}) {
		t.Errorf("straight alpha %v, want {128 0 0 128}", got)
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
