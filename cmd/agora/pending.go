package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/store"
)

// Commands still being written in this session; replaced by their own files.
var errPending = errors.New("command not available yet")

func cmdDemo(context.Context, []string, func(string) string, io.Writer, io.Writer) error {
	return errPending
}
func cmdImport(context.Context, []string, func(string) string, io.Writer, io.Writer) error {
	return errPending
}
func cmdUser(context.Context, []string, func(string) string, io.Writer, io.Writer) error {
	return errPending
}
func cmdBackup(context.Context, []string, func(string) string, io.Writer, io.Writer) error {
	return errPending
}

type demoLogin struct{ Email, Password, Role string }

func seedDemo(context.Context, *store.Store, auth.PasswordHasher, *auth.Sealer) ([]demoLogin, error) {
	return nil, nil
}

func printDemoLogins(w io.Writer, l []demoLogin) { fmt.Fprintln(w, len(l)) }
