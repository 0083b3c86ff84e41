package wordpress

import (
	"fmt"
	"strings"
	"testing"
)

// dumpParts writes parts as a compact tree: text as "text", a block as
// name{attr keys}(children), so that tests compare structure at a glance.
func dumpParts(parts []part) string {
	var sb strings.Builder
	for i, p := range parts {
		if i > 0 {
			sb.WriteByte(' ')
		}
		if p.block == nil {
			fmt.Fprintf(&sb, "%q@%d", p.html, p.off)
			continue
		}
		b := p.block
		sb.WriteString(b.name)
		if b.attrs != nil {
			fmt.Fprintf(&sb, " %v", b.attrs)
		}
		if b.void {
			sb.WriteString("/")
			continue
		}
		sb.WriteString("(" + dumpParts(b.parts) + ")")
	}
	return sb.String()
}

func TestParseBlocks(t *testing.T) {
	tests := []struct {
		name, in, want string
		notes          []string
	}{
		{
			name: "no blocks",
			in:   "<p>a</p>",
			want: `"<p>a</p>"@0`,
		},
		{
			name: "one block",
			in:   "<!-- wp:paragraph -->\n<p>a</p>\n<!-- /wp:paragraph -->",
			want: `paragraph("\n<p>a</p>\n"@21)`,
		},
		{
			name: "attrs and namespace",
			in:   `<!-- wp:core-embed/youtube {"url":"https://y/"} --><figure></figure><!-- /wp:core-embed/youtube -->`,
			want: `core-embed/youtube map[url:https://y/]("<figure></figure>"@51)`,
		},
		{
			name: "core namespace dropped",
			in:   `<!-- wp:core/paragraph --><p>a</p><!-- /wp:core/paragraph -->`,
			want: `paragraph("<p>a</p>"@26)`,
		},
		{
			name: "self-closing",
			in:   `a<!-- wp:latest-posts {"postsToShow":5} /-->b<!-- wp:spacer /-->`,
			want: `"a"@0 latest-posts map[postsToShow:5]/ "b"@44 spacer/`,
		},
		{
			name: "nested",
			in:   `<!-- wp:columns --><div><!-- wp:column --><div><!-- wp:paragraph --><p>x</p><!-- /wp:paragraph --></div><!-- /wp:column --></div><!-- /wp:columns -->`,
			want: `columns("<div>"@19 column("<div>"@42 paragraph("<p>x</p>"@68) "</div>"@98) "</div>"@123)`,
		},
		{
			name:  "bad JSON attrs",
			in:    `<!-- wp:image {"id":12,} --><p>t</p><!-- /wp:image -->`,
			want:  `image("<p>t</p>"@28)`,
			notes: []string{"0: block wp:image has attributes that are not JSON: they were ignored"},
		},
		{
			name:  "unclosed block",
			in:    `<!-- wp:quote --><blockquote>q</blockquote>`,
			want:  `quote("<blockquote>q</blockquote>"@17)`,
			notes: []string{"0: block wp:quote not closed: closed at the end of the post"},
		},
		{
			name:  "stray closer",
			in:    `<p>a</p><!-- /wp:paragraph --><p>b</p>`,
			want:  `"<p>a</p>"@0 "<p>b</p>"@30`,
			notes: []string{"8: closing comment of block wp:paragraph without its opening dropped"},
		},
		{
			name:  "closer of an outer block closes the inner one",
			in:    `<!-- wp:group --><!-- wp:paragraph --><p>a</p><!-- /wp:group -->z`,
			want:  `group(paragraph("<p>a</p>"@38)) "z"@64`,
			notes: []string{"17: block wp:paragraph not closed before the end of its parent"},
		},
		{
			name:  "unterminated delimiter",
			in:    `<p>a</p><!-- wp:paragraph <p>keep me</p>`,
			want:  `"<p>a</p>"@0 " <p>keep me</p>"@25`,
			notes: []string{"8: block comment wp:paragraph without its end (-->) dropped"},
		},
		{
			name: "ordinary comments are HTML",
			in:   `<!-- more --><!--wp:x --><!-- wp:X -->`,
			want: `"<!-- more --><!--wp:x --><!-- wp:X -->"@0`,
		},
		{
			name:  "malformed delimiter",
			in:    `<!-- wp:a {"x": -->1`,
			want:  `"1"@19`,
			notes: []string{"0: malformed block comment wp:a dropped"},
		},
		{
			name: "attrs with braces and slashes",
			in:   `<!-- wp:html {"a":"}/ x","b":{"c":1}} /-->`,
			want: `html map[a:}/ x b:map[c:1]]/`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts, notes := parseBlocks(tt.in)
			if got := dumpParts(parts); got != tt.want {
				t.Errorf("parts\n got %s\nwant %s", got, tt.want)
			}
			var got []string
			for _, n := range notes {
				got = append(got, fmt.Sprintf("%d: %s", n.off, n.why))
			}
			if strings.Join(got, "\n") != strings.Join(tt.notes, "\n") {
				t.Errorf("notes\n got %q\nwant %q", got, tt.notes)
			}
		})
	}
}

// TestParseBlocksKeepsText checks that whatever the delimiters, no byte
// of text outside them is lost.
func TestParseBlocksKeepsText(t *testing.T) {
	for _, in := range []string{
		`<!-- wp:a --><!-- wp:b -->x<!-- /wp:a -->y<!-- /wp:b -->z`,
		`<!-- wp:a {"x": -->1<!-- /wp:a -->`,
		`<!-- wp:a {} --><!-- wp:a -->2<!-- /wp:a -->3`,
		`<!-- wp:a`,
		`<!-- `,
	} {
		parts, _ := parseBlocks(in)
		var text func([]part) string
		text = func(ps []part) string {
			var sb strings.Builder
			for _, p := range ps {
				if p.block != nil {
					sb.WriteString(text(p.block.parts))
				}
				sb.WriteString(p.html)
			}
			return sb.String()
		}
		got := text(parts)
		for _, c := range []string{"x", "y", "z", "1", "2", "3"} {
			if strings.Contains(in, ">"+c) && !strings.Contains(got, c) {
				t.Errorf("%q: lost %q (kept %q)", in, c, got)
			}
		}
		if strings.Contains(got, "<!-- wp:") || strings.Contains(got, "<!-- /wp:") {
			t.Errorf("%q: a delimiter remained in %q", in, got)
		}
	}
}
