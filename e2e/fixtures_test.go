package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
)

// fixtures are the accounts and records every page of the suite needs.
type fixtures struct {
	admin, ana             agora.User
	adminCookie, anaCookie string
	org                    agora.Organisation
	// xssUsers and xssOrgs carry one payload each as their name; orgs
	// whose name validation refused a payload are simply absent.
	payloads []string
	xssUsers []agora.User
	xssOrgs  []agora.Organisation
	// cx holds the consultations, acts and watchlists of issues 4 and 5.
	cx consultFixtures
}

// xssPayloads reads the "xss" group of shared/data/bad-input, beside the
// repository, or returns a few stand-ins when it is not there.
func xssPayloads() ([]string, error) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "shared", "data", "bad-input", "payloads.json"))
	if errors.Is(err, os.ErrNotExist) {
		return []string{
			"<script>document.body.remove()</script>",
			"<img src=x onerror=document.body.remove()>",
			`" autofocus onfocus="document.body.remove()`,
			"<style>body{display:none}</style>",
		}, nil
	}
	if err != nil {
		return nil, err
	}
	var groups map[string][]string
	if err := json.Unmarshal(raw, &groups); err != nil {
		return nil, err
	}
	if len(groups["xss"]) == 0 {
		return nil, errors.New("payloads.json has no xss group")
	}
	return groups["xss"], nil
}

func seed(ctx context.Context, srv *Server) (fixtures, error) {
	var fx fixtures
	st := srv.Store
	var err error
	mk := func(email, name string, role agora.PlatformRole) (agora.User, error) {
		return st.CreateUser(ctx, store.NewUser{Email: email, DisplayName: name, Role: role, EmailVerified: true, Lang: "ro"})
	}
	if fx.admin, err = mk("admin@e2e.test", "Administrator Agora", agora.RoleAdmin); err != nil {
		return fx, err
	}
	if fx.ana, err = mk("ana@e2e.test", "Ana Popescu-Țurcanu", agora.RoleParticipant); err != nil {
		return fx, err
	}
	ion, err := mk("ion@e2e.test", "Ion Ștefănescu", agora.RoleParticipant)
	if err != nil {
		return fx, err
	}
	if err := st.SaveProfile(ctx, fx.ana.ID, agora.ProfileInput{Country: "RO", Region: "127", Bio: "Facilitatoare de consultări publice în Cluj.", Listed: true}); err != nil {
		return fx, fmt.Errorf("ana's profile: %w", err)
	}
	if fx.org, err = st.CreateOrg(ctx, fx.ana.ID, agora.OrgInput{Name: "Asociația Alfa pentru Dialog Civic", Kind: "association",
		Country: "RO", RegionCode: "127", Description: "Organizăm consultări publice."}); err != nil {
		return fx, fmt.Errorf("org: %w", err)
	}
	// Something for the audit log and the sent-mail page.
	if _, err := st.SetUserRole(ctx, fx.admin.ID, ion.ID, agora.RoleModerator); err != nil {
		return fx, err
	}
	if err := st.RecordSentMail(ctx, 1, store.SentMail{Recipient: "ana@e2e.test", Subject: "Confirmați adresa de e-mail",
		Text: "Bună ziua,\n\nConfirmați adresa: " + srv.URL + "/verify?token=e2e\n"}); err != nil {
		return fx, err
	}

	if fx.payloads, err = xssPayloads(); err != nil {
		return fx, err
	}
	for i, p := range fx.payloads {
		u, err := st.CreateUser(ctx, store.NewUser{Email: fmt.Sprintf("xss%02d@e2e.test", i), DisplayName: p, EmailVerified: true})
		if err != nil {
			return fx, fmt.Errorf("xss user %d: %w", i, err)
		}
		if err := st.SaveProfile(ctx, u.ID, agora.ProfileInput{Country: "PL", Bio: p, Listed: true}); err != nil {
			return fx, fmt.Errorf("xss profile %d: %w", i, err)
		}
		fx.xssUsers = append(fx.xssUsers, u)
		o, err := st.CreateOrg(ctx, u.ID, agora.OrgInput{Name: p, Kind: "foundation", Country: "PL", RegionCode: "12", Description: p})
		if agora.KindOf(err) == agora.Invalid {
			continue // refusing a payload is as good as showing it inert
		}
		if err != nil {
			return fx, fmt.Errorf("xss org %d: %w", i, err)
		}
		fx.xssOrgs = append(fx.xssOrgs, o)
	}

	if fx.cx, err = seedConsultations(ctx, srv, &fx); err != nil {
		return fx, fmt.Errorf("consultations: %w", err)
	}

	if fx.adminCookie, err = srv.Login(ctx, fx.admin.ID); err != nil {
		return fx, err
	}
	if fx.anaCookie, err = srv.Login(ctx, fx.ana.ID); err != nil {
		return fx, err
	}
	return fx, nil
}
