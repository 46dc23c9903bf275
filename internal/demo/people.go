package demo

import (
	"github.com/agora-civic/agora"
)

// EmailDomain is the domain of every demo address. ".example" is
// reserved (RFC 2606): mail to it can never reach anybody.
const EmailDomain = "agora.example"

// person is one demo account and its profile.
type person struct {
	key  string // the address before @EmailDomain, and the reference used by the org tables
	name string
	lang string // "ro" or "pl"; also the profile's country
	role agora.PlatformRole
	// unverified accounts never confirmed their address; disabled ones
	// were switched off by the platform admin.
	unverified, disabled bool
	types                []agora.StakeholderType
	region               string // level-1 unit code of the country
	langs                []string
	domains              []string
	bio                  string
	vis                  map[string]agora.Visibility // overrides of the defaults
	unlisted             bool
	noProfile            bool
	// try tells the operator what to look at when signed in as this
	// person; printed in the login table.
	try string
}

func (p person) email() string { return p.key + "@" + EmailDomain }

func (p person) country() agora.Country {
	if p.lang == "pl" {
		return agora.PL
	}
	return agora.RO
}

func (p person) timeZone() string {
	if p.lang == "pl" {
		return "Europe/Warsaw"
	}
	return "Europe/Bucharest"
}

// profileInput is what the person would have typed on their profile page.
func (p person) profileInput() agora.ProfileInput {
	in := agora.ProfileInput{
		Bio: p.bio, Country: string(p.country()), Region: p.region,
		Languages: p.langs, Domains: p.domains, Listed: !p.unlisted,
		Visibility: map[string]string{},
	}
	for _, t := range p.types {
		in.Types = append(in.Types, string(t))
	}
	for f, v := range p.vis {
		in.Visibility[f] = string(v)
	}
	return in
}

// Keys of the people the seeding refers to by role.
const (
	keyAdmin     = "admin"
	keyModerator = "moderator"
)

func people() []person {
	private := agora.VisPrivate
	members := agora.VisMembers
	return []person{
		// Platform staff.
		{key: keyAdmin, name: "Ioana Dumitrescu", lang: "ro", role: agora.RoleAdmin,
			types: []agora.StakeholderType{agora.Expert}, region: "403", langs: []string{"ro", "en", "fr"},
			domains: []string{dParticipation, dTransparency},
			bio:     "Administratoarea platformei agora. Verific organizațiile și reprezentanții autorităților publice și răspund la întrebările despre regulile de participare.",
			try:     "verify organisations and officers, manage users, read the audit log and the sent mail (/admin)"},
		{key: keyModerator, name: "Tomasz Kowalczyk", lang: "pl", role: agora.RoleModerator,
			types: []agora.StakeholderType{agora.CivilSociety, agora.Expert}, region: "12", langs: []string{"pl", "en", "ro"},
			domains: []string{dParticipation, dCommunity},
			bio:     "Moderator platformy. Na co dzień zajmuję się mediacjami społecznymi w Krakowie i uczę, jak prowadzić konsultacje, w których słychać wszystkie strony.",
			try:     "platform moderator (made one by the admin, see the audit log)"},

		// Romanian NGOs.
		{key: "andrei.muresan", name: "Andrei Mureșan", lang: "ro",
			types: []agora.StakeholderType{agora.NGOMember, agora.CivilSociety}, region: "127", langs: []string{"ro", "en", "hu"},
			domains: []string{dInclusiveEdu, dSENEdu, dChildren},
			bio:     "Coordonator de programe la Asociația pentru Educație Incluzivă Cluj. De zece ani lucrez cu școlile din județ pentru ca fiecare copil cu cerințe educaționale speciale să aibă loc în clasă.",
			try:     "organisation admin of a verified association and a federation: edit the profile, add members"},
		{key: "daniel.matei", name: "Daniel Matei", lang: "ro",
			types: []agora.StakeholderType{agora.NGOMember}, region: "127", langs: []string{"ro", "en"},
			domains: []string{dInclusiveEdu, dVolunteering},
			bio:     "Voluntar și membru al asociației; organizez atelierele de vară pentru copii și strâng poveștile părinților pentru rapoartele noastre.",
			try:     "plain member of an organisation"},
		{key: "elena.popa", name: "Elena Popa", lang: "ro",
			types: []agora.StakeholderType{agora.NGOMember, agora.Expert}, region: "323", langs: []string{"ro", "de", "en"},
			domains: []string{dNGOSector, dCommunity, dSocial},
			bio:     "Directoare executivă a Fundației Comunitare Sibiu. Cred în filantropia locală și în granturile mici care schimbă lucruri mari în cartiere și sate.",
			try:     "admin of two verified foundations"},
		{key: "oana.lungu", name: "Oana Lungu", lang: "ro",
			types: []agora.StakeholderType{agora.CivilSociety, agora.NGOMember}, region: "225", langs: []string{"ro", "en"},
			domains: []string{dVolunteering, dSocial},
			bio:     "Organizez campanii de voluntariat în Iași: colecte pentru familiile vulnerabile, meditații gratuite și curățenie în parcuri.",
			try:     "admin of an association still waiting for verification"},
		{key: "stefan.tudor", name: "Ștefan Tudor", lang: "ro",
			types: []agora.StakeholderType{agora.CivilSociety}, region: "225", langs: []string{"ro"},
			domains: []string{dUrban, dEnvironment},
			vis:     map[string]agora.Visibility{agora.FieldRegion: private},
			bio:     "Locuiesc în Tătărași și am pornit, împreună cu vecinii, un grup pentru un cartier mai verde și mai sigur: trotuare, copaci, locuri de joacă.",
			try:     "informal group admin; region kept private"},
		{key: "ana.lazar", name: "Ana Lazăr", lang: "ro",
			types: []agora.StakeholderType{agora.NGOMember, agora.Employer}, region: "163", langs: []string{"ro", "it"},
			domains: []string{dSocialEnt, dSocial},
			bio:     "Conduc o întreprindere socială de inserție: angajăm persoane care au ieșit din sistemul de protecție și le sprijinim să își păstreze locul de muncă.",
			try:     "social economy organisations, one verified and one not"},

		// Romanian public authorities.
		{key: "bogdan.stanciu", name: "Bogdan Stanciu", lang: "ro",
			types: []agora.StakeholderType{agora.AuthorityRep}, region: "403", langs: []string{"ro", "en"},
			domains: []string{dUrban, dRural},
			bio:     "Consilier în Direcția generală dezvoltare regională. Administrez pagina ministerului pe agora.",
			try:     "admin of a central public authority"},
		{key: "alina.marin", name: "Alina Marin", lang: "ro",
			types: []agora.StakeholderType{agora.AuthorityRep}, region: "403", langs: []string{"ro", "en", "fr"},
			domains: []string{dUrban, dTransparency},
			bio:     "Consilier superior; coordonez consultările publice pe proiectele de acte normative ale ministerului.",
			try:     "verified authority officer (ministry)"},
		{key: "catalin.dobre", name: "Cătălin Dobre", lang: "ro",
			types: []agora.StakeholderType{agora.AuthorityRep}, region: "403", langs: []string{"ro"},
			domains: []string{dSocial},
			bio:     "Expert în cadrul ministerului, pe politicile de ocupare și incluziune socială.",
			try:     "admin of a ministry not yet verified"},
		{key: "horia.pop", name: "Horia Pop", lang: "ro",
			types: []agora.StakeholderType{agora.AuthorityRep}, region: "127", langs: []string{"ro", "hu"},
			domains: []string{dRural, dTransparency},
			bio:     "Purtător de cuvânt al Consiliului Județean Cluj.",
			try:     "admin of a county council"},
		{key: "mihaela.turcanu", name: "Mihaela Țurcanu", lang: "ro",
			types: []agora.StakeholderType{agora.AuthorityRep}, region: "127", langs: []string{"ro", "en"},
			domains: []string{dRural, dEducation},
			bio:     "Șefă a Serviciului de dezvoltare regională; răspund de strategia județeană pentru educație și de consultarea ONG-urilor.",
			try:     "verified authority officer (county council)"},
		{key: "cristina.ionescu", name: "Cristina Ionescu", lang: "ro",
			types: []agora.StakeholderType{agora.AuthorityRep}, region: "225", langs: []string{"ro", "fr"},
			domains: []string{dUrban, dParticipation},
			bio:     "Lucrez la Biroul relații cu societatea civilă al Primăriei Municipiului Iași.",
			try:     "admin of a city hall"},
		{key: "florin.chiriac", name: "Florin Chiriac", lang: "ro",
			types: []agora.StakeholderType{agora.AuthorityRep}, region: "225", langs: []string{"ro"},
			domains: []string{dUrban},
			bio:     "Inspector în Direcția de urbanism; aștept confirmarea ca funcționar al primăriei pe platformă.",
			try:     "authority officer waiting for verification (acts as a plain member until then)"},
		{key: "irina.avram", name: "Irina Avram", lang: "ro",
			types: []agora.StakeholderType{agora.AuthorityRep}, region: "127", langs: []string{"ro", "en"},
			domains: []string{dRural, dCommunity},
			bio:     "Secretar general al comunei Florești.",
			try:     "admin of a commune hall not yet verified"},

		// Romanian employers, employment providers and citizens.
		{key: "vlad.constantinescu", name: "Vlad Constantinescu", lang: "ro",
			types: []agora.StakeholderType{agora.Employer}, region: "83", langs: []string{"ro", "en", "de"},
			domains: []string{dSocialEnt},
			bio:     "Director de resurse umane la o firmă de logistică din Brașov; angajăm și tineri fără experiență.",
			try:     "employer"},
		{key: "gabriela.rusu", name: "Gabriela Rusu", lang: "ro",
			types: []agora.StakeholderType{agora.EmploymentProvider}, region: "350", langs: []string{"ro", "en", "hu"},
			domains: []string{dEducation, dSocial},
			bio:     "Formatoare autorizată și consilieră de carieră; organizăm cursuri de calificare pentru adulți în Timiș.",
			try:     "employment services provider"},
		{key: "adrian.balan", name: "Adrian Bălan", lang: "ro",
			types: []agora.StakeholderType{agora.Expert}, region: "350", langs: []string{"ro", "en", "es"},
			domains: []string{dResearch, dSocial, dTransparency},
			bio:     "Cercetător în politici publice. Evaluez programe de incluziune socială și scriu despre cum pot fi măsurate efectele lor.",
			try:     "independent expert"},
		{key: "maria.georgescu", name: "Maria Georgescu", lang: "ro",
			types: []agora.StakeholderType{agora.Beneficiary}, region: "225", langs: []string{"ro"},
			domains: []string{dDisability, dHealth},
			vis:     map[string]agora.Visibility{agora.FieldRegion: private, agora.FieldBio: members},
			bio:     "Mamă a doi copii, unul cu dizabilități. Vreau ca vocea familiilor ca a noastră să conteze în deciziile despre servicii sociale.",
			try:     "beneficiary; bio visible to signed-in users only, region private"},
		{key: "radu.neagu", name: "Radu Neagu", lang: "ro", unverified: true,
			types: []agora.StakeholderType{agora.CivilSociety}, region: "136", langs: []string{"ro"},
			domains: []string{dEnvironment},
			bio:     "Pasionat de protecția litoralului.",
			try:     "account whose address was never confirmed: not in the directory"},
		{key: "sorin.vasile", name: "Sorin Vasile", lang: "ro", disabled: true,
			types: []agora.StakeholderType{agora.Beneficiary}, region: "163", langs: []string{"ro"},
			bio: "Cont dezactivat de administratoare.",
			try: "account disabled by the admin: sign-in is refused"},

		// Polish NGOs.
		{key: "katarzyna.nowak", name: "Katarzyna Nowak", lang: "pl",
			types: []agora.StakeholderType{agora.NGOMember, agora.CivilSociety}, region: "12", langs: []string{"pl", "en"},
			domains: []string{dCommunity, dUrban, dParticipation},
			bio:     "Prezeska stowarzyszenia sąsiedzkiego na Podgórzu. Budżet obywatelski, zieleń miejska i konsultacje społeczne, które naprawdę coś zmieniają.",
			try:     "organisation admin of a verified association"},
		{key: "halina.wrobel", name: "Halina Wróbel", lang: "pl",
			types: []agora.StakeholderType{agora.NGOMember, agora.Beneficiary}, region: "10", langs: []string{"pl", "ru"},
			domains: []string{dSocial, dHealth},
			bio:     "Emerytowana nauczycielka. Prowadzę klub seniora i walczę o to, żeby osoby starsze nie były wykluczone cyfrowo.",
			try:     "admin of an unverified association and of a verified federation"},
		{key: "anna.wojcik", name: "Anna Wójcik", lang: "pl",
			types: []agora.StakeholderType{agora.NGOMember, agora.Expert}, region: "14", langs: []string{"pl", "en", "de"},
			domains: []string{dHumanRights, dDisability, dDigitalEdu},
			bio:     "Prawniczka i współzałożycielka fundacji. Zajmuję się równym dostępem do edukacji i usług publicznych dla osób z niepełnosprawnościami.",
			try:     "admin of two verified foundations"},
		{key: "michal.krawczyk", name: "Michał Krawczyk", lang: "pl",
			types: []agora.StakeholderType{agora.CivilSociety}, region: "02", langs: []string{"pl", "uk"},
			domains: []string{dCommunity, dCulture},
			bio:     "Animator kultury z Nadodrza. Sąsiedzkie śniadania, podwórkowe kino i remonty kamienic robione wspólnie z mieszkańcami.",
			try:     "informal group admin"},

		// Polish public authorities.
		{key: "marek.lewandowski", name: "Marek Lewandowski", lang: "pl",
			types: []agora.StakeholderType{agora.AuthorityRep}, region: "14", langs: []string{"pl", "en"},
			domains: []string{dSocial},
			bio:     "Naczelnik wydziału w Departamencie Pomocy i Integracji Społecznej.",
			try:     "admin of a central public authority"},
		{key: "piotr.zielinski", name: "Piotr Zieliński", lang: "pl",
			types: []agora.StakeholderType{agora.AuthorityRep}, region: "14", langs: []string{"pl", "en"},
			domains: []string{dSocial, dHousing},
			bio:     "Główny specjalista; przygotowuję konsultacje projektów ustaw dotyczących rynku pracy.",
			try:     "authority officer waiting for verification"},
		{key: "barbara.kozlowska", name: "Barbara Kozłowska", lang: "pl",
			types: []agora.StakeholderType{agora.AuthorityRep}, region: "12", langs: []string{"pl", "en"},
			domains: []string{dRural, dTransparency},
			bio:     "Rzeczniczka prasowa Urzędu Marszałkowskiego.",
			try:     "admin of a voivodeship office"},
		{key: "tomasz.grabowski", name: "Tomasz Grabowski", lang: "pl",
			types: []agora.StakeholderType{agora.AuthorityRep}, region: "12", langs: []string{"pl", "en", "de"},
			domains: []string{dRural, dNGOSector},
			bio:     "Kieruję zespołem ds. współpracy z organizacjami pozarządowymi w Departamencie Polityki Regionalnej.",
			try:     "verified authority officer (voivodeship office)"},
		{key: "krzysztof.jankowski", name: "Krzysztof Jankowski", lang: "pl",
			types: []agora.StakeholderType{agora.AuthorityRep}, region: "10", langs: []string{"pl"},
			domains: []string{dUrban},
			bio:     "Wydział Komunikacji Społecznej Urzędu Miasta Łodzi.",
			try:     "admin of a city office"},
		{key: "agnieszka.wisniewska", name: "Agnieszka Wiśniewska", lang: "pl",
			types: []agora.StakeholderType{agora.AuthorityRep}, region: "10", langs: []string{"pl", "en", "fr"},
			domains: []string{dParticipation, dNGOSector},
			bio:     "Pełnomocniczka Prezydenta Miasta ds. współpracy z organizacjami pozarządowymi. Prowadzę konsultacje programu współpracy na kolejny rok.",
			try:     "verified authority officer (city office)"},
		{key: "joanna.kaczmarek", name: "Joanna Kaczmarek", lang: "pl",
			types: []agora.StakeholderType{agora.AuthorityRep}, region: "18", langs: []string{"pl", "uk"},
			domains: []string{dUrban, dParticipation},
			bio:     "Biuro Rady Miasta Rzeszowa.",
			try:     "admin of a city office not yet verified"},

		// Polish employers, employment providers and citizens.
		{key: "jan.kaminski", name: "Jan Kamiński", lang: "pl",
			types: []agora.StakeholderType{agora.Employer}, region: "20", langs: []string{"pl", "en", "ru"},
			domains: []string{dRural},
			bio:     "Prezes spółdzielczej mleczarni; zatrudniamy ponad dwieście osób w północno-wschodniej Polsce.",
			try:     "employer"},
		{key: "magdalena.dabrowska", name: "Magdalena Dąbrowska", lang: "pl",
			types: []agora.StakeholderType{agora.EmploymentProvider}, region: "30", langs: []string{"pl", "en", "uk"},
			domains: []string{dSocial, dEducation},
			bio:     "Doradczyni zawodowa w agencji zatrudnienia; pomagam osobom długotrwale bezrobotnym i uchodźcom z Ukrainy wrócić na rynek pracy.",
			try:     "employment services provider"},
		{key: "lukasz.szymanski", name: "Łukasz Szymański", lang: "pl",
			types: []agora.StakeholderType{agora.NGOMember, agora.Employer}, region: "06", langs: []string{"pl", "en"},
			domains: []string{dSocialEnt, dSocial},
			bio:     "Prezes spółdzielni socjalnej. Catering, pralnia i drobne remonty — praca dla osób, którym trudno ją znaleźć gdzie indziej.",
			try:     "social economy organisations"},
		{key: "zofia.mazur", name: "Zofia Mazur", lang: "pl",
			types: []agora.StakeholderType{agora.Beneficiary}, region: "10", langs: []string{"pl", "en"},
			domains: []string{dDisability},
			vis:     map[string]agora.Visibility{agora.FieldLanguages: private, agora.FieldRegion: members},
			bio:     "Poruszam się na wózku. Interesuje mnie dostępność transportu publicznego i urzędów w Łodzi.",
			try:     "beneficiary; languages private, region for signed-in users"},
		{key: "ewa.pawlak", name: "Ewa Pawlak", lang: "pl", unlisted: true,
			types: []agora.StakeholderType{agora.Expert}, region: "22", langs: []string{"pl", "en", "es"},
			domains: []string{dResearch, dParticipation},
			bio:     "Socjolożka; badam partycypację obywatelską w polskich miastach.",
			try:     "expert who chose not to be listed in the directory"},
		{key: "pawel.nowicki", name: "Paweł Nowicki", lang: "pl", noProfile: true,
			try: "new participant without a profile yet"},
	}
}
