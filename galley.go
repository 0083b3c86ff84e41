// Package galley embeds Galley's default theme, the templates/ and static/
// folders of this repository, so that the galley binary can build a site
// that has only content/. A site overrides any file of the theme with a
// file of the same name in its own templates/ or static/.
package galley

import (
	"embed"
	"io/fs"
)

//go:embed templates static/css static/js static/favicon.svg
var theme embed.FS

// Theme returns the default theme: templates/ and static/.
func Theme() fs.FS { return theme }
