package main

import (
	"context"
	"errors"
	"io"
)

// runImport is replaced by the importer's command.
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return errors.New("galley import: not implemented yet")
}
