package mailtest

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParse(f *testing.F) {
	f.Add([]byte("Subject: =?UTF-8?Q?Bun=C4=83_ziua?=\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=C8=99=C8=9B\r\n"))
	f.Add([]byte("Subject: x\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\nPHA+eDwvcD4=\r\n--b--\r\n"))
	f.Add([]byte("Subject: x\r\nContent-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\nContent-Type: multipart/mixed; boundary=a\r\n\r\n--a--\r\n"))
	f.Add([]byte("Subject: =?utf-8?b?////?=\r\n\r\n"))
	f.Add([]byte("\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := Received{Data: data}
		if err := parse(&r); err != nil {
			return
		}
		for _, p := range r.Parts {
			if strings.HasPrefix(p.MediaType, "text/") && !utf8.ValidString(p.Body) {
				t.Errorf("%s part accepted with invalid UTF-8", p.MediaType)
			}
		}
	})
}
