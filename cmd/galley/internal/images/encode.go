package images

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"slices"

	"github.com/gen2brain/webp"
	"golang.org/x/image/draw"
)

// resize scales img to the size that, once turned by orientation, is
// w×h. It resizes before it rotates, so the rotation moves the small
// picture's pixels, not the source's.
//
// The filter is x/image/draw's CatmullRom (sharp, without Lanczos's
// ringing on text and edges), applied here as two one-dimensional
// passes over a few rows at a time, in premultiplied RGBA. draw's own
// Kernel.Scale keeps an intermediate of 32 bytes a pixel, destination
// width × source height: 174 MB for the phone test photo's 2400-px copy,
// 307 MB for a 24-megapixel one, more than the decoded photo. This keeps
// as many horizontally filtered rows as the vertical filter spans.
func resize(img image.Image, w, h, orientation int) *image.RGBA {
	if orientation >= 5 {
		w, h = h, w
	}
	b := img.Bounds()
	sw, sh := b.Dx(), b.Dy()
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	xt := axisTaps(sw, w, draw.CatmullRom)
	yt := axisTaps(sh, h, draw.CatmullRom)
	row := image.NewRGBA(image.Rect(0, 0, sw, 1))
	ring := make([][]float32, yt.n)
	for i := range ring {
		ring[i] = make([]float32, 4*w)
	}
	next := 0 // the next source row to filter horizontally
	acc := make([]float32, 4*w)
	for y := 0; y < h; y++ {
		idx, wt := yt.at(y)
		for last := slices.Max(idx); next <= int(last); next++ {
			// Rows come as premultiplied RGBA whatever the decoder
			// made; image/draw has fast paths for YCbCr, Gray, RGBA.
			draw.Draw(row, row.Rect, img, image.Pt(b.Min.X, b.Min.Y+next), draw.Src)
			filterRow(ring[next%yt.n], row.Pix, xt)
		}
		clear(acc)
		for t, r := range idx {
			src, k := ring[int(r)%yt.n], wt[t]
			for i, v := range src {
				acc[i] += k * v
			}
		}
		out := dst.Pix[y*dst.Stride:][:4*w]
		for i := 0; i < len(acc); i += 4 {
			a := clamp8(acc[i+3])
			// CatmullRom's negative lobes overshoot: keep colour
			// within alpha, as premultiplied pixels must be.
			out[i+0] = min(clamp8(acc[i+0]), a)
			out[i+1] = min(clamp8(acc[i+1]), a)
			out[i+2] = min(clamp8(acc[i+2]), a)
			out[i+3] = a
		}
	}
	return dst
}

// filterRow filters one row of RGBA bytes horizontally into out.
func filterRow(out []float32, pix []byte, xt taps) {
	for x := 0; x < len(out)/4; x++ {
		idx, wt := xt.at(x)
		var r, g, b, a float32
		for t, j := range idx {
			p := pix[4*int(j):][:4]
			k := wt[t]
			r += k * float32(p[0])
			g += k * float32(p[1])
			b += k * float32(p[2])
			a += k * float32(p[3])
		}
		out[4*x], out[4*x+1], out[4*x+2], out[4*x+3] = r, g, b, a
	}
}

func clamp8(v float32) uint8 {
	switch {
	case v <= 0:
		return 0
	case v >= 255:
		return 255
	}
	return uint8(v + 0.5)
}

// taps are a filter's source indices and weights along one axis: n for
// each destination index.
type taps struct {
	n   int
	idx []int32
	wt  []float32
}

func (t taps) at(i int) ([]int32, []float32) {
	return t.idx[i*t.n : (i+1)*t.n], t.wt[i*t.n : (i+1)*t.n]
}

// axisTaps computes the taps that resample src samples to dst with
// kernel k, widened by the reduction when shrinking so that it
// averages, not skips. Taps past the edges weigh nothing and the rest
// are renormalised, as x/image/draw does.
func axisTaps(src, dst int, k *draw.Kernel) taps {
	scale := float64(src) / float64(dst)
	widen := max(scale, 1)
	support := k.Support * widen
	n := int(math.Ceil(2*support)) + 1
	t := taps{n: n, idx: make([]int32, n*dst), wt: make([]float32, n*dst)}
	ws := make([]float64, n)
	for i := range dst {
		center := (float64(i) + 0.5) * scale
		first := int(math.Floor(center - support))
		idx, wt := t.at(i)
		var sum float64
		clear(ws)
		for j := range n {
			s := first + j
			d := math.Abs(float64(s)+0.5-center) / widen
			if d < k.Support && s >= 0 && s < src {
				ws[j] = k.At(d)
			}
			sum += ws[j]
			idx[j] = int32(min(max(s, 0), src-1))
		}
		if sum == 0 { // cannot happen with CatmullRom; never divide by it
			ws[n/2], sum = 1, 1
		}
		for j := range n {
			wt[j] = float32(ws[j] / sum)
		}
	}
	return t
}

// orient turns src by an EXIF orientation (1–8; others are upright).
// For orientations 5–8 the result's width is src's height.
func orient(src *image.RGBA, orientation int) *image.RGBA {
	if orientation < 2 || orientation > 8 {
		return src
	}
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	w, h := sw, sh
	if orientation >= 5 {
		w, h = sh, sw
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			// (sx, sy) is the stored pixel shown at (x, y).
			var sx, sy int
			switch orientation {
			case 2: // mirrored left to right
				sx, sy = w-1-x, y
			case 3: // turned 180°
				sx, sy = w-1-x, h-1-y
			case 4: // mirrored top to bottom
				sx, sy = x, h-1-y
			case 5: // mirrored along the main diagonal
				sx, sy = y, x
			case 6: // to be turned 90° clockwise
				sx, sy = y, w-1-x
			case 7: // mirrored along the other diagonal
				sx, sy = h-1-y, w-1-x
			case 8: // to be turned 90° anticlockwise
				sx, sy = h-1-y, x
			}
			copy(dst.Pix[y*dst.Stride+4*x:][:4], src.Pix[sy*src.Stride+4*sx:][:4])
		}
	}
	return dst
}

// encode encodes pix, upright, in format at quality, with meta inside.
func encode(format string, pix *image.RGBA, quality int, meta carriedMeta) ([]byte, error) {
	w, h := pix.Rect.Dx(), pix.Rect.Dy()
	meta.exif = cleanEXIF(meta.exif, w, h)
	switch format {
	case "jpeg":
		var b bytes.Buffer
		if err := jpeg.Encode(&b, flattenOnWhite(pix), &jpeg.Options{Quality: quality}); err != nil {
			return nil, err
		}
		return jpegWithMeta(b.Bytes(), meta), nil
	case "webp":
		data, err := encodeWebP(pix, quality)
		if err != nil {
			return nil, err
		}
		return webpWithMeta(data, w, h, !opaque(pix), meta)
	}
	return nil, fmt.Errorf("unknown format %q", format)
}

// encodeWebP encodes lossy WebP with libwebp, run in WASM by wazero (no
// cgo). Measured once on this project's 2-core machine
// (BenchmarkDerivePhone, the 4032×2268 phone photo, DefaultSpec): the
// six JPEGs take 0.76 s with the decode and resizes; the six WebPs add
// 3.2 s, about 2 megapixels of output a second, some 4 times image/jpeg.
// They are 12 % smaller than the JPEGs on that noisy phone photo at
// quality 78, 43 % on the IPTC reference photo. Each encode instantiates
// the WASM module afresh, whose memory (about 30 bytes a pixel) Spec.Cost
// counts. gen2brain/webp writes no metadata and takes no ICC profile:
// webpWithMeta adds both.
func encodeWebP(pix *image.RGBA, quality int) ([]byte, error) {
	// The encoder reads RGBA as straight (not premultiplied) alpha:
	// hand it that.
	var b bytes.Buffer
	if err := webp.Encode(&b, unpremultiply(pix), webp.Options{Quality: quality, Method: 4}); err != nil {
		return nil, fmt.Errorf("webp: %w", err)
	}
	return b.Bytes(), nil
}

// opaque reports whether every pixel of pix is opaque.
func opaque(pix *image.RGBA) bool {
	for i := 3; i < len(pix.Pix); i += 4 {
		if pix.Pix[i] != 0xFF {
			return false
		}
	}
	return true
}

// flattenOnWhite returns pix composited over white: JPEG has no alpha,
// and a transparent logo on black would vanish on a dark background's
// page. An opaque pix is returned as it is.
func flattenOnWhite(pix *image.RGBA) *image.RGBA {
	if opaque(pix) {
		return pix
	}
	out := image.NewRGBA(pix.Rect)
	for i := 0; i+3 < len(pix.Pix); i += 4 {
		a := pix.Pix[i+3]
		// Premultiplied: colour over white is c + (255 - a).
		out.Pix[i+0] = pix.Pix[i+0] + (255 - a)
		out.Pix[i+1] = pix.Pix[i+1] + (255 - a)
		out.Pix[i+2] = pix.Pix[i+2] + (255 - a)
		out.Pix[i+3] = 255
	}
	return out
}

// unpremultiply returns pix with straight alpha, sharing the buffer when
// pix is opaque (premultiplied and straight are then the same).
func unpremultiply(pix *image.RGBA) *image.NRGBA {
	if opaque(pix) {
		return &image.NRGBA{Pix: pix.Pix, Stride: pix.Stride, Rect: pix.Rect}
	}
	out := image.NewNRGBA(pix.Rect)
	for i := 0; i+3 < len(pix.Pix); i += 4 {
		a := uint32(pix.Pix[i+3])
		out.Pix[i+3] = uint8(a)
		if a == 0 {
			continue
		}
		for c := 0; c < 3; c++ {
			out.Pix[i+c] = uint8(min(255, (uint32(pix.Pix[i+c])*255+a/2)/a))
		}
	}
	return out
}
