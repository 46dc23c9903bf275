package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// procResult is what starting one server process measured.
type procResult struct {
	ColdStart time.Duration // exec to the first 200 from /healthz (median of the runs)
	ColdMax   time.Duration
	IdleRSS   int64 // bytes, VmRSS once the process sat idle
	Err       error
}

// benchChildEnv marks a process bench started, so that a test binary
// standing in for agora knows to behave like it (see TestMain).
const benchChildEnv = "AGORA_BENCH_CHILD=1"

// freeAddr finds a loopback port nobody listens on. Another process
// could take it before the child does; on a benchmark machine that is
// not worth more than a failed run.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := ln.Addr().String()
	return addr, ln.Close()
}

// measureProcess starts exe with args (which must make it serve /healthz
// on the address addrArg is replaced with) runs times, timing each start
// until /healthz answers 200; after the last it waits idle and reads the
// process's resident memory. Every child is stopped before it returns.
func measureProcess(ctx context.Context, exe string, args []string, runs int, idle time.Duration) procResult {
	var res procResult
	var starts []time.Duration
	for i := range runs {
		addr, err := freeAddr()
		if err != nil {
			return procResult{Err: err}
		}
		argv := make([]string, len(args))
		for j, a := range args {
			argv[j] = strings.ReplaceAll(a, "{addr}", addr)
		}
		cmd := exec.CommandContext(ctx, exe, argv...)
		cmd.Env = append(os.Environ(), benchChildEnv)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		t0 := time.Now()
		if err := cmd.Start(); err != nil {
			return procResult{Err: err}
		}
		err = waitHealthy(ctx, "http://"+addr+"/healthz", 20*time.Second)
		took := time.Since(t0)
		if err == nil && i == runs-1 {
			// Let start-up garbage be collected and background work
			// settle, as on a server nobody has visited yet.
			select {
			case <-ctx.Done():
			case <-time.After(idle):
			}
			res.IdleRSS, err = vmRSS(cmd.Process.Pid)
		}
		stopChild(cmd)
		if err != nil {
			return procResult{Err: fmt.Errorf("%w (stderr: %s)", err, lastLines(stderr.String(), 3))}
		}
		starts = append(starts, took)
	}
	slices.Sort(starts)
	res.ColdStart, res.ColdMax = starts[len(starts)/2], starts[len(starts)-1]
	return res
}

// waitHealthy polls url until it answers 200 or the limit passes. The
// short pause between attempts bounds the error of the measurement; it
// is not a timing assumption.
func waitHealthy(ctx context.Context, url string, limit time.Duration) error {
	c := &http.Client{Timeout: time.Second, Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true}}
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if resp, err := c.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(500 * time.Microsecond)
	}
	return fmt.Errorf("%s did not answer 200 within %s", url, limit)
}

func stopChild(cmd *exec.Cmd) {
	_ = cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
}

// vmRSS reads the resident set size of a process from /proc (Linux).
func vmRSS(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb * 1024, err
		}
	}
	return 0, errors.New("no VmRSS in /proc status")
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], " | ")
}

// machineInfo describes where the benchmark ran.
func machineInfo() string {
	cpu := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	return fmt.Sprintf("%d CPUs (%s), %s %s/%s, load average %s", runtime.NumCPU(), cpu, runtime.Version(),
		runtime.GOOS, runtime.GOARCH, loadAverage())
}

// loadAverage returns the 1, 5 and 15 minute load averages: on a shared
// machine they say how much of it the benchmark really had.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// binarySizes are the sizes of agora and of a bare net/http program
// built the same ways.
type binarySizes struct {
	Self                    int64 // the running executable
	Plain, Stripped         int64 // go build -trimpath, and with -ldflags="-s -w"
	BarePlain, BareStripped int64
	Err                     error
	// BareBinary is the stripped bare program, for the process rows;
	// it lives until cleanup is called.
	BareBinary string
	cleanup    func()
}

// Cleanup removes the built binaries.
func (s binarySizes) Cleanup() {
	if s.cleanup != nil {
		s.cleanup()
	}
}

// moduleRoot walks up from the working directory to agora's go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil &&
			bytes.HasPrefix(bytes.TrimSpace(b), []byte("module github.com/agora-civic/agora")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("not inside the agora source tree")
		}
		dir = parent
	}
}

const bareProgram = `package main

import (
	"net/http"
	"os"
	"strconv"
)

func main() {
	n, _ := strconv.Atoi(os.Args[2])
	body := make([]byte, n)
	for i := range body {
		body[i] = 'x'
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write(body) })
	http.ListenAndServe(os.Args[1], nil)
}
`

// buildSizes builds agora and the bare program, plain and stripped, in
// a temporary directory, and reports their sizes. It needs the go tool
// and the agora source tree.
func buildSizes(ctx context.Context) binarySizes {
	var s binarySizes
	if exe, err := os.Executable(); err == nil {
		if fi, err := os.Stat(exe); err == nil {
			s.Self = fi.Size()
		}
	}
	root, err := moduleRoot()
	if err != nil {
		s.Err = err
		return s
	}
	tmp, err := os.MkdirTemp("", "agora-bench-build")
	if err != nil {
		s.Err = err
		return s
	}
	s.cleanup = func() { os.RemoveAll(tmp) }
	bare := filepath.Join(tmp, "bare")
	if err := os.MkdirAll(bare, 0o700); err != nil {
		s.Err = err
		return s
	}
	if err := os.WriteFile(filepath.Join(bare, "go.mod"), []byte("module bare\n\ngo 1.26\n"), 0o600); err != nil {
		s.Err = err
		return s
	}
	if err := os.WriteFile(filepath.Join(bare, "main.go"), []byte(bareProgram), 0o600); err != nil {
		s.Err = err
		return s
	}
	build := func(dir, pkg, out string, strip bool) (int64, error) {
		args := []string{"build", "-trimpath"}
		if strip {
			args = append(args, "-ldflags=-s -w")
		}
		args = append(args, "-o", out, pkg)
		cmd := exec.CommandContext(ctx, "go", args...)
		cmd.Dir = dir
		if b, err := cmd.CombinedOutput(); err != nil {
			return 0, fmt.Errorf("go %s: %w: %s", strings.Join(args, " "), err, lastLines(string(b), 3))
		}
		fi, err := os.Stat(out)
		if err != nil {
			return 0, err
		}
		return fi.Size(), nil
	}
	for _, b := range []struct {
		dst        *int64
		dir, pkg   string
		strip      bool
		outputName string
	}{
		{&s.BarePlain, bare, ".", false, "bare-plain"},
		{&s.BareStripped, bare, ".", true, "bare-stripped"},
		{&s.Plain, root, "./cmd/agora", false, "agora"},
		{&s.Stripped, root, "./cmd/agora", true, "agora-stripped"},
	} {
		n, err := build(b.dir, b.pkg, filepath.Join(tmp, b.outputName), b.strip)
		if err != nil {
			s.Err = err
			return s
		}
		*b.dst = n
		if b.outputName == "bare-stripped" {
			s.BareBinary = filepath.Join(tmp, b.outputName)
		}
	}
	return s
}
