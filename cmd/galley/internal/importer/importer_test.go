package importer

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden .md files in testdata/")

var testDate = time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)

func meta(name string) Meta {
	return Meta{Slug: "story", Date: testDate, Source: "seeds/" + name}
}

// TestGolden imports every testdata/*.txt export and compares the article
// with testdata/*.md.
func TestGolden(t *testing.T) {
	exports, _ := filepath.Glob("testdata/*.txt")
	if len(exports) < 6 {
		t.Fatalf("only %d exports in testdata", len(exports))
	}
	for _, export := range exports {
		name := strings.TrimSuffix(filepath.Base(export), ".txt")
		t.Run(name, func(t *testing.T) {
			data, _ := os.ReadFile(export)
			a, err := Parse(export, data)
			if err != nil {
				t.Fatal(err)
			}
			got := a.Markdown(meta(name + ".txt"))
			want := strings.TrimSuffix(export, ".txt") + ".md"
			if *update {
				os.WriteFile(want, got, 0o644)
				return
			}
			w, err := os.ReadFile(want)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got, w) {
				t.Errorf("%s differs from %s (go test -update accepts it):\n%s", export, want, got)
			}
			checkSentences(t, data, got)
		})
	}
}

// TestSeed checks the acceptance points of the first export.
func TestSeed(t *testing.T) {
	data, err := os.ReadFile("testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	a, err := Parse("seed.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Trump confirms CIA covert drone strike on Venezuelan port facility" ||
		a.Caption != "Trump bestätigt verdeckten CIA-Drohnenangriff auf Hafenanlage in Venezuela" ||
		a.Credit != "John McDonnell/AP" || strings.Join(a.Authors, "|") != "Research Staff" {
		t.Errorf("got title %q caption %q credit %q authors %q", a.Title, a.Caption, a.Credit, a.Authors)
	}
	var headings []string
	for _, b := range a.Blocks {
		if b.Heading {
			headings = append(headings, b.Text)
		}
	}
	want := []string{
		"How has US policy toward Venezuela recently shifted?",
		"Why does Maduro accuse the US of covert warfare?",
		"Intelligence dispute and secrecy",
		"A history of US covert maritime operations",
		"Political pressure beyond drugs",
	}
	if strings.Join(headings, "|") != strings.Join(want, "|") {
		t.Errorf("headings = %q", headings)
	}
	md := string(a.Markdown(meta("seed.txt")))
	for _, joined := range []string{
		"“These narcoterrorists are the al Qaeda of our hemisphere,” Hegseth said earlier this month.",
		"which said it did not assist “to include intel support.”",
	} {
		if !strings.Contains(md, "\n"+joined) && !strings.Contains(md, joined+"\n") {
			t.Errorf("torn quotation not joined: %s", joined)
		}
	}
	body := md[strings.Index(md[4:], "\n---\n")+8:]
	for _, boiler := range []string{"Share on", "Credit:", "Sign up for our Newsletter", "Research Staff"} {
		if strings.Contains(body, boiler) {
			t.Errorf("body keeps boilerplate %q", boiler)
		}
	}
	if a.Stats.Headings != 5 || a.Stats.QuotesJoined != 2 {
		t.Errorf("stats = %v", a.Stats)
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		data string
		want error
	}{
		{"empty", "", ErrEmpty},
		{"whitespace", " \n\t\n\u00a0\n", ErrEmpty},
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00", ErrBinary},
		{"not UTF-8", "Title\n\nCaf\xe9 au lait.\n", ErrBinary},
		{"title only", "A title\n", ErrNoParagraphs},
		{"only boilerplate", "A title\n\nShare on facebook\nCredit: AP\n\nResearch Staff\n\nSign up for our Newsletter\n", ErrNoParagraphs},
	}
	for _, tt := range tests {
		if _, err := Parse(tt.name, []byte(tt.data)); err != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestImportWrites(t *testing.T) {
	site := t.TempDir()
	export := filepath.Join(t.TempDir(), "export.txt")
	seed, _ := os.ReadFile("testdata/seed.txt")
	os.WriteFile(export, seed, 0o644)
	opts := Options{Site: site, Section: "news", Date: testDate}
	target := filepath.Join(site, "content/news/trump-confirms-cia-covert-drone-strike-on-venezuelan-port-facility.md")
	run := func(opts Options) (string, error) {
		var out, errs bytes.Buffer
		err := Import(context.Background(), []string{export}, opts, &out, &errs)
		return out.String(), err
	}
	out, err := run(opts)
	if err != nil || !strings.Contains(out, ": written; title") {
		t.Fatalf("first import: %q, %v", out, err)
	}
	first, _ := os.ReadFile(target)
	info1, _ := os.Stat(target)
	time.Sleep(20 * time.Millisecond)

	out, err = run(opts)
	info2, _ := os.Stat(target)
	if err != nil || !strings.Contains(out, ": unchanged;") || !info1.ModTime().Equal(info2.ModTime()) {
		t.Errorf("second import: %q, %v; mtime %v → %v", out, err, info1.ModTime(), info2.ModTime())
	}

	edited := bytes.Replace(first, []byte("So far, that pressure"), []byte("So far, the pressure"), 1)
	os.WriteFile(target, edited, 0o644)
	if _, err := run(opts); err == nil || !strings.Contains(err.Error(), "pass --force") {
		t.Errorf("import over an edit: %v, want a refusal", err)
	}
	if now, _ := os.ReadFile(target); !bytes.Equal(now, edited) {
		t.Error("the edit was overwritten")
	}

	opts.DryRun = true
	out, err = run(opts)
	if now, _ := os.ReadFile(target); err != nil || !bytes.Equal(now, edited) || !strings.HasPrefix(out, "---\ntitle:") {
		t.Errorf("dry run wrote or printed wrong: %v %q", err, out[:min(40, len(out))])
	}

	opts.DryRun, opts.Force = false, true
	if out, err := run(opts); err != nil || !strings.Contains(out, ": updated;") {
		t.Errorf("forced import: %q, %v", out, err)
	}
	if now, _ := os.ReadFile(target); !bytes.Equal(now, first) {
		t.Error("--force did not restore the imported text")
	}
	if Edited(first) {
		t.Error("a fresh import counts as edited")
	}
}

func TestImportBadFileWritesNothing(t *testing.T) {
	site, dir := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(dir, "a-empty.txt"), nil, 0o644)
	seed, _ := os.ReadFile("testdata/no-image.txt")
	os.WriteFile(filepath.Join(dir, "b-good.txt"), seed, 0o644)
	var out, errs bytes.Buffer
	err := Import(context.Background(), []string{dir}, Options{Site: site, Section: "news", Date: testDate}, &out, &errs)
	if err == nil || !strings.Contains(err.Error(), "a-empty.txt: empty file") {
		t.Errorf("error = %v", err)
	}
	files, _ := filepath.Glob(filepath.Join(site, "content/news/*.md"))
	if len(files) != 1 || !strings.HasSuffix(files[0], "library-reopens-after-two-year-renovation.md") {
		t.Errorf("wrote %v, want only the good export", files)
	}
}

// markdownEscape matches a backslash escape, which reads as the character.
var markdownEscape = regexp.MustCompile(`\\(.)`)

var sentenceEnd = regexp.MustCompile(`[.!?]["”’)]*\s+`)

// sentences splits text into its sentences, with whitespace normalised.
func sentences(text string) []string {
	text = strings.Join(strings.FieldsFunc(text, isSpace), " ")
	var out []string
	for _, s := range sentenceEnd.Split(text, -1) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// checkSentences checks that every sentence of the export's body is in the
// markdown, except the boilerplate lines Parse drops.
func checkSentences(t *testing.T, export, md []byte) {
	t.Helper()
	a, err := Parse("x", export)
	if err != nil {
		return
	}
	unescaped := markdownEscape.ReplaceAllString(string(md), "$1")
	flat := strings.Join(strings.Fields(unescaped), " ")
	for _, line := range normalise(string(export)) {
		if line == "" || line == a.Title || droppable(line, a) {
			continue
		}
		for _, s := range sentences(line) {
			if !strings.Contains(flat, s) {
				t.Errorf("sentence lost: %q", s)
			}
		}
	}
}

// droppable reports whether Parse may drop line as boilerplate.
func droppable(line string, a *Article) bool {
	if shareRE.MatchString(line) || creditRE.MatchString(line) || newsletterRE.MatchString(line) || captionLine(line, a.Caption) || !parseDateLine(line).IsZero() {
		return true
	}
	name, ok := authorLine(line)
	return ok && contains(a.Authors, name)
}

// captionLine reports whether line is one of the lines a caption was
// joined from.
func captionLine(line, caption string) bool {
	return caption == line || strings.Contains(" "+caption+" ", " "+line+" ")
}

// FuzzParse checks that Parse never panics and that an export it accepts
// keeps every sentence.
func FuzzParse(f *testing.F) {
	exports, _ := filepath.Glob("testdata/*.txt")
	for _, e := range exports {
		data, _ := os.ReadFile(e)
		f.Add(data)
	}
	f.Add([]byte("T\n\n“a,”\n\nb said.\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Parse("fuzz", data)
		if err != nil {
			return
		}
		md := a.Markdown(meta("fuzz.txt"))
		checkSentences(t, data, md)
	})
}
