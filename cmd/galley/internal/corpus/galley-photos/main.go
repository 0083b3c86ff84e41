// Command galley-photos writes the photos of make bench's images row:
// distinct, real-size, real-texture JPEGs cut from the real photos that
// the github.com/bep/imagemeta module ships as test data.
//
// Each output is a crop of one source, at 96 % of its width and height,
// at an offset of its own, re-encoded at quality 90 (as a camera or a
// wire service would) with the source's EXIF, XMP, ICC profile and IPTC
// segments carried over. So every file differs in content, and neither
// Galley (which keys derivatives by the file's sha256) nor Hugo can share
// work between two of them, while each keeps a real photo's size,
// texture and metadata.
//
//	go run ./cmd/galley/internal/corpus/galley-photos -src DIR/testdata/images -o OUT
package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/jpeg"
	"log"
	"os"
	"path/filepath"
)

// sources are the real photos of the module used, and how many crops
// each gives: 100 in all. All are upright (EXIF orientation 1 or none),
// so that each tool's width is the stored width.
var sources = []struct {
	path string
	n    int
}{
	{"hugo-issue-12669.jpg", 30},                        // Samsung phone, 4032×2268
	{"outofbounds-issue-34.jpg", 25},                    // Nikon COOLPIX, 3648×2736
	{"smoke/upstream66.jpg", 25},                        // agency photo with IPTC, 3500×2334
	{"metadata-extractor/nikonMakernoteType2b.jpg", 20}, // Nikon E995, 2048×1536
}

func main() {
	src := flag.String("src", "", "the imagemeta module's testdata/images folder")
	out := flag.String("o", "", "folder to write p001.jpg … p100.jpg into")
	flag.Parse()
	if *src == "" || *out == "" {
		log.Fatal("usage: go run main.go -src DIR -o OUT")
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	i := 0
	for _, s := range sources {
		name := filepath.Join(*src, filepath.FromSlash(s.path))
		if err := crops(name, s.n, func(data []byte) error {
			i++
			return os.WriteFile(filepath.Join(*out, fmt.Sprintf("p%03d.jpg", i)), data, 0o644)
		}); err != nil {
			log.Fatalf("%s: %v", name, err)
		}
	}
}

// crops decodes the photo at name once and hands n distinct crops of it,
// encoded with its metadata, to emit.
func crops(name string, n int, emit func([]byte) error) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	meta, err := metaSegments(data)
	if err != nil {
		return err
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		return err
	}
	sub, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	})
	if !ok {
		return errors.New("decoded picture cannot be cropped")
	}
	b := img.Bounds()
	w, h := b.Dx()*96/100, b.Dy()*96/100
	spanX, spanY := b.Dx()-w, b.Dy()-h
	for k := range n {
		// x walks the span in order, y in a stride coprime to n, so
		// that no two crops share an offset.
		x := k * spanX / n
		y := (k * 7 % n) * spanY / n
		r := image.Rect(x, y, x+w, y+h).Add(b.Min)
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, sub.SubImage(r), &jpeg.Options{Quality: 90}); err != nil {
			return err
		}
		enc := buf.Bytes()
		// image/jpeg writes SOI and then the tables: put the source's
		// metadata between them, where a camera puts it.
		file := append([]byte{0xFF, 0xD8}, meta...)
		if err := emit(append(file, enc[2:]...)); err != nil {
			return err
		}
	}
	return nil
}

// metaSegments returns the source's APP1 (EXIF, XMP), APP2 (ICC) and
// APP13 (IPTC) segments, whole, in their order.
func metaSegments(data []byte) ([]byte, error) {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return nil, errors.New("not a JPEG")
	}
	var out []byte
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			return nil, fmt.Errorf("no marker at byte %d", i)
		}
		marker := data[i+1]
		if marker == 0xDA { // start of scan: no metadata after it
			break
		}
		size := int(binary.BigEndian.Uint16(data[i+2:]))
		end := i + 2 + size
		if end > len(data) {
			return nil, fmt.Errorf("segment at byte %d runs past the end", i)
		}
		if marker == 0xE1 || marker == 0xE2 || marker == 0xED {
			out = append(out, data[i:end]...)
		}
		i = end
	}
	return out, nil
}
