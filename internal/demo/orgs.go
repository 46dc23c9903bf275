package demo

import (
	"github.com/agora-civic/agora"
)

// org is one demo organisation, who runs it and whether the platform
// admin verified it.
type org struct {
	in       agora.OrgInput
	admin    string // person key of the creator, its first admin
	members  []string
	officers []officer
	verified bool
}

// officer is an authority officer of a public authority; verified ones
// were confirmed by the platform admin.
type officer struct {
	key      string
	title    string
	verified bool
}

func kind(k agora.OrgKind) string { return string(k) }

// organisations lists the demo organisations: every kind in both
// countries, public authorities at each level, verified and not.
// Identifiers are invented; their check digits are computed.
func organisations() []org {
	return []org{
		// Romania.
		{admin: "andrei.muresan", members: []string{"daniel.matei"}, verified: true, in: agora.OrgInput{
			Name: "Asociația pentru Educație Incluzivă Cluj", ShortName: "AEIC", Kind: kind(agora.OrgAssociation), Country: "RO",
			TaxID: cui("3145872"), RegistryNo: "12/2011", Street: "Str. Memorandumului nr. 21", UnitCode: "54984",
			PostalCode: "400114", Email: "contact@aeic." + EmailDomain, Phone: "+40 264 555 102", FoundedYear: "2011",
			Domains:     []string{dInclusiveEdu, dSENEdu, dChildren},
			Description: "Sprijinim școlile din județul Cluj să primească **toți** copiii:\n\n- formări pentru profesori de sprijin;\n- consiliere pentru părinți;\n- propuneri de politici publice pentru educația incluzivă.",
		}},
		{admin: "oana.lungu", in: agora.OrgInput{
			Name: "Asociația Voluntarilor din Iași", Kind: kind(agora.OrgAssociation), Country: "RO",
			TaxID: cui("4078215"), RegistryNo: "87/2016", Street: "Str. Lăpușneanu nr. 7", UnitCode: "95079",
			PostalCode: "700057", FoundedYear: "2016", Domains: []string{dVolunteering, dSocial},
			Description: "Rețea de voluntari care ajută familiile vulnerabile din Iași: colecte, meditații gratuite, însoțire la medic.",
		}},
		{admin: "elena.popa", verified: true, in: agora.OrgInput{
			Name: "Fundația Comunitară Sibiu", Kind: kind(agora.OrgFoundation), Country: "RO",
			TaxID: cui("2960143"), RegistryNo: "3/2008", Street: "Piața Mică nr. 16", UnitCode: "143469",
			PostalCode: "550182", FoundedYear: "2008", Domains: []string{dNGOSector, dCommunity, dCulture},
			Description: "Strângem donații de la oamenii și firmele din Sibiu și le dăm mai departe, prin granturi mici, inițiativelor locale.",
		}},
		{admin: "elena.popa", verified: true, in: agora.OrgInput{
			Name: "Fundația Casa Speranței", Kind: kind(agora.OrgFoundation), Country: "RO",
			TaxID: cui("1764390"), RegistryNo: "41/2004", Street: "Bd. Tomis nr. 143", UnitCode: "60428",
			PostalCode: "900591", FoundedYear: "2004", Domains: []string{dSocial, dHousing, dChildren},
			Description: "Adăpost și servicii de reintegrare pentru tinerii care părăsesc sistemul de protecție a copilului.",
		}},
		{admin: "andrei.muresan", members: []string{"elena.popa", "oana.lungu"}, verified: true, in: agora.OrgInput{
			Name: "Federația ONG-urilor pentru Dezvoltare Comunitară", ShortName: "FODC", Kind: kind(agora.OrgFederation), Country: "RO",
			TaxID: cui("3389021"), RegistryNo: "1/2014", Street: "Str. Academiei nr. 35", UnitCode: "179141",
			PostalCode: "010013", FoundedYear: "2014", Domains: []string{dNGOSector, dAdvocacy, dParticipation},
			Description: "Federație a 42 de organizații din toată țara care reprezintă sectorul asociativ în dialogul cu Guvernul.",
		}},
		{admin: "stefan.tudor", in: agora.OrgInput{
			Name: "Vecinii din Tătărași", Kind: kind(agora.OrgInformalGroup), Country: "RO", UnitCode: "95079",
			Domains:     []string{dUrban, dEnvironment},
			Description: "Grup informal de locatari: cerem primăriei trotuare reparate, copaci și un loc de joacă nou.",
		}},
		{admin: "bogdan.stanciu", officers: []officer{{"alina.marin", "Consilier superior", true}}, verified: true, in: agora.OrgInput{
			Name: "Ministerul Dezvoltării, Lucrărilor Publice și Administrației", ShortName: "MDLPA",
			Kind: kind(agora.OrgPublicAuthority), AuthorityLevel: agora.AuthorityCentral, Country: "RO",
			TaxID: cui("2636918"), Street: "Bd. Libertății nr. 16", UnitCode: "179132", PostalCode: "050706",
			Website: "https://www.mdlpa.ro", Domains: []string{dUrban, dRural, dTransparency},
			Description: "Ministerul care coordonează dezvoltarea regională, lucrările publice și administrația publică locală.",
		}},
		{admin: "catalin.dobre", in: agora.OrgInput{
			Name: "Ministerul Muncii și Solidarității Sociale", ShortName: "MMSS",
			Kind: kind(agora.OrgPublicAuthority), AuthorityLevel: agora.AuthorityCentral, Country: "RO",
			TaxID: cui("436637"), Street: "Str. Dem. I. Dobrescu nr. 2B", UnitCode: "179141", PostalCode: "010026",
			Website: "https://mmuncii.ro", Domains: []string{dSocial, dSocialEnt},
		}},
		{admin: "horia.pop", officers: []officer{{"mihaela.turcanu", "Șefă serviciu dezvoltare regională", true}}, verified: true, in: agora.OrgInput{
			Name: "Consiliul Județean Cluj", ShortName: "CJ Cluj",
			Kind: kind(agora.OrgPublicAuthority), AuthorityLevel: agora.AuthorityCounty, Country: "RO",
			TaxID: cui("419429"), Street: "Calea Dorobanților nr. 106", UnitCode: "54984", PostalCode: "400609",
			Website: "https://cjcluj.ro", Domains: []string{dRural, dEducation},
			Description: "Autoritatea administrației publice locale constituită la nivel județean.",
		}},
		{admin: "cristina.ionescu", officers: []officer{{"florin.chiriac", "Inspector urbanism", false}}, verified: true, in: agora.OrgInput{
			Name: "Primăria Municipiului Iași", Kind: kind(agora.OrgPublicAuthority), AuthorityLevel: agora.AuthorityLocal, Country: "RO",
			TaxID: cui("474137"), Street: "Bd. Ștefan cel Mare și Sfânt nr. 11", UnitCode: "95079", PostalCode: "700064",
			Website: "https://www.primaria-iasi.ro", Domains: []string{dUrban, dParticipation},
		}},
		{admin: "irina.avram", in: agora.OrgInput{
			Name: "Primăria Comunei Florești", Kind: kind(agora.OrgPublicAuthority), AuthorityLevel: agora.AuthorityLocal, Country: "RO",
			TaxID: cui("457168"), Street: "Str. Avram Iancu nr. 170", UnitCode: "57715", PostalCode: "407280",
			Domains: []string{dRural, dCommunity},
		}},
		{admin: "vlad.constantinescu", verified: true, in: agora.OrgInput{
			Name: "Carpați Logistic SRL", Kind: kind(agora.OrgEmployer), Country: "RO",
			TaxID: cui("3871204"), RegistryNo: "J08/1544/2017", Street: "Str. Zizinului nr. 110", UnitCode: "40205",
			PostalCode: "500407", FoundedYear: "2017", Domains: []string{dSocialEnt},
			Description: "Transport și depozitare; 180 de angajați, program de ucenicie pentru tineri fără experiență.",
		}},
		{admin: "gabriela.rusu", verified: true, in: agora.OrgInput{
			Name: "Centrul de Formare Profesională Meridian", Kind: kind(agora.OrgEmploymentProvider), Country: "RO",
			TaxID: cui("2251786"), Street: "Calea Aradului nr. 56", UnitCode: "155252", PostalCode: "300291",
			FoundedYear: "2009", Domains: []string{dEducation, dSocial},
			Description: "Cursuri de calificare autorizate, mediere a muncii și consiliere de carieră pentru adulți.",
		}},
		{admin: "ana.lazar", members: []string{"daniel.matei"}, verified: true, in: agora.OrgInput{
			Name: "Cooperativa Meșteșugarilor Ardeleni", Kind: kind(agora.OrgSocialEconomy), Country: "RO",
			TaxID: cui("3512978"), Street: "Str. Horea nr. 3", UnitCode: "54984", PostalCode: "400174",
			FoundedYear: "2015", Domains: []string{dSocialEnt, dCulture},
			Description: "Cooperativă de gradul I: olărit, țesut și tâmplărie, cu locuri de muncă pentru persoane cu dizabilități.",
		}},
		{admin: "ana.lazar", in: agora.OrgInput{
			Name: "Atelierul Social Craiova", Kind: kind(agora.OrgSocialEconomy), Country: "RO",
			TaxID: cui("4213390"), Street: "Str. Unirii nr. 44", UnitCode: "69919", PostalCode: "200585",
			FoundedYear: "2019", Domains: []string{dSocialEnt, dSocial},
			Description: "Întreprindere socială de inserție: croitorie și reparații.",
		}},

		// Poland.
		{admin: "katarzyna.nowak", members: []string{"michal.krawczyk"}, verified: true, in: agora.OrgInput{
			Name: "Stowarzyszenie Mieszkańców Starego Podgórza", Kind: kind(agora.OrgAssociation), Country: "PL",
			TaxID: nip("679314225"), RegistryNo: krs(412873), REGON: regon("12251403"), Street: "ul. Limanowskiego 24",
			UnitCode: "0950463", PostalCode: "30-551", FoundedYear: "2012", Domains: []string{dCommunity, dUrban, dParticipation},
			Description: "Dbamy o Podgórze: zieleń, bezpieczne podwórka i wnioski do budżetu obywatelskiego.",
		}},
		{admin: "halina.wrobel", in: agora.OrgInput{
			Name: "Stowarzyszenie Aktywnych Seniorów „Złota Jesień”", Kind: kind(agora.OrgAssociation), Country: "PL",
			TaxID: nip("727281943"), RegistryNo: krs(530114), Street: "ul. Piotrkowska 182", UnitCode: "0957650",
			PostalCode: "90-368", FoundedYear: "2014", Domains: []string{dSocial, dDigitalEdu},
			Description: "Klub seniora, kursy obsługi smartfona i wyjścia do teatru.",
		}},
		{admin: "anna.wojcik", verified: true, in: agora.OrgInput{
			Name: "Fundacja Równe Szanse", Kind: kind(agora.OrgFoundation), Country: "PL",
			TaxID: nip("525262781"), RegistryNo: krs(298431), REGON: regon("14104385"), Street: "ul. Marszałkowska 84/92",
			UnitCode: "0918123", PostalCode: "00-514", FoundedYear: "2008", Domains: []string{dHumanRights, dDisability, dLegalAid},
			Description: "Bezpłatne porady prawne i rzecznictwo na rzecz osób z niepełnosprawnościami.",
		}},
		{admin: "anna.wojcik", verified: true, in: agora.OrgInput{
			Name: "Fundacja Edukacji Cyfrowej „Bit po Bicie”", Kind: kind(agora.OrgFoundation), Country: "PL",
			TaxID: nip("583322914"), RegistryNo: krs(651208), Street: "ul. Długa 46", UnitCode: "0933016",
			PostalCode: "80-831", FoundedYear: "2016", Domains: []string{dDigitalEdu, dCivicTech},
			Description: "Uczymy programowania dzieci i seniorów, budujemy otwarte narzędzia dla samorządów.",
		}},
		{admin: "halina.wrobel", members: []string{"katarzyna.nowak"}, verified: true, in: agora.OrgInput{
			Name: "Federacja Organizacji Socjalnych Województwa Łódzkiego", ShortName: "FOSWŁ", Kind: kind(agora.OrgFederation), Country: "PL",
			TaxID: nip("725198376"), RegistryNo: krs(318007), REGON: regon("10072651"), Street: "ul. Zielona 27",
			UnitCode: "0957650", PostalCode: "90-602", FoundedYear: "2009", Domains: []string{dSocial, dNGOSector, dAdvocacy},
			Description: "Zrzeszamy 30 organizacji pomocy społecznej z regionu łódzkiego.",
		}},
		{admin: "michal.krawczyk", in: agora.OrgInput{
			Name: "Inicjatywa Sąsiedzka Nadodrze", Kind: kind(agora.OrgInformalGroup), Country: "PL",
			UnitCode: "0986283", Domains: []string{dCommunity, dCulture},
			Description: "Nieformalna grupa mieszkańców: śniadania sąsiedzkie, kino na podwórku, wspólne remonty.",
		}},
		{admin: "marek.lewandowski", officers: []officer{{"piotr.zielinski", "Główny specjalista", false}}, verified: true, in: agora.OrgInput{
			Name: "Ministerstwo Rodziny, Pracy i Polityki Społecznej", ShortName: "MRPiPS",
			Kind: kind(agora.OrgPublicAuthority), AuthorityLevel: agora.AuthorityCentral, Country: "PL",
			TaxID: nip("526103082"), REGON: regon("00051487"), Street: "ul. Nowogrodzka 1/3/5", UnitCode: "0918123",
			PostalCode: "00-513", Website: "https://www.gov.pl/web/rodzina", Domains: []string{dSocial, dHousing},
		}},
		{admin: "barbara.kozlowska", officers: []officer{{"tomasz.grabowski", "Kierownik zespołu ds. współpracy z NGO", true}}, verified: true, in: agora.OrgInput{
			Name: "Urząd Marszałkowski Województwa Małopolskiego", ShortName: "UMWM",
			Kind: kind(agora.OrgPublicAuthority), AuthorityLevel: agora.AuthorityCounty, Country: "PL",
			TaxID: nip("676210041"), REGON: regon("35155624"), Street: "ul. Basztowa 22", UnitCode: "0950463",
			PostalCode: "31-156", Website: "https://www.malopolska.pl", Domains: []string{dRural, dNGOSector},
		}},
		{admin: "krzysztof.jankowski", officers: []officer{{"agnieszka.wisniewska", "Pełnomocniczka Prezydenta Miasta ds. NGO", true}}, verified: true, in: agora.OrgInput{
			Name: "Urząd Miasta Łodzi", ShortName: "UMŁ",
			Kind: kind(agora.OrgPublicAuthority), AuthorityLevel: agora.AuthorityLocal, Country: "PL",
			TaxID: nip("725002134"), REGON: regon("47195329"), Street: "ul. Piotrkowska 104", UnitCode: "0957650",
			PostalCode: "90-926", Website: "https://uml.lodz.pl", Domains: []string{dUrban, dParticipation},
		}},
		{admin: "joanna.kaczmarek", in: agora.OrgInput{
			Name: "Urząd Miasta Rzeszowa", Kind: kind(agora.OrgPublicAuthority), AuthorityLevel: agora.AuthorityLocal, Country: "PL",
			TaxID: nip("813026654"), Street: "Rynek 1", UnitCode: "0974133", PostalCode: "35-064",
			Website: "https://www.erzeszow.pl", Domains: []string{dUrban},
		}},
		{admin: "jan.kaminski", verified: true, in: agora.OrgInput{
			Name: "Zakłady Mleczarskie Podlasie sp. z o.o.", Kind: kind(agora.OrgEmployer), Country: "PL",
			TaxID: nip("542301877"), RegistryNo: krs(187215), REGON: regon("05012396"), Street: "ul. Elewatorska 13",
			UnitCode: "0922410", PostalCode: "15-620", FoundedYear: "1997", Domains: []string{dRural},
			Description: "Mleczarnia zatrudniająca 230 osób; współpracujemy z powiatowymi urzędami pracy przy stażach.",
		}},
		{admin: "magdalena.dabrowska", verified: true, in: agora.OrgInput{
			Name: "Agencja Zatrudnienia Praca Plus sp. z o.o.", Kind: kind(agora.OrgEmploymentProvider), Country: "PL",
			TaxID: nip("778142563"), RegistryNo: krs(402118), Street: "ul. Głogowska 31/33", UnitCode: "0969400",
			PostalCode: "60-702", FoundedYear: "2011", Domains: []string{dSocial, dRefugees},
			Description: "Pośrednictwo pracy i doradztwo zawodowe, także w języku ukraińskim.",
		}},
		{admin: "lukasz.szymanski", verified: true, in: agora.OrgInput{
			Name: "Spółdzielnia Socjalna „Razem”", Kind: kind(agora.OrgSocialEconomy), Country: "PL",
			TaxID: nip("946261736"), RegistryNo: krs(371554), Street: "ul. Nadbystrzycka 11", UnitCode: "0954700",
			PostalCode: "20-618", FoundedYear: "2013", Domains: []string{dSocialEnt, dSocial},
			Description: "Catering, pralnia i drobne remonty; zatrudniamy osoby długotrwale bezrobotne.",
		}},
		{admin: "lukasz.szymanski", in: agora.OrgInput{
			Name: "Przedsiębiorstwo Społeczne Chleb i Praca", Kind: kind(agora.OrgSocialEconomy), Country: "PL",
			TaxID: nip("634281526"), Street: "ul. Mariacka 9", UnitCode: "0937474", PostalCode: "40-014",
			FoundedYear: "2020", Domains: []string{dSocialEnt},
			Description: "Piekarnia społeczna w centrum Katowic.",
		}},
	}
}
