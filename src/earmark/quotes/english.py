"""English: the words the quote stage knows, as one table (earmark.quotes.words.WordLists).

Another language gets a module of its own beside this one, named in words.LANGUAGES.
"""

from __future__ import annotations

from earmark.quotes.english_names import FEMALE_NAMES, MALE_NAMES
from earmark.quotes.words import WordLists, word_set

WORDS = WordLists(
    speech_verbs=word_set("""
say says said saying add adds added tell tells told warn warns warned stress stresses stressed
note notes noted explain explains explained argue argues argued ask asks asked reply replies
replied answer answers answered continue continues continued insist insists insisted claim
claims claimed declare declares declared announce announces announced write writes wrote recall
recalls recalled observe observes observed remark remarks remarked emphasise emphasises
emphasised emphasize emphasizes emphasized urge urges urged suggest suggests suggested
acknowledge acknowledges acknowledged admit admits admitted concede concedes conceded caution
cautions cautioned predict predicts predicted promise promises promised vow vows vowed pledge
pledges pledged state states stated comment comments commented respond responds responded shout
shouts shouted yell yells yelled whisper whispers whispered cry cries cried mutter mutters
muttered murmur murmurs murmured call calls called describe describes described tweet tweets
tweeted post posts posted confirm confirms confirmed deny denies denied agree agrees agreed
disagree disagrees disagreed complain complains complained joke jokes joked laugh laughs laughed
sigh sighs sighed exclaim exclaims exclaimed boast boasts boasted maintain maintains maintained
conclude concludes concluded demand demands demanded protest protests protested repeat repeats
repeated snap snaps snapped counter counters countered object objects objected wonder wonders
wondered hiss hisses hissed interrupt interrupts interrupted offer offers offered report reports
reported testify testifies testified returned rejoined retorted resumed inquired enquired
interposed persisted pursued began thought mused gasped groaned sobbed screamed roared growled
stammered blurted drawled chuckled giggled pleaded begged lied conceded grumbled
proclaim proclaims proclaimed reiterate reiterates reiterated confess confesses
confessed chant chants chanted quip quips quipped scoff scoffs scoffed assert asserts asserted
allege alleges alleged contend contends contended lament laments lamented recount recounts
recounted quote quotes quoted rail rails railed insisted concluded concludes
"""),
    speech_phrases=(
        "went on",
        "goes on",
        "go on",
        "put it",
        "puts it",
        "pointed out",
        "points out",
        "wrote back",
        "shot back",
        "fired back",
        "called out",
    ),
    titles=word_set("""
secretary minister president vice prime premier mayor governor gov senator sen representative rep
congressman congresswoman councillor councilor councilman councilwoman commissioner chief
inspector detective officer constable sergeant sgt captain capt commander cmdr general gen colonel
col lieutenant lt major admiral judge justice professor prof doctor dr mr mrs ms mx miss sir dame
lord lady baroness baron king queen prince princess emperor empress duke duchess pope cardinal
bishop archbishop rabbi imam
rev reverend father sister coach chairman chairwoman chair chairperson director deputy ambassador
chancellor speaker leader spokesman spokeswoman spokesperson ceo cfo chancellor superintendent
supt sheriff marshal attorney solicitor barrister dean principal headteacher president-elect
engineer farmer builder drummer guitarist singer economist analyst teacher nurse lawyer driver
pilot manager owner resident worker student activist author writer novelist actor actress artist
historian scientist researcher campaigner volunteer organiser organizer founder editor reporter
journalist photographer architect surgeon paramedic firefighter soldier veteran pastor priest
delegate donor strategist pollster lobbyist whip recorder anchor co-anchor challenger
misses messrs mesdames
"""),
    organisation_words=word_set("""
ministry department council company corporation corp inc ltd plc llc agency police service office
bank group university college school committee commission union association party government
court board authority foundation house institute institution trust club network news post
times water team
airlines airways hospital army navy force federation league organisation organization
"""),
    male_words=word_set("""
mr sir lord king prince father duke baron earl count husband son man boy brother uncle
grandfather gentleman nephew monsieur señor herr
"""),
    female_words=word_set("""
mrs ms miss dame lady queen princess sister duchess baroness countess wife daughter woman girl
mother aunt grandmother niece madam madame señora frau actress misses mesdames
"""),
    leading_stopwords=word_set("""
the a an but and or so yet in on at when while after before then meanwhile however still now
today yesterday also earlier later asked according this that these those if as though although
indeed instead afterwards however finally ultimately thereupon whereupon presently suddenly
two three four five six seven eight nine ten eleven twelve
"""),
    calendar_words=word_set("""
monday tuesday wednesday thursday friday saturday sunday january february march april june
july august september october november december
"""),
    peoples=word_set("""
american mexican latino latina hispanic asian african european british briton english french
german italian spanish spaniard russian chinese japanese korean canadian australian indian
pakistani iraqi iranian syrian saudi israeli palestinian arab arabic turkish turk greek irish
scottish scots welsh dutch swiss swedish polish cuban brazilian egyptian afghan libyan
ukrainian venezuelan colombian nigerian kenyan vietnamese filipino yemeni kurdish kurd muslim
islamic jewish jew jews catholic protestant evangelical mormon quaker hindu sikh gentile
democratic democrat republican
conservative liberal progressive libertarian socialist communist tory unionist federal
western eastern northern southern midwestern central
"""),
    female_names=FEMALE_NAMES,
    male_names=MALE_NAMES,
    not_names=word_set("""
chapter book part volume canto act scene section appendix preface prologue epilogue contents
do does did don't doesn't didn't to once for from with by of is are was were be been have has
had will would shall should can could may might must not no yes what why how where who whom
which whose there here it its it's my your our his her their we you they he she i me us them
oh ah alas well now then so yet just only even perhaps maybe surely indeed thus hence whatever
whoever everybody everyone nobody somebody someone anybody anyone nothing something everything
some all any each every both either neither many much more most few several such other another
others
good dear poor little old young great very quite really thank thanks please sorry hello
goodbye ladies gentlemen let come go look see say tell give take make get
hush hark lo pooh pshaw bah hum hem ha hah ho hurrah hurray huzzah bravo fie tut phew oho aha
hey hi eh ay aye nay amen adieu ahem whew ugh gosh golly egad zounds alack heigh humph
lor lawk lawks gad goodness gracious heavens mercy
therefore moreover furthermore nevertheless nonetheless otherwise accordingly consequently
instead likewise anyway anyhow somehow afterwards afterward whereupon wherefore
absent after before during since until unless whether because though although while
among amid amidst against alongside despite besides beyond under over through throughout within
without toward towards upon into onto across along around behind below beneath beside between
like unlike near via following including regarding concerning
"""),
    trailing_not_names=word_set("""
monday tuesday wednesday thursday friday saturday sunday january february april june
july august september october november december today tonight yesterday age aged
"""),
    place_words=word_set("""
street avenue road lane square park county city town village state states kingdom republic
river sea ocean lake mountain mountains island islands valley beach bay airport station tower
bridge center centre hall church cathedral abbey castle palace act bill law amendment treaty
war day week month year america american americans england english britain british france
french germany german russia russian china chinese japan mexico canada europe european africa
asia iraq iran syria israel washington york jersey carolina dakota virginia hampshire texas
california florida ohio iowa nevada arizona colorado georgia michigan wisconsin pennsylvania
massachusetts connecticut maryland illinois indiana kentucky tennessee alabama mississippi
louisiana arkansas missouri kansas nebraska oklahoma montana wyoming idaho utah oregon alaska
hawaii maine vermont london paris moscow beijing tokyo berlin rome
hotel plaza farm gallery museum theater theatre stadium arena mall restaurant place
"""),
    not_speakers=word_set("""
deep high low small large big little young old far near rare gentle harsh soft loud quiet
nervous prominent apparent strange same next first last other famous emotional vast primary
sleepy timid angry gruff warm cold caustic kind good bad great long short faint hoarse sharp
shrill piercing
following past share impact majority process principle debate way face home head hand
hands eyes eye belly culture question dress photo picture room ballot scheduling
cover flag shop hour half time day week year moment thing fact point idea word words door
window table chair floor wall street road finger fingers thumb thumbs lip lips mouth tongue blood
cheek cheeks
brow shoulder shoulders arm arms look looks glance smile frown nod answer reply accent tone end
city town village country county pier scent cry gasp
ones coat hat cap cloak gown dressing-gown bonnet shawl sleeve sleeves collar boots
"""),
)
