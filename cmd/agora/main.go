// Command agora runs the agora civic-dialogue platform: the web server and
// its maintenance commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		var ue usageError
		fmt.Fprintln(os.Stderr, "agora:", err)
		if errors.As(err, &ue) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// usageError marks mistakes in the command line (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

const usage = `agora — civic dialogue platform

Usage: agora <command> [flags]

Commands:
  serve     run the web server (--demo seeds demo data into an empty database)
  migrate   apply database migrations and exit
  demo      seed demo data into an empty database
  import    import reference data and acts (admin-units, domains, laws)
  user      manage accounts (create, set-role, disable)
  backup    write a consistent copy of the SQLite database
  bench     measure directory pages, cold start, memory and binary size
            ("bench consultation": a consultation page under load, posting, the PDF report)
  eval      measure search quality on a question set (eval search FILE...)
  version   print the version

Run "agora <command> -h" for the flags of a command. Every flag can also be
set through an AGORA_* environment variable (e.g. --data → AGORA_DATA);
flags win over the environment.
`

// run is the whole program; main only wires it to the process, so tests
// call it with their own arguments, environment and outputs.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usageError{"no command given"}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return cmdServe(ctx, rest, getenv, stdout, stderr)
	case "migrate":
		return cmdMigrate(ctx, rest, getenv, stdout, stderr)
	case "demo":
		return cmdDemo(ctx, rest, getenv, stdout, stderr)
	case "import":
		return cmdImport(ctx, rest, getenv, stdout, stderr)
	case "user":
		return cmdUser(ctx, rest, getenv, stdout, stderr)
	case "backup":
		return cmdBackup(ctx, rest, getenv, stdout, stderr)
	case "bench":
		return cmdBench(ctx, rest, getenv, stdout, stderr)
	case "eval":
		return cmdEval(ctx, rest, getenv, stdout, stderr)
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, "agora", version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return usageError{fmt.Sprintf("unknown command %q", cmd)}
}
