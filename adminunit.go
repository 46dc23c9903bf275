package agora

// Country is an ISO 3166-1 alpha-2 code of a country agora serves.
type Country string

// The countries agora serves.
const (
	RO Country = "RO"
	PL Country = "PL"
)

// Machine kinds of administrative units. Romanian kinds come from the
// SIRUTA TIP column, Polish ones from TERC RODZ/NAZWA_DOD and SIMC RM.
// They are stable identifiers (stored, used in URLs and i18n keys such as
// "adminunit.kind.judet"), not display text.
const (
	KindJudet      = "judet"      // RO county, and Bucharest at level 1 is KindMunicipiu
	KindMunicipiu  = "municipiu"  // RO municipality (city with municipality rank)
	KindOras       = "oras"       // RO town
	KindComuna     = "comuna"     // RO rural commune
	KindSector     = "sector"     // RO Bucharest sector
	KindLocalitate = "localitate" // RO locality or village inside a UAT

	KindWojewodztwo            = "wojewodztwo"
	KindPowiat                 = "powiat"
	KindMiastoNaPrawachPowiatu = "miasto_na_prawach_powiatu"
	KindGminaMiejska           = "gmina_miejska"
	KindGminaWiejska           = "gmina_wiejska"
	KindGminaMiejskoWiejska    = "gmina_miejsko_wiejska"
	KindMiasto                 = "miasto"             // TERC town part of an urban-rural gmina; SIMC town
	KindObszarWiejski          = "obszar_wiejski"     // TERC rural part of an urban-rural gmina
	KindDelegatura             = "delegatura"         // district office of a big city (TERC and SIMC)
	KindDzielnica              = "dzielnica"          // Warsaw district (TERC and SIMC)
	KindMiejscowosc            = "miejscowosc"        // SIMC village, colony, hamlet, settlement…
	KindCzescMiejscowosci      = "czesc_miejscowosci" // SIMC part of a locality or of a town
)

// AdminUnit is one administrative unit: a Romanian județ, UAT or locality
// from SIRUTA, or a Polish województwo, powiat, gmina (TERC) or locality
// (SIMC).
//
// Codes are the official ones, so they are unique per (Country, Level,
// Code) but not per (Country, Code): 93 TERC gmina codes are also SIMC
// locality codes (both have seven digits). ParentCode therefore always
// names a unit of level Level-1 of the same country, and PartOf a unit of
// the same level.
type AdminUnit struct {
	Country Country
	// Code is the SIRUTA code as a decimal string without leading zeros
	// ("10", "1017"); for TERC the zero-padded WOJ+POW+GMI+RODZ ("02",
	// "0201", "0201011"); for SIMC the seven-digit SYM ("0851732").
	Code string
	// ParentCode is the code of the unit one level up, "" at level 1. A SIMC
	// locality's parent is its gmina in TERC.
	ParentCode string
	// PartOf is, for a SIMC part of a locality, the SYM of the locality it
	// belongs to (SYMPOD); "" otherwise.
	PartOf string
	// Level is 1 for a county or voivodeship, 2 for a UAT or powiat, 3 for
	// a Romanian locality (and Bucharest sectors) or a gmina, 4 for a SIMC
	// locality.
	Level int
	// Kind is one of the Kind* constants.
	Kind string
	// Name is the display name in proper case with the country's
	// diacritics (comma-below ș ț for Romanian), without the prefix the
	// Kind already says: "Alba" for JUDEȚUL ALBA, "Alba Iulia" for
	// MUNICIPIUL ALBA IULIA, "Sectorul 1". Polish names are as published,
	// except voivodeships, which are published upper case and are
	// title-cased ("Dolnośląskie").
	Name string
	// NUTS is the NUTS-3 code of a Romanian unit; "" when unknown or when
	// the published one was found inconsistent.
	NUTS string
	// Region is the code of the level-1 unit the unit lies in (county
	// SIRUTA code, voivodeship WOJ), for filtering; a level-1 unit has its
	// own code.
	Region string
	// Postal is the Romanian postal code (six digits), "" when none.
	Postal string
}
