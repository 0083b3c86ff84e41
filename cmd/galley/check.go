package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"galley.dev/galley/cmd/galley/internal/check"
)

const checkHelp = `Check verifies a built site in DEST: every internal link, image,
stylesheet and #fragment resolves, feeds and sitemaps list only pages that
exist, and no page is orphaned from the others. It prints one problem a
line and exits non-zero if there is any.

The site's base URL is read from the front page's canonical link unless
--base-url gives it.

Examples:

	galley build && galley check
	galley check -d /var/www/meridian
`

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("check", "[-d DEST] [--base-url URL]", checkHelp, stderr)
	dest := fs.String("d", "public", "built site `folder`")
	base := fs.String("base-url", "", "the site's absolute `URL`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	problems, err := check.Site(*dest, *base)
	if err != nil {
		return fmt.Errorf("galley check: %w", err)
	}
	for _, p := range problems {
		fmt.Fprintln(stderr, filepath.Join(*dest, filepath.FromSlash(p.File))+": "+p.Msg)
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s: %d problems: %w", *dest, len(problems), check.ErrProblems)
	}
	fmt.Fprintf(stdout, "%s: no problems\n", *dest)
	return nil
}
