package report

import (
	"io"
	"testing"
)

// BenchmarkWritePDF5000 is the target: a report of 300 units and
// 5,000 recommendations in at most 3 s on the 2-core machine.
func BenchmarkWritePDF5000(b *testing.B) {
	c := bigReport(300, 5000)
	var n countingWriter
	for b.Loop() {
		if err := WritePDF(&n, c); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/float64(b.N)/1e6, "MB/report")
}

type countingWriter int64

func (w *countingWriter) Write(p []byte) (int, error) {
	*w += countingWriter(len(p))
	return len(p), nil
}

var _ io.Writer = (*countingWriter)(nil)

func BenchmarkWriteCSV5000(b *testing.B) {
	c := bigReport(300, 5000)
	var n countingWriter
	for b.Loop() {
		if err := WriteCSV(&n, c); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/float64(b.N)/1e6, "MB/report")
}

func BenchmarkWriteXLSX5000(b *testing.B) {
	c := bigReport(300, 5000)
	var n countingWriter
	for b.Loop() {
		if err := WriteXLSX(&n, c); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/float64(b.N)/1e6, "MB/report")
}
