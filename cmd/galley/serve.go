package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"galley.dev/galley"
	"galley.dev/galley/cmd/galley/internal/build"
)

const serveHelp = `Serve builds the site with drafts and future stories and serves it on
ADDR for preview. It listens on the loopback address unless --addr names
another, and stops cleanly on Ctrl-C.

Examples:

	galley serve
	galley serve -s ~/sites/meridian --addr 127.0.0.1:8080
`

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", "[-s SITE] [--addr 127.0.0.1:1313]", serveHelp, stderr)
	siteDir := fs.String("s", ".", "site `folder`")
	addr := fs.String("addr", "127.0.0.1:1313", "`address` to listen on")
	drafts := fs.Bool("drafts", true, "include drafts")
	future := fs.Bool("future", true, "include stories dated in the future")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "galley-serve-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	dest := filepath.Join(tmp, "public")
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("galley serve: %w", err)
	}
	base := "http://" + ln.Addr().String() + "/"
	sum, err := build.Run(ctx, build.Options{
		Site: *siteDir, Dest: dest, Theme: galley.Theme(), Drafts: *drafts, Future: *future,
		BaseURL: base, Now: time.Now(), Preview: true,
	})
	if err != nil {
		ln.Close()
		return err
	}
	fmt.Fprintf(stdout, "%v\nserving %s (Ctrl-C to stop)\n", sum, base)
	srv := &http.Server{Handler: staticHandler(dest), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// staticHandler serves dir with the site's 404.html for missing files and
// without directory listings. os.Root keeps requests inside dir, whatever
// dots, encodings or symbolic links they use.
func staticHandler(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		root, err := os.OpenRoot(dir)
		if err != nil {
			http.Error(w, "no build", http.StatusServiceUnavailable)
			return
		}
		defer root.Close()
		name := strings.TrimPrefix(r.URL.Path, "/")
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		f, err := root.Open(name)
		if err == nil {
			defer f.Close()
			if info, err := f.Stat(); err == nil && !info.IsDir() {
				http.ServeContent(w, r, name, info.ModTime(), f)
				return
			}
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		if page, err := root.ReadFile("404.html"); err == nil {
			w.Write(page)
		}
	})
}
