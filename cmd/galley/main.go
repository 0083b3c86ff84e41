// Galley builds static news sites: markdown articles with YAML front matter
// in, a complete site with listings, feeds and sitemaps out.
//
// Usage:
//
//	galley <command> [flags]
//
// The commands are:
//
//	build    build the site into public/
//	serve    preview the site with live reload
//	new      create an article
//	import   bring in stories: plain-text exports, Hugo and Jekyll sites
//	check    verify the links, feeds and sitemaps of a built site
//	deploy   publish the built site to a bucket, uploading what changed
//	version  print the version
//
// Run "galley <command> -h" for the flags of a command.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"galley.dev/galley/cmd/galley/internal/diag"
)

// A command is one subcommand of galley.
type command struct {
	name  string
	short string
	run   func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"build", "build the site into public/", runBuild},
		{"serve", "preview the site with live reload", runServe},
		{"new", "create an article", runNew},
		{"import", "bring in stories: plain-text exports, Hugo and Jekyll sites", runImport},
		{"check", "verify the links, feeds and sitemaps of a built site", runCheck},
		{"deploy", "publish the built site to a bucket, uploading what changed", runDeploy},
		{"version", "print the version", runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes the command named by args[0] and returns the exit code.
// Errors are printed here, once, one problem a line.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], stdout, stderr)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			return 2
		}
		printErr(stderr, err)
		return 1
	}
	fmt.Fprintf(stderr, "galley: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

// printErr prints err a problem a line, with the control characters a
// file name or a value may carry escaped: a name with a terminal escape
// sequence must not drive the terminal. (Positioned problems escape
// their own; this covers the rest.)
func printErr(w io.Writer, err error) {
	for _, line := range strings.Split(err.Error(), "\n") {
		fmt.Fprintln(w, diag.Printable(line))
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, "Galley builds static news sites.\n\nUsage:\n\n\tgalley <command> [flags]\n\nThe commands are:\n\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "\t%-8s %s\n", c.name, c.short)
	}
	fmt.Fprint(w, "\nRun \"galley <command> -h\" for the flags of a command.\n")
}

// errUsage reports bad flags; the flag package has already said why.
var errUsage = errors.New("usage")

// newFlagSet returns a flag set that prints usage, a description and
// examples to stderr on -h or a bad flag.
func newFlagSet(name, synopsis, help string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: galley %s %s\n\n%s\nFlags:\n", name, synopsis, help)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args and turns a bad flag into errUsage.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}
