package wordpress

import (
	"context"
	"maps"
	"slices"
	"strings"

	"galley.dev/galley/cmd/galley/internal/importer"
	"galley.dev/galley/cmd/galley/internal/slug"
)

// writeProfiles writes a profile for every author in a byline of the
// stories imported, with the name the stories give; the author's email
// and login are never written.
func (r *run) writeProfiles(ctx context.Context) {
	base := strings.TrimSuffix(r.ex.Link, "/")
	for _, name := range slices.Sorted(maps.Keys(r.bylined)) {
		if ctx.Err() != nil {
			return
		}
		s := slug.Make(name)
		if s == "" {
			continue
		}
		p := &importer.Profile{Name: name, Source: "wordpress:" + base + "/author/" + s}
		r.w.Profile(ctx, r.from, s, p)
	}
}
