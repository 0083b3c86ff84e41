package render

import (
	"reflect"
	"testing"
)

func testPicture() *Picture {
	variants := func(ext string) []PictureVariant {
		return []PictureVariant{{"/_img/ab/x-640." + ext, 640, 427}, {"/_img/ab/x-1280." + ext, 1280, 853}, {"/_img/ab/x-2400." + ext, 2400, 1600}}
	}
	return &Picture{Width: 4000, Height: 2667, Caption: "Boats at dawn.", Credit: "Ana Ruiz/AP",
		Sources: []PictureFormat{{Type: "image/webp", Variants: variants("webp")}, {Type: "image/jpeg", Variants: variants("jpg")}}}
}

// TestWithPicture checks that an image gets the derivatives for its
// srcset and the photo's size, and the photo's own caption and credit
// only where the front matter gives none.
func TestWithPicture(t *testing.T) {
	tests := []struct {
		name string
		in   ImageView
		p    *Picture
		want ImageView
	}{
		{"derivatives and the photo's credit", ImageView{Src: "/news/x/a.jpg", Alt: "Boats"}, testPicture(), ImageView{
			Src: "/_img/ab/x-2400.jpg", Alt: "Boats", Caption: "Boats at dawn.", Credit: "Ana Ruiz/AP", Width: 4000, Height: 2667,
			Srcset: "/_img/ab/x-640.jpg 640w, /_img/ab/x-1280.jpg 1280w, /_img/ab/x-2400.jpg 2400w", Sizes: HeroSizes,
			Sources: []SourceView{{"image/webp", "/_img/ab/x-640.webp 640w, /_img/ab/x-1280.webp 1280w, /_img/ab/x-2400.webp 2400w"}},
		}},
		{"front matter wins", ImageView{Src: "/a.jpg", Caption: "Ours", Credit: "Desk"}, &Picture{Width: 10, Height: 5, Original: true, Caption: "Theirs", Credit: "Wire"},
			ImageView{Src: "/a.jpg", Caption: "Ours", Credit: "Desk", Width: 10, Height: 5}},
		{"no picture: as it was", ImageView{Src: "https://cdn.example.org/a.jpg", Width: 800, Height: 600}, nil,
			ImageView{Src: "https://cdn.example.org/a.jpg", Width: 800, Height: 600}},
	}
	for _, tt := range tests {
		got := tt.in
		withPicture(&got, tt.p, HeroSizes)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\ngot  %+v\nwant %+v", tt.name, got, tt.want)
		}
	}
}

// TestSocialVariant checks that og:image is a JPEG at least 1,200
// pixels wide, the narrowest such, else the widest there is.
func TestSocialVariant(t *testing.T) {
	if v, ok := socialVariant(testPicture()); !ok || v.URL != "/_img/ab/x-1280.jpg" {
		t.Errorf("socialVariant = %+v, %v; want the 1280 JPEG", v, ok)
	}
	small := &Picture{Sources: []PictureFormat{{Type: "image/jpeg", Variants: []PictureVariant{{"/s-320.jpg", 320, 200}, {"/s-800.jpg", 800, 500}}}}}
	if v, ok := socialVariant(small); !ok || v.URL != "/s-800.jpg" {
		t.Errorf("socialVariant(small) = %+v, %v; want the widest", v, ok)
	}
	if _, ok := socialVariant(&Picture{Original: true}); ok {
		t.Error("an image used as it is has no derivative to offer")
	}
}
