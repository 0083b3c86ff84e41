package search

// The stop words of each language Galley stems, from the Snowball
// project's lists (https://snowballstem.org/, as github.com/kljensen/snowball
// v0.10.0 ships them), folded as Tokenize folds text ("été" → "ete",
// "más" → "mas") and without the one-letter words Tokenize drops anyway.
// The reader's script holds the same lists: a query drops them too.

// stopEnglish is the English list.
const stopEnglish = `
about above after again against all am an and any are as at be because been
before being below between both but by can did do does doing don down during
each few for from further had has have having he her here hers herself him
himself his how if in into is it its itself just me more most my myself no
nor not now of off on once only or other our ours ourselves out over own
same she should so some such than that the their theirs them themselves then
there these they this those through to too under until up very was we were
what when where which while who whom why will with you your yours yourself
yourselves
`

// stopFrench is the French list.
const stopFrench = `
ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez
auriez aurions aurons auront aux avaient avais avait avec avez aviez avions
avons ayant ayante ayantes ayants ayez ayons ce ces dans de des du elle en
es est et etaient etais etait etant etante etantes etants ete etee etees
etes etiez etions eu eue eues eumes eurent eus eusse eussent eusses eussiez
eussions eut eutes eux fumes furent fus fusse fussent fusses fussiez
fussions fut futes il je la le leur lui ma mais me meme mes moi mon ne nos
notre nous on ont ou par pas pour qu que qui sa se sera serai seraient
serais serait seras serez seriez serions serons seront ses soient sois soit
sommes son sont soyez soyons suis sur ta te tes toi ton tu un une vos votre
vous
`

// stopHungarian is the Hungarian list.
const stopHungarian = `
abban ahhoz ahogy ahol aki akik akkor alatt altal altalaban amely amelyek
amelyekben amelyeket amelyet amelynek ami amig amikor amit amolyan annak
arra arrol at az azert azok azon azonban azt aztan azutan azzal bar be belul
benne cikk cikkek cikkeket csak de ebben eddig egesz egy egyeb egyes
egyetlen egyik egyre ehhez ekkor el eleg ellen elo eloszor elott elso
emilyen en ennek eppen erre es ez ezek ezen ezert ezt ezzel fel fele hanem
hiszen hogy hogyan igen igy ill illetve ilyen ilyenkor ismet ison itt jo
jobban jol kell kellett keressunk keresztul ki kivul kozott kozul legalabb
legyen lehet lehetett lenne lenni lesz lett maga magat majd mar mas masik
meg mellett mely melyek mert mi miert mig mikor milyen minden mindenki
mindent mindig mint mintha mit mivel most nagy nagyobb nagyon ne neha nehany
nekem neki nelkul nem nincs ok oket olyan ossze ott pedig persze ra sajat
sem semmi sok sokat sokkal szamara szemben szerint szinte talan tehat teljes
tobb tovabb tovabba ugy ugyanis uj ujabb ujra utan utana utolso vagy vagyis
vagyok valaki valami valamint valo van vannak vele vissza viszont volna volt
voltak voltam voltunk
`

// stopNorwegian is the Norwegian list.
const stopNorwegian = `
alle andre arbeid av begge bort bra bruke da denne der deres det din disse
du eller en ene eneste enhver enn er et fa folk for fordi forsoke forst fra
ga gjorde gjore god ha hadde han hans hennes her hva hvem hver hvilken hvis
hvor hvordan hvorfor ikke inn innen kan kunne lage lang lik like ma makt
mange mate med meg meget men mens mer mest min mye na nar navn nei ny og
ogsa om opp oss over pa part punkt rett riktig sa samme sant si siden sist
skulle slik slutt som start stille tid til tilbake tilstand under ut uten
var vare vart ved verdi vi vil ville vite
`

// stopRussian is the Russian list.
const stopRussian = `
без более больше будет будто бы был была были было быть вам вас вдруг ведь
во вот впрочем все всегда всего всех всю вы где да даже два для до другои
его ее еи ему если есть еще же за зачем здесь из или им иногда их как какая
какои когда конечно кто куда ли лучше между меня мне много может можно мои
моя мы на над надо наконец нас не него нее неи нельзя нет ни нибудь никогда
ним них ничего но ну об один он она они опять от перед по под после потом
потому почти при про раз разве сам свою себе себя сеичас со совсем так такои
там тебя тем теперь то тогда того тоже только том тот три тут ты уж уже
хорошо хоть чего чем через что чтоб чтобы чуть эти этого этои этом этот эту
`

// stopSpanish is the Spanish list.
const stopSpanish = `
al algo algunas algunos ante antes como con contra cual cuando de del desde
donde durante el ella ellas ellos en entre era erais eramos eran eras eres
es esa esas ese eso esos esta estaba estabais estabamos estaban estabas
estad estada estadas estado estados estais estamos estan estando estar
estara estaran estaras estare estareis estaremos estaria estariais
estariamos estarian estarias estas este esteis estemos esten estes esto
estos estoy estuve estuviera estuvierais estuvieramos estuvieran estuvieras
estuvieron estuviese estuvieseis estuviesemos estuviesen estuvieses
estuvimos estuviste estuvisteis estuvo fue fuera fuerais fueramos fueran
fueras fueron fuese fueseis fuesemos fuesen fueses fui fuimos fuiste
fuisteis ha habeis habia habiais habiamos habian habias habida habidas
habido habidos habiendo habra habran habras habre habreis habremos habria
habriais habriamos habrian habrias han has hasta hay haya hayais hayamos
hayan hayas he hemos hube hubiera hubierais hubieramos hubieran hubieras
hubieron hubiese hubieseis hubiesemos hubiesen hubieses hubimos hubiste
hubisteis hubo la las le les lo los mas me mi mia mias mio mios mis mucho
muchos muy nada ni no nos nosotras nosotros nuestra nuestras nuestro
nuestros os otra otras otro otros para pero poco por porque que quien
quienes se sea seais seamos sean seas sentid sentida sentidas sentido
sentidos sera seran seras sere sereis seremos seria seriais seriamos serian
serias si siente sin sintiendo sobre sois somos son soy su sus suya suyas
suyo suyos tambien tanto te tendra tendran tendras tendre tendreis tendremos
tendria tendriais tendriamos tendrian tendrias tened teneis tenemos tenga
tengais tengamos tengan tengas tengo tenia teniais teniamos tenian tenias
tenida tenidas tenido tenidos teniendo ti tiene tienen tienes todo todos tu
tus tuve tuviera tuvierais tuvieramos tuvieran tuvieras tuvieron tuviese
tuvieseis tuviesemos tuviesen tuvieses tuvimos tuviste tuvisteis tuvo tuya
tuyas tuyo tuyos un una uno unos vosostras vosostros vuestra vuestras
vuestro vuestros ya yo
`

// stopSwedish is the Swedish list.
const stopSwedish = `
alla allt an ar at att av blev bli blir blivit da dar de dem den denna deras
dess dessa det detta dig din dina ditt du efter ej eller en er era ert ett
for fran ha hade han hans har henne hennes hon honom hur icke ingen inom
inte jag ju kan kunde man med mellan men mig min mina mitt mot mycket nagon
nagot nagra nar ni nu och om oss over pa sa sadan sadana sadant samma sedan
sig sin sina sitta sjalv skulle som till under upp ut utan vad var vara
varfor varit varje vars vart vem vi vid vilka vilkas vilken vilket
`
