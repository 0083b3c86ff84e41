package images

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// This file carries a source's metadata into its derivatives, so that a
// picture saved or scraped from the site still names its photographer.
//
// What is carried, and what is not:
//   - IPTC IIM (the JPEG's APP13 Photoshop segments) is copied as it is
//     into JPEG derivatives. WebP has no place for IIM; its XMP holds the
//     same caption, creator, credit and rights (IPTC Core).
//   - XMP is copied into JPEG (APP1) and WebP ("XMP " chunk) derivatives
//     with its GPS properties (exif:GPS*, the IPTC Extension's location
//     GPS*) and tiff:Orientation removed (scrubXMPGPS). Extended XMP
//     (a JPEG's second APP1 XMP kind, split over segments and sealed by
//     an MD5) is not copied: it cannot be scrubbed without resealing.
//   - EXIF is copied rebuilt (cleanEXIF): IFD0 and the Exif IFD only,
//     Orientation 1 (the pixels are already turned), the pixel
//     dimensions of the derivative; no GPS IFD (a newsroom must not
//     publish where a source's photo was taken), no maker note (opaque,
//     and it holds serial numbers), no camera or lens serial number, no
//     thumbnail (it would show the uncropped, unrotated original).
//   - An RGB ICC profile is copied unchanged into JPEG (APP2) and WebP
//     ("ICCP" chunk) derivatives: their pixels are the source's values,
//     so the same profile describes them, and browsers apply it; colour
//     is respected without a CMS. gen2brain/webp cannot embed a profile
//     itself: webpWithMeta writes the chunk. A CMYK or grey profile is
//     dropped, since the derivatives are RGB (a CMYK JPEG is converted
//     naively and so taken as sRGB).
//   - Metadata of PNG and GIF sources is not read: only JPEG and WebP
//     carry newsroom metadata in practice.

// carriedMeta is the metadata of a source that its derivatives carry.
type carriedMeta struct {
	exif []byte   // a TIFF block, from "II*\0" or "MM\0*"
	xmp  []byte   // an XMP packet
	icc  []byte   // an ICC profile, reassembled
	iptc [][]byte // APP13 payloads, from "Photoshop 3.0\0"
}

const (
	exifHeader      = "Exif\x00\x00"
	xmpHeader       = "http://ns.adobe.com/xap/1.0/\x00"
	iccHeader       = "ICC_PROFILE\x00"
	photoshopHeader = "Photoshop 3.0\x00"

	// maxSegment is the most a JPEG marker segment holds after its
	// 2-byte length.
	maxSegment = 0xFFFF - 2
)

// forDerivatives returns m as every derivative carries it: XMP scrubbed,
// a profile only if RGB. EXIF is cleaned per derivative (cleanEXIF),
// since it records the pixel size.
func (m carriedMeta) forDerivatives() carriedMeta {
	if m.xmp != nil {
		m.xmp = scrubXMPGPS(m.xmp)
		if len(bytes.TrimSpace(m.xmp)) == 0 {
			m.xmp = nil
		}
	}
	if !rgbProfile(m.icc) {
		m.icc = nil
	}
	return m
}

// rgbProfile reports whether icc is an ICC profile of RGB data.
func rgbProfile(icc []byte) bool {
	return len(icc) >= 128 && string(icc[16:20]) == "RGB " && string(icc[36:40]) == "acsp"
}

// --- JPEG

// jpegSegments calls fn with each marker segment of a JPEG before its
// first scan (where all metadata lives), and stops at damage.
func jpegSegments(src []byte, fn func(marker byte, payload []byte)) {
	i := 2
	for i+4 <= len(src) {
		if src[i] != 0xFF {
			return
		}
		m := src[i+1]
		switch {
		case m == 0xFF: // fill byte
			i++
			continue
		case m == 0xD8, m == 0x01, m >= 0xD0 && m <= 0xD7: // no length
			i += 2
			continue
		case m == 0xDA, m == 0xD9: // start of scan, end of image
			return
		}
		n := int(binary.BigEndian.Uint16(src[i+2:]))
		if n < 2 || i+2+n > len(src) {
			return
		}
		fn(m, src[i+4:i+2+n])
		i += 2 + n
	}
}

// jpegMeta reads a JPEG's EXIF (the first), XMP (the first standard
// packet), ICC profile and IPTC segments.
func jpegMeta(src []byte) carriedMeta {
	var m carriedMeta
	icc := map[byte][]byte{}
	var iccCount byte
	jpegSegments(src, func(marker byte, p []byte) {
		switch {
		case marker == 0xE1 && bytes.HasPrefix(p, []byte(exifHeader)):
			if m.exif == nil {
				m.exif = p[len(exifHeader):]
			}
		case marker == 0xE1 && bytes.HasPrefix(p, []byte(xmpHeader)):
			if m.xmp == nil {
				m.xmp = p[len(xmpHeader):]
			}
		case marker == 0xE2 && bytes.HasPrefix(p, []byte(iccHeader)) && len(p) >= len(iccHeader)+2:
			seq, count := p[len(iccHeader)], p[len(iccHeader)+1]
			if iccCount == 0 {
				iccCount = count
			}
			if count == iccCount && seq >= 1 && seq <= count && icc[seq] == nil {
				icc[seq] = p[len(iccHeader)+2:]
			}
		case marker == 0xED && bytes.HasPrefix(p, []byte(photoshopHeader)):
			m.iptc = append(m.iptc, p)
		}
	})
	// A profile with a part missing is no profile.
	if iccCount > 0 && len(icc) == int(iccCount) {
		for seq := byte(1); seq <= iccCount; seq++ {
			m.icc = append(m.icc, icc[seq]...)
		}
	}
	return m
}

// splitICC cuts a profile into APP2 payloads, as the ICC specification
// (annex B.4) says; nil if it needs more than 255.
func splitICC(icc []byte) [][]byte {
	const room = maxSegment - len(iccHeader) - 2
	n := (len(icc) + room - 1) / room
	if n == 0 || n > 255 {
		return nil
	}
	var out [][]byte
	for seq := 1; len(icc) > 0; seq++ {
		part := icc[:min(room, len(icc))]
		icc = icc[len(part):]
		p := append([]byte(iccHeader), byte(seq), byte(n))
		out = append(out, append(p, part...))
	}
	return out
}

// jpegWithMeta returns the JPEG jpg, as image/jpeg wrote it (SOI, then
// tables, no APP0), with m's segments after SOI: EXIF first, as the
// Exif standard asks, then XMP, the ICC profile and IPTC. A part too
// large for a segment is left out.
func jpegWithMeta(jpg []byte, m carriedMeta) []byte {
	if len(jpg) < 2 {
		return jpg
	}
	var b bytes.Buffer
	b.Write(jpg[:2])
	if m.exif != nil {
		appendSegment(&b, 0xE1, []byte(exifHeader), m.exif)
	}
	if m.xmp != nil {
		appendSegment(&b, 0xE1, []byte(xmpHeader), m.xmp)
	}
	for _, p := range splitICC(m.icc) {
		appendSegment(&b, 0xE2, p)
	}
	for _, p := range m.iptc {
		appendSegment(&b, 0xED, p)
	}
	b.Write(jpg[2:])
	return b.Bytes()
}

func appendSegment(b *bytes.Buffer, marker byte, parts ...[]byte) {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	if n > maxSegment {
		return
	}
	b.Write([]byte{0xFF, marker, byte((n + 2) >> 8), byte(n + 2)})
	for _, p := range parts {
		b.Write(p)
	}
}

// --- EXIF (TIFF)

const (
	tagOrientation = 0x0112
	tagExifIFD     = 0x8769
	tagGPSIFD      = 0x8825
	tagPixelX      = 0xA002
	tagPixelY      = 0xA003
	typeShort      = 3
	typeLong       = 4
	maxIFDEntries  = 1000
)

// droppedTags are the EXIF tags cleanEXIF leaves out: pointers to what
// is not copied (GPS, interoperability, sub-IFDs, strips, thumbnails,
// embedded XMP, IPTC and ICC, copied on their own), sizes that would be
// wrong, and what identifies a camera (maker note, serial numbers).
var droppedTags = map[uint16]bool{
	0x0100: true, 0x0101: true, // ImageWidth, ImageLength
	0x0111: true, 0x0117: true, // StripOffsets, StripByteCounts
	0x014A: true,               // SubIFDs
	0x0201: true, 0x0202: true, // JPEG thumbnail offset and length
	0x02BC: true, 0x83BB: true, 0x8773: true, // XMP, IPTC, ICC inside TIFF
	tagGPSIFD: true,
	0x927C:    true,               // MakerNote
	0xA005:    true,               // Interoperability IFD
	0xA431:    true, 0xA435: true, // BodySerialNumber, LensSerialNumber
}

// An ifdEntry is one TIFF directory entry; value holds count values of
// type typ, in the block's byte order.
type ifdEntry struct {
	tag, typ uint16
	count    uint32
	value    []byte
}

// typeSize is the size in bytes of one value of a TIFF type; 0 for a
// type TIFF 6 and Exif do not define.
func typeSize(typ uint16) int {
	switch typ {
	case 1, 2, 6, 7:
		return 1
	case 3, 8:
		return 2
	case 4, 9, 11, 13:
		return 4
	case 5, 10, 12:
		return 8
	}
	return 0
}

// tiffOrder returns the byte order of a TIFF block, or nil if b is not
// one.
func tiffOrder(b []byte) binary.ByteOrder {
	switch {
	case len(b) >= 8 && string(b[:4]) == "II*\x00":
		return binary.LittleEndian
	case len(b) >= 8 && string(b[:4]) == "MM\x00*":
		return binary.BigEndian
	}
	return nil
}

// readIFD reads the directory at off: its entries (those of a known
// type, their values bounds-checked) and the offset of the next one.
func readIFD(b []byte, bo binary.ByteOrder, off uint32) (entries []ifdEntry, next uint32, ok bool) {
	if bo == nil || off < 8 || uint64(off)+2 > uint64(len(b)) {
		return nil, 0, false
	}
	n := int(bo.Uint16(b[off:]))
	end := uint64(off) + 2 + 12*uint64(n) + 4
	if n > maxIFDEntries || end > uint64(len(b)) {
		return nil, 0, false
	}
	for i := range n {
		e := b[int(off)+2+12*i:][:12]
		ent := ifdEntry{tag: bo.Uint16(e), typ: bo.Uint16(e[2:]), count: bo.Uint32(e[4:])}
		size := uint64(typeSize(ent.typ)) * uint64(ent.count)
		switch {
		case size == 0: // an unknown type, or no values
			continue
		case size <= 4:
			ent.value = e[8 : 8+size]
		default:
			at := uint64(bo.Uint32(e[8:]))
			if at+size > uint64(len(b)) {
				continue
			}
			ent.value = b[at : at+size]
		}
		entries = append(entries, ent)
	}
	return entries, bo.Uint32(b[end-4:]), true
}

// exifOrientation returns the Orientation (1–8) of a TIFF block, or 0
// when it has none; a value outside 1–8 is none.
func exifOrientation(tiff []byte) int {
	bo := tiffOrder(tiff)
	if bo == nil {
		return 0
	}
	ifd0, _, ok := readIFD(tiff, bo, bo.Uint32(tiff[4:]))
	if !ok {
		return 0
	}
	for _, e := range ifd0 {
		if e.tag == tagOrientation && e.typ == typeShort {
			if v := int(bo.Uint16(e.value)); v >= 1 && v <= 8 {
				return v
			}
			return 0
		}
	}
	return 0
}

// cleanEXIF rebuilds a TIFF block for a derivative width × height
// pixels, keeping what the file comment above lists, in the block's byte
// order. It returns nil if tiff cannot be read, or the result would not
// fit a JPEG segment. Cleaning a clean block returns it unchanged.
func cleanEXIF(tiff []byte, width, height int) []byte {
	bo := tiffOrder(tiff)
	if bo == nil {
		return nil
	}
	ifd0, _, ok := readIFD(tiff, bo, bo.Uint32(tiff[4:]))
	if !ok {
		return nil
	}
	var keep []ifdEntry
	exif := keptEntries(nil, bo, width, height)
	for _, e := range ifd0 {
		switch {
		case e.tag == tagExifIFD:
			if (e.typ == typeLong || e.typ == 13) && e.count == 1 {
				sub, _, ok := readIFD(tiff, bo, bo.Uint32(e.value))
				if ok {
					exif = keptEntries(sub, bo, width, height)
				}
			}
		case e.tag == tagOrientation:
			keep = append(keep, ifdEntry{tag: tagOrientation, typ: typeShort, count: 1, value: put16(bo, 1)})
		case !droppedTags[e.tag] && e.typ != 13:
			keep = append(keep, e)
		}
	}
	keep = uniqueSorted(append(keep, ifdEntry{tag: tagExifIFD, typ: typeLong, count: 1, value: make([]byte, 4)}))
	out := writeTIFF(bo, keep, exif)
	if len(out)+len(exifHeader) > maxSegment {
		return nil
	}
	return out
}

// keptEntries filters an Exif IFD and sets its pixel dimensions, which
// the Exif standard requires of a compressed picture, to the
// derivative's.
func keptEntries(sub []ifdEntry, bo binary.ByteOrder, width, height int) []ifdEntry {
	out := []ifdEntry{
		{tag: tagPixelX, typ: typeLong, count: 1, value: put32(bo, uint32(width))},
		{tag: tagPixelY, typ: typeLong, count: 1, value: put32(bo, uint32(height))},
	}
	for _, e := range sub {
		if e.tag != tagPixelX && e.tag != tagPixelY && !droppedTags[e.tag] && e.typ != 13 && e.tag != tagExifIFD {
			out = append(out, e)
		}
	}
	return uniqueSorted(out)
}

// uniqueSorted sorts entries by tag, as TIFF requires, keeping the first
// of a repeated tag.
func uniqueSorted(es []ifdEntry) []ifdEntry {
	slices.SortStableFunc(es, func(a, b ifdEntry) int { return cmp.Compare(a.tag, b.tag) })
	return slices.CompactFunc(es, func(a, b ifdEntry) bool { return a.tag == b.tag })
}

// writeTIFF lays out a header, IFD0 (whose Exif pointer, if any, it
// sets), its values, then the Exif IFD and its values; no IFD1.
func writeTIFF(bo binary.ByteOrder, ifd0, exif []ifdEntry) []byte {
	var out []byte
	if bo == binary.LittleEndian {
		out = []byte("II*\x00")
	} else {
		out = []byte("MM\x00*")
	}
	out = append(out, put32(bo, 8)...)
	exifAt := 8 + ifdSize(ifd0)
	for i, e := range ifd0 {
		if e.tag == tagExifIFD {
			ifd0[i].value = put32(bo, uint32(exifAt))
		}
	}
	out = appendIFD(out, bo, ifd0)
	if len(exif) > 0 {
		out = appendIFD(out, bo, exif)
	}
	return out
}

func put16(bo binary.ByteOrder, v uint16) []byte {
	b := make([]byte, 2)
	bo.PutUint16(b, v)
	return b
}

func put32(bo binary.ByteOrder, v uint32) []byte {
	b := make([]byte, 4)
	bo.PutUint32(b, v)
	return b
}

// ifdSize is the bytes a directory and its out-of-line values take.
func ifdSize(es []ifdEntry) int {
	n := 2 + 12*len(es) + 4
	for _, e := range es {
		if len(e.value) > 4 {
			n += len(e.value) + len(e.value)%2
		}
	}
	return n
}

// appendIFD writes a directory at the end of out, its values after it,
// each at an even offset, and no next directory.
func appendIFD(out []byte, bo binary.ByteOrder, es []ifdEntry) []byte {
	dataAt := len(out) + 2 + 12*len(es) + 4
	var data []byte
	out = append(out, put16(bo, uint16(len(es)))...)
	for _, e := range es {
		out = append(out, put16(bo, e.tag)...)
		out = append(out, put16(bo, e.typ)...)
		out = append(out, put32(bo, e.count)...)
		if len(e.value) <= 4 {
			var v [4]byte
			copy(v[:], e.value)
			out = append(out, v[:]...)
			continue
		}
		out = append(out, put32(bo, uint32(dataAt+len(data)))...)
		data = append(data, e.value...)
		if len(data)%2 == 1 {
			data = append(data, 0)
		}
	}
	out = append(out, put32(bo, 0)...)
	return append(out, data...)
}

// --- XMP

// maxScrubPasses bounds scrubXMPGPS's passes; a packet that still
// changes after them is malformed on purpose and is dropped.
const maxScrubPasses = 8

// scrubXMPGPS removes from an XMP packet every property and attribute
// whose local name starts with "GPS" (exif:GPSLatitude, the IPTC
// Extension's Iptc4xmpExt:GPSLatitude under LocationCreated and
// LocationShown, …) and tiff:Orientation, which would turn the already
// upright pixels again. It works on the bytes, keeping the rest of the
// packet as it was written (a re-serialised XMP would reorder
// namespaces and lose padding), and repeats until nothing changes, so
// that a removal cannot leave a new GPS property behind.
func scrubXMPGPS(xmp []byte) []byte {
	for range maxScrubPasses {
		out := scrubOnce(xmp)
		if bytes.Equal(out, xmp) {
			return out
		}
		xmp = out
	}
	return nil
}

// scrubbed reports whether an element or attribute name is one that
// scrubXMPGPS removes.
func scrubbed(name []byte) bool {
	local := name
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		local = name[i+1:]
	}
	return bytes.HasPrefix(local, []byte("GPS")) || string(name) == "tiff:Orientation"
}

func scrubOnce(x []byte) []byte {
	out := make([]byte, 0, len(x))
	for i := 0; i < len(x); {
		if x[i] != '<' {
			j := bytes.IndexByte(x[i:], '<')
			if j < 0 {
				j = len(x) - i
			}
			out = append(out, x[i:i+j]...)
			i += j
			continue
		}
		if i+1 < len(x) && (x[i+1] == '/' || x[i+1] == '?' || x[i+1] == '!') {
			n := markupLen(x[i:])
			out = append(out, x[i:i+n]...)
			i += n
			continue
		}
		tag, ok := parseStartTag(x[i:])
		if !ok {
			out = append(out, '<')
			i++
			continue
		}
		if scrubbed(tag.name) {
			i += elementLen(x[i:], tag)
			continue
		}
		out = append(out, tag.without(x[i:])...)
		i += tag.end
	}
	return out
}

// markupLen is the length of an end tag, comment, CDATA section,
// declaration or processing instruction at the start of x.
func markupLen(x []byte) int {
	end := []byte(">")
	switch {
	case bytes.HasPrefix(x, []byte("<!--")):
		end = []byte("-->")
	case bytes.HasPrefix(x, []byte("<![CDATA[")):
		end = []byte("]]>")
	}
	if j := bytes.Index(x[1:], end); j >= 0 {
		return 1 + j + len(end)
	}
	return len(x)
}

// A startTag is a parsed "<name attr='v' …>" or "<name …/>".
type startTag struct {
	name      []byte
	attrs     [][2]int // spans of removed attributes, leading space included
	end       int      // bytes up to and including '>'
	selfClose bool
}

// without returns the tag's bytes without its scrubbed attributes.
func (t startTag) without(x []byte) []byte {
	var out []byte
	at := 0
	for _, s := range t.attrs {
		out = append(out, x[at:s[0]]...)
		at = s[1]
	}
	return append(out, x[at:t.end]...)
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '_' || c == ':' || c == '-' || c == '.' || c >= 0x80
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// parseStartTag parses the start tag at the start of x; ok is false if
// it is not a well-formed one.
func parseStartTag(x []byte) (t startTag, ok bool) {
	i := 1
	for i < len(x) && isNameByte(x[i]) {
		i++
	}
	if i == 1 {
		return t, false
	}
	t.name = x[1:i]
	for {
		start := i
		for i < len(x) && isSpace(x[i]) {
			i++
		}
		switch {
		case i >= len(x):
			return t, false
		case x[i] == '>':
			t.end = i + 1
			return t, true
		case x[i] == '/' && i+1 < len(x) && x[i+1] == '>':
			t.end, t.selfClose = i+2, true
			return t, true
		case i == start: // attributes must be separated by space
			return t, false
		}
		n := i
		for i < len(x) && isNameByte(x[i]) {
			i++
		}
		name := x[n:i]
		for i < len(x) && isSpace(x[i]) {
			i++
		}
		if len(name) == 0 || i >= len(x) || x[i] != '=' {
			return t, false
		}
		i++
		for i < len(x) && isSpace(x[i]) {
			i++
		}
		if i >= len(x) || x[i] != '"' && x[i] != '\'' {
			return t, false
		}
		q := bytes.IndexByte(x[i+1:], x[i])
		if q < 0 {
			return t, false
		}
		i += q + 2
		if scrubbed(name) {
			t.attrs = append(t.attrs, [2]int{start, i})
		}
	}
}

// elementLen is the length of the element that starts with tag at the
// start of x, through its end tag; all of x if it is never closed.
func elementLen(x []byte, tag startTag) int {
	if tag.selfClose {
		return tag.end
	}
	closing := append([]byte("</"), tag.name...)
	for at := tag.end; at < len(x); {
		j := bytes.Index(x[at:], closing)
		if j < 0 {
			break
		}
		k := at + j + len(closing)
		for k < len(x) && isSpace(x[k]) {
			k++
		}
		if k < len(x) && x[k] == '>' {
			return k + 1
		}
		at = at + j + 1
	}
	return len(x)
}

// --- WebP (RIFF)

// VP8X flags, from the WebP container specification.
const (
	vp8xAnimation = 0x02
	vp8xXMP       = 0x04
	vp8xEXIF      = 0x08
	vp8xAlpha     = 0x10
	vp8xICC       = 0x20
)

// A riffChunk is one chunk of a WebP file; data excludes the padding.
type riffChunk struct {
	id   string
	data []byte
}

// riffChunks splits a WebP file into its chunks.
func riffChunks(b []byte) ([]riffChunk, error) {
	if len(b) < 12 || string(b[:4]) != "RIFF" || string(b[8:12]) != "WEBP" {
		return nil, errors.New("not a RIFF WebP file")
	}
	size := uint64(binary.LittleEndian.Uint32(b[4:]))
	if size < 4 || size+8 > uint64(len(b)) {
		return nil, fmt.Errorf("RIFF size %d does not match the file's %d bytes", size, len(b))
	}
	rest := b[12 : 8+size]
	var out []riffChunk
	for len(rest) > 0 {
		if len(rest) < 8 {
			return nil, errors.New("truncated chunk header")
		}
		n := uint64(binary.LittleEndian.Uint32(rest[4:]))
		if n > uint64(len(rest)-8) {
			return nil, fmt.Errorf("chunk %q of %d bytes runs past the end", rest[:4], n)
		}
		out = append(out, riffChunk{id: string(rest[:4]), data: rest[8 : 8+n]})
		rest = rest[min(uint64(len(rest)), 8+n+n%2):]
	}
	return out, nil
}

// webpMeta reads a WebP's ICCP, EXIF and XMP chunks.
func webpMeta(b []byte) carriedMeta {
	var m carriedMeta
	cs, err := riffChunks(b)
	if err != nil {
		return m
	}
	for _, c := range cs {
		switch c.id {
		case "ICCP":
			m.icc = c.data
		case "EXIF":
			// Some writers keep the JPEG segment's "Exif\0\0".
			m.exif = bytes.TrimPrefix(c.data, []byte(exifHeader))
		case "XMP ":
			m.xmp = c.data
		}
	}
	return m
}

// webpWithMeta returns a still WebP of width × height pixels, as
// gen2brain/webp wrote it, in the container the specification asks for:
// with metadata or transparency, the extended one (VP8X with its flags
// and canvas, ICCP, the image chunks, EXIF, XMP, in that order);
// otherwise the simple one. gen2brain/webp writes an alpha plane even
// for an opaque picture; when alpha is false that ALPH chunk, a few
// wasted bytes that also tell browsers to blend, is dropped.
func webpWithMeta(data []byte, width, height int, alpha bool, m carriedMeta) ([]byte, error) {
	cs, err := riffChunks(data)
	if err != nil {
		return nil, fmt.Errorf("webp container: %w", err)
	}
	var flags byte
	var img []riffChunk
	for _, c := range cs {
		switch c.id {
		case "VP8X":
			if len(c.data) > 0 && c.data[0]&vp8xAnimation != 0 {
				return nil, errors.New("webp container: animated")
			}
		case "ALPH":
			if alpha {
				flags |= vp8xAlpha
				img = append(img, c)
			}
		case "VP8 ":
			img = append(img, c)
		case "VP8L":
			// The lossless header's alpha_is_used bit, which cannot
			// be dropped without re-encoding.
			if len(c.data) >= 5 && c.data[4]&0x10 != 0 {
				flags |= vp8xAlpha
			}
			img = append(img, c)
		}
	}
	if len(img) == 0 {
		return nil, errors.New("webp container: no image data")
	}
	if width < 1 || height < 1 || width > 1<<24 || height > 1<<24 {
		return nil, fmt.Errorf("webp container: canvas %d×%d", width, height)
	}
	if m.icc != nil {
		flags |= vp8xICC
	}
	if m.exif != nil {
		flags |= vp8xEXIF
	}
	if m.xmp != nil {
		flags |= vp8xXMP
	}
	chunks := img
	if flags != 0 {
		x := []byte{flags, 0, 0, 0}
		x = append(x, byte(width-1), byte((width-1)>>8), byte((width-1)>>16))
		x = append(x, byte(height-1), byte((height-1)>>8), byte((height-1)>>16))
		chunks = []riffChunk{{"VP8X", x}}
		if m.icc != nil {
			chunks = append(chunks, riffChunk{"ICCP", m.icc})
		}
		chunks = append(chunks, img...)
		if m.exif != nil {
			chunks = append(chunks, riffChunk{"EXIF", m.exif})
		}
		if m.xmp != nil {
			chunks = append(chunks, riffChunk{"XMP ", m.xmp})
		}
	}
	var body []byte
	for _, c := range chunks {
		body = append(body, c.id...)
		body = binary.LittleEndian.AppendUint32(body, uint32(len(c.data)))
		body = append(body, c.data...)
		if len(c.data)%2 == 1 {
			body = append(body, 0)
		}
	}
	if uint64(len(body))+4 > 0xFFFFFFFF-8 {
		return nil, errors.New("webp container: too large")
	}
	out := append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)+4))...)
	out = append(out, "WEBP"...)
	return append(out, body...), nil
}
