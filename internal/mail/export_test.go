package mail

import "crypto/x509"

// NewSMTPSenderWithRoots lets tests trust mailtest's self-signed
// certificate instead of turning verification off.
func NewSMTPSenderWithRoots(c Config, roots *x509.CertPool) (*SMTPSender, error) {
	return newSMTPSender(c, roots)
}
