package agora

// Email is a message already written in its reader's language, waiting in
// the job queue to be sent. It is composed by the layer that knows the
// language and the links, and enqueued by the store in the same
// transaction as the change it reports.
type Email struct {
	To         string
	Lang       string
	Subject    string
	Paragraphs []string
	// ActionLabel and ActionURL make the one button of the message.
	ActionLabel string
	ActionURL   string
	Footer      string
}

// JobEmail is the job kind that sends an Email.
const JobEmail = "email"
