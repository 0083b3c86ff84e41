package main

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
)

// version is set at link time by the Makefile (-X main.version=...).
var version = "devel"

func runVersion(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("version", "", "Version prints Galley's version and the Go version that built it.\n", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	goVersion := "unknown"
	if info, ok := debug.ReadBuildInfo(); ok {
		goVersion = info.GoVersion
	}
	fmt.Fprintf(stdout, "galley %s (%s)\n", version, goVersion)
	return nil
}
