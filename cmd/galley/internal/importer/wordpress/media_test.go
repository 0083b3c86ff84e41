package wordpress

import "testing"

// TestSplitCredit checks that a credit at the end of a caption, as
// newsrooms write it, is cut off as the credit, and that a caption that
// only mentions a photo keeps its words.
func TestSplitCredit(t *testing.T) {
	for _, tt := range []struct{ caption, text, credit string }{
		{"Boats at dawn. Photo: Tom Berg/Gazette", "Boats at dawn.", "Tom Berg/Gazette"},
		{"The council chamber (Credit: AP)", "The council chamber", "AP"},
		{"Flood water on the quay. PHOTO: Reuters.", "Flood water on the quay.", "Reuters"},
		{"Photograph: Ana Ruiz", "", "Ana Ruiz"},
		{"Photo credit: City of Lisbon", "", "City of Lisbon"},
		{"A photo of the mayor", "A photo of the mayor", ""},
		{"Image:", "Image:", ""},
		{"", "", ""},
	} {
		text, credit := splitCredit(tt.caption)
		if text != tt.text || credit != tt.credit {
			t.Errorf("splitCredit(%q) = %q, %q; want %q, %q", tt.caption, text, credit, tt.text, tt.credit)
		}
	}
}

// TestHTMLText checks the text taken of an excerpt or caption: tags
// dropped, words of blocks kept apart, inline ones run on, entities
// decoded.
func TestHTMLText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"A movable barrier, at <em>last</em>.", "A movable barrier, at last."},
		{"<p>One.</p><p>Two.</p>", "One. Two."},
		{"Fish &amp; chips&nbsp;&#8217;s", "Fish & chips ’s"}, // a no-break space folds too
		{"line\n\n  breaks", "line breaks"},
		{"<script>alert(1)</script>x", "alert(1)x"},
		{"a<br>b", "a b"},
	} {
		if got := htmlText(tt.in); got != tt.want {
			t.Errorf("htmlText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
