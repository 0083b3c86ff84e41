package images

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math"
	"slices"
	"strconv"

	xwebp "golang.org/x/image/webp"
)

// A Spec says which derivatives to make of a picture.
type Spec struct {
	// Widths are the widths in CSS pixels to make, in any order; none
	// wider than the source is made (see Derive).
	Widths []int
	// Quality is the lossy encoders' quality, 1–100.
	Quality int
	// Formats are the encodings to make, each at every width: "webp"
	// (lossy) and "jpeg", the fallback for browsers without WebP.
	Formats []string
	// MaxPixels is the largest source, in pixels, to decode; 0 means
	// the package's MaxPixels.
	MaxPixels int64
}

// DefaultSpec returns the widths a news layout needs, from a phone's
// card (320) to a hero on a 1200-px column at device pixel ratio 2
// (2400), at quality 78: where JPEG artefacts stop showing on photos
// and WebP is about a third of the JPEG's size.
func DefaultSpec() Spec {
	return Spec{
		Widths:  []int{320, 640, 960, 1280, 1600, 2400},
		Quality: 78,
		Formats: []string{"webp", "jpeg"},
	}
}

// MaxPixels is the largest source Derive decodes: 100 megapixels, about
// 400 MB decoded. A larger picture is refused from its header, before
// any pixel is decoded, so that a small hostile file cannot claim
// gigabytes.
const MaxPixels = 100_000_000

// maxWidth bounds a Spec's widths: no screen needs more.
const maxWidth = 16384

// A Set is what Derive made of one source.
type Set struct {
	// Width and Height are the source's displayed size: after its EXIF
	// orientation, so a portrait shot with the camera on its side is
	// taller than wide. They go in the <img> width and height.
	Width, Height int
	// Format is the source's encoding: "jpeg", "png", "gif" or "webp".
	Format string
	// UseOriginal says to serve the source as it is, with no
	// derivatives: it is animated (GIF or WebP), and a resize would keep
	// only its first frame.
	UseOriginal bool
	// Derivatives are grouped by format, in the Spec's order of
	// formats, and within a format by width, narrowest first.
	Derivatives []Derivative
}

// A Derivative is one encoded, resized copy of a source.
type Derivative struct {
	Format        string // "webp" or "jpeg"
	Width, Height int    // in pixels, upright
	Data          []byte // the encoded file, metadata included
}

// ByFormat returns the derivatives in format, narrowest first.
func (s *Set) ByFormat(format string) []Derivative {
	var out []Derivative
	for _, d := range s.Derivatives {
		if d.Format == format {
			out = append(out, d)
		}
	}
	return out
}

// DecodeCost returns an upper bound, in bytes, of the memory Derive
// needs for a source of width × height pixels with DefaultSpec (or any
// spec no wider than 2400 px), so that a caller running several at once
// can bound them with a weighted semaphore. See Spec.Cost.
func DecodeCost(width, height int) int64 {
	return DefaultSpec().Cost(width, height)
}

// Cost returns an upper bound, in bytes, of the memory Derive needs for
// a source of width × height pixels with s. Pass the displayed size:
// swap the stored width and height when SourceOrientation is 5–8, since
// a portrait's derivatives are taller. It counts 8 bytes a source pixel for
// the decoded picture (a JPEG takes 1.5 to 3, a PNG 4, a 16-bit PNG 8),
// and for the widest derivative 16 bytes a pixel (the resized and the
// turned copy, the one flattened for JPEG, the encoded file), 40 with
// WebP, whose libwebp in WASM holds its own copies (measured: 100 MB at
// 2400×1350; see TestDecodeCostBoundsPeak). A 24-megapixel photo with
// DefaultSpec costs 346 MB, 154 MB of it for the 2400-px derivative.
func (s Spec) Cost(width, height int) int64 {
	if width <= 0 || height <= 0 {
		return 0
	}
	src := int64(width) * int64(height)
	widest := int64(width)
	if len(s.Widths) > 0 {
		widest = min(widest, int64(slices.Max(s.Widths)))
	}
	derived := widest * (int64(height)*widest/int64(width) + 1)
	perPixel := int64(16)
	if slices.Contains(s.Formats, "webp") {
		perPixel = 40
	}
	return 8*src + perPixel*derived
}

// Derive decodes src (JPEG, PNG, GIF or WebP), turns it upright after
// its EXIF orientation, and encodes it at each of spec's widths that is
// not wider than its displayed width, in each of spec's formats.
//
// The source's own width is added when it is narrower than the widest
// spec width and more than 10 % wider than the next narrower spec width
// (a 1,200-px photo gets 320, 640, 960 and 1200; a 1,000-px one 320, 640
// and 960, since 1000 would add little over 960): so that a screen that
// wants the full picture gets it, without a near-duplicate file. A
// source narrower than every spec width gets one derivative, at its
// own width.
//
// The JPEG derivatives carry the source's EXIF (see cleanEXIF: no GPS,
// no maker note, no thumbnail, Orientation 1), XMP (without GPS
// properties), IPTC IIM and RGB ICC profile; the WebP derivatives carry
// the same but IIM, which WebP has no place for (its XMP holds the same
// caption, creator, credit and rights in IPTC Core). Transparent pixels
// of the JPEG fallback are flattened on white.
//
// Derive decodes one source at a time; see DecodeCost to run several.
// Errors name no file: the caller knows the path and wraps them.
func Derive(ctx context.Context, src []byte, spec Spec) (*Set, error) {
	if err := spec.check(); err != nil {
		return nil, err
	}
	format, err := sniff(src)
	if err != nil {
		return nil, err
	}
	cfg, err := decodeConfig(format, src)
	if err != nil {
		return nil, err
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("decode %s: the picture is %d×%d pixels", format, cfg.Width, cfg.Height)
	}
	limit := cmp.Or(spec.MaxPixels, MaxPixels)
	if px := int64(cfg.Width) * int64(cfg.Height); px > limit {
		return nil, fmt.Errorf("the picture is %d×%d, %s megapixels: more than the %s Galley decodes; make it smaller before publishing it",
			cfg.Width, cfg.Height, megapixels(px), megapixels(limit))
	}
	var meta carriedMeta
	switch format {
	case "jpeg":
		meta = jpegMeta(src)
	case "webp":
		meta = webpMeta(src)
	}
	orientation := exifOrientation(meta.exif)
	meta = meta.forDerivatives()
	set := &Set{Width: cfg.Width, Height: cfg.Height, Format: format}
	if orientation >= 5 {
		set.Width, set.Height = cfg.Height, cfg.Width
	}
	if animated(format, src) {
		set.UseOriginal = true
		return set, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	img, err := decode(format, src)
	if err != nil {
		return nil, err
	}
	// Widest first, each resized from the one before: a 2400-px copy
	// of a 24-megapixel photo is one pass over the source, and the
	// narrower ones are cheap passes over it rather than five more over
	// the source (CatmullRom's support grows with the reduction).
	widths := widthsFor(set.Width, spec.Widths)
	from := img
	for i := len(widths) - 1; i >= 0; i-- {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		w := widths[i]
		h := max(1, int(math.Round(float64(set.Height)*float64(w)/float64(set.Width))))
		stored := resize(from, w, h, orientation)
		from = stored
		pix := orient(stored, orientation)
		for _, f := range spec.Formats {
			data, err := encode(f, pix, spec.Quality, meta)
			if err != nil {
				return nil, fmt.Errorf("encode %s at %d px: %w", f, w, err)
			}
			set.Derivatives = append(set.Derivatives, Derivative{Format: f, Width: w, Height: h, Data: data})
		}
	}
	// Group by format, in the spec's order, narrowest first.
	slices.SortStableFunc(set.Derivatives, func(a, b Derivative) int {
		if c := slices.Index(spec.Formats, a.Format) - slices.Index(spec.Formats, b.Format); c != 0 {
			return c
		}
		return a.Width - b.Width
	})
	return set, nil
}

// megapixels prints px in millions, to three digits.
func megapixels(px int64) string {
	return strconv.FormatFloat(float64(px)/1e6, 'g', 3, 64)
}

// check reports a Spec that cannot be made, saying what to write instead.
func (s Spec) check() error {
	if len(s.Widths) == 0 {
		return errors.New("images: no widths: list at least one, such as 320, 640, 960, 1280, 1600, 2400")
	}
	for _, w := range s.Widths {
		if w < 1 || w > maxWidth {
			return fmt.Errorf("images: width %d: want a width from 1 to %d pixels", w, maxWidth)
		}
	}
	if s.MaxPixels < 0 {
		return fmt.Errorf("images: max pixels %d: want 0 (the default, %d) or more", s.MaxPixels, MaxPixels)
	}
	if s.Quality < 1 || s.Quality > 100 {
		return fmt.Errorf("images: quality %d: want 1 to 100 (78 is a good default)", s.Quality)
	}
	if len(s.Formats) == 0 {
		return errors.New(`images: no formats: list "webp", "jpeg" or both`)
	}
	for _, f := range s.Formats {
		if f != "webp" && f != "jpeg" {
			return fmt.Errorf(`images: format %q: want "webp" or "jpeg"`, f)
		}
	}
	if len(s.Formats) != len(slicesCompact(s.Formats)) {
		return fmt.Errorf("images: formats %q list one twice", s.Formats)
	}
	return nil
}

func slicesCompact(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return slices.Compact(c)
}

// widthsFor returns the widths to make of a picture width pixels wide,
// ascending, after Derive's rule.
func widthsFor(width int, spec []int) []int {
	ws := slices.Clone(spec)
	slices.Sort(ws)
	ws = slices.Compact(ws)
	var out []int
	for _, w := range ws {
		if w <= width {
			out = append(out, w)
		}
	}
	if width >= ws[len(ws)-1] {
		return out
	}
	if len(out) == 0 || float64(out[len(out)-1]) < 0.9*float64(width) {
		out = append(out, width)
	}
	return out
}

// sniff names src's format from its first bytes, as browsers do, rather
// than trusting a file name.
func sniff(src []byte) (string, error) {
	switch {
	case bytes.HasPrefix(src, []byte{0xFF, 0xD8, 0xFF}):
		return "jpeg", nil
	case bytes.HasPrefix(src, []byte("\x89PNG\r\n\x1a\n")):
		return "png", nil
	case bytes.HasPrefix(src, []byte("GIF87a")), bytes.HasPrefix(src, []byte("GIF89a")):
		return "gif", nil
	case len(src) >= 12 && string(src[:4]) == "RIFF" && string(src[8:12]) == "WEBP":
		return "webp", nil
	}
	return "", errors.New("not a JPEG, PNG, GIF or WebP picture: save it as one of those")
}

// decodeConfig reads the size from the header alone. It calls each
// format's decoder directly, not image.DecodeConfig, whose registry
// depends on which packages happen to be linked.
func decodeConfig(format string, src []byte) (image.Config, error) {
	r := bytes.NewReader(src)
	var cfg image.Config
	var err error
	switch format {
	case "jpeg":
		cfg, err = jpeg.DecodeConfig(r)
	case "png":
		cfg, err = png.DecodeConfig(r)
	case "gif":
		cfg, err = gif.DecodeConfig(r)
	case "webp":
		cfg, err = xwebp.DecodeConfig(r)
	}
	if err != nil {
		return cfg, fmt.Errorf("decode %s header: %w", format, err)
	}
	return cfg, nil
}

func decode(format string, src []byte) (image.Image, error) {
	r := bytes.NewReader(src)
	var img image.Image
	var err error
	switch format {
	case "jpeg":
		img, err = jpeg.Decode(r)
	case "png":
		img, err = png.Decode(r)
	case "gif":
		img, err = gif.Decode(r)
	case "webp":
		img, err = xwebp.Decode(r)
	}
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", format, err)
	}
	if c, ok := img.(*image.CMYK); ok {
		return cmykToRGBA(c), nil
	}
	return img, nil
}

// cmykToRGBA converts a CMYK JPEG's pixels to RGB in place, reusing the
// buffer, so that a large CMYK photo costs no second copy. The
// conversion is the naive one (no CMS): a CMYK profile is not applied,
// and the result is taken as sRGB.
func cmykToRGBA(c *image.CMYK) *image.RGBA {
	p := c.Pix
	for i := 0; i+3 < len(p); i += 4 {
		k := 255 - uint32(p[i+3])
		p[i+0] = uint8((255 - uint32(p[i+0])) * k / 255)
		p[i+1] = uint8((255 - uint32(p[i+1])) * k / 255)
		p[i+2] = uint8((255 - uint32(p[i+2])) * k / 255)
		p[i+3] = 255
	}
	return &image.RGBA{Pix: p, Stride: c.Stride, Rect: c.Rect}
}

// animated reports whether src has more than one frame. It walks the
// GIF's blocks instead of decoding every frame, which a hostile GIF
// could make cost gigabytes.
func animated(format string, src []byte) bool {
	switch format {
	case "gif":
		return gifFrames(src) > 1
	case "webp":
		cs, err := riffChunks(src)
		return err == nil && len(cs) > 0 && cs[0].id == "VP8X" && len(cs[0].data) > 0 && cs[0].data[0]&vp8xAnimation != 0
	}
	return false
}

// gifFrames counts the image descriptors of a GIF, stopping at two. A
// malformed file counts what it has before the damage; the decoder then
// reports the damage.
func gifFrames(src []byte) int {
	if len(src) < 13 {
		return 0
	}
	i := 13
	if src[10]&0x80 != 0 { // global colour table
		i += 3 << (int(src[10]&7) + 1)
	}
	frames := 0
	for i < len(src) && frames < 2 {
		switch src[i] {
		case 0x21: // extension: label, then sub-blocks
			i = skipSubBlocks(src, i+2)
		case 0x2C: // image descriptor, local colour table, LZW code size, sub-blocks
			frames++
			if i+10 > len(src) {
				return frames
			}
			flags := src[i+9]
			i += 10
			if flags&0x80 != 0 {
				i += 3 << (int(flags&7) + 1)
			}
			i = skipSubBlocks(src, i+1)
		default: // trailer or damage
			return frames
		}
	}
	return frames
}

func skipSubBlocks(src []byte, i int) int {
	for i < len(src) {
		n := int(src[i])
		i++
		if n == 0 {
			return i
		}
		i += n
	}
	return len(src)
}

// SourceOrientation returns the EXIF orientation (1–8) of a JPEG or
// WebP, or 0 when it has none or it cannot be read; values outside 1–8,
// which no camera writes, count as none.
func SourceOrientation(src []byte) int {
	format, err := sniff(src)
	if err != nil {
		return 0
	}
	switch format {
	case "jpeg":
		return exifOrientation(jpegMeta(src).exif)
	case "webp":
		return exifOrientation(webpMeta(src).exif)
	}
	return 0
}
