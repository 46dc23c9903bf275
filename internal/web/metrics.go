package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/agora-civic/agora/internal/store"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

type metrics struct {
	latency *prometheus.HistogramVec
}

// newMetrics registers request latency and job-queue gauges on a registry
// of this server's own, never the global default one.
func newMetrics(reg *prometheus.Registry, st *store.Store) *metrics {
	m := &metrics{
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "agora_http_request_duration_seconds",
			Help:    "Time to serve HTTP requests, by route pattern, method and status.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route", "method", "code"}),
	}
	reg.MustRegister(m.latency, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if st != nil {
		reg.MustRegister(&jobCollector{st: st, depth: prometheus.NewDesc("agora_jobs",
			"Jobs in the queue by state.", []string{"state"}, nil)})
	}
	return m
}

func (m *metrics) observe(route, method string, status int, d time.Duration) {
	m.latency.WithLabelValues(route, method, strconv.Itoa(status)).Observe(d.Seconds())
}

// jobCollector reads the queue depth when scraped, so the number is
// always current and costs nothing between scrapes.
type jobCollector struct {
	st    *store.Store
	depth *prometheus.Desc
}

func (c *jobCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.depth }

func (c *jobCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	st, err := c.st.JobStats(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.depth, err)
		return
	}
	for state, n := range map[string]int64{"ready": st.Ready, "scheduled": st.Scheduled, "running": st.Running, "failed": st.Failed, "done": st.Done} {
		ch <- prometheus.MustNewConstMetric(c.depth, prometheus.GaugeValue, float64(n), state)
	}
}

func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) {
	promhttp.HandlerFor(s.reg, promhttp.HandlerOpts{}).ServeHTTP(w, r)
}
