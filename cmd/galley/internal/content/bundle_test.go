package content

import (
	"encoding/xml"
	"strings"
	"testing"
)

// illustrator is the start of an SVG as Adobe Illustrator exports it,
// declaring its namespaces as entities.
const illustrator = `<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 16.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
	<!ENTITY ns_extend "http://ns.adobe.com/Extensibility/1.0/">
	<!ENTITY ns_ai "http://ns.adobe.com/AdobeIllustrator/10.0/">
	<!ENTITY ns_graphs "http://ns.adobe.com/Graphs/1.0/">
	<!ENTITY ns_svg "http://www.w3.org/2000/svg">
	<!ENTITY ns_xlink "http://www.w3.org/1999/xlink">
]>
<svg version="1.1" xmlns:x="&ns_extend;" xmlns:i="&ns_ai;" xmlns:graph="&ns_graphs;" xmlns="&ns_svg;" xmlns:xlink="&ns_xlink;"
	 x="0px" y="0px" width="100px" height="50px" viewBox="0 0 100 50" xml:space="preserve">
<g i:extraneous="self"><rect x="0" y="0" width="100" height="50" fill="#CC0000"/></g>
</svg>`

var svgCases = []struct {
	svg  string
	want string // part of the reason; "" means passive
}{
	{`<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5"/></svg>`, ""},
	{`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><text>&lt;script&gt; &amp; <![CDATA[<script>alert(1)</script>]]></text></svg>`, ""},
	{`<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/jpeg;base64,/9j/"/></svg>`, ""},
	{`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`, "<script>"},
	{`<svg xmlns="http://www.w3.org/2000/svg"><s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script></svg>`, "<script>"},
	{`<svg xmlns="http://www.w3.org/2000/svg"><g ONCLICK="alert(1)"/></svg>`, "event handler"},
	{`<svg xmlns="http://www.w3.org/2000/svg"><a href="java&#x09;script:alert(1)"/></svg>`, "script URL"},
	{`<svg xmlns="http://www.w3.org/2000/svg"><a href="data:text/html,x"/></svg>`, "script URL"},
	{`<svg xmlns="http://www.w3.org/2000/svg"><a href="&x;"/></svg>`, "cannot be read as XML"},
	{`<!DOCTYPE svg [<!ENTITY x "javascript:alert(1)">]><svg xmlns="http://www.w3.org/2000/svg"><a href="&x;"/></svg>`, "script URL"},
	{`<!DOCTYPE svg [<!ENTITY x "javascript:alert(1)">]><svg/>`, ""},
	{`<!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;">]><svg>&b;</svg>`, "more than plain-text entities"},
	{`<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>`, "more than plain-text entities"},
	{`<!DOCTYPE svg [<!ENTITY % p "x">]><svg/>`, "more than plain-text entities"},
	{`<!DOCTYPE svg [<!ENTITY s "<script>">]><svg/>`, "more than plain-text entities"},
	{illustrator, ""},
	{`<?xml-stylesheet href="x.xsl" type="text/xsl"?><svg/>`, "style sheet"},
	{`<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>`, "foreignObject"},
	{`<svg xmlns="http://www.w3.org/2000/svg"><animate attributeName="href" values="javascript:alert(1)"/></svg>`, "animates a link"},
	{`<svg><unclosed>`, "cannot be read as XML"},
	{`<!DOCTYPE svg [<!ATTLIST svg onload CDATA "alert(1)">]><svg xmlns="http://www.w3.org/2000/svg"/>`, "more than plain-text entities"},
	{`<!DOCTYPE svg [<!ENTITY a "b"><!ATTLIST a href CDATA "javascript:alert(1)">]><svg/>`, "more than plain-text entities"},
	{`<!DOCTYPE svg [<!ENTITY a "b"><!-- a comment, which encoding/xml drops -->]><svg/>`, ""},
	{`<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>`, ""},
	{`<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="onmouseover" to="alert(1)"/></svg>`, "animates a link or handler"},
	{`<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml"><h:meta http-equiv="refresh" content="0;url=https://evil.example/"/></svg>`, "XHTML namespace"},
	{`<svg xmlns="http://www.w3.org/1999/xhtml"><p>x</p></svg>`, "XHTML namespace"},
	{`<svg xmlns="http://www.w3.org/2000/svg"><handler type="application/ecmascript">alert(1)</handler></svg>`, "event handler"},
}

func TestScanSVG(t *testing.T) {
	for _, tt := range svgCases {
		got := scanSVG(strings.NewReader(tt.svg))
		if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("scanSVG(%s) = %q, want %q", tt.svg, got, tt.want)
		}
	}
}

// FuzzScanSVG checks that whatever scanSVG lets through holds, as a
// lenient XML reader sees it too, no script element, no event handler
// and no script URL.
func FuzzScanSVG(f *testing.F) {
	for _, tt := range svgCases {
		f.Add(tt.svg)
	}
	f.Fuzz(func(t *testing.T, svg string) {
		if scanSVG(strings.NewReader(svg)) != "" {
			return
		}
		dec := xml.NewDecoder(strings.NewReader(svg))
		dec.Strict = false
		for {
			tok, err := dec.Token()
			if err != nil {
				return
			}
			if d, ok := tok.(xml.Directive); ok {
				dec.Entity, _ = plainEntities(string(d))
			}
			el, ok := tok.(xml.StartElement)
			if !ok {
				continue
			}
			if name := strings.ToLower(el.Name.Local); name == "script" || name == "foreignobject" {
				t.Fatalf("passed an SVG with <%s>: %q", el.Name.Local, svg)
			}
			for _, a := range el.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") || scriptURL(a.Value) {
					t.Fatalf("passed an SVG with %s=%q: %q", a.Name.Local, a.Value, svg)
				}
			}
		}
	})
}

func TestPassiveTypesAreLowerCase(t *testing.T) {
	for _, ext := range passiveTypes {
		if ext != strings.ToLower(ext) || !strings.HasPrefix(ext, ".") {
			t.Errorf("%q: checkResource compares lower-case extensions", ext)
		}
	}
}
