package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"galley.dev/galley"
	"galley.dev/galley/cmd/galley/internal/build"
	"galley.dev/galley/cmd/galley/internal/server"
)

const serveHelp = `Serve builds the site, drafts and future stories included, serves it for
preview, and rebuilds and reloads open tabs when a file under content/,
templates/ or static/, or site.yaml, changes. A failed build shows its
problems in the browser and the terminal, and the last good build stays
until a save fixes them. It listens on the loopback address unless --addr
names another, and then warns: anyone who can reach that address sees the
drafts. Search engines are told to keep out of the preview. It stops
cleanly on Ctrl-C.

Examples:

	galley serve
	galley serve -s ~/sites/meridian --addr 127.0.0.1:8080
	galley serve --drafts=false --future=false
`

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", "[-s SITE] [--addr 127.0.0.1:1313] [--drafts=true] [--future=true]", serveHelp, stderr)
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
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("galley serve: %w", err)
	}
	if msg := exposureWarning(ln.Addr()); msg != "" {
		fmt.Fprintln(stderr, msg)
	}
	base := "http://" + ln.Addr().String() + "/"
	sess, err := build.NewSession(build.Options{
		Site: *siteDir, Dest: filepath.Join(tmp, "public"), Theme: galley.Theme(), Drafts: *drafts, Future: *future,
		BaseURL: base, Preview: true, Version: version,
	})
	if err != nil {
		return err
	}
	defer sess.Close()
	srv := server.New()
	// Pages made in the background can fail too, and are told about
	// where the editor is looking, unless a later build came meanwhile.
	var mu sync.Mutex
	builds := 0
	rebuild := func(changed []string) {
		now, err := buildTime()
		if err == nil {
			var sum build.Summary
			sum, err = sess.Build(ctx, now, changed)
			if err == nil {
				fmt.Fprintln(stdout, sum)
			}
		}
		if err != nil && ctx.Err() == nil {
			fmt.Fprintln(stderr, err)
		}
		files := sess.FS()
		mu.Lock()
		builds++
		n := builds
		srv.Built(files, err)
		mu.Unlock()
		if err == nil {
			wait := sess.Background()
			go func() {
				err := wait()
				mu.Lock()
				defer mu.Unlock()
				if err != nil && ctx.Err() == nil && builds == n {
					fmt.Fprintln(stderr, err)
					srv.Built(files, err)
				}
			}()
		}
	}
	rebuild(nil)
	fmt.Fprintf(stdout, "serving %s (Ctrl-C to stop)\n", base)
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	hs.RegisterOnShutdown(srv.Close)
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return server.Watch(ctx, *siteDir, rebuild) })
	g.Go(func() error {
		if err := hs.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	})
	g.Go(func() error {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		return hs.Shutdown(shutdown)
	})
	return g.Wait()
}

// exposureWarning returns a warning for stderr when the preview listens
// at addr, which other machines can reach, or "" on loopback. It looks at
// the address bound rather than the one asked for: ":1313" binds every
// interface, while a host name may well resolve to loopback.
func exposureWarning(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err == nil && isLoopback(host) {
		return ""
	}
	if port == "" {
		port = "1313"
	}
	return fmt.Sprintf("galley serve: warning: listening on %s, which other machines can reach: anyone on the network can read the preview, drafts and scheduled stories included; use --addr 127.0.0.1:%s to keep it to this machine", addr, port)
}

// isLoopback reports whether host, an IP address (bracketed or not) or a
// name, is this machine only. The empty host and the unspecified
// addresses mean every interface; of names, only localhost is sure to
// stay on this machine.
func isLoopback(host string) bool {
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if ip, err := netip.ParseAddr(host); err == nil {
		return ip.Unmap().IsLoopback()
	}
	return strings.EqualFold(strings.TrimSuffix(host, "."), "localhost")
}
