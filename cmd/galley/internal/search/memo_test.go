package search

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"maps"
	"strings"
	"testing"
)

// docKey is a Key as a caller makes it: a hash of what analysis reads.
func docKey(d Doc) string {
	h := sha256.New()
	for _, s := range append([]string{d.Title, d.Dek, d.Body, "\x00"}, append(d.Topics, append([]string{"\x00"}, d.Authors...)...)...) {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// keyed returns docs with their keys set.
func keyed(docs []Doc) []Doc {
	docs = append([]Doc(nil), docs...)
	for i := range docs {
		docs[i].Key = docKey(docs[i])
	}
	return docs
}

// fromMemoOnly returns docs whose bodies fail to read, but for the
// docs in fresh: a build that reads one of the others fails.
func fromMemoOnly(docs []Doc, fresh map[int]bool) []Doc {
	docs = append([]Doc(nil), docs...)
	for i := range docs {
		if fresh[i] {
			continue
		}
		docs[i].BodySize = len(docs[i].Body)
		docs[i].Body = ""
		docs[i].ReadBody = func() (string, error) { return "", errors.New("body read: the memo should have held it") }
	}
	return docs
}

// TestMemo checks that an index made with a memo is the index made
// without, that the memo spares reading the bodies of the docs it
// holds, and that the memo of a build serves the next.
func TestMemo(t *testing.T) {
	ctx := context.Background()
	const stamp = "v1 en"
	opts := Options{Language: "en", Recency: DefaultRecency, HalfLife: DefaultHalfLife, MemoStamp: stamp}
	docs := keyed(generate(1500, 300, 7))
	want, err := Build(ctx, docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	var rec bytes.Buffer
	withRec := opts
	withRec.Record = &rec
	got, err := Build(ctx, docs, withRec)
	if err != nil {
		t.Fatal(err)
	}
	if !maps.EqualFunc(got, want, bytes.Equal) {
		t.Fatal("recording a memo changed the index")
	}
	memo := ReadMemo(bytes.Clone(rec.Bytes()), stamp) // rec is written again while memo is read
	if memo.Len() != len(docs) {
		t.Fatalf("memo holds %d docs, want %d", memo.Len(), len(docs))
	}

	// One story edited, one added, one gone.
	edited := append([]Doc(nil), docs...)
	edited[700].Body = strings.Replace(edited[700].Body, " ", " harbourmaster ", 3)
	edited[701].Title = "A new headline"
	edited = append(edited[:900], edited[901:]...)
	edited = append(edited, generate(1, 300, 99)[0])
	edited = keyed(edited)
	want, err = Build(ctx, edited, opts)
	if err != nil {
		t.Fatal(err)
	}
	for run := range 2 {
		rec.Reset()
		o := withRec
		o.Memo = memo
		got, err = Build(ctx, fromMemoOnly(edited, map[int]bool{700: true, 701: true, len(edited) - 1: true}), o)
		if err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		if !maps.EqualFunc(got, want, bytes.Equal) {
			t.Fatalf("run %d: the index made with a memo differs from the one made without", run)
		}
		// The memo of this build serves the next: it holds every doc.
		if memo = ReadMemo(bytes.Clone(rec.Bytes()), stamp); memo.Len() != len(edited) { // rec is written again while memo is read
			t.Fatalf("run %d: memo holds %d docs, want %d", run, memo.Len(), len(edited))
		}
	}
}

// TestReadMemoRefuses checks that a memo of another stamp, a damaged or
// a cut one reads as none, so that a build analyses every doc again.
func TestReadMemoRefuses(t *testing.T) {
	var rec bytes.Buffer
	opts := Options{Language: "en", Record: &rec, MemoStamp: "v1 en"}
	if _, err := Build(context.Background(), keyed(generate(50, 100, 3)), opts); err != nil {
		t.Fatal(err)
	}
	good := rec.Bytes()
	if ReadMemo(good, "v1 en").Len() != 50 {
		t.Fatal("the memo does not read")
	}
	flipped := bytes.Clone(good)
	flipped[len(flipped)/2] ^= 1
	// A word in no field, checksummed: nothing writes one, and it
	// would give its stem a second posting in the doc.
	noField := appendString([]byte(memoMagic), "v1 en")
	noField = appendString(noField, "key")
	noField = appendString(noField, "excerpt")
	noField = append(noField, 1, 1) // one word, new: number 0
	noField = appendString(noField, "harbour")
	noField = append(noField, 0) // no field
	noField = binary.BigEndian.AppendUint32(noField, crc32.Checksum(noField, castagnoli))
	// A word spelled where another already has its number.
	respelled := appendString([]byte(memoMagic), "v1 en")
	respelled = appendString(respelled, "key")
	respelled = appendString(respelled, "excerpt")
	respelled = append(respelled, 2, 1) // two words; the first new: number 0
	respelled = appendString(respelled, "harbour")
	respelled = append(respelled, 4, 1, 1) // in the body, once; then spelled as number 0 again
	respelled = appendString(respelled, "q")
	// Read as if "q" were not there, the rest is a whole memo: a reader
	// that skipped the check would take it.
	respelled = appendString(respelled, "k2")
	respelled = appendString(respelled, "")
	respelled = append(respelled, 0)
	respelled = binary.BigEndian.AppendUint32(respelled, crc32.Checksum(respelled, castagnoli))
	tests := []struct {
		name  string
		data  []byte
		stamp string
	}{
		{"a word in no field", noField, "v1 en"},
		{"a word spelled out of turn", respelled, "v1 en"},
		{"other stamp", good, "v2 en"},
		{"one bit flipped", flipped, "v1 en"},
		{"cut", good[:len(good)-1], "v1 en"},
		{"empty", nil, "v1 en"},
	}
	for _, tt := range tests {
		if m := ReadMemo(tt.data, tt.stamp); m != nil {
			t.Errorf("%s: read a memo of %d docs, want none", tt.name, m.Len())
		}
	}
}

// FuzzReadMemo checks that no memo, however made, panics ReadMemo or a
// build that uses it.
func FuzzReadMemo(f *testing.F) {
	var rec bytes.Buffer
	docs := keyed(generate(3, 20, 5))
	if _, err := Build(context.Background(), docs, Options{Record: &rec, MemoStamp: "s"}); err != nil {
		f.Fatal(err)
	}
	f.Add(rec.Bytes(), true)
	f.Add([]byte(memoMagic+"\x01s"), false)
	f.Fuzz(func(t *testing.T, data []byte, fixSum bool) {
		if fixSum && len(data) >= 4 {
			// Most changes break the checksum: mend it, so that the
			// fuzzer reaches the decoding behind it.
			n := len(data) - 4
			data = binary.BigEndian.AppendUint32(data[:n:n], crc32.Checksum(data[:n], castagnoli))
		}
		m := ReadMemo(data, "s")
		if m == nil {
			return
		}
		for key := range m.entries {
			if _, _, ok := m.lookup(key, nil); !ok {
				t.Fatalf("entry %q not found", key)
			}
		}
		if _, err := Build(context.Background(), docs, Options{Memo: m}); err != nil {
			t.Fatal(err)
		}
	})
}
