package importer

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// LawReader reads acts from files, directories (recursively, in name
// order), .gz files and .tar, .tar.gz or .tgz archives, streaming
// archives without extracting them to disk.
type LawReader struct {
	Format LawFormat
	// Cite, if set, finds citations in every unit (see CiteFunc).
	Cite CiteFunc
	// MaxDocBytes bounds one document; larger ones are skipped. Zero means
	// 64 MiB (the largest real act is under 2 MB).
	MaxDocBytes int64
}

// ErrStop may be returned by a LawReader callback to end reading early
// without an error.
var ErrStop = errors.New("importer: stop")

// Read calls doc for every act read and problem for every document or
// archive skipped, with its file, member and position. An error from doc
// ends the reading and is returned (nil for ErrStop); so is a path that
// does not exist or a cancelled ctx. Anything wrong inside one document
// only skips that document.
func (r LawReader) Read(ctx context.Context, paths []string, doc func(src string, d LawDoc) error, problem func(LawProblem)) error {
	if r.MaxDocBytes <= 0 {
		r.MaxDocBytes = 64 << 20
	}
	w := lawWalk{r: r, ctx: ctx, doc: doc, problem: problem}
	for _, p := range paths {
		if err := w.path(p); err != nil {
			if errors.Is(err, ErrStop) {
				return nil
			}
			return err
		}
	}
	return nil
}

type lawWalk struct {
	r       LawReader
	ctx     context.Context
	doc     func(string, LawDoc) error
	problem func(LawProblem)
	// sidecars holds text-format metadata files seen in an archive, by
	// the name of the document they describe.
	sidecars map[string][]byte
}

func (w *lawWalk) path(p string) error {
	st, err := os.Stat(p)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return w.file(p)
	}
	var files []string
	err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			w.problem(LawProblem{Source: path, Reason: ReasonLawRead, Detail: err.Error()})
			return nil
		}
		if !d.IsDir() && w.wanted(d.Name()) {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return err
	}
	slices.Sort(files)
	for _, f := range files {
		if err := w.file(f); err != nil {
			return err
		}
	}
	return nil
}

// wanted reports whether a file in a directory or archive is input of
// the format; other files (SOURCE.txt, index.tsv) are passed over.
func (w *lawWalk) wanted(name string) bool {
	n := strings.ToLower(name)
	if isArchive(n) {
		return true
	}
	n = strings.TrimSuffix(n, ".gz")
	switch w.r.Format {
	case LawAnsvarJSON:
		return strings.HasSuffix(n, ".json")
	case LawAKN:
		return strings.HasSuffix(n, ".xml") || strings.HasSuffix(n, ".akn")
	case LawText:
		return strings.HasSuffix(n, ".txt") || strings.HasSuffix(n, textSidecarSuffix)
	}
	return false
}

func isArchive(n string) bool {
	return strings.HasSuffix(n, ".tar") || strings.HasSuffix(n, ".tar.gz") || strings.HasSuffix(n, ".tgz")
}

func (w *lawWalk) file(p string) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	f, err := os.Open(p)
	if err != nil {
		w.problem(LawProblem{Source: p, Reason: ReasonLawRead, Detail: err.Error()})
		return nil
	}
	defer f.Close()
	return w.stream(p, strings.ToLower(p), bufio.NewReaderSize(f, 1<<20))
}

// stream reads one named stream, which may be compressed or an archive.
func (w *lawWalk) stream(src, name string, rd io.Reader) error {
	if strings.HasSuffix(name, ".gz") || strings.HasSuffix(name, ".tgz") {
		zr, err := gzip.NewReader(rd)
		if err != nil {
			w.problem(LawProblem{Source: src, Reason: ReasonLawArchive, Detail: err.Error()})
			return nil
		}
		defer zr.Close()
		rd = zr
		name = strings.TrimSuffix(strings.TrimSuffix(name, ".gz"), ".tgz") + map[bool]string{true: ".tar"}[strings.HasSuffix(name, ".tgz")]
	}
	if strings.HasSuffix(name, ".tar") {
		return w.archive(src, rd)
	}
	data, err := w.readDoc(rd)
	if err != nil {
		reason := ReasonLawRead
		if errors.Is(err, errTooLarge) {
			reason = ReasonLawTooLarge
		} else if errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, io.ErrUnexpectedEOF) {
			reason = ReasonLawArchive
		}
		w.problem(LawProblem{Source: src, Reason: reason, Detail: err.Error()})
		return nil
	}
	return w.decode(src, name, data)
}

func (w *lawWalk) archive(src string, rd io.Reader) error {
	tr := tar.NewReader(rd)
	w.sidecars = map[string][]byte{}
	defer func() { w.sidecars = nil }()
	for {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			// The stream is damaged: nothing after this point can be read.
			w.problem(LawProblem{Source: src, Reason: ReasonLawArchive, Detail: err.Error()})
			return nil
		}
		if h.Typeflag != tar.TypeReg || !w.wanted(filepath.Base(h.Name)) {
			continue
		}
		member := src + ":" + h.Name
		if err := w.stream(member, strings.ToLower(h.Name), tr); err != nil {
			return err
		}
	}
}

var errTooLarge = errors.New("document too large")

func (w *lawWalk) readDoc(rd io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(rd, w.r.MaxDocBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > w.r.MaxDocBytes {
		return nil, fmt.Errorf("%w: over %d bytes", errTooLarge, w.r.MaxDocBytes)
	}
	return data, nil
}

// decode parses one document and hands it on, or reports it.
func (w *lawWalk) decode(src, name string, data []byte) error {
	var d LawDoc
	var err error
	switch w.r.Format {
	case LawAnsvarJSON:
		d, err = DecodeAnsvarLaw(data, w.r.Cite)
	case LawAKN:
		d, err = DecodeAKNLaw(data, baseName(name), w.r.Cite)
	case LawText:
		if strings.HasSuffix(name, textSidecarSuffix) {
			w.rememberSidecar(src, name, data)
			return nil
		}
		d, err = DecodeTextLaw(data, w.sidecar(src, name), baseName(name), w.r.Cite)
	default:
		return fmt.Errorf("importer: unknown law format %q", w.r.Format)
	}
	if err != nil {
		p := LawProblem{Source: src, Reason: ReasonLawRead, Detail: err.Error()}
		var se *LawSyntaxError
		if errors.As(err, &se) {
			p.Line, p.Column, p.Reason = se.Line, se.Column, se.Reason
			p.Detail = ""
			if se.Err != nil {
				p.Detail = se.Err.Error()
			}
		}
		w.problem(p)
		return nil
	}
	return w.doc(src, d)
}

// baseName is a file name without directories and extensions: the source
// id of a document whose format carries none.
func baseName(name string) string {
	b := filepath.Base(name)
	for _, ext := range []string{".gz", ".xml", ".akn", ".txt"} {
		b = strings.TrimSuffix(b, ext)
	}
	return b
}
