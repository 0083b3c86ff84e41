package images

import (
	"bytes"
	"crypto/md5"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bep/imagemeta"

	"galley.dev/galley/cmd/galley/internal/diag"
)

// Meta is what a photo says about itself: the credits and rights that a
// wire service, a photo desk or a camera embedded, and the facts about its
// pixels that the rest of the pipeline needs before decoding them.
//
// Each text field names where it is read from, in the order of preference
// of the Metadata Working Group (MWG) "Guidelines for Handling Image
// Metadata" 2.0, the rule ExifTool's MWG composite tags also implement:
//
//   - EXIF first: a non-blank EXIF value wins (EXIF has no checksum, and
//     cameras and EXIF-only tools write nothing else).
//   - Then IIM against XMP, decided by the IPTC digest, an MD5 of the IIM
//     that XMP-aware tools (Photoshop, Lightroom, Photo Mechanic, ExifTool)
//     store in the Photoshop resources (ID 0x0425) when they write both:
//     with no IIM at all, XMP; when the photo has an XMP value and either no
//     digest or a digest that matches the IIM, XMP (the two were written
//     together, and XMP keeps what IIM's length limits cut); when the digest
//     does not match, a tool that knows only IIM changed it since, so the
//     IIM value wins, even when it is missing (the tool deleted it), unless
//     it is cut at IIM's length limit and the XMP value begins with it, when
//     the whole XMP value is taken.
//
// The digest is read from JPEG files, where newsroom photos carry IIM; in
// PNG and TIFF an IIM block is used only where XMP lacks the value.
//
// Text is cleaned: invalid UTF-8 is read as Latin-1 (what MWG says of
// EXIF's "ASCII"); IIM is UTF-8 when its CodedCharacterSet (1:90) says so,
// or when undeclared bytes are valid UTF-8, and Latin-1 otherwise; every
// control character (tab, line break, NUL, ESC, C1) becomes a space; the
// ends are trimmed; and a field longer than 4,000 characters, twice IIM's
// limit for a caption, is cut at a word with "…". A list (several
// creators) is joined with "; ", as MWG writes one into EXIF's Artist.
type Meta struct {
	// Caption describes the picture: XMP dc:description (the x-default
	// language, else the first), IIM 2:120 Caption-Abstract, EXIF
	// ImageDescription.
	Caption string
	// AltText is the text alternative for readers who cannot see the
	// picture: XMP Iptc4xmpCore:AltTextAccessibility (IPTC 2021.1; no IIM or
	// EXIF counterpart).
	AltText string
	// Headline is a short synopsis: XMP photoshop:Headline, IIM 2:105
	// Headline.
	Headline string
	// Creator names the photographers: XMP dc:creator, IIM 2:80 By-line,
	// EXIF Artist.
	Creator string
	// Credit is the credit line to print with the picture: XMP
	// photoshop:Credit, IIM 2:110 Credit.
	Credit string
	// Source is who supplied the picture (an agency, a pool): XMP
	// photoshop:Source, IIM 2:115 Source.
	Source string
	// Copyright is the copyright notice: XMP dc:rights, IIM 2:116
	// CopyrightNotice, EXIF Copyright.
	Copyright string
	// WebStatement is the URL of the web statement of rights (a licence
	// page): XMP xmpRights:WebStatement.
	WebStatement string
	// LicensorURL is where to license the picture: XMP plus:Licensor, the
	// first licensor's plus:LicensorURL.
	LicensorURL string
	// Width and Height are the pixel size as stored, before Orientation
	// is applied: the JPEG frame, the PNG header, the WebP or TIFF image.
	// They are 0 when the file does not say.
	Width, Height int
	// Orientation is EXIF Orientation, 1–8: 1 upright, 3 upside down, 6
	// and 8 turned a quarter; 5–8 swap width and height. It is 1 when the
	// photo has none or an invalid one.
	Orientation int
}

// UprightSize returns the size of the picture as it is meant to be seen:
// the stored size, turned for orientations 5–8.
func (m Meta) UprightSize() (width, height int) {
	if m.Orientation >= 5 && m.Orientation <= 8 {
		return m.Height, m.Width
	}
	return m.Width, m.Height
}

// Limits on what a file may make ReadMeta do. A photo's metadata sits in
// its first few hundred kilobytes; these stop a file that claims more from
// costing more than a few dozen megabytes or milliseconds.
const (
	metaMaxText     = 4000     // characters of one field
	metaMaxRead     = 64 << 20 // bytes read from one file
	metaMaxSegments = 10000    // JPEG segments before the scan
	metaMaxIRB      = 1 << 20  // bytes of Photoshop resources
	metaMaxDepth    = 64       // nesting of XMP elements
	metaMaxValues   = 64       // values kept of one XMP property
)

// ReadMetaFile reads the metadata of the picture at path; errors name the
// file.
func ReadMetaFile(path string) (Meta, error) {
	f, err := os.Open(path)
	if err != nil {
		return Meta{Orientation: 1}, diag.Errorf(path, 0, "read photo metadata: %w", err)
	}
	defer f.Close()
	m, err := ReadMeta(f, strings.TrimPrefix(filepath.Ext(path), "."))
	if err != nil {
		return m, diag.Errorf(path, 0, "read photo metadata: %w", err)
	}
	return m, nil
}

// ReadMeta reads a picture's metadata from r, from its start, without
// decoding its pixels. format is what the caller expects ("jpeg", "png",
// "webp", "tiff", "avif", "heic"; the file's extension will do) or empty;
// the file's first bytes decide, so a PNG named .jpg is read as a PNG.
//
// A damaged or hostile file never panics ReadMeta and never makes it read
// more than 64 MiB: it returns what it could read with an error that says
// what was wrong, which a build may report as a warning.
func ReadMeta(r io.ReadSeeker, format string) (Meta, error) {
	f, err := metaFormat(r, format)
	if err != nil {
		return Meta{Orientation: 1}, err
	}
	br := &metaBoundedReader{r: r, left: metaMaxRead}
	var s metaSources
	var errs []error
	if f == imagemeta.JPEG {
		irb, err := metaJPEGIRB(br)
		if err != nil {
			errs = append(errs, err)
		}
		s.readIRB(irb)
		if _, err := br.Seek(0, io.SeekStart); err != nil {
			return Meta{Orientation: 1}, err
		}
	}
	sources := imagemeta.EXIF | imagemeta.XMP | imagemeta.CONFIG
	if f != imagemeta.JPEG {
		sources |= imagemeta.IPTC // JPEG's IIM is read with its digest, above
	}
	res, err := imagemeta.Decode(imagemeta.Options{
		R:               br,
		ImageFormat:     f,
		Sources:         sources,
		ShouldHandleTag: metaWanted,
		HandleTag:       s.tag,
		HandleXMP:       s.readXMP,
	})
	if err != nil {
		errs = append(errs, fmt.Errorf("damaged metadata, read as far as it goes: %w", err))
	}
	errs = append(errs, s.xmpErr)
	m := s.reconcile()
	m.Width, m.Height = max(res.ImageConfig.Width, 0), max(res.ImageConfig.Height, 0)
	return m, errors.Join(errs...)
}

// metaFormatNames maps the names a caller may give to the formats.
var metaFormatNames = map[string]imagemeta.ImageFormat{
	"jpeg": imagemeta.JPEG, "jpg": imagemeta.JPEG, "jpe": imagemeta.JPEG, "jfif": imagemeta.JPEG,
	"png": imagemeta.PNG, "webp": imagemeta.WebP, "tiff": imagemeta.TIFF, "tif": imagemeta.TIFF,
	"avif": imagemeta.AVIF, "heic": imagemeta.HEIF, "heif": imagemeta.HEIF,
}

// metaFormat checks the caller's name for the format and returns the one
// the file's first bytes show.
func metaFormat(r io.ReadSeeker, name string) (imagemeta.ImageFormat, error) {
	if _, ok := metaFormatNames[strings.ToLower(name)]; name != "" && !ok {
		return 0, fmt.Errorf("unknown image format %q: metadata is read from jpeg, png, webp, tiff, avif and heic files", name)
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return 0, err
	}
	var head [12]byte
	n, _ := io.ReadFull(r, head[:])
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return 0, err
	}
	if f := metaSniff(head[:n]); f != 0 {
		return f, nil
	}
	return 0, fmt.Errorf("not a JPEG, PNG, WebP, TIFF, AVIF or HEIF file (it starts % x): save it again in one of those formats", head[:n])
}

// metaSniff recognises a format by its signature.
func metaSniff(b []byte) imagemeta.ImageFormat {
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		return imagemeta.JPEG
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return imagemeta.PNG
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return imagemeta.WebP
	case bytes.HasPrefix(b, []byte("II*\x00")), bytes.HasPrefix(b, []byte("MM\x00*")):
		return imagemeta.TIFF
	case len(b) >= 12 && string(b[4:8]) == "ftyp":
		switch string(b[8:12]) {
		case "avif", "avis":
			return imagemeta.AVIF
		case "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1":
			return imagemeta.HEIF
		}
	}
	return 0
}

// metaBoundedReader fails once a file has made ReadMeta read more than
// its limit, which bounds the time any file can take.
type metaBoundedReader struct {
	r    io.ReadSeeker
	left int64
}

var errMetaTooLong = fmt.Errorf("metadata runs past %d MiB: the file is damaged", metaMaxRead>>20)

func (b *metaBoundedReader) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, errMetaTooLong
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *metaBoundedReader) Seek(offset int64, whence int) (int64, error) {
	return b.r.Seek(offset, whence)
}

// metaJPEGIRB returns the Photoshop image resources of a JPEG, joined
// across APP13 segments as Photoshop splits them, reading only the
// segments before the scan.
func metaJPEGIRB(r io.ReadSeeker) ([]byte, error) {
	const sig = "Photoshop 3.0\x00"
	var irb []byte
	var hdr [4]byte
	if _, err := io.ReadFull(r, hdr[:2]); err != nil {
		return nil, nil
	}
	for range metaMaxSegments {
		if _, err := io.ReadFull(r, hdr[:2]); err != nil || hdr[0] != 0xFF {
			return irb, nil // the end, or bytes that are not a marker: as far as a reader can go
		}
		marker := hdr[1]
		switch {
		case marker == 0xFF: // fill byte before a marker
			r.Seek(-1, io.SeekCurrent)
			continue
		case marker == 0xDA || marker == 0xD9: // start of scan, end of image
			return irb, nil
		case marker == 0x01 || marker >= 0xD0 && marker <= 0xD7: // no length
			continue
		}
		if _, err := io.ReadFull(r, hdr[2:4]); err != nil {
			return irb, nil
		}
		n := int64(binary.BigEndian.Uint16(hdr[2:4])) - 2
		if n < 0 {
			return irb, fmt.Errorf("JPEG segment %#x has length %d: the file is damaged", marker, n+2)
		}
		if marker != 0xED || len(irb)+int(n) > metaMaxIRB {
			if _, err := r.Seek(n, io.SeekCurrent); err != nil {
				return irb, err
			}
			continue
		}
		seg := make([]byte, n)
		if _, err := io.ReadFull(r, seg); err != nil {
			return irb, nil
		}
		if rest, ok := bytes.CutPrefix(seg, []byte(sig)); ok {
			irb = append(irb, rest...)
		}
	}
	return irb, nil
}

// Photoshop image resource IDs.
const (
	metaResIIM    = 0x0404 // the IPTC IIM block
	metaResDigest = 0x0425 // MD5 of the IIM block when XMP was written with it
)

// metaResources returns the IIM block and the stored IPTC digest of
// Photoshop image resources, each the first of its kind, or nil.
func metaResources(irb []byte) (iim, digest []byte) {
	for len(irb) >= 12 && string(irb[:4]) == "8BIM" {
		id := binary.BigEndian.Uint16(irb[4:6])
		p := 6 + 1 + int(irb[6]) // Pascal name, with its length byte...
		p += p % 2               // ...padded to even
		if p+4 > len(irb) {
			return iim, digest
		}
		size := int64(binary.BigEndian.Uint32(irb[p:]))
		p += 4
		if size > int64(len(irb)-p) {
			return iim, digest
		}
		data := irb[p : p+int(size)]
		switch {
		case id == metaResIIM && iim == nil:
			iim = data
		case id == metaResDigest && digest == nil:
			digest = data
		}
		p += int(size) + int(size%2)
		if p > len(irb) {
			return iim, digest
		}
		irb = irb[p:]
	}
	return iim, digest
}

// metaIIMDatasets maps the IIM datasets of record 2 that Meta reads to
// the shared fields.
var metaIIMDatasets = map[byte]int{120: metaCaption, 105: metaHeadline, 80: metaCreator,
	110: metaCredit, 115: metaSource, 116: metaCopyright}

// metaParseIIM returns the fields of an IIM block as its bytes, a
// repeated dataset (several By-lines) joined with "; ". It stops at the
// first byte that does not start a dataset, and at a dataset of extended
// length (over 32 KB), which no field of Meta may have.
func metaParseIIM(b []byte) [metaShared]string {
	var v [metaShared]string
	for len(b) >= 5 && b[0] == 0x1C {
		rec, ds, n := b[1], b[2], int(binary.BigEndian.Uint16(b[3:5]))
		if n&0x8000 != 0 || n > len(b)-5 {
			break
		}
		f, ok := metaIIMDatasets[ds]
		if data := string(b[5 : 5+n]); rec == 2 && ok {
			v[f] = metaJoinList(v[f], data)
		}
		b = b[5+n:]
	}
	return v
}

func metaJoinList(list, item string) string {
	switch {
	case list == "":
		return item
	case len(list) > 4*metaMaxText: // enough for metaCap; a hostile file may repeat it thousands of times
		return list
	}
	return list + "; " + item
}

// The fields that more than one standard holds.
const (
	metaCaption = iota
	metaHeadline
	metaCreator
	metaCredit
	metaSource
	metaCopyright
	metaShared
)

// metaIIMLimits are IIM's maximum lengths of each field, in bytes: a
// value that long may have been cut.
var metaIIMLimits = [metaShared]int{2000, 256, 32, 32, 32, 128}

// The digest's verdict on whether IIM and XMP were written together.
const (
	metaNoDigest = iota
	metaDigestMatches
	metaDigestDiffers
)

// metaSources collects the raw values of one file, source by source.
type metaSources struct {
	exif, iim, xmp [metaShared]string

	hasIIM     bool // the file holds an IIM block
	iimRaw     bool // iim holds its bytes, not imagemeta's Latin-1 reading
	iimUTF8    bool // imagemeta read its CodedCharacterSet as UTF-8
	digest     int
	orient     int
	xmpVals    map[string][]metaLangText
	xmpErr     error
	xmpPackets int
}

// readIRB reads a JPEG's IIM and what its digest says of it.
func (s *metaSources) readIRB(irb []byte) {
	iim, digest := metaResources(irb)
	if iim == nil {
		return
	}
	s.hasIIM = true
	s.iimRaw = true
	s.iim = metaParseIIM(iim)
	switch sum := md5.Sum(iim); {
	case digest == nil:
		s.digest = metaNoDigest
	case bytes.Equal(digest, sum[:]):
		s.digest = metaDigestMatches
	default:
		s.digest = metaDigestDiffers
	}
}

// metaEXIFTags and metaIIMTags map the tag names imagemeta reports to the
// shared fields.
var (
	metaEXIFTags = map[string]int{"ImageDescription": metaCaption, "Artist": metaCreator, "Copyright": metaCopyright}
	metaIIMTags  = map[string]int{
		"Caption-Abstract": metaCaption, "Headline": metaHeadline, "By-line": metaCreator,
		"Credit": metaCredit, "Source": metaSource, "CopyrightNotice": metaCopyright,
	}
)

// metaWanted tells imagemeta which tags to decode: those of Meta only,
// which spares reading the rest.
func metaWanted(ti imagemeta.TagInfo) bool {
	switch ti.Source {
	case imagemeta.EXIF:
		_, ok := metaEXIFTags[ti.Tag]
		return ti.Namespace == "IFD0" && (ok || ti.Tag == "Orientation")
	case imagemeta.IPTC:
		_, ok := metaIIMTags[ti.Tag]
		return ok || ti.Tag == "CodedCharacterSet"
	}
	return true
}

// tag keeps one value that imagemeta decoded.
func (s *metaSources) tag(ti imagemeta.TagInfo) error {
	switch ti.Source {
	case imagemeta.EXIF:
		if ti.Tag == "Orientation" {
			s.orient = metaInt(ti.Value)
		} else if f, ok := metaEXIFTags[ti.Tag]; ok && s.exif[f] == "" {
			s.exif[f] = metaString(ti.Value)
		}
	case imagemeta.IPTC:
		s.hasIIM = true
		if ti.Tag == "CodedCharacterSet" {
			s.iimUTF8 = ti.Value == "UTF-8"
		} else if f, ok := metaIIMTags[ti.Tag]; ok && s.iim[f] == "" {
			s.iim[f] = metaString(ti.Value)
		}
	}
	return nil
}

func metaInt(v any) int {
	switch v := v.(type) {
	case uint16:
		return int(v)
	case uint32:
		return int(min(v, 1<<16))
	case int:
		return v
	}
	return 0
}

// metaString returns a tag's text, a list joined with "; ".
func metaString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []string:
		return strings.Join(v, "; ")
	}
	return ""
}

// reconcile applies the rules of Meta's documentation to the values read.
func (s *metaSources) reconcile() Meta {
	s.xmp = [metaShared]string{
		metaCaption:   s.xmpAlt(metaNSdc + "description"),
		metaHeadline:  s.xmpFirst(metaNSphotoshop + "Headline"),
		metaCreator:   s.xmpAll(metaNSdc + "creator"),
		metaCredit:    s.xmpFirst(metaNSphotoshop + "Credit"),
		metaSource:    s.xmpFirst(metaNSphotoshop + "Source"),
		metaCopyright: s.xmpAlt(metaNSdc + "rights"),
	}
	var v [metaShared]string
	for f := range v {
		iim := metaClean(s.iim[f])
		if !s.iimRaw {
			iim = metaIIMText(s.iim[f], s.iimUTF8)
		}
		v[f] = metaCap(metaPick(metaClean(s.exif[f]), iim, metaClean(s.xmp[f]), s.hasIIM, s.digest, metaIIMLimits[f]))
	}
	m := Meta{
		Caption:      v[metaCaption],
		AltText:      metaCap(metaClean(s.xmpAlt(metaNSiptcCore + "AltTextAccessibility"))),
		Headline:     v[metaHeadline],
		Creator:      v[metaCreator],
		Credit:       v[metaCredit],
		Source:       v[metaSource],
		Copyright:    v[metaCopyright],
		WebStatement: metaCap(metaClean(s.xmpFirst(metaNSxmpRights + "WebStatement"))),
		LicensorURL:  metaCap(metaClean(s.xmpFirst(metaNSplus + "Licensor/" + metaNSplus + "LicensorURL"))),
		Orientation:  s.orient,
	}
	if m.Orientation < 1 || m.Orientation > 8 {
		m.Orientation = 1
	}
	return m
}

// metaPick chooses among a field's cleaned EXIF, IIM and XMP values by the
// MWG rule (see Meta).
func metaPick(exif, iim, xmp string, hasIIM bool, digest, limit int) string {
	switch {
	case exif != "":
		return exif
	case !hasIIM:
		return xmp
	case xmp != "" && digest != metaDigestDiffers:
		return xmp
	case len(iim) >= limit && len(xmp) > len(iim) && strings.HasPrefix(xmp, iim):
		return xmp
	}
	return iim
}

// metaIIMText cleans an IIM value that imagemeta decoded (PNG, TIFF).
// imagemeta reads undeclared IIM as Latin-1; when those bytes are valid
// UTF-8, as tools that write UTF-8 without saying so leave them, they are
// read again as UTF-8.
func metaIIMText(s string, declaredUTF8 bool) string {
	if !declaredUTF8 {
		b := make([]byte, 0, len(s))
		for _, r := range s {
			if r > 0xFF {
				b = nil
				break
			}
			b = append(b, byte(r))
		}
		if b != nil && utf8.Valid(b) {
			s = string(b)
		}
	}
	return metaClean(s)
}

// metaClean makes text safe to show: UTF-8 (text that is not valid UTF-8
// read as Latin-1), controls turned to spaces, trimmed.
func metaClean(s string) string {
	if !utf8.ValidString(s) {
		r := make([]rune, len(s))
		for i := 0; i < len(s); i++ {
			r[i] = rune(s[i])
		}
		s = string(r)
	}
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r), r == '\u2028', r == '\u2029':
			return ' '
		case r == '\uFEFF':
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// metaCap cuts s to at most metaMaxText characters, at a word when one
// ends in the second half, with an ellipsis.
func metaCap(s string) string {
	if utf8.RuneCountInString(s) <= metaMaxText {
		return s
	}
	cut := 0
	for range metaMaxText - 1 { // leave room for the ellipsis
		_, n := utf8.DecodeRuneInString(s[cut:])
		cut += n
	}
	s = s[:cut]
	if sp := strings.LastIndexFunc(s, unicode.IsSpace); sp > len(s)/2 {
		s = s[:sp]
	}
	return strings.TrimSpace(s) + "…"
}

// XMP namespaces of the properties read.
const (
	metaNSrdf       = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	metaNSxml       = "http://www.w3.org/XML/1998/namespace"
	metaNSx         = "adobe:ns:meta/"
	metaNSdc        = "http://purl.org/dc/elements/1.1/"
	metaNSphotoshop = "http://ns.adobe.com/photoshop/1.0/"
	metaNSxmpRights = "http://ns.adobe.com/xap/1.0/rights/"
	metaNSplus      = "http://ns.useplus.org/ldf/xmp/1.0/"
	metaNSiptcCore  = "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
)

// metaXMPPaths are the property paths kept: a property's path is the
// namespaces and names of the properties that hold it, RDF's own elements
// (Description, Seq, Bag, Alt, li) left out, so a struct's field reads
// "plus:Licensor/plus:LicensorURL" whatever RDF form the writer chose.
var metaXMPPaths = map[string]bool{
	metaNSdc + "description":                              true,
	metaNSdc + "creator":                                  true,
	metaNSdc + "rights":                                   true,
	metaNSphotoshop + "Headline":                          true,
	metaNSphotoshop + "Credit":                            true,
	metaNSphotoshop + "Source":                            true,
	metaNSxmpRights + "WebStatement":                      true,
	metaNSplus + "Licensor/" + metaNSplus + "LicensorURL": true,
	metaNSiptcCore + "AltTextAccessibility":               true,
}

// metaLangText is one XMP value and its xml:lang.
type metaLangText struct{ lang, text string }

// metaXMPFrame is an open element of the XMP being read.
type metaXMPFrame struct {
	path, lang, resource string
	text                 strings.Builder
	hasChild             bool
}

// readXMP reads one XMP packet, which imagemeta holds in memory already
// (at most 10 MB). Invalid UTF-8, which Go's XML parser refuses whole, is
// replaced first; then the packet is read token by token, keeping only the
// properties of Meta. An error is kept for the caller but does not stop
// imagemeta, so that EXIF after a broken XMP is still read.
func (s *metaSources) readXMP(r io.Reader) error {
	defer io.Copy(io.Discard, r) // imagemeta wants the packet read to its end
	s.xmpPackets++
	if s.xmpPackets > 1 {
		return nil // only the first: JPEG's extended XMP is not read
	}
	if s.xmpVals == nil {
		s.xmpVals = map[string][]metaLangText{}
	}
	data, err := io.ReadAll(r) // imagemeta holds at most 10 MB of it already
	if err != nil {
		s.xmpErr = fmt.Errorf("read XMP: %w", err)
		return nil
	}
	if err := s.parseXMP(bytes.ToValidUTF8(data, []byte("\uFFFD"))); err != nil {
		s.xmpErr = fmt.Errorf("read XMP: %w", err)
	}
	return nil
}

func (s *metaSources) parseXMP(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []*metaXMPFrame
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= metaMaxDepth {
				return fmt.Errorf("elements nested deeper than %d", metaMaxDepth)
			}
			f := &metaXMPFrame{}
			if n := len(stack); n > 0 {
				parent := stack[n-1]
				parent.hasChild = true
				f.path, f.lang = parent.path, parent.lang
			}
			if metaIsProperty(t.Name.Space) {
				f.path = metaJoin(f.path, t.Name.Space+t.Name.Local)
			}
			for _, a := range t.Attr {
				switch {
				case a.Name.Space == metaNSxml && a.Name.Local == "lang":
					f.lang = a.Value
				case a.Name.Space == metaNSrdf && a.Name.Local == "resource":
					f.resource = a.Value
				case metaIsProperty(a.Name.Space) && a.Name.Space != "xmlns":
					s.keepXMP(metaJoin(f.path, a.Name.Space+a.Name.Local), f.lang, a.Value)
				}
			}
			stack = append(stack, f)
		case xml.CharData:
			if n := len(stack); n > 0 && stack[n-1].text.Len() < 4*metaMaxText {
				stack[n-1].text.Write(t)
			}
		case xml.EndElement:
			n := len(stack)
			if n == 0 {
				return nil
			}
			f := stack[n-1]
			stack = stack[:n-1]
			if !f.hasChild {
				text := f.text.String()
				if strings.TrimSpace(text) == "" {
					text = f.resource
				}
				s.keepXMP(f.path, f.lang, text)
			}
		}
	}
}

// metaIsProperty reports whether an element or attribute of namespace ns
// is a metadata property rather than RDF's or XML's own syntax.
func metaIsProperty(ns string) bool {
	return ns != "" && ns != metaNSrdf && ns != metaNSxml && ns != metaNSx && ns != "xmlns"
}

func metaJoin(path, name string) string {
	if path == "" {
		return name
	}
	return path + "/" + name
}

func (s *metaSources) keepXMP(path, lang, text string) {
	if !metaXMPPaths[path] || strings.TrimSpace(text) == "" || len(s.xmpVals[path]) >= metaMaxValues {
		return
	}
	s.xmpVals[path] = append(s.xmpVals[path], metaLangText{lang, text})
}

// xmpAlt returns a language alternative's x-default value, else its first.
func (s *metaSources) xmpAlt(path string) string {
	for _, v := range s.xmpVals[path] {
		if v.lang == "x-default" {
			return v.text
		}
	}
	return s.xmpFirst(path)
}

func (s *metaSources) xmpFirst(path string) string {
	if vals := s.xmpVals[path]; len(vals) > 0 {
		return vals[0].text
	}
	return ""
}

// xmpAll returns every item of a list, joined with "; ".
func (s *metaSources) xmpAll(path string) string {
	var items []string
	for _, v := range s.xmpVals[path] {
		items = append(items, strings.TrimSpace(v.text))
	}
	return strings.Join(items, "; ")
}
