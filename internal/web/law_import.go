package web

import (
	"context"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/importer"
	"github.com/agora-civic/agora/internal/store"
)

// maxLawUploadBytes bounds one uploaded file or archive of acts.
const maxLawUploadBytes = 100 << 20

// lawImportBatch is how many documents one store transaction carries,
// as in `agora import laws`.
const lawImportBatch = 256

// lawUploadSuffixes are the file names the importer reads.
var lawUploadSuffixes = []string{".json", ".xml", ".akn", ".txt", ".md", ".gz", ".tar", ".tgz"}

// lawImportPage is what admin/laws/import shows: the form and, after an
// upload, what happened.
type lawImportPage struct {
	Formats []lawFormatOption
	Done    bool
	Summary lawImportSummary
}

// lawImportSummary counts an upload's outcome.
type lawImportSummary struct {
	Read, Created, Updated, Unchanged int
	Citations                         int
	Failed                            []lawImportProblem
}

// lawImportProblem is one skipped document, its reason translated.
type lawImportProblem struct {
	Source         string
	Line, Column   int
	Reason, Detail string
}

type lawFormatOption struct{ Value, Key string }

// lawFormatKeys are the labels of the importer's formats.
var lawFormatKeys = map[importer.LawFormat]string{
	importer.LawAnsvarJSON: "lawweb.import.format_ansvar_json",
	importer.LawAKN:        "lawweb.import.format_akn",
	importer.LawText:       "lawweb.import.format_text",
}

func lawFormats() []lawFormatOption {
	out := make([]lawFormatOption, len(importer.LawFormats))
	for i, f := range importer.LawFormats {
		out[i] = lawFormatOption{Value: string(f), Key: lawFormatKeys[f]}
	}
	return out
}

// showLawImport is GET /admin/laws/import.
func (s *Server) showLawImport(w http.ResponseWriter, r *http.Request) {
	if _, err := s.admin(r, auth.ImportData); err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.page(r, &lawImportPage{Formats: lawFormats()})
	p.Form = &Form{Values: map[string]string{"format": string(importer.LawAnsvarJSON)}, Errors: map[string]string{}}
	s.render(w, r, http.StatusOK, "law/import", p)
}

// importLawUpload is POST /admin/laws/import: one file or archive read
// by the same importer and store calls as `agora import laws`, then its
// citations recorded. It runs while the administrator waits, which the
// upload limit keeps to well under a minute on the real data.
func (s *Server) importLawUpload(w http.ResponseWriter, r *http.Request) {
	if _, err := s.admin(r, auth.ImportData); err != nil {
		s.fail(w, r, err)
		return
	}
	data := &lawImportPage{Formats: lawFormats()}
	f, err := s.parseUploadForm(w, r, maxLawUploadBytes)
	if err != nil {
		s.renderForm(w, r, "law/import", f, err, data)
		return
	}
	defer func() {
		if r.MultipartForm != nil {
			_ = r.MultipartForm.RemoveAll()
		}
	}()
	format := importer.LawFormat(f.Get("format"))
	var es agora.Errs
	if !slices.Contains(importer.LawFormats, format) {
		es.Add("format", "field.invalid_choice", nil)
	}
	fh := uploadedFile(r, "file")
	switch {
	case fh == nil:
		es.Add("file", "lawweb.import.no_file", nil)
	case fh.Size > maxLawUploadBytes:
		es.Add("file", "lawweb.import.too_large", map[string]any{"max": maxLawUploadBytes >> 20})
	case uploadName(fh.Filename) == "":
		es.Add("file", "lawweb.import.bad_name", nil)
	}
	if err := es.Err(); err != nil {
		s.renderForm(w, r, "law/import", f, err, data)
		return
	}
	dir, err := os.MkdirTemp("", "agora-law-upload-")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer os.RemoveAll(dir)
	name := uploadName(fh.Filename)
	file := filepath.Join(dir, name)
	if err := saveUpload(fh.Open, file); err != nil {
		s.fail(w, r, err)
		return
	}
	sum, err := s.importLawFile(r.Context(), format, file)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := localeFrom(r.Context()).Lang
	for i, p := range sum.Failed {
		// The temporary directory means nothing to the administrator.
		sum.Failed[i].Source = strings.Replace(p.Source, file, name, 1)
		sum.Failed[i].Reason = s.cat.T(lang, p.Reason, nil)
	}
	data.Done, data.Summary = true, sum
	p := s.page(r, data)
	p.Form = &Form{Values: map[string]string{"format": string(format)}, Errors: map[string]string{}}
	s.render(w, r, http.StatusOK, "law/import", p)
}

// uploadName keeps the base of an uploaded file's name when it is made
// of safe characters and ends as the importer expects; "" otherwise.
func uploadName(n string) string {
	n = path.Base(strings.ReplaceAll(n, `\`, "/"))
	if n == "." || n == "/" || len(n) > 200 || strings.HasPrefix(n, ".") {
		return ""
	}
	for _, c := range n {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_') {
			return ""
		}
	}
	low := strings.ToLower(n)
	if !slices.ContainsFunc(lawUploadSuffixes, func(s string) bool { return strings.HasSuffix(low, s) }) {
		return ""
	}
	// The importer reads Markdown as text.
	if strings.HasSuffix(low, ".md") {
		n = n[:len(n)-3] + ".txt"
	}
	return n
}

func saveUpload[F io.ReadCloser](open func() (F, error), dst string) error {
	src, err := open()
	if err != nil {
		return err
	}
	defer src.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, io.LimitReader(src, maxLawUploadBytes+1)); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// importLawFile reads one file with the importer and stores it in
// batches; a batch the store refuses for one document's sake is stored
// document by document, so only the bad ones are skipped. The acts
// written get their citations recorded.
func (s *Server) importLawFile(ctx context.Context, format importer.LawFormat, file string) (lawImportSummary, error) {
	var sum lawImportSummary
	var batch []importer.LawDoc
	var srcs []string
	var written []string
	var put func(docs []importer.LawDoc, srcs []string) error
	put = func(docs []importer.LawDoc, srcs []string) error {
		rs, err := s.store.ImportLaws(ctx, docs)
		if err != nil {
			if agora.KindOf(err) != agora.Invalid {
				return err
			}
			if len(docs) == 1 {
				sum.Failed = append(sum.Failed, lawImportProblem{Source: srcs[0], Reason: agora.AsError(err).Key, Detail: docs[0].Act.Key})
				return nil
			}
			for i := range docs {
				if err := put(docs[i:i+1], srcs[i:i+1]); err != nil {
					return err
				}
			}
			return nil
		}
		for _, r := range rs {
			switch r.Outcome {
			case store.LawCreated:
				sum.Created++
				written = append(written, r.ActID)
			case store.LawUpdated:
				sum.Updated++
				written = append(written, r.ActID)
			default:
				sum.Unchanged++
			}
		}
		return nil
	}
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := put(batch, srcs)
		batch, srcs = batch[:0], srcs[:0]
		return err
	}
	rd := importer.LawReader{Format: format, Cite: importer.CiteRelations}
	err := rd.Read(ctx, []string{file}, func(src string, d importer.LawDoc) error {
		sum.Read++
		batch, srcs = append(batch, d), append(srcs, src)
		if len(batch) >= lawImportBatch {
			return flush()
		}
		return nil
	}, func(p importer.LawProblem) {
		sum.Failed = append(sum.Failed, lawImportProblem{Source: p.Source, Line: p.Line, Column: p.Column, Reason: p.Reason, Detail: p.Detail})
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return sum, err
	}
	// A new act may be the one older acts cite by date: re-link them all
	// when there are many, else only the acts written.
	if len(written) > citeAllThreshold {
		_, sum.Citations, err = s.store.RecordAllCitations(ctx)
		return sum, err
	}
	for _, id := range written {
		n, err := s.store.RecordCitations(ctx, id)
		if err != nil {
			return sum, err
		}
		sum.Citations += n
	}
	return sum, nil
}

// citeAllThreshold is the number of written acts above which recording
// every act's citations again is cheaper than doing it act by act.
const citeAllThreshold = 500
