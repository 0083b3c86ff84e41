package wordpress

// A Media is an attachment of the export as a post's body refers to it:
// by ID in a [gallery ids=…] or [caption id="attachment_N"], or as one of
// the post's own attachments in a [gallery] without ids.
type Media struct {
	ID      int
	URL     string // where the body should point: the new site path or the old URL
	Alt     string
	Caption string // the attachment's caption (excerpt:encoded), as text
	Width   int    // 0 when not known
	Height  int
}

// BodyOptions say how ConvertBody converts one post's body.
type BodyOptions struct {
	// Attachment returns the attachment with the ID id.
	Attachment func(id int) (Media, bool)
	// Children returns the post's own attachments in menu order, for a
	// [gallery] that names no ids.
	Children func() []Media
	// URL maps a link or image URL of the body to the one the new site
	// should use (an old page's URL to its new one, an upload to its
	// copy); it returns u itself when it knows no better. Nil is the
	// identity.
	URL func(u string) string
	// Unsafe says the site lets raw HTML through (markdown.unsafe): a
	// Custom HTML block is then kept as HTML instead of converted.
	Unsafe bool
}

// A BodyNote is something ConvertBody did not convert, or converted with
// loss, at a line of the body (1 is its first line).
type BodyNote struct {
	Line int
	Why  string
}
