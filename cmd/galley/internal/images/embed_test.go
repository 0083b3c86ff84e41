package images

import (
	"bytes"
	"context"
	"encoding/binary"
	"image"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gen2brain/webp"
	xwebp "golang.org/x/image/webp"
)

// TestDeriveKeepsMetadata reads every derivative of real photos back with
// exiftool: caption, creator, credit and rights are the source's, the
// colour profile is kept, and no GPS position or rotation survives.
func TestDeriveKeepsMetadata(t *testing.T) {
	exiftool := requireExiftool(t)
	dir := imagemetaDir(t)
	// IIM fields live only in JPEG; a WebP carries XMP, whose
	// Description, Creator, Credit and Rights exiftool names alike.
	jpegFields := []string{"Caption-Abstract", "Description", "By-line", "Creator", "Credit", "CopyrightNotice", "Rights", "ProfileDescription", "Artist", "Copyright"}
	webpFields := []string{"Description", "Creator", "Rights", "ProfileDescription", "Artist", "Copyright"}
	for _, file := range []string{
		"IPTC-PhotometadataRef-Std2021.1.jpg", // IIM + XMP, XMP location with GPS
		"metadata_demo_iim_and_xmp_only.jpg",  // exif:GPS* in XMP
		"hugo-issue-12669.jpg",                // phone: EXIF GPS IFD, thumbnail, maker note
		"mushroom.jpg",                        // sRGB ICC profile, IIM + XMP
	} {
		t.Run(file, func(t *testing.T) {
			path := filepath.Join(dir, file)
			src := exiftoolFile(t, exiftool, path)
			set, err := Derive(context.Background(), readFile(t, path), Spec{Widths: []int{320}, Quality: 75, Formats: []string{"jpeg", "webp"}})
			if err != nil {
				t.Fatal(err)
			}
			if len(set.Derivatives) != 2 {
				t.Fatalf("%d derivatives, want 2", len(set.Derivatives))
			}
			for _, d := range set.Derivatives {
				got := exiftoolJSON(t, exiftool, d)
				fields := jpegFields
				if d.Format == "webp" {
					fields = webpFields
				}
				for _, k := range fields {
					if !reflect.DeepEqual(got[k], src[k]) {
						t.Errorf("%s: %s = %#v, source has %#v", d.Format, k, got[k], src[k])
					}
				}
				if d.Format == "webp" && src["Credit"] != nil && got["Credit"] == nil {
					t.Errorf("webp: Credit lost (source %#v)", src["Credit"])
				}
				if o, ok := got["Orientation"]; ok && o != 1.0 {
					t.Errorf("%s: Orientation = %v, want 1 or absent", d.Format, o)
				}
				for k, v := range got {
					if strings.Contains(k, "GPS") {
						t.Errorf("%s: %s = %v: a GPS position leaked", d.Format, k, v)
					}
				}
				if w, ok := got["ExifImageWidth"]; ok && w != float64(d.Width) {
					t.Errorf("%s: ExifImageWidth = %v, want %d", d.Format, w, d.Width)
				}
				if _, ok := got["ThumbnailImage"]; ok {
					t.Errorf("%s: the source's EXIF thumbnail was copied", d.Format)
				}
			}
		})
	}
}

func TestCleanEXIF(t *testing.T) {
	for _, bo := range []binary.ByteOrder{binary.BigEndian, binary.LittleEndian} {
		t.Run(bo.String(), func(t *testing.T) {
			src := testEXIF(bo, 6, []byte("SECRETPLACE"))
			if got := exifOrientation(src); got != 6 {
				t.Fatalf("source orientation %d, want 6", got)
			}
			out := cleanEXIF(src, 320, 240)
			if out == nil {
				t.Fatal("cleanEXIF returned nothing")
			}
			if got := exifOrientation(out); got != 1 {
				t.Errorf("orientation %d, want 1", got)
			}
			for _, secret := range []string{"SECRETPLACE", "MAKERSECRETS"} {
				if bytes.Contains(out, []byte(secret)) {
					t.Errorf("%q survived the copy", secret)
				}
			}
			for _, kept := range []string{"Ana Ruiz", "Canon", "2026:11:24 09:00:00"} {
				if !bytes.Contains(out, []byte(kept)) {
					t.Errorf("%q was lost", kept)
				}
			}
			ifd0, next, ok := readIFD(out, tiffOrder(out), 8)
			if !ok || next != 0 {
				t.Fatalf("IFD0 unreadable (%v) or an IFD1 kept (next %d)", ok, next)
			}
			var exifAt uint32
			for _, e := range ifd0 {
				if e.tag == tagGPSIFD {
					t.Error("IFD0 still points to a GPS IFD")
				}
				if e.tag == tagExifIFD {
					exifAt = tiffOrder(out).Uint32(e.value)
				}
			}
			sub, _, ok := readIFD(out, tiffOrder(out), exifAt)
			if !ok {
				t.Fatal("Exif IFD unreadable")
			}
			dims := map[uint16]uint32{}
			for _, e := range sub {
				if e.typ == 4 {
					dims[e.tag] = tiffOrder(out).Uint32(e.value)
				}
			}
			if dims[0xA002] != 320 || dims[0xA003] != 240 {
				t.Errorf("PixelX/YDimension %d×%d, want 320×240", dims[0xA002], dims[0xA003])
			}
			if again := cleanEXIF(out, 320, 240); !bytes.Equal(again, out) {
				t.Error("cleaning a clean block changed it")
			}
		})
	}
	for _, bad := range [][]byte{nil, []byte("MM\x00\x2a"), []byte("XX\x00\x2a\x00\x00\x00\x08"), []byte("II\x2a\x00\xff\xff\xff\xff")} {
		if out := cleanEXIF(bad, 1, 1); out != nil {
			t.Errorf("cleanEXIF(%q) = %q, want nil", bad, out)
		}
	}
}

func TestScrubXMPGPS(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<rdf:Description exif:GPSLatitude="26,34.95N" dc:format="image/jpeg"/>`, `<rdf:Description dc:format="image/jpeg"/>`},
		{`<rdf:Description exif:GPSLatitude='1' exif:GPSLongitude = "2"/>`, `<rdf:Description/>`},
		{"<a>\n <exif:GPSLatitude>26,34.95N</exif:GPSLatitude>\n <dc:x>k</dc:x></a>", "<a>\n \n <dc:x>k</dc:x></a>"},
		{`<Iptc4xmpExt:GPSAltitude rdf:parseType="Resource"><x>1</x></Iptc4xmpExt:GPSAltitude>`, ``},
		{`<exif:GPSVersionID/>kept`, `kept`},
		{`<dc:title>GPSLatitude="x" is text</dc:title>`, `<dc:title>GPSLatitude="x" is text</dc:title>`},
		{`<exif:GPSLatitude>never closed`, ``},
		{`no xml at all`, `no xml at all`},
		{`<rdf:Description tiff:Orientation="6" tiff:Make="Canon"/>`, `<rdf:Description tiff:Make="Canon"/>`},
		{`<tiff:Orientation>6</tiff:Orientation><tiff:Make>Canon</tiff:Make>`, `<tiff:Make>Canon</tiff:Make>`},
		// A removal that would leave a new GPS attribute behind.
		{`<a <c:GPS/>x:GPSy="1">`, `<a>`},
		{`<!-- <exif:GPSLatitude>1</exif:GPSLatitude> -->`, `<!-- <exif:GPSLatitude>1</exif:GPSLatitude> -->`},
	}
	for _, tt := range tests {
		if got := string(scrubXMPGPS([]byte(tt.in))); got != tt.want {
			t.Errorf("scrubXMPGPS(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

// TestWebPContainer wraps lossy WebP, opaque and transparent, in an
// extended container with every kind of metadata and checks the chunks
// against the WebP container specification.
func TestWebPContainer(t *testing.T) {
	meta := carriedMeta{
		exif: cleanEXIF(testEXIF(binary.LittleEndian, 1, nil), 30, 20),
		xmp:  []byte(`<x:xmpmeta xmlns:x="adobe:ns:meta/"/>`),
		icc:  fakeICC("RGB ", 301), // odd: the chunk needs padding
	}
	for _, tt := range []struct {
		name   string
		alpha  bool
		meta   carriedMeta
		chunks []string
		flags  byte
	}{
		{"opaque, all metadata", false, meta, []string{"VP8X", "ICCP", "VP8 ", "EXIF", "XMP "}, 0x20 | 0x08 | 0x04},
		{"alpha, all metadata", true, meta, []string{"VP8X", "ICCP", "ALPH", "VP8 ", "EXIF", "XMP "}, 0x20 | 0x10 | 0x08 | 0x04},
		{"xmp only", false, carriedMeta{xmp: meta.xmp}, []string{"VP8X", "VP8 ", "XMP "}, 0x04},
		{"nothing", false, carriedMeta{}, []string{"VP8 "}, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			img := image.NewNRGBA(image.Rect(0, 0, 30, 20))
			for i := range img.Pix {
				img.Pix[i] = 200
			}
			if tt.alpha {
				img.Pix[3] = 0
			}
			var b bytes.Buffer
			if err := webp.Encode(&b, img, webp.Options{Quality: 80}); err != nil {
				t.Fatal(err)
			}
			out, err := webpWithMeta(b.Bytes(), 30, 20, tt.alpha, tt.meta)
			if err != nil {
				t.Fatal(err)
			}
			chunks, err := riffChunks(out)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, c := range chunks {
				names = append(names, c.id)
			}
			if !reflect.DeepEqual(names, tt.chunks) {
				t.Fatalf("chunks %q, want %q", names, tt.chunks)
			}
			if tt.flags != 0 {
				x := chunks[0].data
				if x[0] != tt.flags {
					t.Errorf("VP8X flags %#x, want %#x", x[0], tt.flags)
				}
				w := 1 + int(x[4]) | int(x[5])<<8 | int(x[6])<<16
				h := 1 + int(x[7]) | int(x[8])<<8 | int(x[9])<<16
				if w != 30 || h != 20 {
					t.Errorf("canvas %dx%d, want 30x20", w, h)
				}
			}
			for _, c := range chunks {
				want := map[string][]byte{"ICCP": tt.meta.icc, "EXIF": tt.meta.exif, "XMP ": tt.meta.xmp}[c.id]
				if want != nil && !bytes.Equal(c.data, want) {
					t.Errorf("%s chunk differs from the source's", c.id)
				}
			}
			if _, err := xwebp.Decode(bytes.NewReader(out)); err != nil {
				t.Errorf("x/image/webp cannot decode it: %v", err)
			}
			back := webpMeta(out)
			if !bytes.Equal(back.xmp, tt.meta.xmp) || !bytes.Equal(back.icc, tt.meta.icc) || !bytes.Equal(back.exif, tt.meta.exif) {
				t.Error("metadata read back differs")
			}
		})
	}
}

// TestJPEGProfile: an RGB ICC profile, also one split over two APP2
// segments, is copied unchanged; a CMYK one, which would be wrong on the
// RGB derivative, is dropped.
func TestJPEGProfile(t *testing.T) {
	for _, tt := range []struct {
		name string
		icc  []byte
		want []byte
	}{
		{"small rgb", fakeICC("RGB ", 3000), fakeICC("RGB ", 3000)},
		{"two segments", fakeICC("RGB ", 100000), fakeICC("RGB ", 100000)},
		{"cmyk", fakeICC("CMYK", 3000), nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := encodeTestJPEG(t, gradient(40, 30), nil)
			for i, chunk := range splitICC(tt.icc) {
				_ = i
				src = insertSegment(src, 0xE2, chunk)
			}
			if got := jpegMeta(src).icc; !bytes.Equal(got, tt.icc) {
				t.Fatalf("source profile read back: %d bytes, want %d", len(got), len(tt.icc))
			}
			set, err := Derive(context.Background(), src, Spec{Widths: []int{20}, Quality: 80, Formats: []string{"jpeg", "webp"}})
			if err != nil {
				t.Fatal(err)
			}
			j := set.ByFormat("jpeg")[0]
			if got := jpegMeta(j.Data).icc; !bytes.Equal(got, tt.want) {
				t.Errorf("jpeg profile: %d bytes, want %d", len(got), len(tt.want))
			}
			w := set.ByFormat("webp")[0]
			if got := webpMeta(w.Data).icc; !bytes.Equal(got, tt.want) {
				t.Errorf("webp profile: %d bytes, want %d", len(got), len(tt.want))
			}
		})
	}
}

// fakeICC is an ICC-shaped block of n bytes with colour space cs.
func fakeICC(cs string, n int) []byte {
	b := make([]byte, n)
	binary.BigEndian.PutUint32(b, uint32(n))
	copy(b[12:], "mntr")
	copy(b[16:], cs)
	copy(b[36:], "acsp")
	for i := 128; i < n; i++ {
		b[i] = byte(i)
	}
	return b
}

func FuzzJPEGMeta(f *testing.F) {
	f.Add(encodeTestJPEG(f, gradient(4, 4), testEXIF(binary.BigEndian, 8, []byte("x"))))
	f.Add(insertSegment(encodeTestJPEG(f, gradient(2, 2), nil), 0xE1, append([]byte(xmpHeader), `<a exif:GPSx="1"><b:GPSy>`...)))
	f.Add([]byte{0xFF, 0xD8, 0xFF, 0xE2, 0x00, 0x10, 'I', 'C', 'C', '_', 'P', 'R', 'O', 'F', 'I', 'L', 'E', 0, 2, 1})
	f.Fuzz(func(t *testing.T, src []byte) {
		m := jpegMeta(src)
		if m.exif != nil {
			out := cleanEXIF(m.exif, 10, 10)
			if out != nil && exifOrientation(out) > 1 {
				t.Fatal("a cleaned block keeps its rotation")
			}
			if out != nil && !bytes.Equal(cleanEXIF(out, 10, 10), out) {
				t.Fatal("cleaning is not idempotent")
			}
		}
		x := scrubXMPGPS(src)
		if !bytes.Equal(scrubXMPGPS(x), x) {
			t.Fatal("scrubbing is not idempotent")
		}
		jpegWithMeta([]byte{0xFF, 0xD8, 0xFF, 0xD9}, m)
	})
}

func FuzzTIFF(f *testing.F) {
	f.Add(testEXIF(binary.BigEndian, 6, []byte("GPS")))
	f.Add(testEXIF(binary.LittleEndian, 3, nil))
	f.Fuzz(func(t *testing.T, tiff []byte) {
		exifOrientation(tiff)
		out := cleanEXIF(tiff, 7, 5)
		if out == nil {
			return
		}
		if exifOrientation(out) > 1 {
			t.Fatal("a cleaned block keeps its rotation")
		}
		if !bytes.Equal(cleanEXIF(out, 7, 5), out) {
			t.Fatal("cleaning is not idempotent")
		}
	})
}

func FuzzWebPContainer(f *testing.F) {
	var b bytes.Buffer
	webp.Encode(&b, gradient(3, 3))
	f.Add(b.Bytes())
	f.Add([]byte("RIFF\x0a\x00\x00\x00WEBPVP8X\x02\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		webpMeta(data)
		out, err := webpWithMeta(data, 3, 3, len(data)%2 == 0, carriedMeta{xmp: []byte("<x/>")})
		if err != nil {
			return
		}
		if _, err := riffChunks(out); err != nil {
			t.Fatalf("wrote a container it cannot read: %v", err)
		}
	})
}
