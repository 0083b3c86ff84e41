package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"galley.dev/galley"
	"galley.dev/galley/cmd/galley/internal/build"
)

const buildHelp = `Build turns the site in SITE into a static website in DEST.

It reads site.yaml, content/, templates/ and static/ (any of them may be
missing: Galley's built-in theme and defaults fill in), renders every page,
minifies it, and replaces DEST in one step once everything succeeded. A
failed build leaves DEST as it was and prints each problem as path:line.

DEST is Galley's: a build refuses a DEST that is the site folder, above
it, or inside its content/, static/, templates/ or seeds/, and a folder
of files it did not write (it leaves a .galley-output marker in its
own). It carries over .git, CNAME, .nojekyll and the paths listed under
keep: in site.yaml.

Files whose inputs have not changed since the last build into DEST are
kept, bytes and modification time, so deploys upload only what changed;
SITE/.galley-cache remembers what each file was made from. With nothing
changed DEST is left alone.

Examples:

	galley build
	galley build -s ~/sites/meridian -d /var/www/meridian
	galley build --drafts --future --base-url http://localhost:8080/
`

// buildNowEnv, when set to an RFC 3339 time, replaces the clock for tests
// and reproducible builds.
const buildNowEnv = "GALLEY_BUILD_TIME"

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("build", "[-s SITE] [-d DEST] [--drafts] [--future] [--base-url URL]", buildHelp, stderr)
	siteDir := fs.String("s", ".", "site `folder`")
	dest := fs.String("d", "", "output `folder` (default SITE/public)")
	drafts := fs.Bool("drafts", false, "include drafts")
	future := fs.Bool("future", false, "include stories dated in the future, and expired ones")
	baseURL := fs.String("base-url", "", "absolute `URL` of the site, replacing base_url in site.yaml")
	noMinify := fs.Bool("no-minify", false, "write pages without minifying them, for debugging templates")
	noCache := fs.Bool("no-cache", false, "make every file anew instead of keeping unchanged ones from the last build")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile to `file`")
	memProfile := fs.String("memprofile", "", "write an allocation profile to `file`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	stop, err := startProfiles(*cpuProfile, *memProfile)
	if err != nil {
		return err
	}
	defer stop()
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "galley build: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	now, err := buildTime()
	if err != nil {
		return err
	}
	defer limitMemory()()
	sum, err := build.Run(ctx, build.Options{
		Site: *siteDir, Dest: *dest, Theme: galley.Theme(),
		Drafts: *drafts, Future: *future, BaseURL: *baseURL, NoMinify: *noMinify, Now: now,
		NoCache: *noCache, Version: version, Progress: stderr,
	})
	if err != nil {
		return err
	}
	for _, w := range sum.Warnings {
		fmt.Fprintln(stderr, w)
	}
	fmt.Fprintln(stdout, sum)
	return nil
}

// startProfiles starts the profiles asked for; stop writes them.
func startProfiles(cpu, mem string) (stop func(), err error) {
	stop = func() {}
	if cpu != "" {
		f, err := os.Create(cpu)
		if err != nil {
			return nil, err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return nil, err
		}
		stop = func() { pprof.StopCPUProfile(); f.Close() }
	}
	if mem != "" {
		runtime.MemProfileRate = 64 << 10
		cpuStop := stop
		stop = func() {
			cpuStop()
			if f, err := os.Create(mem); err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}
	}
	return stop, nil
}

// buildTime returns the time a build runs at: the clock, or GALLEY_BUILD_TIME.
func buildTime() (time.Time, error) {
	s := os.Getenv(buildNowEnv)
	if s == "" {
		return time.Now(), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s=%q: want an RFC 3339 time such as 2026-11-24T09:00:00Z", buildNowEnv, s)
	}
	return t, nil
}
