"""The importer's vocabulary: closed classes of English words (titles, roles, organisation words, verbs).

Nothing here names a person; the lists are general English and general geography, so the rules
that use them carry over to any news article.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)
MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                       "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

HONORIFICS = _words("mr mrs ms miss mx dr prof sir dame lord lady rev hon mme mlle madam mister")

# Words of a title or role, as they stand before a name ("Senator John McCain", "inventor Franky
# Zapata", "Ford CEO Jim Hackett"). Compared lower-cased, plurals folded ("Presidents").
TITLES = _words("""
president vice-president president-elect vice prime premier minister secretary secretary-general
undersecretary under-secretary senator sen congressman congresswoman congressperson representative rep
governor gov governor-general mayor chancellor vice-chancellor king queen prince princess emperor
empress pope cardinal archbishop bishop rabbi imam sheikh ayatollah reverend judge justice magistrate
attorney attorney-general prosecutor solicitor barrister general gen colonel col major maj captain capt
lieutenant lt sergeant sgt corporal private admiral commander commodore marshal brigadier officer chief
director director-general chairman chairwoman chairperson chair ceo cfo coo cto cio md founder
co-founder cofounder executive spokesman spokeswoman spokesperson leader whip speaker commissioner
ambassador envoy consul deputy assistant asst superintendent inspector detective constable sheriff
trooper professor doctor coach manager head owner inventor actor actress singer songwriter musician
artist writer author co-author coauthor poet novelist producer journalist reporter editor
correspondent columnist broadcaster presenter host anchor pilot astronaut cosmonaut scientist
researcher economist analyst expert lawyer advocate activist campaigner candidate nominee councillor
councilor alderman legislator lawmaker mp mep delegate dean principal teacher lecturer student
player striker midfielder defender goalkeeper quarterback pitcher batsman bowler driver rider cyclist
runner sprinter champion boxer wrestler golfer swimmer athlete skater footballer cricketer chef
engineer architect designer photographer historian physician surgeon nurse paramedic firefighter
official administrator treasurer auditor comptroller registrar clerk coroner priest pastor chaplain
monk nun investigator agent diplomat wife husband son daughter mother father brother sister widow
widower grandson granddaughter grandmother grandfather uncle aunt nephew niece cousin fiance fiancee
boyfriend girlfriend victim suspect survivor witness resident visitor comedian rapper dancer model
filmmaker playwright composer conductor pianist guitarist drummer vocalist frontman bassist monarch
dictator tycoon billionaire businessman businesswoman entrepreneur investor banker co-author
chairman-elect teammate colleague aide adviser advisor consultant
counsel strategist organiser organizer coordinator supervisor president-designate adm cllr det insp
supt cpl pvt fr msgr amb pres
""")

# Role nouns that are titles only when written in lower case ("actor Richard Burton"); capitalised,
# they are usually part of the name of a thing ("Morning Star", "Head Office").
LOWER_CASE_ROLES = _words("""
star superstar model host anchor chair head boss pioneer veteran rookie champion victim suspect
survivor witness resident visitor agent player driver rider runner student teacher owner guard
wife husband son daughter mother father brother sister widow widower grandson granddaughter
grandmother grandfather uncle aunt nephew niece cousin partner boyfriend girlfriend
""")

# Words that qualify a title without being one ("former", "Senior", "then-new").
TITLE_MODIFIERS = _words("""
former ex late then acting interim incoming outgoing senior junior special civilian chief deputy
assistant associate executive vice first second lead principal regional national general managing
new current retired veteran longtime long-time fellow co joint top regular local
""")

# Words that end or make up the name of an organisation, place, event or thing: a chunk that holds
# one of these names no person. Compared lower-cased.
ORG_WORDS = _words("""
inc corp corporation co company ltd llc plc gmbh ag sa group holdings holding bank fund agency
authority bureau board council committee commission department ministry office service services
force forces army navy corps police guard party union association federation league club society
institute institution university college school academy foundation trust center centre hospital
clinic museum gallery library zoo parliament congress senate assembly cabinet government
administration network channel news times post journal magazine gazette tribune herald radio tv
television press media records studios pictures entertainment airlines airways airport station
railway railways motor motors systems technologies industries energy oil pharmaceuticals labs
laboratories partners associates partnership alliance coalition movement front organization
organisation program programme project initiative church cathedral mosque temple street road avenue
square bridge tower building island islands river lake sea ocean bay mountains valley estuary
forest desert canyon coast beach peninsula strait gulf city county province state states republic
kingdom empire region district territory mall market exchange stadium arena festival awards award
prize cup championship championships olympics games series marathon prix act law treaty agreement
accord convention constitution code report declaration resolution tribunal prison jail base fleet
mission telescope observatory hotel motel restaurant cafe pub theatre theater cinema shop store
studio satellite rover virus syndrome disease flu fire rescue health security
intelligence defense defence affairs communications operations relations resources sciences studies
research development trade commerce finance treasury labour labor education transport
transportation environment agriculture tourism interior acquisition acquisitions electric pacific
survey cross crescent institute
atlantic record records day week software hardware solutions capital nations united
""")

# Words of a place name that come before its other words ("North America", "San Francisco").
PLACE_PREFIXES = _words("""
north south east west northern southern eastern western central upper lower new old great greater
little saint st san santa los las fort port mount mt lake cape northeast northwest southeast
southwest middle far near
""")

CONTINENTS_AND_REGIONS = _words("""
africa asia europe america americas oceania antarctica arctic caribbean scandinavia balkans
mediterranean pacific atlantic eurasia siberia patagonia
""")

COUNTRIES = _words("""
afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas
bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei
bulgaria burkina burundi cambodia cameroon canada chad chile china colombia comoros congo croatia
cuba cyprus czechia czech denmark djibouti dominica ecuador egypt eritrea estonia eswatini ethiopia
fiji finland france gabon gambia georgia germany ghana greece grenada guatemala guinea guyana haiti
honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan jordan
kazakhstan kenya kiribati korea kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya
liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania
mauritius mexico micronesia moldova monaco mongolia montenegro morocco mozambique myanmar burma
namibia nauru nepal netherlands holland nicaragua niger nigeria macedonia norway oman pakistan palau
palestine panama paraguay peru philippines poland portugal qatar romania russia rwanda samoa
senegal serbia seychelles singapore slovakia slovenia somalia spain sudan suriname sweden
switzerland syria taiwan tajikistan tanzania thailand timor togo tonga trinidad tunisia turkey
turkmenistan tuvalu uganda ukraine emirates uae uk usa us britain england scotland wales uruguay
uzbekistan vanuatu vatican venezuela vietnam yemen zambia zimbabwe tibet greenland puerto
alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho
illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota
mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah
vermont virginia washington wisconsin wyoming ontario quebec london paris beijing moscow tokyo
berlin rome madrid delhi
""")

DEMONYMS = _words("""
african american asian european australian british english scottish welsh irish french german
italian spanish portuguese dutch belgian swiss austrian swedish norwegian danish finnish polish
czech slovak hungarian romanian bulgarian greek turkish russian ukrainian belarusian serbian
croatian bosnian albanian chinese japanese korean vietnamese thai indian pakistani bangladeshi
afghan iranian iraqi syrian lebanese israeli palestinian jordanian saudi egyptian libyan tunisian
algerian moroccan nigerian ghanaian kenyan ethiopian somali sudanese ugandan tanzanian rwandan
congolese angolan zimbabwean zambian mozambican malawian namibian botswanan beninese nigerien
malian senegalese ivorian cameroonian canadian mexican brazilian argentine argentinian chilean
peruvian colombian venezuelan cuban haitian jamaican filipino philippine indonesian malaysian
singaporean burmese cambodian laotian mongolian nepalese tibetan taiwanese kazakh uzbek georgian
armenian azerbaijani icelandic estonian latvian lithuanian slovenian maltese cypriot qatari kuwaiti
emirati omani yemeni bahraini sri lankan new zealander kiwi catalan basque flemish walloon bavarian
texan californian european arab kurdish persian jewish muslim christian catholic protestant
hindu buddhist sikh islamic international national federal regional provincial municipal
presidential royal imperial congressional parliamentary
""")

# Speech and statement verbs, in every form the attribution rules meet.
SPEECH_VERBS = _words("""
said says say saying told tells tell telling added adds add adding stated states state stating
explained explains explaining noted notes noting wrote writes write writing announced announces
announcing claimed claims claiming asked asks asking replied replies replying responded responds
responding commented comments commenting continued continues insisted insists insisting argued
argues arguing warned warns warning suggested suggests remarked remarks declared declares declaring
tweeted tweets tweeting posted posts described describes describing called calls calling
acknowledged acknowledges admitted admits emphasized emphasised emphasizes emphasises stressed
stresses concluded concludes recalled recalls quipped joked boasted pleaded urged urges vowed vows
promised promises predicted predicts confirmed confirms denied denies reported reports conceded
concedes countered counters observed observes exclaimed shouted whispered mused wrote read reads
reiterated reiterates testified testifies cautioned cautions opined blogged texted messaged
quoted explain warn
""")

# Speech verbs that, after a single capitalised word, show it names a speaker ("Zhang said").
STRONG_SPEECH_VERBS = _words(
    "said says told tells added adds stated states explained explains wrote writes replied replies "
    "insisted insists argued argues warned warns noted notes asked asks recalled recalls tweeted"
)

# Participles that attach a quotation to the subject of the main clause ("..., saying, "...").
SPEECH_PARTICIPLES = _words(
    "saying adding telling stating explaining noting writing claiming arguing warning declaring "
    "calling describing insisting asking replying responding continuing concluding"
)

PRONOUNS_PERSON = _words("he she")
PRONOUNS_THING = _words("it")

# Sentence-initial words that are not names although capitalised.
FUNCTION_WORDS = _words("""
a an the this that these those his her their its our my your in on at after before under however
while when with without by for from as if but and or so such some many most all both each every no
not there here it he she they we i you following during since until upon according meanwhile also
then later earlier today yesterday tomorrow tonight last next other another one two three four five
six seven eight nine ten what who why how where which several more less few despite although though
because once now just only even still yet instead like unlike over about around among between
through against within outside inside near off out up down to of any nor neither either again
already although always never often soon perhaps reportedly currently initially finally first
second third former latter previously earlier recently ago thus hence indeed overall further
regardless whether whose whom nearly almost about approximately some upon amid amidst despite
towards toward via per unlike besides beyond above below behind beside across along into onto
throughout whereas whilst nonetheless nevertheless moreover furthermore additionally dear nobody everyone
everybody someone somebody anyone anybody none nothing everything something yes okay ok please thanks
""")

# Determiners that make a speaker unnamed ("a Senate aide", "one of the children").
INDEFINITES = _words("a an one some several many another any most few two three four numerous")

# Nouns that stand for a document rather than a speaker ("the Act states ...").
DOCUMENT_WORDS = _words(
    "act law bill treaty constitution code article section clause decree order ordinance regulation "
    "rule rules charter declaration resolution report letter memo document statute amendment"
)

# Generic nouns by which an article refers back to an organisation ("the company said").
ORG_ANAPHORS = _words(
    "company firm group carmaker automaker manufacturer network organisation organization agency "
    "ministry department government utility bank airline club team party council committee "
    "commission board service channel broadcaster newspaper university institute charity corporation"
)

SUFFIXES = _words("jr jnr sr snr ii iii iv")
PARTICLES = _words("de da del della di du van von der den la le bin ibn al el dos das ter ten y")

# Word endings of common nouns and adjectives, never of a person's name ("Communications",
# "Acquisition", "Partnership", "Representative"), each with the shortest word it applies to
# (so "Clement", "Lawrence" and "Ness" stay names).
NOUN_ENDINGS = (
    ("tion", 6), ("tions", 7), ("sion", 6), ("sions", 7), ("ment", 8), ("ments", 8), ("ness", 8),
    ("ship", 7), ("ships", 8), ("ism", 6), ("isms", 7), ("ity", 6), ("ities", 7), ("ative", 7),
    ("atives", 8), ("ology", 6), ("ances", 8), ("ences", 8), ("ance", 9), ("ence", 9), ("ics", 6),
    ("ture", 7), ("tures", 8), ("tary", 7), ("ized", 6), ("ised", 6), ("ical", 6), ("ional", 7),
    ("ntal", 7), ("tral", 6), ("ural", 6),
)

# Role-noun endings ("anthropologist", "historian", "spokesman", "spokesperson").
ROLE_ENDINGS = ("ist", "ists", "ian", "ians", "man", "men", "woman", "women", "person", "people")

# Words that mark a clause as future or scheduled, for dates without a year or weekday names.
FUTURE_MARKERS = _words(
    "will would 'll shall expected scheduled due set planned plans plan planning going upcoming intends "
    "intend aims aim hopes hope slated poised"
)

# Units and counted nouns after a number that is then not a year ("1770 km", "2000 people").
UNIT_WORDS = _words("""
km kilometres kilometers kilometre kilometer miles mile metres meters m ft feet foot tons tonnes
kg pounds lb people persons percent per hectares acres cases deaths votes troops soldiers
residents customers homes houses units times points dollars euros yuan utc gmt hours hrs am pm
""")
