package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"galley.dev/galley/cmd/galley/internal/slug"
)

const newHelp = `New creates content/news/<slug>.md in SITE with the given title, the
current time, and every front matter key ready to fill in. It never
overwrites an existing file.

Examples:

	galley new "Council approves harbour budget"
	galley new -s ~/sites/meridian --section sport "Late goal sinks leaders"
`

func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("new", `[-s SITE] [--section news] "Title"`, newHelp, stderr)
	siteDir := fs.String("s", ".", "site `folder`")
	section := fs.String("section", "news", "section `folder` under content/")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	title := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if title == "" {
		fmt.Fprintln(stderr, "galley new: give the article's title")
		fs.Usage()
		return errUsage
	}
	if !slug.Valid(*section) {
		return fmt.Errorf("galley new: section %q is not lowercase ASCII words joined by hyphens", *section)
	}
	s := slug.Make(title)
	if s == "" {
		return fmt.Errorf("galley new: cannot make a URL from %q; use a title with Latin letters or digits", title)
	}
	path := filepath.Join(*siteDir, "content", *section, s+".md")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s: already exists; choose another title or edit that file", path)
	}
	if err != nil {
		return err
	}
	_, werr := io.WriteString(f, skeleton(title, s, time.Now()))
	if err := errors.Join(werr, f.Close()); err != nil {
		return err
	}
	fmt.Fprintln(stdout, path)
	return nil
}

// skeleton returns a new article with every front matter key.
func skeleton(title, s string, now time.Time) string {
	return `---
title: ` + strconv.Quote(title) + `
slug: ` + s + `
date: ` + now.Format(time.RFC3339) + `
updated:
description: ""
authors: []
topics: []
image:
  src: ""
  alt: ""
  caption: ""
  credit: ""
featured: false
draft: true
expires:
aliases: []
---

Write the story here. The first paragraph is the description if the one
above stays empty.
`
}
