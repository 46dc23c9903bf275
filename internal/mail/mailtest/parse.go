package mailtest

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"unicode/utf8"
)

// Received is one message the server accepted.
type Received struct {
	From     string   // envelope sender (MAIL FROM)
	To       []string // envelope recipients (RCPT TO)
	Data     []byte   // the message exactly as received
	Username string   // AUTH PLAIN user, "" without AUTH
	TLS      bool     // whether the session was encrypted

	// Parsed from Data. Subject is RFC 2047-decoded; Text and HTML are the
	// first text/plain and text/html parts, transfer-decoded, with CRLF
	// turned into LF. Header holds the raw top-level header fields.
	Header    mail.Header
	Subject   string
	Text      string
	HTML      string
	MediaType string // top-level media type, "multipart/alternative"
	Parts     []Part // the leaf parts in order; one for a single-part message
	ParseErr  error  // why Data did not parse; the fields above are partial
}

// Part is one leaf MIME part of a received message.
type Part struct {
	MediaType string            // "text/plain"
	Params    map[string]string // media type parameters, "charset"
	Header    textproto.MIMEHeader
	Body      string // transfer-decoded, CRLF turned into LF
}

// maxDepth bounds multipart nesting; agora sends depth 1.
const maxDepth = 8

// parse fills r's parsed fields from r.Data. It insists on what agora
// promises to send: UTF-8 (or ASCII) text and known transfer encodings.
func parse(r *Received) error {
	msg, err := mail.ReadMessage(bytes.NewReader(r.Data))
	if err != nil {
		return fmt.Errorf("mailtest: header: %w", err)
	}
	r.Header = msg.Header
	var dec mime.WordDecoder
	if r.Subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		return fmt.Errorf("mailtest: subject: %w", err)
	}
	h := textproto.MIMEHeader(msg.Header)
	r.MediaType, _, err = mediaType(h)
	if err != nil {
		return err
	}
	r.Parts, err = walk(h, msg.Body, 0)
	for _, p := range r.Parts {
		switch {
		case p.MediaType == "text/plain" && r.Text == "":
			r.Text = p.Body
		case p.MediaType == "text/html" && r.HTML == "":
			r.HTML = p.Body
		}
	}
	return err
}

func mediaType(h textproto.MIMEHeader) (string, map[string]string, error) {
	ct := h.Get("Content-Type")
	if ct == "" {
		return "text/plain", map[string]string{}, nil // RFC 2045 §5.2
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return "", nil, fmt.Errorf("mailtest: content type %q: %w", ct, err)
	}
	return mt, params, nil
}

func walk(h textproto.MIMEHeader, body io.Reader, depth int) ([]Part, error) {
	mt, params, err := mediaType(h)
	if err != nil {
		return nil, err
	}
	if strings.HasPrefix(mt, "multipart/") {
		if depth >= maxDepth {
			return nil, errors.New("mailtest: multipart nested too deep")
		}
		if params["boundary"] == "" {
			return nil, errors.New("mailtest: multipart without boundary")
		}
		var parts []Part
		mr := multipart.NewReader(body, params["boundary"])
		for {
			// NextRawPart: NextPart would decode quoted-printable itself
			// but not base64, and drop the header saying which it was.
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return parts, nil
			}
			if err != nil {
				return parts, fmt.Errorf("mailtest: %s: %w", mt, err)
			}
			sub, err := walk(p.Header, p, depth+1)
			parts = append(parts, sub...)
			if err != nil {
				return parts, err
			}
		}
	}
	raw, err := decode(h.Get("Content-Transfer-Encoding"), body)
	if err != nil {
		return nil, fmt.Errorf("mailtest: %s body: %w", mt, err)
	}
	if cs := strings.ToLower(params["charset"]); cs != "" && cs != "utf-8" && cs != "us-ascii" {
		return nil, fmt.Errorf("mailtest: %s charset %q, want utf-8", mt, cs)
	}
	if strings.HasPrefix(mt, "text/") && !utf8.Valid(raw) {
		return nil, fmt.Errorf("mailtest: %s body is not valid UTF-8", mt)
	}
	text := strings.ReplaceAll(string(raw), "\r\n", "\n")
	return []Part{{MediaType: mt, Params: params, Header: h, Body: text}}, nil
}

func decode(cte string, r io.Reader) ([]byte, error) {
	switch strings.ToLower(strings.TrimSpace(cte)) {
	case "", "7bit", "8bit", "binary":
		return io.ReadAll(r)
	case "quoted-printable":
		return io.ReadAll(quotedprintable.NewReader(r))
	case "base64":
		// The decoder skips the CR and LF between encoded lines.
		return io.ReadAll(base64.NewDecoder(base64.StdEncoding, r))
	default:
		return nil, fmt.Errorf("unknown transfer encoding %q", cte)
	}
}
