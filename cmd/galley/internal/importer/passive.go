package importer

import "galley.dev/galley/cmd/galley/internal/content"

// Passive reports whether a Galley page bundle publishes the file name:
// pictures, sound, video, documents, data and fonts, which a browser
// shows but never runs. An import leaves other files out, with why,
// rather than write a bundle that the build refuses.
func Passive(name string) bool { return content.Passive(name) }
