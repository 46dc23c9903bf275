package demo

// Word lists for synthetic benchmark data: common given names and
// surnames, towns with the grammatical forms the name patterns need, and
// the words organisation names are built from. Never-written tables.

var (
	roFemale = []string{"Ana", "Maria", "Elena", "Ioana", "Andreea", "Cristina", "Mihaela", "Alexandra", "Gabriela", "Alina",
		"Daniela", "Simona", "Raluca", "Oana", "Roxana", "Irina", "Larisa", "Bianca", "Diana", "Corina", "Ștefania", "Teodora",
		"Mădălina", "Camelia", "Iulia", "Luminița", "Doina", "Viorica", "Florentina", "Adina"}
	roMale = []string{"Andrei", "Alexandru", "Mihai", "Ion", "Gheorghe", "Vasile", "Ștefan", "Florin", "Cristian", "Adrian",
		"Bogdan", "Radu", "Dan", "Marius", "Sorin", "Cătălin", "Ionuț", "Răzvan", "Tudor", "Vlad", "Lucian", "Dragoș",
		"Costin", "Horia", "Octavian", "Valentin", "Nicolae", "Petru", "Aurelian", "Silviu"}
	roSurnames = []string{"Popescu", "Ionescu", "Popa", "Pop", "Dumitru", "Stan", "Stoica", "Gheorghe", "Rusu", "Munteanu",
		"Matei", "Constantin", "Șerban", "Moldovan", "Mureșan", "Lungu", "Ene", "Ciobanu", "Tudor", "Marin", "Dobre",
		"Neagu", "Sârbu", "Bălan", "Oprea", "Lazăr", "Tănase", "Nistor", "Ardeleanu", "Țurcanu", "Cristea", "Mocanu",
		"Bucur", "Voicu", "Toma", "Barbu", "Florea", "Dinu", "Păun", "Căpraru", "Husar", "Szabó", "Kovács"}

	plFemale = []string{"Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Krystyna", "Elżbieta",
		"Magdalena", "Joanna", "Aleksandra", "Zofia", "Monika", "Beata", "Dorota", "Justyna", "Natalia", "Karolina", "Paulina",
		"Halina", "Jadwiga", "Grażyna", "Weronika", "Marta", "Iwona", "Bożena", "Urszula", "Łucja", "Danuta"}
	plMale = []string{"Piotr", "Krzysztof", "Andrzej", "Tomasz", "Jan", "Paweł", "Michał", "Marcin", "Stanisław", "Jakub",
		"Adam", "Marek", "Łukasz", "Grzegorz", "Mateusz", "Wojciech", "Mariusz", "Dariusz", "Zbigniew", "Jerzy", "Maciej",
		"Rafał", "Kamil", "Bartłomiej", "Szymon", "Sławomir", "Przemysław", "Jacek", "Dawid", "Zdzisław"}
	// plSurnames holds the masculine form and the feminine one; they
	// differ only for adjectival names (-ski/-ska, -cki/-cka).
	plSurnames = [][2]string{{"Nowak", "Nowak"}, {"Kowalski", "Kowalska"}, {"Wiśniewski", "Wiśniewska"}, {"Wójcik", "Wójcik"},
		{"Kowalczyk", "Kowalczyk"}, {"Kamiński", "Kamińska"}, {"Lewandowski", "Lewandowska"}, {"Zieliński", "Zielińska"},
		{"Szymański", "Szymańska"}, {"Woźniak", "Woźniak"}, {"Dąbrowski", "Dąbrowska"}, {"Kozłowski", "Kozłowska"},
		{"Jankowski", "Jankowska"}, {"Mazur", "Mazur"}, {"Kwiatkowski", "Kwiatkowska"}, {"Krawczyk", "Krawczyk"},
		{"Piotrowski", "Piotrowska"}, {"Grabowski", "Grabowska"}, {"Nowakowski", "Nowakowska"}, {"Pawłowski", "Pawłowska"},
		{"Michalski", "Michalska"}, {"Nowicki", "Nowicka"}, {"Adamczyk", "Adamczyk"}, {"Dudek", "Dudek"}, {"Zając", "Zając"},
		{"Wieczorek", "Wieczorek"}, {"Jabłoński", "Jabłońska"}, {"Król", "Król"}, {"Majewski", "Majewska"}, {"Olszewski", "Olszewska"},
		{"Jaworski", "Jaworska"}, {"Wróbel", "Wróbel"}, {"Malinowski", "Malinowska"}, {"Pawlak", "Pawlak"}, {"Witkowski", "Witkowska"},
		{"Walczak", "Walczak"}, {"Stępień", "Stępień"}, {"Górski", "Górska"}, {"Rutkowski", "Rutkowska"}, {"Michalak", "Michalak"},
		{"Sikora", "Sikora"}, {"Ostrowski", "Ostrowska"}, {"Baran", "Baran"}, {"Duda", "Duda"}, {"Szewczyk", "Szewczyk"},
		{"Tomaszewski", "Tomaszewska"}, {"Pietrzak", "Pietrzak"}, {"Marciniak", "Marciniak"}, {"Wróblewski", "Wróblewska"},
		{"Zalewski", "Zalewska"}, {"Jakubowski", "Jakubowska"}, {"Jasiński", "Jasińska"}, {"Zawadzki", "Zawadzka"}, {"Sadowski", "Sadowska"}}

	// roTowns are Romanian towns and the SIRUTA code of their county.
	roTowns = [][2]string{{"Cluj-Napoca", "127"}, {"Turda", "127"}, {"Dej", "127"}, {"Iași", "225"}, {"Pașcani", "225"},
		{"Timișoara", "350"}, {"Lugoj", "350"}, {"Brașov", "83"}, {"Făgăraș", "83"}, {"Sibiu", "323"}, {"Mediaș", "323"},
		{"Constanța", "136"}, {"Mangalia", "136"}, {"Craiova", "163"}, {"Băilești", "163"}, {"Oradea", "56"}, {"Salonta", "56"},
		{"Arad", "29"}, {"Pitești", "38"}, {"Bacău", "47"}, {"Onești", "47"}, {"Bistrița", "65"}, {"Botoșani", "74"},
		{"Brăila", "92"}, {"Buzău", "109"}, {"Reșița", "118"}, {"Călărași", "519"}, {"Sfântu Gheorghe", "145"},
		{"Târgoviște", "154"}, {"Galați", "172"}, {"Giurgiu", "528"}, {"Târgu Jiu", "181"}, {"Miercurea Ciuc", "190"},
		{"Deva", "207"}, {"Hunedoara", "207"}, {"Slobozia", "216"}, {"Voluntari", "234"}, {"Baia Mare", "243"},
		{"Sighetu Marmației", "243"}, {"Drobeta-Turnu Severin", "252"}, {"Târgu Mureș", "261"}, {"Piatra Neamț", "270"},
		{"Slatina", "289"}, {"Ploiești", "298"}, {"Satu Mare", "305"}, {"Zalău", "314"}, {"Suceava", "332"}, {"Rădăuți", "332"},
		{"Alexandria", "341"}, {"Tulcea", "369"}, {"Vaslui", "378"}, {"Bârlad", "378"}, {"Râmnicu Vâlcea", "387"},
		{"Focșani", "396"}, {"Alba Iulia", "10"}, {"București", "403"}}

	// plTowns are Polish towns: nominative, genitive, locative and the
	// TERYT code of their voivodeship.
	plTowns = [][4]string{{"Kraków", "Krakowa", "Krakowie", "12"}, {"Tarnów", "Tarnowa", "Tarnowie", "12"},
		{"Nowy Sącz", "Nowego Sącza", "Nowym Sączu", "12"}, {"Łódź", "Łodzi", "Łodzi", "10"}, {"Sieradz", "Sieradza", "Sieradzu", "10"},
		{"Skierniewice", "Skierniewic", "Skierniewicach", "10"}, {"Warszawa", "Warszawy", "Warszawie", "14"},
		{"Radom", "Radomia", "Radomiu", "14"}, {"Płock", "Płocka", "Płocku", "14"}, {"Siedlce", "Siedlec", "Siedlcach", "14"},
		{"Wrocław", "Wrocławia", "Wrocławiu", "02"}, {"Legnica", "Legnicy", "Legnicy", "02"}, {"Wałbrzych", "Wałbrzycha", "Wałbrzychu", "02"},
		{"Poznań", "Poznania", "Poznaniu", "30"}, {"Kalisz", "Kalisza", "Kaliszu", "30"}, {"Konin", "Konina", "Koninie", "30"},
		{"Gdańsk", "Gdańska", "Gdańsku", "22"}, {"Słupsk", "Słupska", "Słupsku", "22"}, {"Lublin", "Lublina", "Lublinie", "06"},
		{"Zamość", "Zamościa", "Zamościu", "06"}, {"Białystok", "Białegostoku", "Białymstoku", "20"}, {"Łomża", "Łomży", "Łomży", "20"},
		{"Suwałki", "Suwałk", "Suwałkach", "20"}, {"Katowice", "Katowic", "Katowicach", "24"}, {"Gliwice", "Gliwic", "Gliwicach", "24"},
		{"Częstochowa", "Częstochowy", "Częstochowie", "24"}, {"Bielsko-Biała", "Bielska-Białej", "Bielsku-Białej", "24"},
		{"Rzeszów", "Rzeszowa", "Rzeszowie", "18"}, {"Przemyśl", "Przemyśla", "Przemyślu", "18"}, {"Kielce", "Kielc", "Kielcach", "26"},
		{"Olsztyn", "Olsztyna", "Olsztynie", "28"}, {"Elbląg", "Elbląga", "Elblągu", "28"}, {"Opole", "Opola", "Opolu", "16"},
		{"Toruń", "Torunia", "Toruniu", "04"}, {"Bydgoszcz", "Bydgoszczy", "Bydgoszczy", "04"}, {"Szczecin", "Szczecina", "Szczecinie", "32"},
		{"Koszalin", "Koszalina", "Koszalinie", "32"}, {"Zielona Góra", "Zielonej Góry", "Zielonej Górze", "08"},
		{"Gorzów Wielkopolski", "Gorzowa Wielkopolskiego", "Gorzowie Wielkopolskim", "08"}}

	// plVoivodeshipGen is the genitive of each voivodeship's adjective,
	// as in "Urząd Marszałkowski Województwa Małopolskiego".
	plVoivodeshipGen = map[string]string{"02": "Dolnośląskiego", "04": "Kujawsko-Pomorskiego", "06": "Lubelskiego",
		"08": "Lubuskiego", "10": "Łódzkiego", "12": "Małopolskiego", "14": "Mazowieckiego", "16": "Opolskiego",
		"18": "Podkarpackiego", "20": "Podlaskiego", "22": "Pomorskiego", "24": "Śląskiego", "26": "Świętokrzyskiego",
		"28": "Warmińsko-Mazurskiego", "30": "Wielkopolskiego", "32": "Zachodniopomorskiego"}

	roTopics = []string{"pentru Educație", "pentru Protecția Mediului", "pentru Drepturile Copilului", "Tinerilor", "Părinților",
		"Seniorilor", "pentru Dezvoltare Comunitară", "Culturală", "Sportivă", "pentru Sănătate Mintală", "pentru Incluziune Socială",
		"Persoanelor cu Dizabilități", "Vecinilor", "Antreprenorilor Sociali", "pentru Transparență", "Femeilor", "Voluntarilor",
		"pentru Patrimoniu", "Bicicliștilor", "pentru Locuințe Sociale"}
	roCatchwords = []string{"Speranța", "Lumina", "Orizonturi", "Pași Mici", "Casa Bucuriei", "Inimă de Copil", "Viitor Verde",
		"Punți", "Ancora", "Izvor", "Mâini Întinse", "Șansa Ta", "Împreună", "Dor de Casă", "Calea Vieții", "Zâmbet"}
	roCentral = []string{"Ministerul Educației", "Ministerul Sănătății", "Ministerul Mediului, Apelor și Pădurilor",
		"Ministerul Culturii", "Ministerul Familiei, Tineretului și Egalității de Șanse", "Ministerul Investițiilor și Proiectelor Europene",
		"Agenția Națională pentru Plăți și Inspecție Socială", "Autoritatea Națională pentru Protecția Drepturilor Persoanelor cu Dizabilități",
		"Agenția Națională pentru Ocuparea Forței de Muncă", "Secretariatul General al Guvernului"}
	roFirmWords = []string{"Carpatica", "Transilvania", "Delta", "Danubius", "Bucovina", "Moldova", "Banat", "Oltenia",
		"Dobrogea", "Crișana", "Maramureș", "Someș", "Mureș", "Argeș"}
	roFirmTrades = []string{"Construct", "Logistic", "Agro", "Tech", "Textile", "Metal", "Food", "Mobila", "Print", "Transport"}

	plQuoted = []string{"Otwarte Drzwi", "Razem Lepiej", "Wspólna Sprawa", "Nowe Horyzonty", "Dobry Start", "Zielona Przestrzeń",
		"Pomocna Dłoń", "Tęcza", "Sąsiedzi", "Aktywni", "Promyk", "Przystań", "Źródło", "Most", "Żagiel", "Uśmiech"}
	plCentral = []string{"Ministerstwo Cyfryzacji", "Ministerstwo Zdrowia", "Ministerstwo Edukacji", "Ministerstwo Klimatu i Środowiska",
		"Ministerstwo Funduszy i Polityki Regionalnej", "Ministerstwo Kultury i Dziedzictwa Narodowego", "Ministerstwo Sportu i Turystyki",
		"Ministerstwo Rolnictwa i Rozwoju Wsi", "Państwowy Fundusz Rehabilitacji Osób Niepełnosprawnych", "Narodowy Instytut Wolności"}
	plFirmWords  = []string{"Polbud", "Mazovia", "Agro-Pol", "Techmet", "Bałtyk", "Wawel", "Karkonosze", "Warta", "Odra", "Wisła", "Tatry", "Mazury"}
	plFirmTrades = []string{"Logistyka", "Budownictwo", "Transport", "Serwis", "Meble", "Żywność", "Druk", "Energia"}
)
