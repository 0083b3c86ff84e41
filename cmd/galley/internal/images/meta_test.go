package images

import (
	"bytes"
	"crypto/md5"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The real photos come with the metadata reader's own module, so the tests
// use the copy the build already downloaded (or download it, as go build
// would).
const metaTestModule = "github.com/bep/imagemeta@v1.0.1"

// metaTestPhotos returns the folder of real test photos of the imagemeta
// module, skipping the test when the module cannot be had.
func metaTestPhotos(tb testing.TB) string {
	tb.Helper()
	out, err := exec.Command("go", "mod", "download", "-json", metaTestModule).Output()
	var mod struct{ Dir string }
	if err == nil {
		err = json.Unmarshal(out, &mod)
	}
	dir := filepath.Join(mod.Dir, "testdata", "images")
	if _, serr := os.Stat(dir); err != nil || serr != nil {
		tb.Skipf("cannot download %s for its test photos: %v %v", metaTestModule, err, serr)
	}
	return dir
}

// metaExiftool returns the path of exiftool, or skips the test when it is
// missing, unless GALLEY_REQUIRE_TOOLS is set (make test sets it), when the
// test fails.
func metaExiftool(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("exiftool")
	if err == nil {
		return p
	}
	if os.Getenv("GALLEY_REQUIRE_TOOLS") != "" {
		t.Fatalf("exiftool is not installed (Debian: libimage-exiftool-perl)")
	}
	t.Skip("exiftool is not installed; make test installs it")
	return ""
}

// metaExiftoolTags are the tags the independent reader is asked for: the
// MWG composites, which are ExifTool's reading of the MWG rules, and the raw
// IIM and XMP values with the two digests for the fields MWG does not name.
var metaExiftoolTags = []string{
	"-MWG:Description", "-MWG:Creator", "-MWG:Copyright",
	"-IPTC:Headline", "-IPTC:Credit", "-IPTC:Source",
	"-XMP-photoshop:Headline", "-XMP-photoshop:Credit", "-XMP-photoshop:Source",
	"-XMP-xmpRights:WebStatement", "-XMP-plus:LicensorURL", "-XMP-iptcCore:AltTextAccessibility",
	"-IFD0:Orientation", "-Composite:ImageSize",
	"-File:CurrentIPTCDigest", "-Photoshop:IPTCDigest",
}

// metaExiftoolRead runs exiftool on file and returns its tags, each list
// joined with "; " and each number printed.
func metaExiftoolRead(t *testing.T, exiftool, file string) map[string]string {
	t.Helper()
	args := append([]string{"-j", "-n", "-G1", "-use", "MWG"}, metaExiftoolTags...)
	out, err := exec.Command(exiftool, append(args, file)...).Output()
	if err != nil {
		t.Fatalf("exiftool %s: %v", file, err)
	}
	var recs []map[string]any
	d := json.NewDecoder(bytes.NewReader(out))
	d.UseNumber()
	if err := d.Decode(&recs); err != nil || len(recs) != 1 {
		t.Fatalf("exiftool %s: %v\n%s", file, err, out)
	}
	tags := map[string]string{}
	for k, v := range recs[0] {
		if list, ok := v.([]any); ok {
			var s []string
			for _, x := range list {
				s = append(s, fmt.Sprint(x))
			}
			tags[k] = strings.Join(s, "; ")
			continue
		}
		tags[k] = fmt.Sprint(v)
	}
	return tags
}

// metaExpect is the Meta the reconciling rule gives for exiftool's tags,
// worked out here apart from meta.go: exiftool's MWG composites for
// caption, creator and copyright; for headline, credit and source the same
// IIM/XMP rule over its raw values; XMP alone for the rest.
func metaExpect(tags map[string]string) Meta {
	first := func(s string) string { v, _, _ := strings.Cut(s, "; "); return v }
	iimOrXMP := func(name string, limit int) string {
		iim, hasIIM := tags["IPTC:"+name]
		xmp := tags["XMP-photoshop:"+name]
		cur, hasCur := tags["File:CurrentIPTCDigest"]
		stored, hasStored := tags["Photoshop:IPTCDigest"]
		switch {
		case !hasCur && !hasIIM:
			return xmp
		case xmp != "" && (!hasStored || stored == cur):
			return xmp
		case len(iim) >= limit && strings.HasPrefix(xmp, iim):
			return xmp
		}
		return iim
	}
	m := Meta{
		Caption:      tags["MWG:Description"],
		AltText:      tags["XMP-iptcCore:AltTextAccessibility"],
		Headline:     iimOrXMP("Headline", 256),
		Creator:      tags["MWG:Creator"],
		Credit:       iimOrXMP("Credit", 32),
		Source:       iimOrXMP("Source", 32),
		Copyright:    tags["MWG:Copyright"],
		WebStatement: tags["XMP-xmpRights:WebStatement"],
		LicensorURL:  first(tags["XMP-plus:LicensorURL"]),
		Orientation:  1,
	}
	fmt.Sscan(tags["Composite:ImageSize"], &m.Width, &m.Height)
	if o := tags["IFD0:Orientation"]; o != "" {
		fmt.Sscan(o, &m.Orientation)
	}
	return m
}

// metaNormalize makes whitespace comparable: both readers keep the text,
// but exiftool keeps line breaks that Meta turns into spaces.
func metaNormalize(m Meta) Meta {
	for _, p := range metaTextFields(&m) {
		*p = strings.Join(strings.Fields(*p), " ")
	}
	return m
}

func metaTextFields(m *Meta) []*string {
	return []*string{&m.Caption, &m.AltText, &m.Headline, &m.Creator, &m.Credit,
		&m.Source, &m.Copyright, &m.WebStatement, &m.LicensorURL}
}

func metaReadFile(t *testing.T, file string) Meta {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := ReadMeta(f, strings.TrimPrefix(filepath.Ext(file), "."))
	if err != nil {
		t.Fatalf("ReadMeta(%s): %v", file, err)
	}
	return m
}

// TestReadMetaAgainstExiftool reads real photos (wire-style IPTC, phone,
// camera, PNG, WebP, TIFF, files whose IIM, XMP and EXIF disagree) and
// compares every field with what exiftool, an independent reader, says.
func TestReadMetaAgainstExiftool(t *testing.T) {
	dir := metaTestPhotos(t)
	exiftool := metaExiftool(t)
	for _, name := range []string{
		"IPTC-PhotometadataRef-Std2021.1.jpg",
		"metadata_demo_inc_exif_out_of_sync_Inc_adobe.jpg", // EXIF, IIM and XMP all differ
		"metadata_demo_iim_and_xmp_only.jpg",               // IIM edited after XMP: digest mismatch
		"metadata_demo_exif_only.jpg",
		"issue-xmp-iptc-misalignment.jpg",
		"hugo-issue-12669.jpg", // the 4032×2268 phone photo
		"mushroom.jpg",
		"utf8-in-ztxt.png",
		"bep/sunrise.jpg",
		"bep/sunrise.png",
		"bep/sunrise.webp",
		"bep/sunrise.tif",
		"metadata-extractor/withIptc.jpg",
		"metadata-extractor/withIptcPhotoshop6.jpg",
		"metadata-extractor/withXmp.jpg",
		"metadata-extractor/noExif.jpg",
	} {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(dir, name)
			got := metaNormalize(metaReadFile(t, file))
			want := metaNormalize(metaExpect(metaExiftoolRead(t, exiftool, file)))
			if got != want {
				t.Errorf("ReadMeta(%s):\n got %+v\nwant %+v", name, got, want)
			}
		})
	}
}

// TestReadMetaReference checks that the IPTC reference image fills every
// field, so that the comparison with exiftool above is not one of empty
// strings.
func TestReadMetaReference(t *testing.T) {
	m := metaReadFile(t, filepath.Join(metaTestPhotos(t), "IPTC-PhotometadataRef-Std2021.1.jpg"))
	for i, p := range metaTextFields(&m) {
		if *p == "" || !strings.Contains(*p, "2021.1") {
			t.Errorf("text field %d is %q, want the reference value", i, *p)
		}
	}
	if m.Width != 2000 || m.Height != 1000 || m.Orientation != 1 {
		t.Errorf("size %d×%d orientation %d, want 2000×1000 and 1", m.Width, m.Height, m.Orientation)
	}
}

// metaCopy copies a test photo into a fresh folder, for exiftool to edit.
func metaCopy(t *testing.T, src string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

func metaExiftoolWrite(t *testing.T, exiftool, file string, args ...string) {
	t.Helper()
	args = append([]string{"-q", "-m", "-overwrite_original"}, args...)
	if out, err := exec.Command(exiftool, append(args, file)...).CombinedOutput(); err != nil {
		t.Fatalf("exiftool %v: %v\n%s", args, err, out)
	}
}

// TestReadMetaOrientation writes each EXIF orientation into the phone
// photo: the stored size stays, the upright size turns for 5–8.
func TestReadMetaOrientation(t *testing.T) {
	exiftool := metaExiftool(t)
	file := metaCopy(t, filepath.Join(metaTestPhotos(t), "hugo-issue-12669.jpg"))
	for _, tc := range []struct{ orientation, w, h int }{
		{1, 4032, 2268}, {3, 4032, 2268}, {6, 2268, 4032}, {8, 2268, 4032},
	} {
		metaExiftoolWrite(t, exiftool, file, "-n", fmt.Sprintf("-IFD0:Orientation=%d", tc.orientation))
		m := metaReadFile(t, file)
		w, h := m.UprightSize()
		if m.Orientation != tc.orientation || m.Width != 4032 || m.Height != 2268 || w != tc.w || h != tc.h {
			t.Errorf("orientation %d: got orientation %d, stored %d×%d, upright %d×%d; want %d×%d upright",
				tc.orientation, m.Orientation, m.Width, m.Height, w, h, tc.w, tc.h)
		}
	}
}

// TestReadMetaDisagree makes photos whose IIM, XMP and EXIF disagree and
// asserts the documented rule; where ExifTool has an MWG composite for the
// field, its answer must be the same.
func TestReadMetaDisagree(t *testing.T) {
	exiftool := metaExiftool(t)
	ref := filepath.Join(metaTestPhotos(t), "IPTC-PhotometadataRef-Std2021.1.jpg")
	const badDigest = "-Photoshop:IPTCDigest=0123456789abcdef0123456789abcdef"
	long := strings.Repeat("Flood waters rise over the old bridge. ", 60)[:2100]
	for _, tc := range []struct {
		name  string
		args  []string
		field func(Meta) string
		want  string
		mwg   string // the exiftool MWG composite to agree with, if any
	}{
		{"digest matches: XMP wins",
			[]string{"-EXIF:ImageDescription=", "-IPTC:Caption-Abstract=Old", "-XMP-dc:Description=New", "-Photoshop:IPTCDigest=new"},
			func(m Meta) string { return m.Caption }, "New", "MWG:Description"},
		{"no digest: XMP wins",
			[]string{"-EXIF:ImageDescription=", "-IPTC:Caption-Abstract=Old", "-XMP-dc:Description=New", "-Photoshop:IPTCDigest="},
			func(m Meta) string { return m.Caption }, "New", "MWG:Description"},
		{"digest mismatch: IIM wins",
			[]string{"-EXIF:ImageDescription=", "-IPTC:Caption-Abstract=Old", "-XMP-dc:Description=New", badDigest},
			func(m Meta) string { return m.Caption }, "Old", "MWG:Description"},
		{"digest matches, XMP lacks it: IIM",
			[]string{"-EXIF:ImageDescription=", "-IPTC:Caption-Abstract=Old", "-XMP-dc:Description=", "-Photoshop:IPTCDigest=new"},
			func(m Meta) string { return m.Caption }, "Old", "MWG:Description"},
		{"digest mismatch, IIM lacks it: nothing",
			[]string{"-EXIF:ImageDescription=", "-IPTC:Caption-Abstract=", "-XMP-dc:Description=New", badDigest},
			func(m Meta) string { return m.Caption }, "", "MWG:Description"},
		{"EXIF wins over both",
			[]string{"-EXIF:ImageDescription=Exif", "-IPTC:Caption-Abstract=Old", "-XMP-dc:Description=New", badDigest},
			func(m Meta) string { return m.Caption }, "Exif", "MWG:Description"},
		{"IIM cut at its 2000-byte limit: XMP restores it",
			[]string{"-EXIF:ImageDescription=", "-IPTC:Caption-Abstract=" + long[:2000], "-XMP-dc:Description=" + long, badDigest},
			func(m Meta) string { return m.Caption }, strings.TrimSpace(long), "MWG:Description"},
		{"creator: digest mismatch",
			[]string{"-EXIF:Artist=", "-IPTC:By-line=Old Name", "-XMP-dc:Creator=New Name", badDigest},
			func(m Meta) string { return m.Creator }, "Old Name", "MWG:Creator"},
		{"copyright: EXIF wins",
			[]string{"-EXIF:Copyright=© Exif", "-IPTC:CopyrightNotice=© IIM", "-XMP-dc:Rights=© XMP"},
			func(m Meta) string { return m.Copyright }, "© Exif", "MWG:Copyright"},
		{"credit: digest mismatch",
			[]string{"-IPTC:Credit=Old Agency", "-XMP-photoshop:Credit=New Agency", badDigest},
			func(m Meta) string { return m.Credit }, "Old Agency", ""},
		{"credit: digest matches",
			[]string{"-IPTC:Credit=Old Agency", "-XMP-photoshop:Credit=New Agency", "-Photoshop:IPTCDigest=new"},
			func(m Meta) string { return m.Credit }, "New Agency", ""},
		{"IIM in Latin-1, undeclared",
			[]string{"-EXIF:ImageDescription=", "-XMP:all=", "-charset", "iptc=Latin", "-IPTC:CodedCharacterSet=", "-IPTC:Caption-Abstract=Café au lait"},
			func(m Meta) string { return m.Caption }, "Café au lait", "MWG:Description"},
		{"IIM in UTF-8, declared",
			[]string{"-EXIF:ImageDescription=", "-XMP:all=", "-charset", "iptc=UTF8", "-IPTC:CodedCharacterSet=UTF8", "-IPTC:Caption-Abstract=Ødegård in Zürich"},
			func(m Meta) string { return m.Caption }, "Ødegård in Zürich", "MWG:Description"},
		{"IIM in UTF-8, undeclared", // exiftool reads it as Latin-1; MWG says try UTF-8 first
			[]string{"-EXIF:ImageDescription=", "-XMP:all=", "-charset", "iptc=UTF8", "-IPTC:CodedCharacterSet=", "-IPTC:Caption-Abstract=Ødegård in Zürich"},
			func(m Meta) string { return m.Caption }, "Ødegård in Zürich", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := metaCopy(t, ref)
			metaExiftoolWrite(t, exiftool, file, tc.args...)
			if got := tc.field(metaReadFile(t, file)); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			if tc.mwg != "" {
				if mwg := metaExiftoolRead(t, exiftool, file)[tc.mwg]; strings.TrimSpace(mwg) != tc.want {
					t.Errorf("exiftool's %s is %q, want %q: the test's rule is not MWG's", tc.mwg, mwg, tc.want)
				}
			}
		})
	}
}

// Synthetic files, built byte by byte, test the rules without exiftool and
// seed the fuzz target with hostile shapes.

func metaSeg(marker byte, payload ...[]byte) []byte {
	body := bytes.Join(payload, nil)
	seg := []byte{0xFF, marker, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(body)+2))
	return append(seg, body...)
}

// metaJPEG is a JPEG header: SOI, the given segments, a 640×480 frame, the
// start of scan and a few bytes of scan.
func metaJPEG(segs ...[]byte) []byte {
	b := []byte{0xFF, 0xD8}
	for _, s := range segs {
		b = append(b, s...)
	}
	b = append(b, metaSeg(0xC0, []byte{8, 0x01, 0xE0, 0x02, 0x80, 1, 1, 0x11, 0})...)
	b = append(b, metaSeg(0xDA, []byte{1, 1, 0, 0, 63, 0})...)
	return append(b, 0x12, 0x34, 0xFF, 0xD9)
}

// metaIIM encodes datasets given as "record:dataset", value pairs.
func metaIIM(pairs ...string) []byte {
	var b []byte
	for i := 0; i+1 < len(pairs); i += 2 {
		var rec, ds int
		fmt.Sscanf(pairs[i], "%d:%d", &rec, &ds)
		b = append(b, 0x1C, byte(rec), byte(ds), byte(len(pairs[i+1])>>8), byte(len(pairs[i+1])))
		b = append(b, pairs[i+1]...)
	}
	return b
}

func metaResource(id uint16, data []byte) []byte {
	b := []byte("8BIM")
	b = binary.BigEndian.AppendUint16(b, id)
	b = append(b, 0, 0) // empty name, padded
	b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
	b = append(b, data...)
	if len(data)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

// metaAPP13 is a Photoshop segment with the IIM and, if digest is not nil,
// an IPTC digest resource.
func metaAPP13(iim, digest []byte) []byte {
	irb := metaResource(0x0404, iim)
	if digest != nil {
		irb = append(irb, metaResource(0x0425, digest)...)
	}
	return metaSeg(0xED, []byte("Photoshop 3.0\x00"), irb)
}

func metaAPP1XMP(props string) []byte {
	return metaSeg(0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00"), []byte(metaXMPPacket(props)))
}

func metaXMPPacket(props string) string {
	return `<?xpacket begin="` + "\uFEFF" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"
 xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/" xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
 ` + props + `</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`
}

func metaAlt(prop, value string) string {
	return `<` + prop + `><rdf:Alt><rdf:li xml:lang="x-default">` + value + `</rdf:li></rdf:Alt></` + prop + `>`
}

func metaDigest(iim []byte) []byte { d := md5.Sum(iim); return d[:] }

const metaUTF8 = "\x1b%G" // IIM 1:90, CodedCharacterSet, for UTF-8

// TestReadMetaRules covers each rule of reading and cleaning on files made
// in memory.
func TestReadMetaRules(t *testing.T) {
	iim := metaIIM("2:120", "IIM caption", "2:110", "IIM credit", "2:80", "IIM One", "2:80", "IIM Two")
	xmp := metaAPP1XMP(`photoshop:Credit="XMP credit">` + metaAlt("dc:description", "XMP caption") +
		`<dc:creator><rdf:Seq><rdf:li>Ana Ruiz</rdf:li><rdf:li>Li Wei</rdf:li></rdf:Seq></dc:creator>`)
	long := strings.Repeat("word ", 1000)
	for _, tc := range []struct {
		name string
		data []byte
		want Meta
	}{
		{"no metadata", metaJPEG(), Meta{Width: 640, Height: 480, Orientation: 1}},
		{"IIM only", metaJPEG(metaAPP13(iim, nil)),
			Meta{Caption: "IIM caption", Credit: "IIM credit", Creator: "IIM One; IIM Two", Width: 640, Height: 480, Orientation: 1}},
		{"XMP only", metaJPEG(xmp),
			Meta{Caption: "XMP caption", Credit: "XMP credit", Creator: "Ana Ruiz; Li Wei", Width: 640, Height: 480, Orientation: 1}},
		{"IIM and XMP, no digest: XMP", metaJPEG(metaAPP13(iim, nil), xmp),
			Meta{Caption: "XMP caption", Credit: "XMP credit", Creator: "Ana Ruiz; Li Wei", Width: 640, Height: 480, Orientation: 1}},
		{"IIM and XMP, digest matches: XMP", metaJPEG(metaAPP13(iim, metaDigest(iim)), xmp),
			Meta{Caption: "XMP caption", Credit: "XMP credit", Creator: "Ana Ruiz; Li Wei", Width: 640, Height: 480, Orientation: 1}},
		{"IIM and XMP, digest mismatch: IIM", metaJPEG(metaAPP13(iim, make([]byte, 16)), xmp),
			Meta{Caption: "IIM caption", Credit: "IIM credit", Creator: "IIM One; IIM Two", Width: 640, Height: 480, Orientation: 1}},
		{"Latin-1 IIM", metaJPEG(metaAPP13(metaIIM("2:120", "Caf\xe9 cr\xe8me"), nil)),
			Meta{Caption: "Café crème", Width: 640, Height: 480, Orientation: 1}},
		{"UTF-8 IIM, declared", metaJPEG(metaAPP13(metaIIM("1:90", metaUTF8, "2:120", "Zürich"), nil)),
			Meta{Caption: "Zürich", Width: 640, Height: 480, Orientation: 1}},
		{"UTF-8 IIM, undeclared", metaJPEG(metaAPP13(metaIIM("2:120", "Zürich"), nil)),
			Meta{Caption: "Zürich", Width: 640, Height: 480, Orientation: 1}},
		{"declared UTF-8 that is not", metaJPEG(metaAPP13(metaIIM("1:90", metaUTF8, "2:120", "Z\xfcrich"), nil)),
			Meta{Caption: "Zürich", Width: 640, Height: 480, Orientation: 1}},
		{"control characters", metaJPEG(metaAPP13(metaIIM("2:120", " \x1b[31mRed\x07 alert\r\nline\x00two\u0085 "), nil)),
			Meta{Caption: "[31mRed  alert  line two", Width: 640, Height: 480, Orientation: 1}},
		{"length cap", metaJPEG(metaAPP1XMP(`>` + metaAlt("dc:description", long))),
			// 799 whole words and a space fit in 3,999 characters, and the ellipsis makes 4,000
			Meta{Caption: strings.Repeat("word ", 798) + "word…", Width: 640, Height: 480, Orientation: 1}},
		{"x-default before other languages", metaJPEG(metaAPP1XMP(`><dc:description><rdf:Alt>` +
			`<rdf:li xml:lang="fr">Légende</rdf:li><rdf:li xml:lang="x-default">Caption</rdf:li></rdf:Alt></dc:description>`)),
			Meta{Caption: "Caption", Width: 640, Height: 480, Orientation: 1}},
		{"first language without x-default", metaJPEG(metaAPP1XMP(`><dc:description><rdf:Alt>` +
			`<rdf:li xml:lang="fr">Légende</rdf:li><rdf:li xml:lang="de">Bildtext</rdf:li></rdf:Alt></dc:description>`)),
			Meta{Caption: "Légende", Width: 640, Height: 480, Orientation: 1}},
		{"rights, licensor and alt text", metaJPEG(metaAPP1XMP(`><xmpRights:WebStatement rdf:resource="https://example.org/rights"/>` +
			metaAlt("Iptc4xmpCore:AltTextAccessibility", "A bridge under water") +
			`<plus:Licensor><rdf:Seq><rdf:li rdf:parseType="Resource"><plus:LicensorName>Agency</plus:LicensorName>` +
			`<plus:LicensorURL>https://example.org/buy</plus:LicensorURL></rdf:li>` +
			`<rdf:li><rdf:Description plus:LicensorURL="https://example.org/second"/></rdf:li></rdf:Seq></plus:Licensor>` +
			`<photoshop:Headline>Floods</photoshop:Headline><photoshop:Source>Wire</photoshop:Source>`)),
			Meta{WebStatement: "https://example.org/rights", LicensorURL: "https://example.org/buy", AltText: "A bridge under water",
				Headline: "Floods", Source: "Wire", Width: 640, Height: 480, Orientation: 1}},
		{"XMP with invalid UTF-8", metaJPEG(metaAPP1XMP(`>` + metaAlt("dc:description", "caf\xe9"))),
			Meta{Caption: "caf\uFFFD", Width: 640, Height: 480, Orientation: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadMeta(bytes.NewReader(tc.data), "jpeg")
			if err != nil {
				t.Fatalf("ReadMeta: %v", err)
			}
			if got != tc.want {
				t.Errorf("\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// metaPNG encodes a w×h picture, noise if noisy (so that it does not
// compress), with no metadata.
func metaPNG(tb testing.TB, w, h int, noisy bool) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	if noisy {
		rng := rand.New(rand.NewPCG(1, 2))
		for i := range img.Pix {
			img.Pix[i] = byte(rng.Uint32())
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// TestReadMetaFormats reads pictures without metadata in each format Go
// writes, named or detected, and a file named for another format.
func TestReadMetaFormats(t *testing.T) {
	var jpg bytes.Buffer
	img := image.NewGray(image.Rect(0, 0, 33, 17))
	img.Set(1, 1, color.White)
	if err := jpeg.Encode(&jpg, img, nil); err != nil {
		t.Fatal(err)
	}
	pngData := metaPNG(t, 21, 9, false)
	for _, tc := range []struct {
		name, format string
		data         []byte
		want         Meta
	}{
		{"png", "png", pngData, Meta{Width: 21, Height: 9, Orientation: 1}},
		{"png detected", "", pngData, Meta{Width: 21, Height: 9, Orientation: 1}},
		{"png named .jpg", "jpg", pngData, Meta{Width: 21, Height: 9, Orientation: 1}},
		{"jpeg", "JPEG", jpg.Bytes(), Meta{Width: 33, Height: 17, Orientation: 1}},
		{"jpeg detected", "", jpg.Bytes(), Meta{Width: 33, Height: 17, Orientation: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadMeta(bytes.NewReader(tc.data), tc.format)
			if err != nil || got != tc.want {
				t.Errorf("got %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
	for _, tc := range []struct{ name, format, data, wantErr string }{
		{"unknown name", "bmp", "BM\x00\x00", `unknown image format "bmp"`},
		{"not a picture", "", "<html>hello", "not a JPEG, PNG, WebP, TIFF, AVIF or HEIF file"},
		{"empty", "jpeg", "", "not a JPEG, PNG, WebP, TIFF, AVIF or HEIF file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadMeta(strings.NewReader(tc.data), tc.format)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("error %v, want one that says %q", err, tc.wantErr)
			}
		})
	}
}

// TestReadMetaFile reads by path, whatever the name says, and names the
// file in its errors.
func TestReadMetaFile(t *testing.T) {
	dir := t.TempDir()
	named := filepath.Join(dir, "hero.jpg")
	os.WriteFile(named, metaPNG(t, 5, 4, false), 0o644)
	if m, err := ReadMetaFile(named); err != nil || m != (Meta{Width: 5, Height: 4, Orientation: 1}) {
		t.Errorf("ReadMetaFile(%s) = %+v, %v", named, m, err)
	}
	bad := filepath.Join(dir, "notes.txt")
	os.WriteFile(bad, []byte("not a picture"), 0o644)
	for _, tc := range []struct{ path, want string }{
		{filepath.Join(dir, "missing.jpg"), filepath.Join(dir, "missing.jpg") + ": read photo metadata: open "},
		{bad, bad + `: read photo metadata: unknown image format "txt"`},
	} {
		if _, err := ReadMetaFile(tc.path); err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("ReadMetaFile(%s): error %v, want one starting %q", tc.path, err, tc.want)
		}
	}
}

// metaHostile are files that lie about their lengths or nest without end.
func metaHostile() map[string][]byte {
	pngSig := "\x89PNG\r\n\x1a\n"
	ihdr := "\x00\x00\x00\x0dIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x00\x00\x00\x00"
	deep := strings.Repeat("<dc:x>", 200000)
	many := bytes.Repeat(metaSeg(0xFE, []byte("c")), 50000)
	return map[string][]byte{
		"APP1 longer than the file":   {0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 'h', 't', 't', 'p'},
		"APP13 resource of 4 GB":      metaJPEG(metaSeg(0xED, []byte("Photoshop 3.0\x00"), []byte("8BIM\x04\x04\x00\x00\xff\xff\xff\xff\x1c\x02"))),
		"IIM dataset longer than all": metaJPEG(metaAPP13([]byte{0x1C, 2, 120, 0x7F, 0xFF, 'a'}, nil)),
		"IIM extended length":         metaJPEG(metaAPP13([]byte{0x1C, 2, 120, 0x80, 0x04, 0xFF, 0xFF, 0xFF, 0xFF}, nil)),
		"segment length below 2":      {0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x01, 0xFF, 0xD9},
		"PNG iTXt XMP of 2 GB":        []byte(pngSig + ihdr + "\x7f\xff\xff\xf0iTXtXML:com.adobe.xmp\x00\x00\x00\x00\x00<x:xmpmeta"),
		"PNG zTXt bomb header":        []byte(pngSig + ihdr + "\x7f\xff\xff\xf0zTXtRaw profile type iptc\x00\x00x\x9c"),
		"WebP XMP chunk of 4 GB":      []byte("RIFF\xff\xff\xff\xffWEBPVP8X\x0a\x00\x00\x00\x04\x00\x00\x00\x0f\x00\x00\x0f\x00\x00XMP \xf0\xff\xff\xff<x:x"),
		"TIFF IFD loop":               []byte("II*\x00\x08\x00\x00\x00\x01\x00\x0e\x01\x02\x00\xff\xff\xff\x7f\x08\x00\x00\x00\x08\x00\x00\x00"),
		"XMP nested 200,000 deep":     metaJPEG(metaSeg(0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00"), []byte(metaXMPPacket(">" + deep)[:60000]))),
		"50,000 comment segments":     metaJPEG(many),
		"truncated after SOI":         {0xFF, 0xD8, 0xFF},
	}
}

// TestReadMetaHostile reads files that lie: each ends quickly, without
// panicking, and allocates far less than its length fields claim.
func TestReadMetaHostile(t *testing.T) {
	for name, data := range metaHostile() {
		t.Run(name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			m, _ := ReadMeta(bytes.NewReader(data), "")
			runtime.ReadMemStats(&after)
			if n := after.TotalAlloc - before.TotalAlloc; n > 64<<20 {
				t.Errorf("allocated %d MB reading %d bytes", n>>20, len(data))
			}
			metaCheckClean(t, m)
		})
	}
}

// metaCheckClean fails unless m keeps the promises of Meta: clean, capped
// text and an orientation of 1–8.
func metaCheckClean(t *testing.T, m Meta) {
	t.Helper()
	for _, p := range metaTextFields(&m) {
		s := *p
		if !utf8.ValidString(s) || utf8.RuneCountInString(s) > metaMaxText || s != strings.TrimSpace(s) ||
			strings.ContainsFunc(s, unicode.IsControl) {
			t.Errorf("text %q is not clean", s)
		}
	}
	if m.Orientation < 1 || m.Orientation > 8 || m.Width < 0 || m.Height < 0 {
		t.Errorf("orientation %d, size %d×%d", m.Orientation, m.Width, m.Height)
	}
}

// FuzzReadMeta feeds ReadMeta real photo headers, the synthetic files and
// the hostile ones, mutated: it must never panic, and what it returns must
// be clean.
func FuzzReadMeta(f *testing.F) {
	f.Add(metaJPEG(metaAPP13(metaIIM("1:90", metaUTF8, "2:120", "Zürich", "2:80", "A"), []byte("0123456789abcdef")),
		metaAPP1XMP(`photoshop:Credit="X">`+metaAlt("dc:description", "c"))))
	f.Add(metaPNG(f, 3, 2, false))
	for _, data := range metaHostile() {
		f.Add(data)
	}
	if dir := metaTestPhotosQuiet(); dir != "" {
		for _, name := range []string{"IPTC-PhotometadataRef-Std2021.1.jpg", "hugo-issue-12669.jpg",
			"bep/sunrise.png", "bep/sunrise.webp", "bep/sunrise.tif", "utf8-in-ztxt.png"} {
			if b, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
				f.Add(b[:min(len(b), 96<<10)]) // the metadata, not the pixels
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, _ := ReadMeta(bytes.NewReader(data), "")
		metaCheckClean(t, m)
	})
}

// metaTestPhotosQuiet is metaTestPhotos for the fuzz seeds, which go on
// without the real photos.
func metaTestPhotosQuiet() string {
	out, err := exec.Command("go", "mod", "download", "-json", metaTestModule).Output()
	var mod struct{ Dir string }
	if err != nil || json.Unmarshal(out, &mod) != nil || mod.Dir == "" {
		return ""
	}
	return filepath.Join(mod.Dir, "testdata", "images")
}

// BenchmarkReadMeta reads the 4032×2268 phone photo: ReadMeta reads the
// header segments and seeks past the pixels, so it takes microseconds, and
// the same for a noise PNG of 4× the pixels as for one of 1×.
func BenchmarkReadMeta(b *testing.B) {
	phone, err := os.ReadFile(filepath.Join(metaTestPhotos(b), "hugo-issue-12669.jpg"))
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		data []byte
	}{
		{"phone-4032x2268", phone},
		{"png-512x512", metaPNG(b, 512, 512, true)},
		{"png-1024x1024", metaPNG(b, 1024, 1024, true)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			r := bytes.NewReader(bc.data)
			for b.Loop() {
				r.Reset(bc.data)
				if _, err := ReadMeta(r, ""); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
