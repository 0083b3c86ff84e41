package wordpress

import (
	"fmt"
	"strings"
	"testing"
)

// realMeta is _wp_attachment_metadata as WordPress 6 writes it for a
// 2000×1000 JPEG with IPTC credit, copyright and caption.
var realMeta = `a:6:{s:5:"width";i:2000;s:6:"height";i:1000;s:4:"file";s:18:"2026/11/quay-2.jpg";s:8:"filesize";i:402311;` +
	`s:5:"sizes";a:2:{s:6:"medium";a:5:{s:4:"file";s:18:"quay-2-300x150.jpg";s:5:"width";i:300;s:6:"height";i:150;s:9:"mime-type";s:10:"image/jpeg";s:8:"filesize";i:9876;}` +
	`s:9:"thumbnail";a:4:{s:4:"file";s:18:"quay-2-150x150.jpg";s:5:"width";i:150;s:6:"height";i:150;s:9:"mime-type";s:10:"image/jpeg";}}` +
	`s:10:"image_meta";a:12:{s:8:"aperture";s:3:"5.6";s:6:"credit";s:8:"Tom Berg";s:6:"camera";s:9:"NIKON Z 6";s:7:"caption";s:46:"Fishing boats at the quay, Saint-Malo — dawn";` +
	`s:17:"created_timestamp";s:10:"1732435200";s:9:"copyright";s:23:"© 2026 Harbour Gazette";` +
	`s:12:"focal_length";s:2:"50";s:3:"iso";s:3:"200";s:13:"shutter_speed";s:5:"0.004";s:5:"title";s:0:"";s:11:"orientation";s:1:"1";s:8:"keywords";a:0:{}}}`

func TestParseAttachmentMeta(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     AttachmentMeta
	}{
		{"full", realMeta, AttachmentMeta{Width: 2000, Height: 1000, File: "2026/11/quay-2.jpg",
			Credit: "Tom Berg", Copyright: "© 2026 Harbour Gazette", Caption: "Fishing boats at the quay, Saint-Malo — dawn"}},
		{"sizes only", `a:3:{s:5:"width";i:640;s:6:"height";i:480;s:4:"file";s:7:"a/b.png";}`,
			AttachmentMeta{Width: 640, Height: 480, File: "a/b.png"}},
		{"multibyte string", `a:1:{s:10:"image_meta";a:1:{s:6:"credit";s:16:"Zoë Ørsted ✓";}}`,
			AttachmentMeta{Credit: "Zoë Ørsted ✓"}},
		{"string holding quotes and semicolons", `a:1:{s:10:"image_meta";a:1:{s:7:"caption";s:9:"a";b:"c;d";}}`,
			AttachmentMeta{Caption: `a";b:"c;d`}},
		{"numbers as strings and floats", `a:2:{s:5:"width";s:4:"1200";s:6:"height";d:800;}`,
			AttachmentMeta{Width: 1200, Height: 800}},
		{"other types", `a:5:{i:0;b:1;i:1;N;i:2;d:-1.5E+3;s:1:"x";a:1:{i:-4;d:INF;}s:5:"width";i:+10;}`,
			AttachmentMeta{Width: 10}},
		{"no image_meta values", `a:2:{s:5:"width";i:1;s:10:"image_meta";a:3:{s:6:"credit";s:0:"";s:9:"copyright";N;s:7:"caption";b:0;}}`,
			AttachmentMeta{Width: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseAttachmentMeta(tc.in)
			if err != nil || got != tc.want {
				t.Errorf("ParseAttachmentMeta(%q)\n = %+v, %v\nwant %+v", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestParseAttachmentMetaErrors(t *testing.T) {
	deep := strings.Repeat("a:1:{i:0;", 40) + "N;" + strings.Repeat("}", 40)
	for _, tc := range []struct{ in, want string }{
		{``, "byte 0: empty"},
		{`s:3:"abc";`, "byte 0: want an array"},
		{`a:2:{s:5:"width";i:2000;}`, "byte 24: want a key"},
		{`a:1:{s:6:"width";i:2000;}`, `byte 5: string of 6 bytes`},
		{`a:1:{s:5:"wïdth";i:2000;}`, `byte 5: string of 5 bytes`},
		{`a:1:{s:99:"width";i:2000;}`, "byte 5: string of 99 bytes runs past the end"},
		{`a:1:{s:5:"width";i:20x0;}`, "byte 17: want an integer"},
		{`a:1:{s:5:"width";i:99999999999999999999;}`, "byte 17: integer out of range"},
		{`a:1:{s:5:"width";i:-5;}`, "width -5"},
		{`a:1:{s:5:"width";s:3:"big";}`, "width is not a number"},
		{`a:1:{s:5:"width";d:1.5;}`, "width is not a number"},
		{`a:1:{s:5:"width";b:2;}`, "byte 17: want b:0; or b:1;"},
		{`a:1:{a:0:{}i:1;}`, "byte 5: want a key"},
		{`a:1:{s:5:"width";O:8:"stdClass":0:{}}`, "byte 17: PHP objects (O:) are not read"},
		{`a:1:{s:5:"width";i:1;}x`, "byte 22: unexpected"},
		{`a:1:{s:4:"file";i:1;}`, "file is not a string"},
		{`a:99999999:{}`, "byte 0: the array has 99999999 elements"},
		{deep, "nested more than"},
		{strings.Repeat("x", 2<<20), "longer than"},
	} {
		_, err := ParseAttachmentMeta(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			in := tc.in
			if len(in) > 60 {
				in = in[:60] + "…"
			}
			t.Errorf("ParseAttachmentMeta(%q) = %v, want an error with %q", in, err, tc.want)
		}
	}
}

func FuzzAttachmentMeta(f *testing.F) {
	f.Add(realMeta)
	f.Add(`a:2:{s:5:"width";s:4:"1200";s:6:"height";d:800;}`)
	f.Add(`a:5:{i:0;b:1;i:1;N;i:2;d:-1.5E+3;s:1:"x";a:1:{i:-4;d:INF;}s:5:"width";i:+10;}`)
	f.Add(strings.Repeat("a:1:{i:0;", 20))
	f.Fuzz(func(t *testing.T, in string) {
		m, err := ParseAttachmentMeta(in)
		if err == nil && (m.Width < 0 || m.Height < 0) {
			t.Errorf("negative size %+v from %q", m, in)
		}
		if err != nil && m != (AttachmentMeta{}) {
			t.Errorf("an error (%v) and a value %+v", err, m)
		}
	})
}

func BenchmarkParseAttachmentMeta(b *testing.B) {
	for _, n := range []int{100, 400} {
		// One array of n copies of the sizes of realMeta.
		var s strings.Builder
		fmt.Fprintf(&s, "a:%d:{", n+1)
		for i := range n {
			fmt.Fprintf(&s, `i:%d;a:2:{s:4:"file";s:18:"quay-2-300x150.jpg";s:5:"width";i:300;}`, i)
		}
		s.WriteString(`s:5:"width";i:2000;}`)
		in := s.String()
		b.Run(fmt.Sprintf("x%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				if _, err := ParseAttachmentMeta(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
