package report

import (
	"bufio"
	"encoding/csv"
	"io"
)

// utf8BOM lets Excel recognise the file as UTF-8; without it Excel
// reads diacritics as Windows-1250/1252 mojibake.
const utf8BOM = "\uFEFF"

// WriteCSV writes one row per recommendation (unit, number, author, on
// behalf of, source, date, text, amendment, supports, status,
// justification, group) after a header row, as RFC 4180 CSV in UTF-8
// with a byte-order mark and CRLF line ends (line breaks inside cells
// too). Cells a spreadsheet could take for a formula are prefixed with
// an apostrophe. It returns the writer's error.
func WriteCSV(w io.Writer, c Consultation) error {
	cols := recommendationColumns()
	row := make([]string, len(cols))
	for i, col := range cols {
		row[i] = cellText(col.heading(c.Labels))
	}
	return writeCSV(w, row, func(emit func([]string) error) error {
		for _, u := range c.Units {
			for _, r := range u.Recommendations {
				for i, col := range cols {
					row[i] = csvCell(col.value(c.Labels, u, r))
				}
				if err := emit(row); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func csvCell(v any) string {
	switch v := v.(type) {
	case int:
		return itoa(v)
	case string:
		return cellText(v)
	}
	return ""
}

// writeCSV writes the BOM, the header and the rows produced by body.
func writeCSV(w io.Writer, header []string, body func(emit func([]string) error) error) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.WriteString(utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := body(cw.Write); err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
