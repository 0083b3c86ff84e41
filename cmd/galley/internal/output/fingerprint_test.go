package output

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

func TestFingerprinted(t *testing.T) {
	sum := []byte{0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0xff, 0xff}
	tests := []struct{ name, want string }{
		{"css/galley.css", "css/galley.0123456789abcdef.css"},
		{"js/search.js", "js/search.0123456789abcdef.js"},
		{"app.min.js", "app.min.0123456789abcdef.js"},
		{"v1.2/app.js", "v1.2/app.0123456789abcdef.js"},
		{"v1.2/LICENSE", "v1.2/LICENSE.0123456789abcdef"},
	}
	for _, tt := range tests {
		if got := Fingerprinted(tt.name, sum); got != tt.want {
			t.Errorf("Fingerprinted(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestIsFingerprinted(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"css/galley.0123456789abcdef.css", true},
		{"js/search.0123456789abcdef.js", true},
		{"galley.0123456789abcdef.css", true},
		{"a.b.0123456789abcdef.js", true},
		{"dir.0123456789abcdef.css/x.js", false},

		{"css/galley.css", false},
		{"css/galley.0123456789abcde.css", false},   // 15 digits
		{"css/galley.0123456789abcdef0.css", false}, // 17 digits
		{"css/galley.0123456789ABCDEF.css", false},  // upper case
		{"css/galley.0123456789abcdeg.css", false},  // not hex
		{"css/galley.0123456789abcdef.scss", false}, // other extensions
		{"css/galley.0123456789abcdef.html", false},
		{"css/galley.0123456789abcdef.mjs", false},
		{"css/galley.0123456789abcdef.CSS", false},
		{"css/galley.0123456789abcdef", false},
		{"css/.0123456789abcdef.css", false}, // no stem
		{"0123456789abcdef.css", false},
		{"css/galley-0123456789abcdef.css", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsFingerprinted(tt.name); got != tt.want {
			t.Errorf("IsFingerprinted(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
	sum := sha256.Sum256([]byte("body{}"))
	for _, name := range []string{"css/galley.css", "js/search.js"} {
		if fp := Fingerprinted(name, sum[:]); !IsFingerprinted(fp) {
			t.Errorf("IsFingerprinted(Fingerprinted(%q)) = false for %q", name, fp)
		}
	}
}

// TestMinifyMatchesCopy checks that Minify returns the bytes CopyFile
// writes: a build names a file by the sum of Minify's bytes.
func TestMinifyMatchesCopy(t *testing.T) {
	files := fstest.MapFS{
		"static/site.css": {Data: []byte("body {  color : #ff0000 ; }\n")},
		"static/app.js":   {Data: []byte("function  f ( a ) {  return  a + 1 ; }\n")},
		"static/big.js":   {Data: bytes.Repeat([]byte("var  a = 1 ;\n"), maxMinify/10)},
	}
	for _, opts := range []Options{{}, {NoMinify: true}} {
		d, err := Create(filepath.Join(t.TempDir(), "public"), opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"site.css", "app.js", "big.js"} {
			if err := d.CopyFile(files, "static/"+name, name); err != nil {
				t.Fatal(err)
			}
			copied, err := os.ReadFile(d.Path(name))
			if err != nil {
				t.Fatal(err)
			}
			got, err := Minify(name, files["static/"+name].Data, opts)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, copied) {
				t.Errorf("NoMinify %v: Minify(%s) = %q, CopyFile wrote %q", opts.NoMinify, name, got, copied)
			}
			if min := !opts.NoMinify && name != "big.js"; min == bytes.Equal(got, files["static/"+name].Data) {
				t.Errorf("NoMinify %v: %s minified: %v", opts.NoMinify, name, !min)
			}
		}
		d.Abort()
	}
}
