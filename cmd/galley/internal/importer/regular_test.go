package importer

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

func TestSameFiles(t *testing.T) {
	dir := t.TempDir()
	big := bytes.Repeat([]byte("0123456789abcdef"), 10_000) // 160 KB: several reads
	other := bytes.Clone(big)
	other[len(other)-1] = 'X'
	files := map[string][]byte{"a": big, "b": bytes.Clone(big), "c": other, "d": big[:len(big)-1], "e": nil, "f": nil}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		a, b string
		want bool
	}{
		{"a", "b", true}, {"a", "c", false}, {"a", "d", false}, {"d", "a", false}, {"e", "f", true}, {"e", "a", false},
	}
	for _, tt := range tests {
		got, err := sameFiles(context.Background(), filepath.Join(dir, tt.a), filepath.Join(dir, tt.b))
		if err != nil || got != tt.want {
			t.Errorf("sameFiles(%s, %s) = %v, %v; want %v", tt.a, tt.b, got, err, tt.want)
		}
	}
	if _, err := sameFiles(context.Background(), filepath.Join(dir, "a"), filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing target: %v, want fs.ErrNotExist", err)
	}
}

// BenchmarkSameFiles shows that comparing costs the same memory (B/op)
// whatever the size of the files: 1 MB and 16 MB.
func BenchmarkSameFiles(b *testing.B) {
	for _, size := range []int{1 << 20, 16 << 20} {
		b.Run(strconv.Itoa(size>>20)+"MB", func(b *testing.B) {
			dir := b.TempDir()
			data := bytes.Repeat([]byte{7}, size)
			for _, name := range []string{"a", "b"} {
				if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			for b.Loop() {
				if same, err := sameFiles(context.Background(), filepath.Join(dir, "a"), filepath.Join(dir, "b")); !same || err != nil {
					b.Fatal(same, err)
				}
			}
		})
	}
}
