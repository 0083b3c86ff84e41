package build

import (
	"bytes"
	"context"
	"fmt"
	"image"

	"galley.dev/galley/cmd/galley/internal/config"
	"galley.dev/galley/cmd/galley/internal/images"
)

// decodeCost is what deriving data takes in memory, for the semaphore
// that bounds the images decoded at once (images.Spec.Cost of the
// displayed size), read from the header alone.
func decodeCost(data []byte, spec config.Images) int64 {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return 1
	}
	w, h := cfg.Width, cfg.Height
	if o := images.SourceOrientation(data); o >= 5 && o <= 8 {
		w, h = h, w
	}
	return max(1, imageSpec(spec).Cost(w, h))
}

// imageSpec is the images stage's Spec for the site's settings.
func imageSpec(spec config.Images) images.Spec {
	return images.Spec{Widths: spec.Widths, Quality: spec.Quality, Formats: spec.Formats}
}

// deriveSet makes the derivatives of one original, whose SHA-256 is sum
// (hex), named after stem, and reads what the photo says of itself.
// A photo whose metadata cannot be read is still published: only its
// credit is not shown.
func deriveSet(ctx context.Context, data []byte, spec config.Images, j imageJob, sum, stem string) (*derivedSet, error) {
	made, err := images.Derive(ctx, data, imageSpec(spec))
	if err != nil {
		return nil, err
	}
	set := &derivedSet{Sum: sum, Width: made.Width, Height: made.Height, Original: made.UseOriginal}
	for _, d := range made.Derivatives {
		set.Files = append(set.Files, derivedFile{Format: d.Format, Width: d.Width, Height: d.Height, Name: outputName(sum, stem, d.Width, d.Format)})
		set.data = append(set.data, d.Data)
	}
	// The crops search engines ask of a story's picture (16:9, 4:3, 1:1);
	// a picture of the text needs none.
	var crops []images.Crop
	if !j.body {
		cs := images.DefaultCropSpec()
		cs.Quality = spec.Quality
		if len(j.focus) == 2 {
			cs.Focus = &[2]float64{j.focus[0], j.focus[1]}
		}
		if crops, err = images.Crops(ctx, data, cs); err != nil {
			return nil, err
		}
	}
	for _, c := range crops {
		name := fmt.Sprintf("%s-%dx%d", stem, c.Ratio[0], c.Ratio[1])
		set.Files = append(set.Files, derivedFile{Format: "jpeg", Crop: fmt.Sprintf("%d:%d", c.Ratio[0], c.Ratio[1]), Width: c.Width, Height: c.Height,
			Name: outputName(sum, name, c.Width, "jpeg")})
		set.data = append(set.data, c.Data)
	}
	if m, err := images.ReadMeta(bytes.NewReader(data), ""); err == nil || m != (images.Meta{Orientation: 1}) {
		set.Meta = photoMeta{Caption: m.Caption, Headline: m.Headline, Creator: m.Creator, Credit: m.Credit,
			Copyright: m.Copyright, License: m.WebStatement, LicensorURL: m.LicensorURL}
		if set.Meta.Credit == "" {
			set.Meta.Credit = m.Creator // a credit line, where the photo names only its photographer
		}
	}
	return set, nil
}
