package report

// column is one column of the recommendations table shared by the CSV
// and XLSX files: its heading, its width in the spreadsheet (in
// characters) and its value, an int for numbers or a string still to be
// escaped.
type column struct {
	heading func(Labels) string
	width   float64
	value   func(Labels, UnitSection, Recommendation) any
}

func recommendationColumns() []column {
	return []column{
		{func(l Labels) string { return l.Unit }, 18, func(_ Labels, u UnitSection, _ Recommendation) any { return u.Label }},
		{func(l Labels) string { return l.Number }, 7, func(_ Labels, _ UnitSection, r Recommendation) any { return r.Number }},
		{func(l Labels) string { return l.Author }, 28, func(_ Labels, _ UnitSection, r Recommendation) any { return r.Author }},
		{func(l Labels) string { return l.OnBehalfOf }, 28, func(_ Labels, _ UnitSection, r Recommendation) any { return r.OnBehalfOf }},
		{func(l Labels) string { return l.Source }, 11, func(_ Labels, _ UnitSection, r Recommendation) any { return r.Source }},
		{func(l Labels) string { return l.SubmittedAt }, 12, func(l Labels, _ UnitSection, r Recommendation) any { return l.format(r.SubmittedAt) }},
		{func(l Labels) string { return l.Text }, 60, func(_ Labels, _ UnitSection, r Recommendation) any { return r.Text }},
		{func(l Labels) string { return l.Amendment }, 50, func(_ Labels, _ UnitSection, r Recommendation) any { return r.Amendment }},
		{func(l Labels) string { return l.Supports }, 10, func(_ Labels, _ UnitSection, r Recommendation) any { return r.Supports }},
		{func(l Labels) string { return l.Status }, 16, func(l Labels, _ UnitSection, r Recommendation) any { return statusLabel(l, r) }},
		{func(l Labels) string { return l.Justification }, 50, func(_ Labels, _ UnitSection, r Recommendation) any { return r.Justification }},
		{func(l Labels) string { return l.Group }, 16, func(_ Labels, _ UnitSection, r Recommendation) any { return r.GroupLabel }},
	}
}

// statusLabel is the recommendation's own label, or the status name from
// the labels when the caller left it empty.
func statusLabel(l Labels, r Recommendation) string {
	if r.StatusLabel != "" {
		return r.StatusLabel
	}
	return l.StatusNames[r.Status.normal()]
}
