"""English given names by the gender most people who bear them have (lower case).

A small table written for earmark from public name statistics (the most common given names of
US births and censuses and of England and Wales birth registrations over the last century and a
half, plus names common in the news and in nineteenth-century fiction). Names given about as
often to either gender (Jordan, Taylor, Robin, Jean, Leslie ...) are in neither list: a speaker
named so gets a gender only from a title, a kinship word or the pronouns that refer to them.
"""

from __future__ import annotations

from earmark.quotes.words import word_set

FEMALE = word_set("""
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret
sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca
sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha
katherine christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia
joyce virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah
jacqueline martha gloria teresa ann sara madison frances kathryn janice abigail alice judy sophia
grace denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany
charlotte marie kayla alexis lori tammy irene rose jane lillian emily ella chloe mia ava
harriet fanny marianne elinor jane anne lucy lydia kitty georgiana caroline louisa henrietta
augusta maud matilda edith florence eleanor agnes clara beatrice ada adelaide amelia arabella
bertha cecilia cora della dora eliza ellen elsie esther ethel eva flora gertrude hattie hester
ida isabel isabella jemima josephine julia lavinia lettice lottie mabel margery marilla martha
mildred minnie miriam myrtle nellie nora olive pearl phoebe polly priscilla rhoda rosa rosamond
sophie sophy susanna susannah sybil violet winifred hillary hilary carly nikki kellyanne sarah
nancy elizabeth michelle melania ivanka chelsea huma hope donna debbie kirsten tammy amy jeanne
jill condoleezza madeleine sonia ruth elena janet loretta samantha susana mia maxine nita barbara
dianne patty claire kamala tulsi stacey liz megyn katie katy mika ann andrea gretchen
jodi juanita paula gennifer monica kathleen kathy cathy katharine kate katrina kristen kristin
tina sheila wendy yvonne zoe bella ruby poppy daisy lily molly holly evie freya isla amelie
jasmine leah layla nina paige tiffany vanessa whitney valerie veronica jenny jennie joanna
joanne josie laurie lois lorraine lucille lynn marcia marjorie marlene norma peggy phyllis rita
roberta rosemary sally shannon sherry stella sue sylvia thelma vera vicki vivian wanda yolanda
alison allison angie annie april audrey becky bonnie candace carmen carrie cassandra colleen
connie courtney crystal dana dawn delores eileen elaine erica erin felicia geraldine gina
gwendolyn heidi holly jacqueline jeanette jo joy june kara kari krista kristina lena lorna
luisa lucia margarita marina marsha maureen melanie meredith michele miranda nadia naomi
natasha nicola penelope philippa rachael regina renee rhonda rosalind roxanne selina serena
shelby sonya tabitha tamara tanya tracey tracy trudy ursula wilhelmina yasmin fiona gemma
kirsty lorna morag shona siobhan sinead aoife niamh carla ingrid greta helga olga svetlana
irina ludmila anastasia tatiana galina marisol guadalupe rosario pilar dolores consuelo
mercedes angelina giovanna francesca giulia chiara alessandra priya aisha fatima ayesha
zainab amina leila mariam ghazala malala aung indira benazir angela theresa nicola
beth betsy jen meg maggie ellie deb barb cindy trish vicky nell nan bess bessie lizzie tilly milly
dolly hetty jenna madeline madeleine maddie gabrielle gabriela brianna kaitlyn caitlin
""")

MALE = word_set("""
james robert john michael david william richard joseph thomas charles christopher daniel matthew
anthony antony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald
edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon
benjamin samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam
nathan henry douglas zachary peter kyle ethan walter noah jeremy christian keith roger terry
gerald harold sean austin carl arthur lawrence dylan jesse bryan billy joe bruce gabriel
logan albert willie alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason
philip louis harry oliver jack charlie alfie leo oscar archie freddie theo arthur hugo
fitzwilliam darcy bingley edmund edgar elton frederick wentworth walter william reginald
cedric cuthbert ebenezer ezra gilbert godfrey horace ignatius jasper jeremiah josiah julius
lionel montague nathaniel percival percy rupert silas simon stanley sydney sidney thaddeus
theodore tobias ulysses victor wilfred wilfrid clement bernard basil barnaby bartholomew
ambrose augustus alfred abraham amos herbert hubert humphrey isaac jacob jethro laurence
lemuel matthias mordecai noel obadiah octavius rufus septimus solomon sherlock mycroft
bernie ted marco jeb ben chris mike rand rick jim bobby scott newt mitt barack joe
donald reince sean corey paul steve jared eric roger rudy rudolph jeff
elijah tim tom bill dick al dan harry chuck mitch kevin trey jason devin adam
rahm barney antonin merrick neil tony vladimir xi shinzo francois emmanuel
justin enrique vicente felipe recep bashar benjamin bibi ehud kofi boris nigel
david jeremy gordon tony nick ed keir rishi hugh colin conrad craig curtis dale darren dean
derek dominic don duncan dustin earl eddie edwin elliot elliott emmett ernest felix floyd
francis fred gavin gene glen glenn gordon grant greg guy hank harvey hector herman howard
ian ivan jake jay jerome jimmy jon jonah julian karl kurt lance lee leon leonard lloyd luke
malcolm marcus martin marvin max maxwell melvin miles milton mitchell morris murray neil
nelson norman oscar owen perry phil ray reggie rex ricky rob rod rodney ron ross roy
russ sam seth shane sid spencer stuart stewart ted terrence todd tommy travis trevor troy
vernon vince wade wallace warren wesley wilbur will willard woody zach abdul ahmed ali hassan
hussein ibrahim khalid mahmoud mohammed muhammad omar osama rashid saeed tariq yusuf ahmad
amir arjun ashok narendra rahul raj rajiv sanjay vijay hiroshi kenji takeshi wei ming jin
hans jurgen klaus dieter wolfgang pierre jacques jean-luc luc michel alain philippe giuseppe
giovanni luigi marco mario paolo pablo carlos diego fernando javier jorge luis manuel miguel
pedro rafael ricardo sergio fidel hugo raul vladimir dmitri sergei igor mikhail nikolai yuri
alexei boris ivan cornelius josiah silas bradley chad clint cody colby garrett hunter jared
kirk mitt newt rory seamus declan liam finn callum hamish angus fergus ewan alistair alasdair
ken dave matt andy bob pete walt doug brad josh nate zack gabe frankie davy dick ned
""")

_BOTH = FEMALE & MALE
FEMALE_NAMES = FEMALE - _BOTH
"""Given names borne mostly by women."""
MALE_NAMES = MALE - _BOTH
"""Given names borne mostly by men."""
