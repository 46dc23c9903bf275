package main

import (
	"context"
	"errors"
	"io"
)

// Commands still being written in this session; replaced by their own files.
var errPending = errors.New("command not available yet")

func cmdUser(context.Context, []string, func(string) string, io.Writer, io.Writer) error {
	return errPending
}
func cmdBackup(context.Context, []string, func(string) string, io.Writer, io.Writer) error {
	return errPending
}
