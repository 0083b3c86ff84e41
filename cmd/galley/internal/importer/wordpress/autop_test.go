package wordpress

import "testing"

// The expectations are what WordPress's wpautop returns for the same
// input (wp-includes/formatting.php), worked through its rules.
func TestWPAutop(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", " \n ", ""},
		{"one paragraph", "Hello", "<p>Hello</p>\n"},
		{"paragraphs and line breaks", "a\nb\n\nc", "<p>a<br />\nb</p>\n<p>c</p>\n"},
		{"crlf", "a\r\nb\r\n\r\nc", "<p>a<br />\nb</p>\n<p>c</p>\n"},
		{"many blank lines", "a\n\n\n\nb", "<p>a</p>\n<p>b</p>\n"},
		{"two br make a paragraph", "a<br><br>b", "<p>a</p>\n<p>b</p>\n"},
		{"block not wrapped", "<ul>\n<li>x</li>\n</ul>\ntext", "<ul>\n<li>x</li>\n</ul>\n<p>text</p>\n"},
		{"heading", "<h2>T</h2>\nbody", "<h2>T</h2>\n<p>body</p>\n"},
		{"hr", "a<hr />b", "<p>a</p>\n<hr />\n<p>b</p>\n"},
		{"pre untouched", "<pre>a\n\nb\nc</pre>\n\nd", "<pre>a\n\nb\nc</pre>\n<p>d</p>\n"},
		{"newline in a tag kept", "<a\nhref=\"x\">y</a>", "<p><a\nhref=\"x\">y</a></p>\n"},
		{"blockquote gets its paragraph inside", "<blockquote>q</blockquote>", "<blockquote><p>q</p></blockquote>\n"},
		{"div text", "<div>x</div>", "<div>x</div>\n"},
		{"inline element", "<strong>a</strong>\nb", "<p><strong>a</strong><br />\nb</p>\n"},
		{"script newlines kept", "<script>a\nb</script>", "<p><script>a\nb</script></p>\n"},
		{"figcaption", "<figure><img src=\"a\" />\n<figcaption>c</figcaption></figure>", "<figure><img src=\"a\" /><figcaption>c</figcaption></figure>\n"},
		{"br then spaces and newline", "a<br />  \nb", "<p>a<br /> <br />\nb</p>\n"},
		{"br before newline not doubled", "a<br>\nb", "<p>a<br />\nb</p>\n"},
		{"table", "<table>\n<tr>\n<td>1</td>\n</tr>\n</table>", "<table>\n<tr>\n<td>1</td>\n</tr>\n</table>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wpautop(tt.in); got != tt.want {
				t.Errorf("wpautop(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}
