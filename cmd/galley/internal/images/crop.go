package images

// This file makes the crops that structured data lists. Google asks an
// Article's JSON-LD image in 16:9, 4:3 and 1:1, each at least 1,200 px
// wide for Discover, and chooses among them where it shows the story: a
// crop it makes itself may cut off the face the story is about, so the
// editor's focus point decides what each crop keeps.

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"image"
	"math"
)

// A CropSpec says which crops to make of a picture.
type CropSpec struct {
	// Ratios are the crops' shapes, width to height, such as {16, 9},
	// {4, 3} and {1, 1}: one crop each, in this order.
	Ratios [][2]int
	// Width is the widest a crop is made, in pixels: a larger crop is
	// scaled down to it, a smaller one keeps its size (Crops never
	// enlarges a picture).
	Width int
	// Quality is the JPEG quality, 1–100.
	Quality int
	// Focus is the point each crop keeps in view, x and y from 0 (left,
	// top) to 1 (right, bottom) of the upright picture, as the front
	// matter's focus: gives it; nil is the centre.
	Focus *[2]float64
	// MaxPixels is the largest source, in pixels, to decode; 0 means
	// the package's MaxPixels.
	MaxPixels int64
}

// DefaultCropSpec returns the crops Google asks for an Article's image:
// 16:9, 4:3 and 1:1, 1,200 px wide (Discover shows large previews of
// pictures at least that wide), at Derive's default quality.
func DefaultCropSpec() CropSpec {
	return CropSpec{
		Ratios:  [][2]int{{16, 9}, {4, 3}, {1, 1}},
		Width:   1200,
		Quality: DefaultSpec().Quality,
	}
}

// A Crop is one encoded crop of a source.
type Crop struct {
	Ratio         [2]int // the spec's ratio it was cut to
	Width, Height int    // in pixels, upright
	Data          []byte // the JPEG, metadata included
}

// maxRatioTerm bounds each number of a crop ratio: no layout asks for a
// picture a thousand times wider than high, and it keeps the arithmetic
// far from overflow.
const maxRatioTerm = 1000

// Crops decodes src (JPEG, PNG, GIF or WebP) once and cuts from it one
// crop for each of spec's ratios: the largest of that shape that fits
// the upright picture (after its EXIF orientation), centred on the
// focus point but moved back inside the picture where it would cross an
// edge. A crop wider than spec.Width is scaled down to it, keeping its
// ratio; a narrower one keeps its size. The 1:1 crop of a 4032×2268
// photo is its 2268×2268 centre, made 1200×1200.
//
// Each crop is a JPEG carrying the source's metadata as Derive's JPEG
// derivatives do (IPTC IIM, XMP without GPS, EXIF cleaned of GPS, maker
// note and thumbnail, with Orientation 1 and the crop's size; an RGB ICC
// profile), so the picture a search engine shows still names its
// photographer. Transparent pixels are flattened on white.
//
// An animated source (GIF or WebP) has no crops: Crops returns nil and
// no error, and the caller offers the original, as Derive's UseOriginal
// says. CropSpec.Cost bounds the memory it needs. Measured once on
// this project's 2-core machine (BenchmarkCropsPhone), the three crops
// of the 4032×2268 phone photo take 0.73 s, those of a picture four
// times its pixels 2.1 s. Errors name no file: the caller knows the
// path and wraps them.
func Crops(ctx context.Context, src []byte, spec CropSpec) ([]Crop, error) {
	if err := spec.check(); err != nil {
		return nil, err
	}
	s, err := probe(src, cmp.Or(spec.MaxPixels, MaxPixels))
	if err != nil {
		return nil, err
	}
	if s.animated {
		return nil, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	img, err := decode(s.format, src)
	if err != nil {
		return nil, err
	}
	fx, fy := 0.5, 0.5
	if spec.Focus != nil {
		fx, fy = spec.Focus[0], spec.Focus[1]
	}
	crops := make([]Crop, 0, len(spec.Ratios))
	for _, r := range spec.Ratios {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		cut, w, h := cropFor(s.width, s.height, r, spec.Width, fx, fy)
		// Resize the stored pixels under the cut, then turn the small
		// result, as Derive does: the rotation moves the crop's pixels,
		// not the source's.
		part := window(img, storedRect(cut, s.width, s.height, s.orientation))
		pix := orient(resize(part, w, h, s.orientation), s.orientation)
		data, err := encode("jpeg", pix, spec.Quality, s.meta)
		if err != nil {
			return nil, fmt.Errorf("encode the %d:%d crop: %w", r[0], r[1], err)
		}
		crops = append(crops, Crop{Ratio: r, Width: w, Height: h, Data: data})
	}
	return crops, nil
}

// Cost returns an upper bound, in bytes, of the memory Crops needs for a
// source whose displayed size (after its EXIF orientation; see
// Spec.Cost) is width × height pixels: 8 bytes a source pixel for the
// decoded picture, as Spec.Cost counts, 16 a pixel of the largest crop
// (the resized and the turned copy, the encoded file and its copy with
// metadata), and 4 a pixel of every crop for the JPEGs returned. The
// filters' state, a megabyte or two, is in the margin: a decoded JPEG
// takes 1.5 to 3 bytes a pixel, not 8. Google's three
// crops of a 24-megapixel photo cost 228 MB, less than Derive's 346.
func (s CropSpec) Cost(width, height int) int64 {
	if width <= 0 || height <= 0 {
		return 0
	}
	var largest, all int64
	for _, r := range s.Ratios {
		if !validRatio(r) {
			continue
		}
		_, w, h := cropFor(width, height, r, max(s.Width, 1), 0.5, 0.5)
		px := int64(w) * int64(h)
		largest = max(largest, px)
		all += px
	}
	return 8*int64(width)*int64(height) + 16*largest + 4*all
}

// cropFor returns the cut, in the upright picture of width × height, of
// the largest crop of ratio r centred on (fx, fy) and clamped inside it,
// and the size w × h to make it: no wider than maxW, never larger than
// the cut.
func cropFor(width, height int, r [2]int, maxW int, fx, fy float64) (cut image.Rectangle, w, h int) {
	a, b := int64(r[0]), int64(r[1])
	cw, ch := int64(width), int64(height)
	if cw*b > ch*a { // wider than r: the full height
		cw = max(1, min(cw, roundDiv(ch*a, b)))
	} else { // taller than r, or r: the full width
		ch = max(1, min(ch, roundDiv(cw*b, a)))
	}
	x0 := place(fx, width, int(cw))
	y0 := place(fy, height, int(ch))
	cut = image.Rect(x0, y0, x0+int(cw), y0+int(ch))
	w, h = int(cw), int(ch)
	if int64(maxW) < cw {
		// The ratio's height for maxW, not the cut's scaled: 1200 wide
		// at 16:9 is 675 high whatever rounding made the cut.
		w = maxW
		h = int(max(1, min(ch, roundDiv(int64(maxW)*b, a))))
	}
	return cut, w, h
}

// place returns where a span of n pixels starts on an axis of size
// pixels when centred on f (0–1), moved back inside the axis.
func place(f float64, size, n int) int {
	start := int(math.Round(f*float64(size) - float64(n)/2))
	return min(max(start, 0), size-n)
}

// roundDiv returns p/q rounded to the nearest integer, halves up; p ≥ 0,
// q > 0.
func roundDiv(p, q int64) int64 {
	return (2*p + q) / (2 * q)
}

// storedRect maps r, a rectangle of the upright picture of width ×
// height, to the stored pixels that EXIF orientation o shows there (see
// orient, whose mapping this inverts for rectangles).
func storedRect(r image.Rectangle, width, height, o int) image.Rectangle {
	x0, y0, x1, y1 := r.Min.X, r.Min.Y, r.Max.X, r.Max.Y
	w, h := width, height
	switch o {
	case 2:
		return image.Rect(w-x1, y0, w-x0, y1)
	case 3:
		return image.Rect(w-x1, h-y1, w-x0, h-y0)
	case 4:
		return image.Rect(x0, h-y1, x1, h-y0)
	case 5:
		return image.Rect(y0, x0, y1, x1)
	case 6:
		return image.Rect(y0, w-x1, y1, w-x0)
	case 7:
		return image.Rect(h-y1, w-x1, h-y0, w-x0)
	case 8:
		return image.Rect(h-y1, x0, h-y0, x1)
	}
	return r
}

// window returns the part r (from the picture's origin) of img, sharing
// its pixels: every decoder's picture can cut itself, and any other is
// wrapped, since resize reads only Bounds and pixels.
func window(img image.Image, r image.Rectangle) image.Image {
	r = r.Add(img.Bounds().Min)
	if s, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	}); ok {
		return s.SubImage(r)
	}
	return bounded{img, r.Intersect(img.Bounds())}
}

// bounded is a picture seen through a rectangle.
type bounded struct {
	image.Image
	r image.Rectangle
}

func (b bounded) Bounds() image.Rectangle { return b.r }

// check reports a CropSpec that cannot be made, saying what to write
// instead.
func (s CropSpec) check() error {
	if len(s.Ratios) == 0 {
		return errors.New("images: no crop ratios: list at least one, such as 16:9, 4:3 and 1:1")
	}
	for i, r := range s.Ratios {
		if !validRatio(r) {
			return fmt.Errorf("images: crop ratio %d:%d: want two whole numbers from 1 to %d, such as 16:9", r[0], r[1], maxRatioTerm)
		}
		for _, q := range s.Ratios[:i] {
			if r[0]*q[1] == r[1]*q[0] {
				return fmt.Errorf("images: crop ratios %d:%d and %d:%d are the same shape: list it once", q[0], q[1], r[0], r[1])
			}
		}
	}
	if s.Width < 1 || s.Width > maxWidth {
		return fmt.Errorf("images: crop width %d: want 1 to %d pixels (Google Discover wants 1200 or more)", s.Width, maxWidth)
	}
	if s.Quality < 1 || s.Quality > 100 {
		return fmt.Errorf("images: quality %d: want 1 to 100 (78 is a good default)", s.Quality)
	}
	if s.MaxPixels < 0 {
		return fmt.Errorf("images: max pixels %d: want 0 (the default, %d) or more", s.MaxPixels, MaxPixels)
	}
	if f := s.Focus; f != nil && !(inUnit(f[0]) && inUnit(f[1])) {
		return fmt.Errorf("images: focus %g, %g: want x and y from 0 to 1 (0, 0 is the top left corner, 0.5, 0.5 the centre)", f[0], f[1])
	}
	return nil
}

func validRatio(r [2]int) bool {
	return r[0] >= 1 && r[0] <= maxRatioTerm && r[1] >= 1 && r[1] <= maxRatioTerm
}

// inUnit reports whether v is from 0 to 1; NaN is not.
func inUnit(v float64) bool { return v >= 0 && v <= 1 }

// A source is what probe learns of a picture without decoding a pixel.
type source struct {
	format        string
	width, height int // displayed, after orientation
	orientation   int
	animated      bool
	meta          carriedMeta // as derivatives carry it
}

// probe reads src's format, size, orientation and metadata from its
// header, refusing a picture larger than limit pixels before any pixel
// is decoded. It does what the start of Derive does, with the same
// errors.
func probe(src []byte, limit int64) (source, error) {
	format, err := sniff(src)
	if err != nil {
		return source{}, err
	}
	cfg, err := decodeConfig(format, src)
	if err != nil {
		return source{}, err
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return source{}, fmt.Errorf("decode %s: the picture is %d×%d pixels", format, cfg.Width, cfg.Height)
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > limit {
		return source{}, fmt.Errorf("the picture is %d×%d, %s megapixels: more than the %s Galley decodes; make it smaller before publishing it",
			cfg.Width, cfg.Height, megapixels(px), megapixels(limit))
	}
	s := source{format: format, width: cfg.Width, height: cfg.Height, animated: animated(format, src)}
	switch format {
	case "jpeg":
		s.meta = jpegMeta(src)
	case "webp":
		s.meta = webpMeta(src)
	}
	s.orientation = exifOrientation(s.meta.exif)
	s.meta = s.meta.forDerivatives()
	if s.orientation >= 5 {
		s.width, s.height = cfg.Height, cfg.Width
	}
	return s, nil
}
